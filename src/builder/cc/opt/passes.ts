// The IR passes. Constant folding and propagation, algebraic simplification
// and strength reduction make operands cheaper. Copy propagation and
// retargeting a temporary's definition to the variable it is copied into
// remove moves. Comparisons fuse into the branches that test them, and
// dead-code elimination and control-flow clean-up (unreachable blocks, jumps
// to jumps) finish each round.
import {
  holdsOnlyLines, imm, instructionDef, instructionUses, isImm, reg, secondDef, useBuffer, usesInclude,
  type Address, type Block, type Condition, type Instruction, type IrFunction, type Value, type VReg,
} from "./ir";
import {
  DEF, liveness, OPERAND_STRIDE, putTerminator, SECOND_DEF, USE_COUNT_BITS, USE_COUNT_MASK, USES, type OperandTable,
} from "./liveness";
import { negate } from "./lower";
import { hoistInvariants } from "./loops";
import { reuseInt32, scratchInt32, scratchList, scratchUint32, scratchUint8 } from "./scratch";
import { expandSmallCopies, forwardMemory } from "./memory";

/** Blocks times virtual registers above which -O2 runs the passes once, as -O1 does. */
const LARGE_FUNCTION = 200_000;

/** `plainMemory`: no access in the file is volatile (see memory.ts). */
export function optimize(fn: IrFunction, level: 1 | 2, plainMemory = false): void {
  cleanUp(fn);
  if (plainMemory) expandSmallCopies(fn);
  // Each round costs liveness over all blocks and registers; a very large function gets one.
  const rounds = level === 2 && fn.blocks.length * fn.vregCount < LARGE_FUNCTION ? 2 : 1;
  // Whether a call to a constant address may remain for legalize to rewrite.
  let constantCallees = false;
  for (let round = 0; round < rounds; round++) {
    // propagateConstants counts every register's definitions and uses, and from there to
    // retargetOperands each pass keeps the counts up to date as it rewrites, so no walk recounts
    // them. Each of those passes also flags the blocks where it may have left a copy from a
    // register defined earlier in the block, the only blocks where retargetCopies has work.
    const constants = propagateConstants(fn);
    if (constants.constantCallee) constantCallees = true;
    const counts = simplify(fn, constants, constants.comparisons, constants.copyBlocks);
    retargetCopies(fn, counts, constants.copyBlocks);
    const copyBlocks = propagateCopies(fn, counts, counts.registerCopies);
    if (plainMemory) forwardMemory(fn, counts.uses, copyBlocks);
    fuseComparisons(fn, retargetCopies(fn, counts, copyBlocks));
    foldAddresses(fn, counts);
    hoistInvariants(fn, counts.defs, counts.uses);
    if (round === rounds - 1) retargetOperands(fn, counts);
    removeDeadCode(fn);
    // Among the passes since the last clean-up, only propagateConstants changes where blocks lead.
    cleanUp(fn, constants.foldedBranches);
  }
  legalize(fn, constantCallees);
}

// ---- helpers

/** Definitions and uses of each register, indexed by register. */
interface Counts {
  defs: Int32Array;
  uses: Int32Array;
}

/**
 * The position of each register's last definition in the current block.
 * A block stamp resets all of them in constant time at the next block.
 */
class BlockPositions {
  private readonly position: Int32Array;
  private readonly block: Int32Array;
  private current = 0;

  constructor(registers: number) {
    // Read only where `block` shows it was set for the current block.
    this.position = reuseInt32("BlockPositions.position", registers);
    this.block = scratchInt32("BlockPositions.block", registers);
  }

  nextBlock(): void {
    this.current++;
  }

  /** Returns the index of `v`'s last definition in the current block, or -1. */
  get(v: VReg): number {
    return this.block[v] === this.current ? this.position[v] : -1;
  }

  set(v: VReg, at: number): void {
    this.block[v] = this.current;
    this.position[v] = at;
  }
}

type Move = Extract<Instruction, { op: "mov" }>;

function setDst(inst: Instruction, dst: VReg): void {
  (inst as { dst: VReg }).dst = dst;
}

// ---- constants

const INT_MIN = -0x80000000;

/** Computes `a op b` at compile time, or returns undefined when it cannot (division by zero, INT_MIN / -1). */
export function foldBinary(opcode: string, a: number, b: number): number | undefined {
  switch (opcode) {
    case "add": return (a + b) | 0;
    case "sub": return (a - b) | 0;
    case "mul": return Math.imul(a, b);
    case "and": return a & b;
    case "or": return a | b;
    case "xor": return a ^ b;
    case "shl": return a << (b & 31);
    case "shr": return (a >>> (b & 31)) | 0;
    case "sar": return a >> (b & 31);
    case "sdiv": return b === 0 || (a === INT_MIN && b === -1) ? undefined : (a / b) | 0;
    case "srem": return b === 0 || (a === INT_MIN && b === -1) ? undefined : (a % b) | 0;
    case "udiv": return b === 0 ? undefined : ((a >>> 0) / (b >>> 0)) | 0;
    case "urem": return b === 0 ? undefined : ((a >>> 0) % (b >>> 0)) | 0;
    case "umulh": return Number((BigInt(a >>> 0) * BigInt(b >>> 0)) >> 32n) | 0;
  }
  return undefined;
}

export function compareConstants(cc: Condition, a: number, b: number): boolean {
  const ua = a >>> 0, ub = b >>> 0;
  switch (cc) {
    case "e": return a === b;
    case "ne": return a !== b;
    case "l": return a < b;
    case "le": return a <= b;
    case "g": return a > b;
    case "ge": return a >= b;
    case "b": return ua < ub;
    case "be": return ua <= ub;
    case "a": return ua > ub;
    case "ae": return ua >= ub;
  }
}

function extendConstant(v: number, size: 1 | 2, signed: boolean): number {
  const bits = size * 8;
  return signed ? (v << (32 - bits)) >> (32 - bits) : v & ((1 << bits) - 1);
}

/**
 * The constants that propagateConstants has found while it walks the
 * blocks, and the use counts it keeps. A class rather than closures in the pass, because
 * under tsx (esbuild's keepNames) every closure made at run time costs a
 * `__name` call.
 */
class KnownConstants {
  /** The number of the block being walked: `local[r]` counts only while `localBlock[r]` equals it. */
  current = 0;

  constructor(
    private readonly global: (Value | undefined)[],
    private readonly local: (Value | undefined)[],
    private readonly localBlock: Int32Array,
    private readonly uses: Int32Array,
  ) {}

  /** Returns the operand to use in place of `v`, and counts it when it is still a register. */
  operand(v: Value): Value {
    if (v.kind !== "reg") return v;
    const r = v.reg;
    const c = (this.localBlock[r] === this.current ? this.local[r] : undefined) ?? this.global[r];
    if (c !== undefined) return c;
    this.uses[r]++;
    return v;
  }

  /** Counts the registers of an address. An address holds only registers, so a constant never replaces one of them. */
  countAddress(a: Address): void {
    if (a.base !== undefined) this.uses[a.base]++;
    if (a.index !== undefined) this.uses[a.index]++;
  }
}

/**
 * Replaces uses of registers whose value is a known constant. A register
 * assigned once, from a constant, is replaced everywhere. Any other register
 * is replaced from a constant assignment up to its next assignment inside
 * the same block.
 * Instructions whose operands all become constants fold into a `mov`.
 * Returns the definition counts, which this pass does not change, and the
 * use counts as the pass leaves them. Also returns the registers defined by
 * the `set` instructions it leaves. A flag per block (in fn.blocks order)
 * marks the blocks with a copy from a register defined earlier in the
 * block, and one more result is whether a branch or jump table became a jump.
 * `constantCallee` is true when a call it leaves has a constant address,
 * which legalize rewrites. Later passes replace a callee only by a register.
 */
