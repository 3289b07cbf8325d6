// Store-to-load forwarding and reuse of loaded values within a block. A
// 4-byte load from an address whose contents the block has already stored
// or loaded becomes a copy of that value, and a store of the value already
// in memory there is removed. It runs only when the translation unit
// contains no `volatile` (the front end does not keep qualifiers in its
// types, so a file that uses the keyword keeps every access). A store
// invalidates what it may overlap. Two addresses are known to be apart only
// when they differ just in displacement over the same registers and symbol,
// when one is a stack slot and the other a global, or when they name two
// different globals.
import { reg, type Address, type Instruction, type IrFunction, type Value, type VReg } from "./ir";
import { reuseInt32 } from "./scratch";

/** Known contents: `value` is in memory at `address`, `size` bytes, while the registers keep their counts. */
interface Known {
  address: Address;
  size: number;
  value: Value;
  /** Definition counts of the base, the index and the value's register when the entry was made. */
  baseAt: number;
  indexAt: number;
  valueAt: number;
}

/** At most this many facts per block: a bound on the work per instruction. */
const MAX_KNOWN = 32;

/**
 * Forwards stored and loaded values within each block. `uses`: each
 * register's use count, updated for the operands that the pass drops or
 * adds. `copyBlocks`: a flag per block (in fn.blocks order), set for each
 * block where a load becomes a copy of a register.
 */
export function forwardMemory(fn: IrFunction, uses: Int32Array, copyBlocks: Uint8Array): void {
  // written[v] counts v's definitions so far, and an entry is valid while the counts it saw are current.
  // The counts start from whatever the array holds, because only equality with an earlier count matters.
  const written = reuseInt32("forwardMemory.written", fn.vregCount);
  // The facts about the current block's memory, oldest first, are known[0] to known[facts - 1]:
  // one array serves every block, and emptying it is setting `facts` to 0.
  const known: Known[] = [];
  let facts = 0;
  for (let bi = 0; bi < fn.blocks.length; bi++) {
    const insts = fn.blocks[bi].insts;
    facts = 0;
    // Kept instructions move down in place over removed stores: insts[0] to insts[kept - 1] are done.
    let kept = 0;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i];
      let now: Instruction = inst;
      // One switch forwards, counts the definitions (written[]) and records the new facts.
      switch (inst.op) {
        case "load": {
          const a = inst.address;
          let forwarded = false;
          if (inst.size === 4 && !a.stack) {
            // The oldest valid fact about the same address gives the value.
            for (let j = 0; j < facts; j++) {
              const k = known[j];
              if (k.size === 4 && isValid(k, written) && sameAddress(k.address, a)) {
                now = { op: "mov", dst: inst.dst, src: k.value };
                dropAddressUses(a, uses);
                if (k.value.kind === "reg") {
                  uses[k.value.reg]++;
                  copyBlocks[bi] = 1;
                }
                forwarded = true;
                break;
              }
            }
          }
          written[inst.dst]++;
          if (!forwarded && inst.size === 4 && !a.stack && a.base !== inst.dst && a.index !== inst.dst) facts = remember(known, facts, written, a, 4, reg(inst.dst));
          break;
        }
        case "store": {
          if (inst.size === 4 && storesKnownValue(known, facts, inst.address, inst.src, written)) {
            dropAddressUses(inst.address, uses);
            if (inst.src.kind === "reg") uses[inst.src.reg]--;
            // Skipping the move below drops the store.
            continue;
          }
          // Keep, in order, the facts that are still valid and that the store cannot overwrite.
          let remaining = 0;
          for (let j = 0; j < facts; j++) {
            const k = known[j];
            if (isValid(k, written) && !mayOverlap(k.address, k.size, inst.address, inst.size)) known[remaining++] = k;
          }
          facts = remaining;
          if (inst.size === 4 && !inst.address.stack) facts = remember(known, facts, written, inst.address, 4, inst.src);
          break;
        }
        case "call":
          facts = 0;
          if (inst.dst !== undefined) written[inst.dst]++;
          if (inst.dstHigh !== undefined) written[inst.dstHigh]++;
          break;
        case "copy": case "zero":
          facts = 0;
          break;
        case "line": case "arg":
          break;
        default:
          written[inst.dst]++;
      }
      // Most instructions stay where they are, and then the array is not written.
      if (kept !== i || now !== inst) insts[kept] = now;
      kept++;
    }
    if (kept < insts.length) insts.length = kept;
  }
}

/*
 * The helpers below are module-level functions rather than closures in forwardMemory, because tsx's
 * keepNames wraps each closure in a __name call (an Object.defineProperty) whenever it is created.
 * written[v] counts v's definitions so far, as in forwardMemory.
 */

function definitionCount(written: Int32Array, v: VReg | undefined): number {
  return v === undefined ? 0 : written[v];
}

