// Spill code for the register allocator (regalloc.ts): every use and
// definition of a spilled virtual register goes through a temporary that
// is loaded from or stored to the register's stack slot. The rewrite also
// derives the allocator's operand table of the new code from the old one.
import { reg, rewriteUses, useBuffer, type Address, type Instruction, type IrFunction, type Terminator, type Value, type VReg } from "./ir";
import { DEF, OPERAND_STRIDE, SECOND_DEF, SPARE, USES, USE_COUNT_MASK, type OperandTable } from "./liveness";

/** Returns `array` if it has room for `n` elements, or a new, longer Int32Array (without the old contents). */
function room(array: Int32Array, n: number): Int32Array {
  return array.length >= n ? array : new Int32Array(Math.max(n, 2 * array.length));
}

/** The entry ranges of the spilled registers' intervals, as pairs of first and last entry. */
let scratchRanges: Int32Array = new Int32Array(0);

/**
 * An operand table that grows as rewriteSpills appends entries. It derives
 * the entries of the instructions that spilling makes or changes from the
 * old entries and the temporaries, instead of reading the instruction
 * objects again. A test checks the result against allocatorTable().
 */
class TableBuilder {
  ops: Int32Array;
  /** Words written so far. */
  length = 0;

  /** `buffer` is reused if it has room for `capacity` words. */
  constructor(buffer: Int32Array, capacity: number) {
    this.ops = buffer.length >= capacity ? buffer : new Int32Array(capacity);
  }

  private reserve(words: number): void {
    if (this.length + words <= this.ops.length) return;
    const grown = new Int32Array(Math.max(this.ops.length * 2, this.length + words));
    grown.set(this.ops.subarray(0, this.length));
    this.ops = grown;
  }

  /** Appends the entries in words [from, to) of `ops`. */
  copy(ops: Int32Array, from: number, to: number): void {
    this.reserve(to - from);
    // set() costs a subarray view, which a short run does not repay.
    if (to - from > 4 * OPERAND_STRIDE) this.ops.set(ops.subarray(from, to), this.length);
    else for (let o = from; o < to; o++) this.ops[this.length + o - from] = ops[o];
    this.length += to - from;
  }

  /** Appends the entry of a 4-byte load of a spill slot into `dst`. */
  load(dst: VReg): void {
    this.reserve(OPERAND_STRIDE);
    const o = this.length;
    this.ops[o] = 0;
    this.ops[o + DEF] = dst;
    this.ops[o + SECOND_DEF] = -1;
    this.ops[o + SPARE] = -1;
    this.length += OPERAND_STRIDE;
  }

  /** Appends the entry of a 4-byte store to a spill slot from `src`, or from a constant when `src` is -1. */
  store(src: VReg): void {
    this.reserve(OPERAND_STRIDE);
    const o = this.length;
    this.ops[o] = src >= 0 ? 1 : 0;
    this.ops[o + USES] = src;
    this.ops[o + DEF] = -1;
    this.ops[o + SECOND_DEF] = -1;
    this.ops[o + SPARE] = -1;
    this.length += OPERAND_STRIDE;
  }

  /**
   * Appends a copy of the entry at word `o` of `ops` that reads the
   * temporaries reload() just made in place of the spilled registers, and
   * returns the word where it starts. The SPARE word names a register
   * that the entry reads, so it follows the same replacement.
   */
  reloaded(ops: Int32Array, o: number): number {
    this.reserve(OPERAND_STRIDE);
    const at = this.length;
    for (let w = 0; w < OPERAND_STRIDE; w++) this.ops[at + w] = ops[o + w];
    for (let k = (ops[o] & USE_COUNT_MASK) - 1; k >= 0; k--) {
      const r = reloadedAt(ops[o + USES + k], reloadCount);
      if (r >= 0) this.ops[at + USES + k] = replacement[r];
    }
    const from = ops[o + SPARE] >= 0 ? reloadedAt(ops[o + SPARE], reloadCount) : -1;
    if (from >= 0) this.ops[at + SPARE] = replacement[from];
    this.length += OPERAND_STRIDE;
    return at;
  }
}

function isSpilled(spilled: Uint8Array, v: VReg): boolean {
  // One unsigned comparison rejects both -1 (no register) and the temporaries past the flags.
  return (v >>> 0) < spilled.length && spilled[v] === 1;
}

/** True when the table entry at word `o` reads or writes a spilled register. */
function mentionsSpilled(ops: Int32Array, o: number, spilled: Uint8Array): boolean {
  for (let k = (ops[o] & USE_COUNT_MASK) - 1; k >= 0; k--) if (isSpilled(spilled, ops[o + USES + k])) return true;
  return isSpilled(spilled, ops[o + DEF]) || isSpilled(spilled, ops[o + SECOND_DEF]);
}

/**
 * Returns a copy of `registers` sorted by start. Most rounds spill a few
 * registers, and an insertion sort orders those without a comparator call
 * per pair. A long list goes to Array.prototype.sort, whose step count
 * grows more slowly.
 */