function propagateConstants(fn: IrFunction): Counts & { comparisons: VReg[]; copyBlocks: Uint8Array; foldedBranches: boolean; constantCallee: boolean } {
  // The counting walk also lists the copies of constants; those of registers set once hold everywhere.
  const defs = scratchInt32("propagateConstants.defs", fn.vregCount);
  const constantCopies: Extract<Instruction, { op: "mov" }>[] = [];
  for (const b of fn.blocks) {
    for (const inst of b.insts) {
      // The definitions as instructionDef() and secondDef() find them, in one switch.
      switch (inst.op) {
        case "line": case "arg": case "store": case "zero": case "copy":
          break;
        case "mov":
          defs[inst.dst]++;
          if (inst.src.kind !== "reg") constantCopies.push(inst);
          break;
        case "call":
          if (inst.dst !== undefined) defs[inst.dst]++;
          if (inst.dstHigh !== undefined) defs[inst.dstHigh]++;
          break;
        default:
          defs[inst.dst]++;
      }
    }
  }
  // The constant of each register set once, and of registers set earlier in the current block:
  // `local[r]` counts only while `localBlock[r]` is the current block's number.
  const global = scratchList<Value>("propagateConstants.global", fn.vregCount);
  const local = scratchList<Value>("propagateConstants.local", fn.vregCount);
  const localBlock = scratchInt32("propagateConstants.localBlock", fn.vregCount, -1);
  for (const inst of constantCopies) if (defs[inst.dst] === 1) global[inst.dst] = inst.src;
  // The registers that `set` instructions define, as the pass leaves them, for simplify.
  const comparisons: VReg[] = [];
  const uses = scratchInt32("propagateConstants.uses", fn.vregCount);
  const copyBlocks = scratchUint8("propagateConstants.copyBlocks", fn.blocks.length);
  let foldedBranches = false, constantCallee = false;
  const known = new KnownConstants(global, local, localBlock, uses);
  for (let bi = 0; bi < fn.blocks.length; bi++) {
    const b = fn.blocks[bi];
    const insts = b.insts;
    known.current++;
    for (let i = 0; i < insts.length; i++) {
      // One switch per instruction replaces its operands, counts the registers left, folds it
      // when all its operands are constants, and finds the register it defines (-1: none) and
      // the constant that register then holds.
      const inst = insts[i];
      let now = inst, d = -1, constant: Value | undefined;
      switch (inst.op) {
        case "mov": {
          const src = known.operand(inst.src);
          if (src !== inst.src) inst.src = src;
          if (src.kind !== "reg") constant = src;
          else if (localBlock[src.reg] === known.current) copyBlocks[bi] = 1;
          d = inst.dst;
          break;
        }
        case "bin": case "set": {
          const a = known.operand(inst.a), c = known.operand(inst.b);
          if (a !== inst.a) inst.a = a;
          if (c !== inst.b) inst.b = c;
          if (a.kind === "imm" && c.kind === "imm") {
            const folded = fold(inst);
            if (folded !== undefined) {
              now = folded;
              constant = folded.src;
            }
          }
          if (now.op === "set") comparisons.push(now.dst);
          d = inst.dst;
          break;
        }
        case "line":
          continue;
        case "load": case "lea":
          known.countAddress(inst.address);
          d = inst.dst;
          break;
        case "arg": case "store": {
          if (inst.op === "store") known.countAddress(inst.address);
          const src = known.operand(inst.src);
          if (src !== inst.src) inst.src = src;
          break;
        }
        case "call": {
          const callee = known.operand(inst.callee);
          if (callee !== inst.callee) inst.callee = callee;
          if (callee.kind === "imm") constantCallee = true;
          d = inst.dst ?? -1;
          break;
        }
        case "neg": case "not": case "ext": {
          const a = known.operand(inst.a);
          if (a !== inst.a) inst.a = a;
          if (a.kind === "imm") {
            const folded = fold(inst)!;
            now = folded;
            constant = folded.src;
          }
          d = inst.dst;
          break;
        }
        case "zero":
          known.countAddress(inst.address);
          break;
        case "copy":
          known.countAddress(inst.to);
          known.countAddress(inst.from);
          break;
      }
      if (now !== inst) insts[i] = now;
      if (d < 0) continue;
      localBlock[d] = known.current;
      local[d] = constant;
    }
    // The terminator's operands, replaced and counted as above. A branch or jump table left with
    // only constants becomes a jump, which reads no register.
    const t = b.term!;
    switch (t.op) {
      case "br": {
        const a = known.operand(t.a), c = known.operand(t.b);
        if (a !== t.a) t.a = a;
        if (c !== t.b) t.b = c;
        if (a.kind === "imm" && c.kind === "imm") {
          b.term = { op: "jmp", target: compareConstants(t.cc, a.value, c.value) ? t.then : t.otherwise };
          foldedBranches = true;
        }
        break;
      }
      case "ret":
        if (t.value) t.value = known.operand(t.value);
        if (t.high) t.high = known.operand(t.high);
        break;
      case "table": {
        const index = known.operand(t.index);
        t.index = index;
        if (index.kind === "imm") {
          const i = index.value >>> 0;
          b.term = { op: "jmp", target: i < t.targets.length ? t.targets[i] : t.otherwise };
          foldedBranches = true;
        }
        break;
      }
      case "jmp":
        break;
    }
  }
  return { defs, uses, comparisons, copyBlocks, foldedBranches, constantCallee };
}

function fold(inst: Instruction): Extract<Instruction, { op: "mov" }> | undefined {
  switch (inst.op) {
    case "bin": {
      if (inst.a.kind !== "imm" || inst.b.kind !== "imm") return undefined;
      const v = foldBinary(inst.opcode, inst.a.value, inst.b.value);
      return v === undefined ? undefined : { op: "mov", dst: inst.dst, src: imm(v) };
    }
    case "neg":
    case "not":
      if (inst.a.kind !== "imm") return undefined;
      return { op: "mov", dst: inst.dst, src: imm(inst.op === "neg" ? -inst.a.value : ~inst.a.value) };
    case "set":
      if (inst.a.kind !== "imm" || inst.b.kind !== "imm") return undefined;
      return { op: "mov", dst: inst.dst, src: imm(compareConstants(inst.cc, inst.a.value, inst.b.value) ? 1 : 0) };
    case "ext":
      if (inst.a.kind !== "imm") return undefined;
      return { op: "mov", dst: inst.dst, src: imm(extendConstant(inst.a.value, inst.size, inst.signed)) };
    default:
      return undefined;
  }
}

// ---- algebra and strength reduction

const COMMUTATIVE = new Set(["add", "mul", "and", "or", "xor"]);
const SWAPPED: Record<Condition, Condition> = { e: "e", ne: "ne", l: "g", g: "l", le: "ge", ge: "le", b: "a", a: "b", be: "ae", ae: "be" };

function log2(v: number): number {
  return v > 0 && (v & (v - 1)) === 0 ? 31 - Math.clz32(v) : -1;
}

function movTo(dst: VReg, src: Value): Instruction {
  return { op: "mov", dst, src };
}

function binTo(dst: VReg, opcode: Extract<Instruction, { op: "bin" }>["opcode"], a: Value, b: Value): Instruction {
  return { op: "bin", opcode, dst, a, b };
}

/** `inst` with this opcode and operands: `inst` itself when they are its own, which spares most allocations. */
function rebuilt(inst: Extract<Instruction, { op: "bin" }>, opcode: Extract<Instruction, { op: "bin" }>["opcode"], a: Value, b: Value): Instruction {
  return opcode === inst.opcode && a === inst.a && b === inst.b ? inst : binTo(inst.dst, opcode, a, b);
}

/**
 * The instructions simplify puts in place of a block's, and the counts it
 * keeps. A class rather than closures in the pass, because under tsx
 * (esbuild's keepNames) every closure made at run time costs a `__name` call.
 */