/** Tells whether the registers that fact `k` depends on have kept the definition counts it saw. */
function isValid(k: Known, written: Int32Array): boolean {
  return definitionCount(written, k.address.base) === k.baseAt && definitionCount(written, k.address.index) === k.indexAt &&
    (k.value.kind !== "reg" || written[k.value.reg] === k.valueAt);
}

/** Appends a fact to known[0] to known[facts - 1], dropping the oldest when there are MAX_KNOWN, and returns the new count. */
function remember(known: Known[], facts: number, written: Int32Array, address: Address, size: number, value: Value): number {
  if (facts >= MAX_KNOWN) {
    for (let j = 1; j < facts; j++) known[j - 1] = known[j];
    facts--;
  }
  known[facts++] = {
    address, size, value, baseAt: definitionCount(written, address.base), indexAt: definitionCount(written, address.index),
    valueAt: value.kind === "reg" ? written[value.reg] : 0,
  };
  return facts;
}

function dropAddressUses(a: Address, uses: Int32Array): void {
  if (a.base !== undefined) uses[a.base]--;
  if (a.index !== undefined) uses[a.index]--;
}

/** Tells whether a valid fact among the first `facts` records that the 4 bytes at `address` contain `value`. */
function storesKnownValue(known: Known[], facts: number, address: Address, value: Value, written: Int32Array): boolean {
  for (let j = 0; j < facts; j++) {
    const k = known[j];
    if (k.size === 4 && isValid(k, written) && sameAddress(k.address, address) && sameValue(k.value, value)) return true;
  }
  return false;
}

function sameValue(x: Value, y: Value): boolean {
  if (x.kind === "reg") return y.kind === "reg" && x.reg === y.reg;
  if (x.kind === "imm") return y.kind === "imm" && x.value === y.value;
  return y.kind === "sym" && x.name === y.name && x.offset === y.offset;
}

/** Tells whether two addresses have the same registers, scale, symbol and kind of base (displacements may differ). */
function sameForm(x: Address, y: Address): boolean {
  return x.base === y.base && x.index === y.index && (x.index === undefined || x.scale === y.scale) &&
    x.symbol === y.symbol && !!x.frame === !!y.frame && !!x.stack === !!y.stack;
}

function sameAddress(x: Address, y: Address): boolean {
  return sameForm(x, y) && x.disp === y.disp;
}

/** Tells whether the address is only a global (a symbol with no registers). */
function isGlobal(a: Address): boolean {
  return a.symbol !== undefined && a.base === undefined && a.index === undefined && !a.frame && !a.stack;
}

/** Tells whether the address is only a stack slot of this frame (no registers, no symbol). */
function isFrameSlot(a: Address): boolean {
  return !!a.frame && a.base === undefined && a.index === undefined && a.symbol === undefined;
}

/** Returns false only when the two byte ranges certainly do not overlap. */
function mayOverlap(x: Address, xSize: number, y: Address, ySize: number): boolean {
  if (sameForm(x, y)) return x.disp < y.disp + ySize && y.disp < x.disp + xSize;
  if ((isGlobal(x) && isFrameSlot(y)) || (isFrameSlot(x) && isGlobal(y))) return false;
  if (isGlobal(x) && isGlobal(y)) return false;
  return true;
}

/** The largest struct copy, in bytes, that becomes word loads and stores that forwarding can see through. */
const EXPANDED_COPY = 16;

function isSmallCopy(inst: Instruction): inst is Extract<Instruction, { op: "copy" }> {
  return inst.op === "copy" && inst.size % 4 === 0 && inst.size <= EXPANDED_COPY;
}

/** Tells whether `insts` contains a small copy, in a plain loop: this runs for every block, and most contain none. */
function containsSmallCopy(insts: Instruction[]): boolean {
  for (let i = 0; i < insts.length; i++) if (isSmallCopy(insts[i])) return true;
  return false;
}

/**
 * Rewrites each small struct copy (a multiple of 4 bytes, at most
 * EXPANDED_COPY) as a load and a store per word, in the order the emitter
 * copies words, so that forwardMemory can follow the values.
 */
export function expandSmallCopies(fn: IrFunction): void {
  for (const b of fn.blocks) {
    if (!containsSmallCopy(b.insts)) continue;
    const out: Instruction[] = [];
    for (const inst of b.insts) {
      if (!isSmallCopy(inst)) {
        out.push(inst);
        continue;
      }
      for (let at = 0; at < inst.size; at += 4) {
        const t = fn.vregCount++;
        fn.forbidden.push(0);
        out.push({ op: "load", dst: t, address: { ...inst.from, disp: inst.from.disp + at }, size: 4, signed: false });
        out.push({ op: "store", address: { ...inst.to, disp: inst.to.disp + at }, src: reg(t), size: 4 });
      }
    }
    b.insts = out;
  }
}