function sortByStart(registers: VReg[], start: Int32Array): VReg[] {
  const sorted = registers.slice();
  if (sorted.length > 32) return sorted.sort((a, b) => start[a] - start[b]);
  for (let k = 1; k < sorted.length; k++) {
    const v = sorted[k];
    let j = k;
    for (; j > 0 && start[sorted[j - 1]] > start[v]; j--) sorted[j] = sorted[j - 1];
    sorted[j] = v;
  }
  return sorted;
}

/**
 * Returns the entry ranges that the intervals of this round's spilled
 * registers cover, sorted and merged. Every mention of a register lies
 * inside its interval, so no entry outside these ranges needs a rewrite.
 * After the first round a few registers spill, and their ranges cover a
 * small part of the function.
 */
export function spilledRanges({ start, end }: { start: Int32Array; end: Int32Array }, registers: VReg[]): { ranges: Int32Array; count: number } {
  const ranges = scratchRanges = room(scratchRanges, 2 * registers.length);
  const sorted = sortByStart(registers, start);
  let count = 0;
  for (const v of sorted) {
    const first = start[v] >> 1, last = end[v] >> 1;
    if (count > 0 && first <= ranges[2 * count - 1] + 1) {
      if (last > ranges[2 * count - 1]) ranges[2 * count - 1] = last;
    } else {
      ranges[2 * count] = first;
      ranges[2 * count + 1] = last;
      count++;
    }
  }
  return { ranges, count };
}

/**
 * Sends every use and definition of a spilled register (flagged 1 in
 * `spilled`) through a new temporary loaded from or stored to its slot.
 * Returns the table of the rewritten function, written to `spare` and
 * `spareStarts` when they have room. Only the instructions that mention a
 * spilled register change, and the rest keep their entries. Only blocks
 * that overlap `ranges` (from spilledRanges) are searched.
 */
export function rewriteSpills(
  fn: IrFunction, table: OperandTable, spilled: Uint8Array, { ranges, count }: { ranges: Int32Array; count: number }, spare: Int32Array, spareStarts: Int32Array,
): OperandTable {
  const { ops, blockStart } = table;
  const blocks = fn.blocks;
  const words = blockStart[blocks.length] * OPERAND_STRIDE;
  const out = new TableBuilder(spare, words + (words >>> 3));
  const next = room(spareStarts, blocks.length + 1);
  lostHints.length = 0;
  // Entries from word `pending` up to the current one are unchanged and not yet copied: they go over in one piece.
  let pending = 0;
  // The first range that ends at or after the current block's first entry.
  let range = 0;
  for (let bi = 0; bi < blocks.length; bi++) {
    const first = blockStart[bi] * OPERAND_STRIDE, end = blockStart[bi + 1] * OPERAND_STRIDE;
    next[bi] = (out.length + first - pending) / OPERAND_STRIDE;
    while (range < count && ranges[2 * range + 1] < blockStart[bi]) range++;
    if (range === count || ranges[2 * range] >= blockStart[bi + 1]) continue;
    let o = first;
    while (o < end && !mentionsSpilled(ops, o, spilled)) o += OPERAND_STRIDE;
    if (o === end) continue;
    const b = blocks[bi];
    const insts = b.insts;
    // The block keeps its instructions before the first one to rewrite, and the rest go through `tail`.
    const kept = (o - first) / OPERAND_STRIDE;
    tailLength = 0;
    for (let i = kept; i < insts.length; i++, o += OPERAND_STRIDE) {
      const inst = insts[i];
      if (!mentionsSpilled(ops, o, spilled)) {
        append(inst);
        continue;
      }
      out.copy(ops, pending, o);
      pending = o + OPERAND_STRIDE;
      spillInstruction(fn, inst, ops, o, spilled, out);
    }
    const term = b.term!;
    if (mentionsSpilled(ops, o, spilled)) {
      out.copy(ops, pending, o);
      pending = o + OPERAND_STRIDE;
      reload(fn, term, ops, o, spilled, out);
      out.reloaded(ops, o);
    }
    // A rewrite only adds instructions, so the tail overwrites the old ones and then extends the array in
    // place, which saves a new array per block. Lowering gives each block an array of its own.
    for (let k = 0; k < tailLength; k++) {
      if (kept + k < insts.length) insts[kept + k] = tail[k];
      else insts.push(tail[k]);
    }
  }
  out.copy(ops, pending, words);
  next[blocks.length] = out.length / OPERAND_STRIDE;
  // The blockStart array may be longer than the blocks need, as the allocator's own tables may be.
  return { ops: out.ops, blockStart: next };
}

/** The destinations of the copies that the last rewriteSpills() call turned into loads. */
export const lostHints: VReg[] = [];