class SimplifiedInstructions {
  /** One scratch list serves every block, filled from 0 to `n`. A block gets a new array only when its instructions changed. */
  readonly out: Instruction[] = [];
  n = 0;
  readonly registerCopies: Move[] = [];
  defs: Int32Array;
  uses: Int32Array;
  private readonly buffer = useBuffer();

  constructor(private readonly fn: IrFunction, counts: Counts, private readonly copyBlocks: Uint8Array) {
    this.defs = counts.defs;
    this.uses = counts.uses;
  }

  put(inst: Instruction): void {
    this.out[this.n++] = inst;
    if (inst.op === "mov" && inst.src.kind === "reg") this.registerCopies.push(inst);
  }

  /** Moves the counts of `old` to the instructions that replace it, out[from] to out[n - 1], in block `bi`. */
  recount(old: Instruction, from: number, bi: number): void {
    const { fn, buffer, out } = this;
    if (fn.vregCount > this.defs.length) {
      // Copies first: a second growth takes the same scratch slots again.
      const oldDefs = this.defs.slice(), oldUses = this.uses.slice();
      this.defs = scratchInt32("simplify.defs", fn.vregCount + 64);
      this.defs.set(oldDefs);
      this.uses = scratchInt32("simplify.uses", fn.vregCount + 64);
      this.uses.set(oldUses);
    }
    const { defs, uses } = this;
    for (let k = instructionUses(old, buffer) - 1; k >= 0; k--) uses[buffer[k]]--;
    const d = instructionDef(old);
    if (d !== undefined) defs[d]--;
    for (let j = from; j < this.n; j++) {
      const inst = out[j];
      for (let k = instructionUses(inst, buffer) - 1; k >= 0; k--) uses[buffer[k]]++;
      const e = instructionDef(inst);
      if (e !== undefined) defs[e]++;
      if (inst.op === "mov" && inst.src.kind === "reg") this.copyBlocks[bi] = 1;
    }
  }
}

/**
 * Rewrites instructions with a constant operand into cheaper equivalents, and narrowing of a 0/1 value into a copy.
 * `counts`: the current counts. Returns them as the pass leaves them: the
 * same arrays, or longer copies when the pass adds registers.
 * `comparisons`: the registers that `set` instructions define.
 * `copyBlocks`: a flag per block (in fn.blocks order), set here for each
 * block that gets a new copy from a register. Also returns every copy
 * from a register that the pass leaves, for propagateCopies.
 */
function simplify(fn: IrFunction, counts: Counts, comparisons: VReg[], copyBlocks: Uint8Array): Counts & { registerCopies: Move[] } {
  // Registers whose only definition is a comparison: they hold 0 or 1, which no narrowing changes.
  const isFlag = scratchUint8("simplify.isFlag", fn.vregCount);
  for (const d of comparisons) if (counts.defs[d] === 1) isFlag[d] = 1;
  const output = new SimplifiedInstructions(fn, counts, copyBlocks);
  const out = output.out;
  for (let bi = 0; bi < fn.blocks.length; bi++) {
    const b = fn.blocks[bi];
    output.n = 0;
    // The loop body below ends in many places, so each instruction's result is checked at the
    // start of the next one: `previous` was put at out[from] to out[n - 1].
    let previous: Instruction | undefined, from = 0;
    for (const inst of b.insts) {
      if (previous !== undefined && (output.n !== from + 1 || out[from] !== previous)) output.recount(previous, from, bi);
      previous = inst;
      from = output.n;
      // A switch reads the op once; every case but `bin` ends the instruction.
      switch (inst.op) {
        case "bin":
          break;
        case "set":
          output.put(inst.a.kind !== "reg" && inst.b.kind === "reg" ? { ...inst, cc: SWAPPED[inst.cc], a: inst.b, b: inst.a } : inst);
          continue;
        case "ext":
          output.put(inst.a.kind === "reg" && isFlag[inst.a.reg] === 1 ? movTo(inst.dst, inst.a) : inst);
          continue;
        default:
          output.put(inst);
          continue;
      }
      let { a, b: c } = inst;
      if (a.kind === "imm" && c.kind !== "imm" && COMMUTATIVE.has(inst.opcode)) {
        const first = c;
        c = a;
        a = first;
      }
      const dst = inst.dst;
      if (inst.opcode === "sub" && isImm(a, 0) && c.kind === "reg") {
        output.put({ op: "neg", dst, a: c });
        continue;
      }
      if (c.kind !== "imm") {
        output.put(rebuilt(inst, inst.opcode, a, c));
        continue;
      }
      const k = c.value;
      switch (inst.opcode) {
        case "add": case "or": case "xor": case "shl": case "shr": case "sar":
          output.put(k === 0 || ((inst.opcode === "shl" || inst.opcode === "shr" || inst.opcode === "sar") && (k & 31) === 0) ? movTo(dst, a) : rebuilt(inst, inst.opcode, a, c));
          break;
        case "sub":
          output.put(k === 0 ? movTo(dst, a) : binTo(dst, "add", a, imm(-k)));
          break;
        case "and":
          output.put(k === 0 ? movTo(dst, imm(0)) : k === -1 ? movTo(dst, a) : rebuilt(inst, "and", a, c));
          break;
        case "mul":
          if (k === 0) output.put(movTo(dst, imm(0)));
          else if (k === 1) output.put(movTo(dst, a));
          else if (k === -1) output.put({ op: "neg", dst, a });
          else if (log2(k) > 0) output.put(binTo(dst, "shl", a, imm(log2(k))));
          else output.put(rebuilt(inst, "mul", a, c));
          break;
        case "udiv":
          if (k === 1) output.put(movTo(dst, a));
          else if (log2(k) > 0) output.put(binTo(dst, "shr", a, imm(log2(k))));
          else output.put(rebuilt(inst, "udiv", a, c));
          break;
        case "urem":
          if (k === 1) output.put(movTo(dst, imm(0)));
          else if (log2(k) > 0) output.put(binTo(dst, "and", a, imm(k - 1)));
          else output.put(rebuilt(inst, "urem", a, c));
          break;
        case "sdiv": {
          const s = log2(k);
          if (k === 1) output.put(movTo(dst, a));
          else if (s > 0 && a.kind === "reg") {
            // Rounds toward zero: add 2^s - 1 to negative dividends before the arithmetic shift.
            const sign = fn.vregCount++, bias = fn.vregCount++, sum = fn.vregCount++;
            fn.forbidden.push(0, 0, 0);
            if (s === 1) output.put({ op: "bin", opcode: "shr", dst: bias, a, b: imm(31) });
            else {
              output.put({ op: "bin", opcode: "sar", dst: sign, a, b: imm(31) });
              output.put({ op: "bin", opcode: "shr", dst: bias, a: reg(sign), b: imm(32 - s) });
            }
            output.put({ op: "bin", opcode: "add", dst: sum, a, b: reg(bias) });
            output.put(binTo(dst, "sar", reg(sum), imm(s)));
          } else output.put(rebuilt(inst, "sdiv", a, c));
          break;
        }
        default:
          output.put(rebuilt(inst, inst.opcode, a, c));
      }
    }
    if (previous !== undefined && (output.n !== from + 1 || out[from] !== previous)) output.recount(previous, from, bi);
    const n = output.n;
    if (!sameInstructions(out, n, b.insts)) {
      // Copied into the block's own array, which it alone refers to, in place of a new array per block.
      const insts = b.insts;
      for (let i = 0; i < n; i++) insts[i] = out[i];
      insts.length = n;
    }
  }
  return { defs: output.defs, uses: output.uses, registerCopies: output.registerCopies };
}

/** Tells whether the first `n` entries of `x` are the instructions of `y`. */
function sameInstructions(x: Instruction[], n: number, y: Instruction[]): boolean {
  if (n !== y.length) return false;
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

// ---- copies

/**
 * The copies that propagateCopies has found while it walks the blocks (its
 * comments describe the arrays), and the use counts it keeps. A class rather than
 * closures in the pass, because under tsx (esbuild's keepNames) every
 * closure made at run time costs a `__name` call.
 */
class KnownCopies {
  /** The number of the block being walked. */
  current = 0;

  constructor(
    private readonly global: Int32Array,
    private readonly source: Int32Array,
    private readonly block: Int32Array,
    private readonly version: Int32Array,
    private readonly sourceVersion: Int32Array,
    private readonly uses: Int32Array,
  ) {}

  /** Returns the register to read in place of `r`, and moves the use count to it. */
  copyOf(r: VReg): VReg {
    let s: VReg;
    if (this.block[r] === this.current && this.version[this.source[r]] === this.sourceVersion[r]) s = this.source[r];
    else if (this.global[r] >= 0) s = this.resolve(r);
    else return r;
    this.uses[r]--;
    this.uses[s]++;
    return s;
  }

  /** Returns the operand to read in place of `v`. */
  operand(v: Value): Value {
    if (v.kind !== "reg") return v;
    const s = this.copyOf(v.reg);
    return s === v.reg ? v : reg(s);
  }

  rewriteAddress(a: Address): void {
    if (a.base !== undefined) {
      const s = this.copyOf(a.base);
      if (s !== a.base) a.base = s;
    }
    if (a.index !== undefined) {
      const s = this.copyOf(a.index);
      if (s !== a.index) a.index = s;
    }
  }

  /** Follows the copies that hold everywhere from `r` to their first source, at most 64 steps. */
  private resolve(r: VReg): VReg {
    for (let n = 0; n < 64; n++) {
      const next = this.global[r];
      if (next < 0) return r;
      r = next;
    }
    return r;
  }
}

/**
 * Replaces uses of `d` by `s` after `mov d, s`. Across blocks this needs `d`
 * assigned only there and `s` only in the entry block, which runs once, so
 * `s` never changes afterwards. Inside a block it holds up to the next
 * assignment of either. A register assigned once inside a loop is assigned
 * again on every iteration, so a copy of it made in an earlier iteration
 * differs from it.
 * `counts`: the current counts. The definitions stay as they are, and the
 * uses are updated for each operand replaced. Returns a flag per block (in
 * fn.blocks order) for the blocks that now hold a copy from a register
 * defined earlier in the block: only those can give retargetCopies work.
 * `registerCopies`: the copies from a register that simplify left. The
 * passes since then change only their destinations and remove some, whose
 * source then has no definition, which rules them out below.
 */
function propagateCopies(fn: IrFunction, { defs, uses }: Counts, registerCopies: Move[]): Uint8Array {
  const definedOnce = scratchUint8("propagateCopies.definedOnce", fn.vregCount);
  for (const inst of fn.blocks[0].insts) {
    const d = instructionDef(inst);
    if (d !== undefined && defs[d] === 1) definedOnce[d] = 1;
  }
  // The copies that hold everywhere: register d is always a copy of global[d], or -1.
  const global = scratchInt32("propagateCopies.global", fn.vregCount, -1);
  for (const inst of registerCopies) {
    if (inst.src.kind !== "reg") continue;
    const s = inst.src.reg;
    if (defs[inst.dst] === 1 && definedOnce[s] && fn.forbidden[inst.dst] === fn.forbidden[s]) global[inst.dst] = s;
  }
  // The copies made earlier in the current block. Register d holds source[d] while block[d] is this
  // block and version[source[d]] still equals sourceVersion[d], the source's assignment count at the copy.
  // Only `block` needs filling: source and sourceVersion are read where it shows them set, and a
  // version is only counted up and compared with its own earlier value.
  const source = reuseInt32("propagateCopies.source", fn.vregCount);
  const block = scratchInt32("propagateCopies.block", fn.vregCount, -1);
  const version = reuseInt32("propagateCopies.version", fn.vregCount);
  const sourceVersion = reuseInt32("propagateCopies.sourceVersion", fn.vregCount);
  // definedIn[d] is the number of the last block seen to define d (as instructionDef, not secondDef).
  const definedIn = scratchInt32("propagateCopies.definedIn", fn.vregCount);
  const copyBlocks = scratchUint8("propagateCopies.copyBlocks", fn.blocks.length);
  const copies = new KnownCopies(global, source, block, version, sourceVersion, uses);
  for (let bi = 0; bi < fn.blocks.length; bi++) {
    const b = fn.blocks[bi];
    const current = ++copies.current;
    for (const inst of b.insts) {
      // One switch per instruction replaces its operands and finds the registers it defines (-1: none).
      let d = -1, h = -1;
      switch (inst.op) {
        case "mov": {
          const src = copies.operand(inst.src);
          if (src !== inst.src) inst.src = src;
          d = inst.dst;
          break;
        }
        case "bin": case "set": {
          const a = copies.operand(inst.a), c = copies.operand(inst.b);
          if (a !== inst.a) inst.a = a;
          if (c !== inst.b) inst.b = c;
          d = inst.dst;
          break;
        }
        case "line":
          continue;
        case "load": case "lea":
          copies.rewriteAddress(inst.address);
          d = inst.dst;
          break;
        case "arg": case "store": {
          if (inst.op === "store") copies.rewriteAddress(inst.address);
          const src = copies.operand(inst.src);
          if (src !== inst.src) inst.src = src;
          break;
        }
        case "call": {
          const callee = copies.operand(inst.callee);
          if (callee !== inst.callee) inst.callee = callee;
          d = inst.dst ?? -1;
          h = inst.dstHigh ?? -1;
          break;
        }
        case "neg": case "not": case "ext": {
          const a = copies.operand(inst.a);
          if (a !== inst.a) inst.a = a;
          d = inst.dst;
          break;
        }
        case "zero":
          copies.rewriteAddress(inst.address);
          break;
        case "copy":
          copies.rewriteAddress(inst.to);
          copies.rewriteAddress(inst.from);
          break;
      }
      if (h >= 0) {
        version[h]++;
        block[h] = -1;
      }
      if (d < 0) continue;
      version[d]++;
      block[d] = -1;
      if (inst.op === "mov" && inst.src.kind === "reg") {
        const s = inst.src.reg;
        if (definedIn[s] === current) copyBlocks[bi] = 1;
        if (s !== d && fn.forbidden[d] === fn.forbidden[s]) {
          source[d] = s;
          sourceVersion[d] = version[s];
          block[d] = current;
        }
      }
      definedIn[d] = current;
    }
    const t = b.term!;
    switch (t.op) {
      case "br": {
        const a = copies.operand(t.a), c = copies.operand(t.b);
        if (a !== t.a) t.a = a;
        if (c !== t.b) t.b = c;
        break;
      }
      case "ret":
        if (t.value) t.value = copies.operand(t.value);
        if (t.high) t.high = copies.operand(t.high);
        break;
      case "table":
        t.index = copies.operand(t.index);
        break;
      case "jmp":
        break;
    }
  }
  return copyBlocks;
}

/**
 * `t = a op b; x = t` becomes `x = a op b` when `t` is used only by that
 * copy and `x` is neither read nor written between the two. Looks only at
 * the blocks flagged in `candidate` (in fn.blocks order): a block without a
 * copy from a register defined earlier in it has nothing to rewrite.
 * `counts`: the current counts, which it updates as it rewrites, and returns.
 */
function retargetCopies(fn: IrFunction, counts: Counts, candidate: Uint8Array): Counts {
  const { defs, uses } = counts;
  const blocks = fn.blocks;
  const scratch = useBuffer();
  const definedAt = new BlockPositions(fn.vregCount);
  // The positions of the copies removed from the current block are removed[0] to removed[count - 1].
  // The block's array changes only at the block's end, because touches() reads the instructions
  // between two positions. Resetting `count`, not `removed.length`, keeps the list's storage.
  const removed: number[] = [];
  let count = 0;
  for (let bi = 0; bi < blocks.length; bi++) {
    if (!candidate[bi]) continue;
    const b = blocks[bi];
    const insts = b.insts;
    definedAt.nextBlock();
    count = 0;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i];
      if (inst.op === "mov" && inst.src.kind === "reg") {
        const t = inst.src.reg, x = inst.dst;
        const at = definedAt.get(t);
        if (at >= 0 && defs[t] === 1 && uses[t] === 1 && t !== x && !touches(insts, at + 1, i, x, scratch)) {
          setDst(insts[at], x);
          fn.forbidden[x] |= fn.forbidden[t];
          // x keeps one definition for the copy it loses; t loses its only definition and its only use.
          defs[t] = 0;
          uses[t] = 0;
          removed[count++] = i;
          definedAt.set(x, at);
          continue;
        }
      }
      const d = instructionDef(inst);
      if (d !== undefined) definedAt.set(d, i);
    }
    if (count > 0) removeAt(insts, removed, count);
  }
  return counts;
}