/*
 * The rewritten instructions of one block, from its first rewritten
 * instruction on, are tail[0] to tail[tailLength - 1]. The array is
 * written by index and never truncated, so it keeps its capacity from one
 * block to the next, and entries past tailLength are stale.
 */
const tail: Instruction[] = [];
let tailLength = 0;

function append(inst: Instruction): void {
  tail[tailLength++] = inst;
}

/**
 * Appends to the tail the rewrite of `inst`, which mentions a spilled
 * register, with its loads and stores, and their entries to `out`. The
 * entry of `inst` is at word `o` of `ops`.
 */
function spillInstruction(fn: IrFunction, inst: Instruction, ops: Int32Array, o: number, spilled: Uint8Array, out: TableBuilder): void {
  // A copy with one side spilled becomes the slot's load or store itself, with no temporary.
  if (inst.op === "mov" && inst.src.kind === "reg" && isSpilled(spilled, inst.src.reg) && !isSpilled(spilled, inst.dst)) {
    append({ op: "load", dst: inst.dst, address: slot(inst.src.reg), size: 4, signed: false });
    out.load(inst.dst);
    // A load gives no copy hint, so inst.dst may now take its hint from another copy into it.
    lostHints.push(inst.dst);
    return;
  }
  if (inst.op === "mov" && isSpilled(spilled, inst.dst) && !(inst.src.kind === "reg" && isSpilled(spilled, inst.src.reg))) {
    append({ op: "store", address: slot(inst.dst), src: inst.src, size: 4 });
    out.store(inst.src.kind === "reg" ? inst.src.reg : -1);
    return;
  }
  reload(fn, inst, ops, o, spilled, out);
  append(inst);
  const entry = out.reloaded(ops, o);
  // The table's definition words are instructionDef() and secondDef() of `inst`.
  const d = ops[o + DEF];
  if (isSpilled(spilled, d)) {
    const t = temporary(fn, d);
    (inst as { dst: VReg }).dst = t;
    out.ops[entry + DEF] = t;
    append({ op: "store", address: slot(d), src: reg(t), size: 4 });
    out.store(t);
  }
  const h = ops[o + SECOND_DEF];
  if (inst.op === "call" && isSpilled(spilled, h)) {
    const t = temporary(fn, h);
    inst.dstHigh = t;
    out.ops[entry + SECOND_DEF] = t;
    append({ op: "store", address: slot(h), src: reg(t), size: 4 });
    out.store(t);
  }
}

/**
 * Appends to the tail loads of the spilled registers that `inst` reads
 * into temporaries, and their entries to `out`, and makes `inst` read
 * those. The entry of `inst` is at word `o` of `ops`.
 */
function reload(fn: IrFunction, inst: Instruction | Terminator, ops: Int32Array, o: number, spilled: Uint8Array, out: TableBuilder): void {
  // The entry lists the uses in instructionUses() or terminatorUses() order, which numbers the temporaries.
  // Spilled register reloaded[k] is read from temporary replacement[k]; an instruction reads at most four registers.
  const count = ops[o] & USE_COUNT_MASK;
  let reloads = 0;
  for (let k = 0; k < count; k++) {
    const v = ops[o + USES + k];
    if (!isSpilled(spilled, v) || reloadedAt(v, reloads) >= 0) continue;
    const t = temporary(fn, v);
    reloaded[reloads] = v;
    replacement[reloads++] = t;
    append({ op: "load", dst: t, address: slot(v), size: 4, signed: false });
    out.load(t);
  }
  reloadCount = reloads;
  if (reloads > 0) rewriteUses(inst, readReloaded);
}

const reloaded = useBuffer(), replacement = useBuffer();
/** The number of entries of `reloaded` that readReloaded consults. */
let reloadCount = 0;

function reloadedAt(v: VReg, reloads: number): number {
  for (let k = 0; k < reloads; k++) if (reloaded[k] === v) return k;
  return -1;
}

/** Maps a spilled register that reload() loaded to its temporary, for rewriteUses. */
function readReloaded(r: VReg): Value | undefined {
  const k = reloadedAt(r, reloadCount);
  return k < 0 ? undefined : reg(replacement[k]);
}

/** Returns a new temporary for spilled register `v`, with the same register constraints. */
function temporary(fn: IrFunction, v: VReg): VReg {
  const t = fn.vregCount++;
  fn.forbidden.push(fn.forbidden[v]);
  return t;
}

/*
 * One slot address per register number, made on first use and shared by
 * every load and store of that slot in every function. Nothing changes
 * an address without a base or index in place: rewriteUses() maps only
 * those two fields, and the emitter only reads addresses.
 */
const slotAddresses: (Address | undefined)[] = [];

/** Returns the stack slot of spilled register `v`, which the emitter places in the frame. */
function slot(v: VReg): Address {
  // Growing one by one keeps the array's elements packed.
  while (slotAddresses.length <= v) slotAddresses.push(undefined);
  return slotAddresses[v] ??= { frame: true, disp: 0, scale: 1, spill: v };
}