/** Removes from `insts`, in place, the instructions at positions[0] to positions[count - 1] (ascending). */
function removeAt(insts: Instruction[], positions: number[], count: number): void {
  let kept = positions[0];
  for (let i = positions[0] + 1, next = 1; i < insts.length; i++) {
    if (next < count && positions[next] === i) next++;
    else insts[kept++] = insts[i];
  }
  insts.length = kept;
}

/**
 * Runs retargetOperand over every two-operand instruction, after the copies are gone.
 * `counts`: the current counts. It adds the definitions it moves to x and leaves the rest
 * stale, since no pass reads the counts after it.
 */
function retargetOperands(fn: IrFunction, { defs, uses }: Counts): void {
  const scratch = useBuffer();
  const definedAt = new BlockPositions(fn.vregCount);
  for (const b of fn.blocks) {
    definedAt.nextBlock();
    const insts = b.insts;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i];
      // A switch reads the op once and finds the register defined, as instructionDef() does.
      switch (inst.op) {
        case "bin": {
          // The first operand, then for a commutative operation the second, with the operands swapped.
          const { a, b } = inst;
          if (!retargetOperand(fn, inst, insts, i, definedAt, defs, uses, scratch, a, b) && COMMUTATIVE.has(inst.opcode)) {
            retargetOperand(fn, inst, insts, i, definedAt, defs, uses, scratch, b, a);
          }
          definedAt.set(inst.dst, i);
          break;
        }
        case "line": case "arg": case "store": case "zero": case "copy":
          break;
        case "call":
          if (inst.dst !== undefined) definedAt.set(inst.dst, i);
          break;
        default:
          definedAt.set(inst.dst, i);
      }
    }
  }
}

/** How far back (in instructions) the retargeting looks for a definition. */
const RETARGET_WINDOW = 64;

/**
 * `t = f(x); x = t op b` becomes `x = f(x); x = x op b` when `t` has no
 * other use and `x` is neither read nor written in between: the emitter then
 * computes in `x`'s register with no copy (`shrl $8, %edx; xorl %esi, %edx`).
 * Tries `operand` (which becomes the first operand, beside `other`); true when it rewrote the instruction.
 */
function retargetOperand(
  fn: IrFunction, inst: Extract<Instruction, { op: "bin" }>, insts: Instruction[], i: number,
  definedAt: BlockPositions, defs: Int32Array, uses: Int32Array, scratch: Int32Array, operand: Value, other: Value,
): boolean {
  const x = inst.dst;
  if (operand.kind !== "reg" || (other.kind === "reg" && other.reg === x)) return false;
  const t = operand.reg;
  const at = definedAt.get(t);
  if (t === x || at < 0 || i - at > RETARGET_WINDOW || defs[t] !== 1 || uses[t] !== 1) return false;
  // Only where t's definition reads x's old value: then x's last use and new definition meet in one register.
  if (!usesInclude(scratch, instructionUses(insts[at], scratch), x) || touches(insts, at + 1, i, x, scratch)) return false;
  setDst(insts[at], x);
  fn.forbidden[x] |= fn.forbidden[t];
  defs[x]++;
  inst.a = reg(x);
  inst.b = other;
  return true;
}

/** True when an instruction in [from, to) reads or writes `x`. */
function touches(insts: Instruction[], from: number, to: number, x: VReg, scratch: Int32Array): boolean {
  for (let i = from; i < to; i++) {
    const inst = insts[i];
    if (instructionDef(inst) === x || secondDef(inst) === x) return true;
    if (usesInclude(scratch, instructionUses(inst, scratch), x)) return true;
  }
  return false;
}

/**
 * `d = a cc b; br d != 0` becomes `br a cc b` when `d` has no other use.
 * `counts`: the current counts, which it updates as it rewrites.
 */
function fuseComparisons(fn: IrFunction, { defs, uses }: Counts): void {
  for (const b of fn.blocks) {
    const t = b.term!;
    if (t.op !== "br" || t.a.kind !== "reg" || !isImm(t.b, 0) || (t.cc !== "ne" && t.cc !== "e")) continue;
    const d = t.a.reg;
    if (uses[d] !== 1 || defs[d] !== 1) continue;
    let at = -1;
    for (let i = b.insts.length - 1; i >= 0; i--) {
      const inst = b.insts[i];
      if (instructionDef(inst) === d) { at = i; break; }
    }
    if (at < 0) continue;
    const def = b.insts[at];
    if (def.op !== "set") continue;
    // The operands must still hold the same values at the branch.
    const first = def.a.kind === "reg" ? def.a.reg : -1, second = def.b.kind === "reg" ? def.b.reg : -1;
    let redefined = false;
    for (let i = at + 1; i < b.insts.length && !redefined; i++) {
      const d = instructionDef(b.insts[i]);
      redefined = d !== undefined && (d === first || d === second);
    }
    if (redefined) continue;
    b.term = { op: "br", cc: t.cc === "ne" ? def.cc : negate(def.cc), a: def.a, b: def.b, then: t.then, otherwise: t.otherwise };
    b.insts.splice(at, 1);
    defs[d] = 0;
    uses[d] = 0;
  }
}

/** An address computed by a `lea`, and the definition counts of its registers at that `lea`. */
interface ComputedAddress {
  address: Address;
  baseAt: number;
  indexAt: number;
}

/** Returns `written[v]`, or 0 when there is no register. */
function definitionCount(written: Int32Array, v: VReg | undefined): number {
  return v === undefined ? 0 : written[v];
}

/**
 * The sums and addresses that foldAddresses has found while it walks the
 * blocks (its comments describe the columns), and the use counts it keeps. A class rather than closures in
 * the pass, because under tsx (esbuild's keepNames) every closure made at
 * run time costs a `__name` call.
 */
class AddressSums {
  /** The number of the block being walked. */
  block = 0;

  constructor(
    private readonly sumBlock: Int32Array,
    private readonly sumX: Int32Array,
    private readonly sumK: Int32Array,
    private readonly sumAt: Int32Array,
    private readonly sumSymbol: (string | undefined)[],
    private readonly written: Int32Array,
    private readonly computed: Map<VReg, ComputedAddress>,
    private readonly uses: Int32Array,
  ) {}

  /** Returns the folded address as a new object and leaves `address` as it was. */
  fold(address: Address): Address {
    const { sumX, sumK, sumSymbol, uses } = this;
    let a = address;
    if (a.index !== undefined) {
      const t = a.index;
      if (this.holdsSum(t) && sumSymbol[t] === undefined) a = { ...a, index: sumX[t], disp: (a.disp + sumK[t] * a.scale) | 0 };
    }
    if (a.base !== undefined) {
      const t = a.base;
      // A symbol moves along only into an address that has none.
      if (this.holdsSum(t) && (sumSymbol[t] === undefined || a.symbol === undefined)) {
        a = { ...a, base: sumX[t], disp: (a.disp + sumK[t]) | 0, symbol: sumSymbol[t] ?? a.symbol };
      }
    }
    if (a.base !== undefined && a.index === undefined && !a.frame && !a.stack) {
      const c = this.computed.get(a.base);
      if (c && definitionCount(this.written, c.address.base) === c.baseAt && definitionCount(this.written, c.address.index) === c.indexAt
        && (c.address.symbol === undefined || a.symbol === undefined)) {
        a = { ...c.address, disp: (c.address.disp + a.disp) | 0, symbol: c.address.symbol ?? a.symbol };
      }
    }
    if (a !== address) {
      if (address.base !== undefined) uses[address.base]--;
      if (address.index !== undefined) uses[address.index]--;
      if (a.base !== undefined) uses[a.base]++;
      if (a.index !== undefined) uses[a.index]++;
    }
    return a;
  }

  /** Tells whether register t holds its `x + k` in the current block, with x unchanged since. */
  private holdsSum(t: VReg): boolean {
    return this.sumBlock[t] === this.block && this.written[this.sumX[t]] === this.sumAt[t];
  }
}

/**
 * Folds `t = x + k` (an `add` or a `lea` of one register) into the memory
 * operands that use `t` as base or index, as `disp + k*scale` with `x` in
 * its place, when `x` still has the same value there. So `a[i - 1]` needs
 * no separate subtraction, and `&p->member` passed on needs no `lea`.
 * `counts`: the current counts. The definitions stay as they are, and the
 * uses are updated for each address changed.
 */
function foldAddresses(fn: IrFunction, { defs, uses }: Counts): void {
  // Per register t: the `x + k` (plus a symbol) it holds, as columns. An entry belongs to the block
  // numbered sumBlock[t] and holds while x is unchanged: `written[x]` counts x's definitions so far,
  // and sumAt[t] is the count it was made at.
  const n = fn.vregCount;
  // Only sumBlock needs filling, because the other columns are read where it shows them set. A
  // count in `written` is only counted up and compared with its own earlier value.
  const sumBlock = scratchInt32("foldAddresses.sumBlock", n), sumX = reuseInt32("foldAddresses.sumX", n);
  const sumK = reuseInt32("foldAddresses.sumK", n), sumAt = reuseInt32("foldAddresses.sumAt", n);
  const sumSymbol = scratchList<string>("foldAddresses.sumSymbol", n);
  const written = reuseInt32("foldAddresses.written", n);
  // Per register set by a `lea` of two registers or of %ebp: that address, while its registers are unchanged.
  const computed = new Map<VReg, ComputedAddress>();
  const sums = new AddressSums(sumBlock, sumX, sumK, sumAt, sumSymbol, written, computed, uses);
  for (const b of fn.blocks) {
    const block = ++sums.block;
    if (computed.size > 0) computed.clear();
    for (const inst of b.insts) {
      // One switch folds the addresses and finds the register defined, as instructionDef() does (-1: none).
      let d = -1;
      switch (inst.op) {
        case "line": case "arg":
          continue;
        case "load": case "lea": case "store": case "zero": {
          const a = sums.fold(inst.address);
          if (a !== inst.address) inst.address = a;
          if (inst.op === "load" || inst.op === "lea") d = inst.dst;
          break;
        }
        case "copy": {
          const to = sums.fold(inst.to), from = sums.fold(inst.from);
          if (to !== inst.to) inst.to = to;
          if (from !== inst.from) inst.from = from;
          break;
        }
        case "call":
          d = inst.dst ?? -1;
          break;
        default:
          d = inst.dst;
      }
      if (d < 0) continue;
      written[d]++;
      sumBlock[d] = 0;
      if (computed.size > 0) computed.delete(d);
      if (defs[d] !== 1) continue;
      if (inst.op === "bin" && inst.opcode === "add" && inst.a.kind === "reg" && inst.b.kind === "imm" && inst.a.reg !== d) {
        const x = inst.a.reg;
        sumBlock[d] = block; sumX[d] = x; sumK[d] = inst.b.value; sumSymbol[d] = undefined; sumAt[d] = written[x];
      } else if (inst.op === "lea") {
        const a = inst.address;
        const x = singleRegister(a);
        if (x !== undefined && x !== d) {
          sumBlock[d] = block; sumX[d] = x; sumK[d] = a.disp; sumSymbol[d] = a.symbol; sumAt[d] = written[x];
        } else if (x === undefined && a.spill === undefined && !a.stack && a.base !== d && a.index !== d) {
          computed.set(d, { address: a, baseAt: definitionCount(written, a.base), indexAt: definitionCount(written, a.index) });
        }
      }
    }
  }
}

/** Returns the register of an address that is one register plus a constant and maybe a symbol (`sym+k(x)`), else undefined. */
function singleRegister(a: Address): VReg | undefined {
  if (a.frame || a.stack || a.spill !== undefined) return undefined;
  if (a.base !== undefined && a.index === undefined) return a.base;
  if (a.base === undefined && a.index !== undefined && a.scale === 1) return a.index;
  return undefined;
}

// ---- dead code

/*
 * Flags in an operand table entry's first word, above the use count. A pure
 * instruction (mov, bin, neg, not, set, ext, lea) can go when its result is
 * dead. The other two mark a `mov` of a register to itself and a `call`.
 */
const PURE_ENTRY = 1 << USE_COUNT_BITS;
const SELF_MOVE_ENTRY = 2 << USE_COUNT_BITS;
const CALL_ENTRY = 4 << USE_COUNT_BITS;

/**
 * Writes the entry of `inst` at word `o` of `ops`: what putInstruction()
 * writes, plus the flags above. Adds its uses to `uses`. One switch reads
 * every operand, because this is the dead-code pass's only walk over the
 * instruction objects, which come in many shapes.
 */
export function putDeadCodeEntry(inst: Instruction, ops: Int32Array, o: number, uses: Int32Array): void {
  let count = 0, def = -1, second = -1, flags = 0;
  // The cases go by how often the op occurs, most often first.
  switch (inst.op) {
    case "mov":
      def = inst.dst;
      flags = PURE_ENTRY;
      if (inst.src.kind === "reg") {
        ops[o + USES + count++] = inst.src.reg;
        if (inst.src.reg === def) flags |= SELF_MOVE_ENTRY;
      }
      break;
    case "bin": case "set":
      def = inst.dst;
      flags = PURE_ENTRY;
      if (inst.a.kind === "reg") ops[o + USES + count++] = inst.a.reg;
      if (inst.b.kind === "reg") ops[o + USES + count++] = inst.b.reg;
      break;
    case "line":
      break;
    case "load":
      def = inst.dst;
      count = putAddressUses(inst.address, ops, o, count);
      break;
    case "arg":
      if (inst.src.kind === "reg") ops[o + USES + count++] = inst.src.reg;
      break;
    case "store":
      count = putAddressUses(inst.address, ops, o, count);
      if (inst.src.kind === "reg") ops[o + USES + count++] = inst.src.reg;
      break;
    case "call":
      def = inst.dst ?? -1;
      second = inst.dstHigh ?? -1;
      flags = CALL_ENTRY;
      if (inst.callee.kind === "reg") ops[o + USES + count++] = inst.callee.reg;
      break;
    case "neg": case "not": case "ext":
      def = inst.dst;
      flags = PURE_ENTRY;
      if (inst.a.kind === "reg") ops[o + USES + count++] = inst.a.reg;
      break;
    case "lea":
      def = inst.dst;
      flags = PURE_ENTRY;
      count = putAddressUses(inst.address, ops, o, count);
      break;
    case "zero":
      count = putAddressUses(inst.address, ops, o, count);
      break;
    case "copy":
      count = putAddressUses(inst.from, ops, o, putAddressUses(inst.to, ops, o, count));
      break;
  }
  ops[o] = count | flags;
  ops[o + DEF] = def;
  ops[o + SECOND_DEF] = second;
  for (let k = 0; k < count; k++) uses[ops[o + USES + k]]++;
}

function putAddressUses(a: Address, ops: Int32Array, o: number, count: number): number {
  if (a.base !== undefined) ops[o + USES + count++] = a.base;
  if (a.index !== undefined) ops[o + USES + count++] = a.index;
  return count;
}

/**
 * Removes instructions whose results are dead (not live after them) and
 * that have no other effect. Loads stay: in a file that uses `volatile` any
 * load may be a device access, and memory.ts merges them only where none is.
 * Both steps read one operand table, built in the only walk over the
 * instruction objects before the final sweep.
 */
function removeDeadCode(fn: IrFunction): void {
  const blocks = fn.blocks;
  const blockStart = reuseInt32("removeDeadCode.blockStart", blocks.length + 1);
  blockStart[0] = 0;
  for (let bi = 0; bi < blocks.length; bi++) blockStart[bi + 1] = blockStart[bi] + blocks[bi].insts.length + 1;
  // Not filled: the walk below writes every word of an entry that anyone reads.
  const ops = reuseInt32("removeDeadCode.ops", blockStart[blocks.length] * OPERAND_STRIDE);
  const uses = scratchInt32("removeDeadCode.uses", fn.vregCount);
  // first[v + 1] counts the pure definitions of register v.
  const first = scratchInt32("removeDeadCode.first", fn.vregCount + 1);
  const buffer = useBuffer();
  let o = 0;
  for (const b of blocks) {
    for (const inst of b.insts) {
      putDeadCodeEntry(inst, ops, o, uses);
      if (ops[o] & PURE_ENTRY) first[ops[o + DEF] + 1]++;
      o += OPERAND_STRIDE;
    }
    putTerminator(b.term!, ops, o, buffer);
    for (let k = (ops[o] & USE_COUNT_MASK) - 1; k >= 0; k--) uses[ops[o + USES + k]]++;
    o += OPERAND_STRIDE;
  }
  const table = { ops, blockStart };
  const dead = markUnusedDefinitions(table, uses, first);
  if (fn.blocks.length * fn.vregCount >= LARGE_FUNCTION) {
    if (dead) dropEntries(fn, blockStart, dead);
    return;
  }
  // One liveness sweep then catches values dead on some paths only; the cheap counting above did the rest.
  const sets = liveness(fn, table);
  const live = scratchUint32("removeDeadCode.live", (fn.vregCount + 31) >>> 5);
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi];
    const insts = b.insts;
    live.fill(0);
    // The registers live out of the block, read from the set's bits in place of a forEachLive callback per register.
    for (let w = 0, base = bi * sets.words; w < sets.words; w++) {
      for (let bits = sets.liveOut[base + w]; bits !== 0; bits &= bits - 1) addLive(live, sets.registerAt[w * 32 + (31 - Math.clz32(bits & -bits))]);
    }
    // The terminator's entry follows the block's instructions in the table.
    let e = blockStart[bi] + insts.length;
    let o = e * OPERAND_STRIDE;
    for (let k = (ops[o] & USE_COUNT_MASK) - 1; k >= 0; k--) addLive(live, ops[o + USES + k]);
    // Kept instructions move to the end of the block's array, and `at` is the first of them.
    let at = insts.length;
    for (let i = insts.length - 1; i >= 0; i--) {
      e--;
      o -= OPERAND_STRIDE;
      if (dead?.[e]) continue;
      const flags = ops[o];
      const d = ops[o + DEF], h = ops[o + SECOND_DEF];
      if ((flags & SELF_MOVE_ENTRY) !== 0 || (d >= 0 && !isLive(live, d) && (flags & PURE_ENTRY) !== 0)) continue;
      const inst = insts[i];
      if (h >= 0) {
        if ((flags & CALL_ENTRY) !== 0 && !isLive(live, h)) (inst as Extract<Instruction, { op: "call" }>).dstHigh = undefined;
        live[h >>> 5] &= ~(1 << (h & 31));
      }
      if (d >= 0) {
        if ((flags & CALL_ENTRY) !== 0 && !isLive(live, d)) (inst as Extract<Instruction, { op: "call" }>).dst = undefined;
        live[d >>> 5] &= ~(1 << (d & 31));
      }
      for (let k = (ops[o] & USE_COUNT_MASK) - 1; k >= 0; k--) addLive(live, ops[o + USES + k]);
      insts[--at] = inst;
    }
    if (at > 0) {
      // A loop in place of splice(), which would return the removed entries in a new array.
      for (let i = at; i < insts.length; i++) insts[i - at] = insts[i];
      insts.length -= at;
    }
  }
}

function isLive(live: Uint32Array, v: VReg): boolean {
  return (live[v >>> 5] & (1 << (v & 31))) !== 0;
}

function addLive(live: Uint32Array, v: VReg): void {
  live[v >>> 5] |= 1 << (v & 31);
}

/**
 * Finds the pure instructions whose results have no use at all, and then
 * the definitions that only those instructions used, through a worklist.
 * `uses` counts each register's uses in `table`, and `first[v + 1]` the pure
 * definitions of v (PURE_ENTRY entries). Returns a flag per dead entry, or
 * undefined when there is none. A dead entry is emptied in the table (no
 * uses, no definitions), so liveness over the table describes the function
 * without it.
 */
function markUnusedDefinitions({ ops, blockStart }: OperandTable, uses: Int32Array, first: Int32Array): Uint8Array | undefined {
  const n = uses.length;
  // A stack of registers, work[0] to work[pending - 1]. A register enters it once at most, when its
  // use count is or becomes 0, so n entries are enough.
  const work = reuseInt32("markUnusedDefinitions.work", n);
  let pending = 0;
  for (let v = 0; v < n; v++) if (uses[v] === 0 && first[v + 1] > 0) work[pending++] = v;
  // Most calls find nothing to remove, and then the definitions are never listed.
  if (pending === 0) return undefined;
  // The pure definitions of register v are the entries definitions[first[v]] to definitions[first[v + 1] - 1].
  for (let v = 0; v < n; v++) first[v + 1] += first[v];
  const definitions = reuseInt32("markUnusedDefinitions.definitions", first[n]);
  const filled = reuseInt32("markUnusedDefinitions.filled", n);
  filled.set(first.subarray(0, n));
  const entries = blockStart[blockStart.length - 1];
  for (let e = 0, o = 0; e < entries; e++, o += OPERAND_STRIDE) {
    if (ops[o] & PURE_ENTRY) definitions[filled[ops[o + DEF]]++] = e;
  }
  const dead = scratchUint8("markUnusedDefinitions.dead", entries);
  while (pending > 0) {
    const v = work[--pending];
    for (let at = first[v]; at < first[v + 1]; at++) {
      const e = definitions[at];
      if (dead[e]) continue;
      dead[e] = 1;
      const o = e * OPERAND_STRIDE;
      for (let k = (ops[o] & USE_COUNT_MASK) - 1; k >= 0; k--) {
        const u = ops[o + USES + k];
        if (--uses[u] === 0 && first[u + 1] > first[u]) work[pending++] = u;
      }
      ops[o] = 0;
      ops[o + DEF] = -1;
      ops[o + SECOND_DEF] = -1;
    }
  }
  return dead;
}

/** Removes the instructions whose entries `dead` flags. */
function dropEntries(fn: IrFunction, blockStart: Int32Array, dead: Uint8Array): void {
  for (let bi = 0; bi < fn.blocks.length; bi++) {
    const b = fn.blocks[bi];
    const base = blockStart[bi];
    let length = 0;
    for (let i = 0; i < b.insts.length; i++) if (!dead[base + i]) b.insts[length++] = b.insts[i];
    if (length < b.insts.length) b.insts.length = length;
  }
}

// ---- control flow

/**
 * Drops unreachable blocks and sends jumps through empty blocks straight to their targets.
 * `edgesChanged`: false when no pass has changed a terminator's targets since the last clean-up.
 */
export function cleanUp(fn: IrFunction, edgesChanged = true): void {
  let changed = edgesChanged;
  // Marks by block id the blocks that contain only `line` markers. One walk over fn.blocks, in layout
  // order, finds them, so forward() does not visit each jump target's instructions. Every target is in
  // fn.blocks (the lowering places each block it jumps to), and the loop below changes no instruction.
  const onlyLines = scratchUint8("cleanUp.onlyLines", fn.blockIds);
  for (const b of fn.blocks) if (holdsOnlyLines(b)) onlyLines[b.id] = 1;
  for (const b of fn.blocks) {
    const t = b.term!;
    if (t.op === "jmp") {
      const target = forwardJump(t.target, onlyLines);
      if (target !== t.target) {
        t.target = target;
        changed = true;
      }
      // A jump to a block that only returns becomes that return.
      if (onlyLines[target.id] === 1 && target.term!.op === "ret") {
        b.term = { ...target.term! };
        changed = true;
      }
    }
    else if (t.op === "br") {
      const then = forwardJump(t.then, onlyLines), otherwise = forwardJump(t.otherwise, onlyLines);
      if (then !== t.then || otherwise !== t.otherwise) {
        t.then = then;
        t.otherwise = otherwise;
        changed = true;
      }
      if (t.then === t.otherwise) {
        b.term = { op: "jmp", target: t.then };
        changed = true;
      }
    } else if (t.op === "table") {
      for (let i = 0; i < t.targets.length; i++) {
        const target = forwardJump(t.targets[i], onlyLines);
        if (target !== t.targets[i]) changed = true;
        t.targets[i] = target;
      }
      const otherwise = forwardJump(t.otherwise, onlyLines);
      if (otherwise !== t.otherwise) changed = true;
      t.otherwise = otherwise;
    }
  }
  // With no edge changed since the last clean-up, every block is still reachable (it dropped the
  // others) and no straight line is left to merge (mergeStraightLines leaves none).
  if (!changed) return;
  // Marks by block id. `entries` counts each reachable block's incoming edges for mergeStraightLines.
  const reachable = scratchUint8("cleanUp.reachable", fn.blockIds);
  const entries = scratchInt32("cleanUp.entries", fn.blockIds);
  const stack = [fn.blocks[0]];
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (reachable[b.id] === 1) continue;
    reachable[b.id] = 1;
    // The successors are visited in forEachSuccessor's order but without its callback, because under
    // tsx (esbuild's keepNames) every closure made at run time costs a `__name` call.
    const t = b.term!;
    switch (t.op) {
      case "jmp": visitSuccessor(t.target, entries, reachable, stack); break;
      case "br": visitSuccessor(t.then, entries, reachable, stack); visitSuccessor(t.otherwise, entries, reachable, stack); break;
      case "ret": break;
      case "table":
        for (const target of t.targets) visitSuccessor(target, entries, reachable, stack);
        visitSuccessor(t.otherwise, entries, reachable, stack);
        break;
    }
  }
  // Most calls find every block reachable, and then keep the list.
  let reached = 0;
  for (const b of fn.blocks) reached += reachable[b.id];
  if (reached < fn.blocks.length) keepMarkedBlocks(fn.blocks, reachable, 1);
  mergeStraightLines(fn, entries);
}

/** Follows jumps from `b` through blocks that contain only `line` markers, at most 32 of them, and returns where they lead. */
function forwardJump(b: Block, onlyLines: Uint8Array): Block {
  for (let n = 0; n < 32; n++) {
    if (onlyLines[b.id] === 0 || b.term!.op !== "jmp" || b.term!.target === b) break;
    b = b.term!.target;
  }
  return b;
}

/** Counts the edge into `s` and puts `s` on the reachability walk's stack when the walk has not reached it yet. */
function visitSuccessor(s: Block, entries: Int32Array, reachable: Uint8Array, stack: Block[]): void {
  entries[s.id]++;
  if (reachable[s.id] === 0) stack.push(s);
}

/**
 * Appends a block to the block that jumps to it when that jump is its only
 * way in, as inlined bodies and `if` arms leave them. One block per
 * straight line lets the per-block passes (constants, copies, retargeting)
 * see the whole line, and leaves fewer boundaries for liveness.
 * `entries` counts the edges into each block, by id, from reachable blocks.
 */
function mergeStraightLines(fn: IrFunction, entries: Int32Array): void {
  const merged = scratchUint8("mergeStraightLines.merged", fn.blockIds);
  let any = false;
  for (const b of fn.blocks) {
    if (merged[b.id] === 1) continue;
    for (let t = b.term!; t.op === "jmp"; t = b.term!) {
      const s = t.target;
      if (s === b || s === fn.blocks[0] || entries[s.id] !== 1) break;
      for (const inst of s.insts) b.insts.push(inst);
      b.term = s.term;
      merged[s.id] = 1;
      any = true;
    }
  }
  if (any) keepMarkedBlocks(fn.blocks, merged, 0);
}

/** Removes from `blocks`, in place, the blocks whose mark (by id) differs from `keep`. */
function keepMarkedBlocks(blocks: Block[], marks: Uint8Array, keep: number): void {
  let n = 0;
  for (let i = 0; i < blocks.length; i++) if (marks[blocks[i].id] === keep) blocks[n++] = blocks[i];
  blocks.length = n;
}

/** Adds a virtual register that may not use the registers in the `forbid` mask, and returns its number. */
function newRegister(fn: IrFunction, forbid = 0): VReg {
  fn.forbidden.push(forbid);
  return fn.vregCount++;
}

/**
 * Puts operands where the emitter needs them: the first operand of a
 * comparison in a register, a jump table's index in a register, a call
 * through a register rather than a constant. `constantCallees`: false when
 * no call has a constant address, which spares the walk over instructions.
 */
function legalize(fn: IrFunction, constantCallees: boolean): void {
  let folded = false;
  for (const b of fn.blocks) {
    // A new array only for a block with a call to a constant address.
    let out: Instruction[] | undefined;
    for (let i = 0; constantCallees && i < b.insts.length; i++) {
      const inst = b.insts[i];
      if (inst.op === "call" && inst.callee.kind === "imm") {
        out ??= b.insts.slice(0, i);
        const r = newRegister(fn);
        out.push({ op: "mov", dst: r, src: inst.callee });
        inst.callee = reg(r);
      }
      out?.push(inst);
    }
    if (out) b.insts = out;
    const t = b.term!;
    if (t.op === "br") {
      if (t.a.kind !== "reg" && t.b.kind === "reg") b.term = { ...t, cc: SWAPPED[t.cc], a: t.b, b: t.a };
      const u = b.term as typeof t;
      if (u.a.kind === "imm" && u.b.kind === "imm") {
        b.term = { op: "jmp", target: compareConstants(u.cc, u.a.value, u.b.value) ? u.then : u.otherwise };
        folded = true;
      } else if (u.a.kind !== "reg") {
        const r = newRegister(fn);
        b.insts.push({ op: "mov", dst: r, src: u.a });
        u.a = reg(r);
      }
    } else if (t.op === "table" && t.index.kind !== "reg") {
      const r = newRegister(fn);
      b.insts.push({ op: "mov", dst: r, src: t.index });
      t.index = reg(r);
    }
  }
  cleanUp(fn, folded);
}
