// Linear-scan register allocation (after Poletto and Sarkar) over the six
// usable i386 registers. Each virtual register gets one live interval, the
// hull of the positions where it is live, from a backward liveness pass
// over the blocks in layout order. Instructions that clobber fixed
// registers (calls, division, shifts by %cl) keep intervals that cross them
// out of those registers. A virtual register that finds no register is
// spilled to a stack slot: its uses and definitions go through short-lived
// temporaries (spill.ts) and the allocation runs again.
import {
  CALLER_SAVED, EAX, ECX, EDX, NO_BYTE_FORM, REGISTERS, Unsupported, useBuffer,
  type Address, type Instruction, type IrFunction, type Terminator, type VReg,
} from "./ir";
import {
  DEF, OPERAND_STRIDE, SECOND_DEF, SPARE, USES, USE_COUNT_BITS, USE_COUNT_MASK, entryStarts, liveness, putTerminator, type Liveness, type OperandTable,
} from "./liveness";
import { scratchInt32, scratchUint32, scratchUint8 } from "./scratch";
import { lostHints, rewriteSpills, spilledRanges } from "./spill";

export interface Allocation {
  /**
   * The register index (into REGISTERS) of each virtual register. It is a
   * view of scratch storage, valid until the next allocateRegisters() call.
   */
  registerOf: Int8Array;
  /** Stack slots holding spilled values, numbered from 0. */
  spillSlots: number;
  /** Frame slot of each spilled virtual register's value. */
  slotOf: Map<VReg, number>;
  /**
   * The operand table that the last round read, of the function with its
   * spill code, in the allocator's format (see allocatorTable). It is
   * scratch storage, valid until the next allocateRegisters() call.
   */
  table: OperandTable;
}

const ALL = (1 << REGISTERS.length) - 1;

/** The lists of Intervals.clobberAt after those of the registers. */
const CALLS = REGISTERS.length, ANY_CLOBBER = REGISTERS.length + 1, CLOBBER_LISTS = REGISTERS.length + 2;

/*
 * Typed arrays kept from one allocation round, and one function, to the
 * next. V8 (Node 20) gives a typed array of more than 64 bytes its own
 * backing store outside the JavaScript heap, and allocating one costs more
 * than refilling an old one. Each is at least as long as the largest
 * request so far, so the code that uses one stops at its own bound and
 * never at `.length`.
 */
const scratch = {
  start: new Int32Array(0),
  end: new Int32Array(0),
  hint: new Int8Array(0),
  hintFrom: new Int32Array(0),
  weight: new Float64Array(0),
  registerOf: new Int8Array(0),
  positions: new Int32Array(0),
  order: new Int32Array(0),
  clobberAt: new Int32Array(0),
  /** The two operand tables that rounds write in turn. */
  tables: [new Int32Array(0), new Int32Array(0)] as Int32Array[],
  /** The blockStart arrays of those tables. */
  blockStarts: [new Int32Array(0), new Int32Array(0)] as Int32Array[],
};

/** Returns `array` if it has room for `n` elements, or a new, longer array of its kind. */
function room<T extends Int32Array | Int8Array | Float64Array>(array: T, n: number): T {
  if (array.length >= n) return array;
  return new (array.constructor as new (length: number) => T)(Math.max(n, 2 * array.length));
}

/** Returns `array` if it has room for `n` elements, or a longer copy of it. */
function grow<T extends Int32Array | Int8Array | Float64Array>(array: T, n: number): T {
  if (array.length >= n) return array;
  const longer = room(array, n);
  longer.set(array);
  return longer;
}

/*
 * The allocator keeps its own facts about each instruction in the free bits
 * of an OperandTable entry, so that each round reads the table and not the
 * IR objects. The first word stores the registers the instruction clobbers
 * (destroys, so no value live across it may stay in them), whether it is a
 * call, and a HINT_* kind: the register its definition should get if free.
 * HINT_FROM and HINT_RESULT name a virtual register in the SPARE word.
 */
const CLOBBER_SHIFT = USE_COUNT_BITS;
const CALL = 1 << (CLOBBER_SHIFT + REGISTERS.length);
const HINT_SHIFT = CLOBBER_SHIFT + REGISTERS.length + 1;
/** The definition prefers the register of the SPARE word's virtual register, the value it was computed from. */
const HINT_FROM = 1;
/** The definition prefers %eax (a quotient). */
const HINT_EAX = 2;
/** The definition prefers %edx (a remainder). */
const HINT_EDX = 3;
/** A return's value (the SPARE word) prefers %eax. */
const HINT_RESULT = 4;

/**
 * Writes the allocator's entry for `inst` at word `o` of `ops`, and adds
 * the register constraints the instruction puts on its operands to
 * fn.forbidden. This is the allocator's one sweep over all
 * the IR objects, so one switch reads every operand. A test checks that the
 * uses and definitions match instructionUses(), instructionDef() and
 * secondDef().
 */
export function putInstructionFacts(fn: IrFunction, inst: Instruction, ops: Int32Array, o: number): void {
  let count = 0, def = -1, second = -1, flags = 0, from = -1;
  // The cases go by how often the op occurs in optimised code, most often first.
  switch (inst.op) {
    case "line":
      break;
    case "load": case "lea":
      def = inst.dst;
      count = putAddressUses(inst.address, ops, o, count);
      break;
    case "bin": {
      def = inst.dst;
      const { a, b } = inst;
      if (a.kind === "reg") ops[o + USES + count++] = a.reg;
      if (b.kind === "reg") ops[o + USES + count++] = b.reg;
      switch (inst.opcode) {
        case "sdiv": case "udiv":
          flags = (CALLER_SAVED << CLOBBER_SHIFT) | (HINT_EAX << HINT_SHIFT);
          break;
        case "srem": case "urem":
          flags = (CALLER_SAVED << CLOBBER_SHIFT) | (HINT_EDX << HINT_SHIFT);
          break;
        case "umulh":
          flags = CALLER_SAVED << CLOBBER_SHIFT;
          break;
        case "shl": case "shr": case "sar":
          if (b.kind !== "imm") {
            flags = (1 << ECX) << CLOBBER_SHIFT;
            fn.forbidden[inst.dst] |= 1 << ECX;
          }
          break;
      }
      if (flags >>> HINT_SHIFT === 0 && a.kind === "reg") {
        flags |= HINT_FROM << HINT_SHIFT;
        from = a.reg;
      }
      break;
    }
    case "mov":
      def = inst.dst;
      if (inst.src.kind === "reg") {
        ops[o + USES + count++] = from = inst.src.reg;
        flags = HINT_FROM << HINT_SHIFT;
      }
      break;
    case "store":
      count = putAddressUses(inst.address, ops, o, count);
      if (inst.src.kind === "reg") {
        ops[o + USES + count++] = inst.src.reg;
        if (inst.size === 1) fn.forbidden[inst.src.reg] |= NO_BYTE_FORM;
      }
      break;
    case "arg":
      if (inst.src.kind === "reg") ops[o + USES + count++] = inst.src.reg;
      break;
    case "set":
      def = inst.dst;
      if (inst.a.kind === "reg") ops[o + USES + count++] = inst.a.reg;
      if (inst.b.kind === "reg") ops[o + USES + count++] = inst.b.reg;
      fn.forbidden[inst.dst] |= NO_BYTE_FORM;
      break;
    case "ext":
      def = inst.dst;
      if (inst.a.kind === "reg") {
        ops[o + USES + count++] = inst.a.reg;
        if (inst.size === 1) fn.forbidden[inst.a.reg] |= NO_BYTE_FORM;
      }
      break;
    case "call":
      def = inst.dst ?? -1;
      second = inst.dstHigh ?? -1;
      if (inst.callee.kind === "reg") ops[o + USES + count++] = inst.callee.reg;
      flags = (CALLER_SAVED << CLOBBER_SHIFT) | CALL;
      break;
    case "neg": case "not":
      def = inst.dst;
      if (inst.a.kind === "reg") ops[o + USES + count++] = inst.a.reg;
      break;
    case "zero":
      count = putAddressUses(inst.address, ops, o, count);
      if (inst.size > 64) flags = (1 << ECX) << CLOBBER_SHIFT;
      break;
    case "copy":
      count = putAddressUses(inst.from, ops, o, putAddressUses(inst.to, ops, o, count));
      break;
  }
  ops[o] = count | flags;
  ops[o + DEF] = def;
  ops[o + SECOND_DEF] = second;
  ops[o + SPARE] = from;
}

function putAddressUses(a: Address, ops: Int32Array, o: number, count: number): number {
  if (a.base !== undefined) ops[o + USES + count++] = a.base;
  if (a.index !== undefined) ops[o + USES + count++] = a.index;
  return count;
}

function putTerminatorFacts(term: Terminator, ops: Int32Array, o: number, uses: Int32Array): void {
  putTerminator(term, ops, o, uses);
  if (term.op === "ret" && term.value?.kind === "reg") {
    ops[o] |= HINT_RESULT << HINT_SHIFT;
    ops[o + SPARE] = term.value.reg;
  } else {
    ops[o + SPARE] = -1;
  }
}

/**
 * Builds the allocator's operand table of `fn`, and sets the register
 * constraints that instructions put on their operands. The table is
 * scratch storage: the next allocation overwrites it.
 */
export function allocatorTable(fn: IrFunction): OperandTable {
  const starts = scratch.blockStarts[0] = room(scratch.blockStarts[0], fn.blocks.length + 1);
  const blockStart = entryStarts(fn.blocks, starts);
  const ops = scratch.tables[0] = room(scratch.tables[0], blockStart[fn.blocks.length] * OPERAND_STRIDE);
  const uses = useBuffer();
  let o = 0;
  for (const b of fn.blocks) {
    for (const inst of b.insts) {
      putInstructionFacts(fn, inst, ops, o);
      o += OPERAND_STRIDE;
    }
    putTerminatorFacts(b.term!, ops, o, uses);
    o += OPERAND_STRIDE;
  }
  return { ops, blockStart };
}

export function allocateRegisters(fn: IrFunction): Allocation {
  let table = allocatorTable(fn);
  // Spilling keeps liveness at block boundaries as it was, except for the spilled registers: their
  // temporaries live inside one instruction's neighbourhood. So one liveness serves every round.
  const boundaries = liveBoundaries(liveness(fn, table), fn.blocks.length);
  const depth = loopDepths(fn);
  const slotOf = new Map<VReg, number>();
  // Spilling makes temporaries from here on. They live for one instruction and must not be spilled again.
  const firstTemporary = fn.vregCount;
  // The registers spilled in any round so far. A round's rewrite removes every mention of the
  // registers it spills, so flagging the earlier ones as well changes nothing in later rewrites.
  const spilled = scratchUint8("allocateRegisters.spilled", firstTemporary);
  // Each round writes the rewritten function's table over the table of the round before last.
  let spare: Int32Array = scratch.tables[1];
  // The same for the tables' blockStart arrays. Here `starts` is the current table's whole array, which
  // allocatorTable() returns a view of.
  let starts = scratch.blockStarts[0], spareStarts = scratch.blockStarts[1];
  // The position before which a round's scan makes the same decisions as the round before (see scan()).
  let unchangedBefore = 0;
  let intervals: Intervals | undefined;
  // The first temporary that the last rewrite made.
  let firstNew = 0;
  for (let round = 0; round < 8; round++) {
    intervals = computeIntervals(fn, table, boundaries, depth, spilled, unchangedBefore, intervals, firstNew);
    const result = scan(fn, intervals, firstTemporary, unchangedBefore);
    if (result.spilled.length === 0) {
      // TableBuilder may have replaced a scratch table with a longer one: keep both for the next function.
      scratch.tables = [table.ops, spare];
      scratch.blockStarts = [starts, spareStarts];
      return { registerOf: result.registerOf.subarray(0, fn.vregCount), spillSlots: slotOf.size, slotOf, table };
    }
    for (const v of result.spilled) {
      if (!slotOf.has(v)) slotOf.set(v, slotOf.size);
      spilled[v] = 1;
    }
    const ranges = spilledRanges(intervals, result.spilled);
    firstNew = fn.vregCount;
    const next = rewriteSpills(fn, table, spilled, ranges, spare, spareStarts);
    // The rewrite changes no entry before the first range. Of the intervals that start before it, only
    // those of registers whose copy hint the rewrite removed may get another register next round. An
    // even position lets the next computeIntervals() walk whole entries.
    unchangedBefore = 2 * ranges.ranges[0];
    for (const d of lostHints) unchangedBefore = Math.min(unchangedBefore, intervals.start[d] & ~1);
    spare = table.ops;
    spareStarts = starts;
    starts = next.blockStart;
    table = next;
  }
  throw new Unsupported("needs more registers than the allocator could free");
}

interface Intervals {
  start: Int32Array;
  end: Int32Array;
  /**
   * Sorted instruction numbers: for each register r those that clobber it,
   * from clobberAt[r * stride] on, then (as list CALLS) those of calls,
   * and (as list ANY_CLOBBER) those that clobber any register. List c has
   * clobberCount[c] numbers.
   */
  clobberAt: Int32Array;
  clobberCount: Int32Array;
  /** The distance between two lists of clobberAt: the number of entries. */
  stride: number;
  /** The registers that some instruction clobbers. */
  clobbered: number;
  /** A preferred register per virtual register, or -1. */
  hint: Int8Array;
  hintFrom: Int32Array;
  /** Uses and definitions, each weighted by 8 to the power of its loop depth: the cost of spilling. */
  weight: Float64Array;
  /** The registers that have an interval, by start position and then by number. */
  order: Int32Array;
}

/**
 * The first and last block boundary at which each register in
 * `live.registerAt` is live, or -1: boundary 2 * bi is block bi's entry,
 * 2 * bi + 1 its exit. Boundaries come in layout order, so these two bound
 * the positions at which liveness stretches the register's interval, in
 * every round.
 */
interface LiveBoundaries {
  registerAt: Int32Array;
  first: Int32Array;
  last: Int32Array;
}

function liveBoundaries(live: Liveness, blockCount: number): LiveBoundaries {
  const count = live.registerAt.length;
  const first = scratchInt32("liveBoundaries.first", count, -1), last = scratchInt32("liveBoundaries.last", count, -1);
  // One sweep forwards finds each register's first boundary and one backwards its last. Each takes only
  // the bits it has not met yet, so it visits each register once and not at every boundary where it is live.
  const missing = scratchUint32("liveBoundaries.missing", live.words);
  sweepBoundaries(live, missing, 0, 1, 2 * blockCount, first);
  sweepBoundaries(live, missing, 2 * blockCount - 1, -1, 2 * blockCount, last);
  return { registerAt: live.registerAt, first, last };
}

/**
 * Sets found[r] to the first boundary, walking from `start` by `step`, at which register slot r is live.
 * It is a module-level function rather than a closure, because tsx's keepNames wraps each closure in a
 * __name call (an Object.defineProperty) when it is created.
 */
function sweepBoundaries(live: Liveness, missing: Uint32Array, start: number, step: 1 | -1, boundaryCount: number, found: Int32Array): void {
  missing.fill(0xffffffff);
  for (let boundary = start; boundary >= 0 && boundary < boundaryCount; boundary += step) {
    const set = boundary & 1 ? live.liveOut : live.liveIn;
    const base = (boundary >>> 1) * live.words;
    for (let w = 0; w < live.words; w++) {
      let bits = set[base + w] & missing[w];
      if (bits === 0) continue;
      missing[w] &= ~bits;
      for (; bits !== 0; bits &= bits - 1) found[w * 32 + (31 - Math.clz32(bits & -bits))] = boundary;
    }
  }
}

/** Loop depth per block, from the back edges of the layout (a jump to an earlier block closes a loop). */
function loopDepths(fn: IrFunction): Int32Array {
  const blocks = fn.blocks;
  const position = scratchInt32("loopDepths.position", fn.blockIds);
  for (let i = 0; i < blocks.length; i++) position[blocks[i].id] = i;
  const delta = scratchInt32("loopDepths.delta", blocks.length + 1);
  // The successors are listed here rather than visited by forEachSuccessor, because its callback would be
  // a closure made on every call, which tsx's keepNames wraps in a __name call.
  for (let i = 0; i < blocks.length; i++) {
    const term = blocks[i].term!;
    switch (term.op) {
      case "jmp": countBackEdge(position[term.target.id], i, delta); break;
      case "br": countBackEdge(position[term.then.id], i, delta); countBackEdge(position[term.otherwise.id], i, delta); break;
      case "ret": break;
      case "table":
        for (const t of term.targets) countBackEdge(position[t.id], i, delta);
        countBackEdge(position[term.otherwise.id], i, delta);
        break;
    }
  }
  const depth = scratchInt32("loopDepths.depth", blocks.length);
  let d = 0;
  for (let i = 0; i < blocks.length; i++) depth[i] = d += delta[i];
  return depth;
}

/** Adds the loop j..i to the difference array `delta` when the edge from block i to block j goes back. */
function countBackEdge(j: number, i: number, delta: Int32Array): void {
  if (j <= i) {
    delta[j]++;
    delta[i + 1]--;
  }
}

/** 8 to the power of the loop depth, up to depth 5: a lookup, because `**` with a variable exponent calls Math.pow. */
const LOOP_WEIGHT = [1, 8, 64, 512, 4096, 32768];

/** The start of a register that no entry mentions. */
const NO_START = 0x7fffffff;

/** Sorts order[from] to order[to - 1], the registers first met at one position (at most four), by number. */
function sortByNumber(order: Int32Array, from: number, to: number): void {
  for (let k = from + 1; k < to; k++) {
    const v = order[k];
    let j = k;
    for (; j > from && order[j - 1] > v; j--) order[j] = order[j - 1];
    order[j] = v;
  }
}

/**
 * Computes live intervals from the table and the live boundaries, leaving
 * out the registers flagged in `spilled`. Entry i's uses are at position
 * 2i, its definitions at 2i + 1.
 *
 * With `unchangedBefore` above 0, it updates `previous`, the intervals of
 * the table before the last rewrite, which made the temporaries from
 * `firstNew` on. It needs the conditions that scan() states for that
 * position, which must be even. The intervals that start before it keep
 * their starts, weights and order, and the walk begins at that position,
 * because spilling kept every mention of those registers. The clobber
 * lists then hold only the instructions from there on, and those
 * intervals' hints are stale, so only a scan resumed there may use them.
 */
function computeIntervals(
  fn: IrFunction, { ops, blockStart }: OperandTable, boundaries: LiveBoundaries, depth: Int32Array, spilled: Uint8Array,
  unchangedBefore: number, previous?: Intervals, firstNew = 0,
): Intervals {
  const n = fn.vregCount;
  const start = scratch.start = grow(scratch.start, n);
  const end = scratch.end = grow(scratch.end, n);
  const hint = scratch.hint = grow(scratch.hint, n);
  const hintFrom = scratch.hintFrom = grow(scratch.hintFrom, n);
  const weight = scratch.weight = grow(scratch.weight, n);
  const order = scratch.order = grow(scratch.order, n);
  // The walk starts at position `from`, and the first `kept` intervals of the previous order stay.
  const from = previous === undefined ? 0 : unchangedBefore;
  let kept = 0;
  if (from === 0) {
    start.fill(NO_START, 0, n);
    end.fill(-1, 0, n);
    hint.fill(-1, 0, n);
    hintFrom.fill(-1, 0, n);
    weight.fill(0, 0, n);
  } else {
    const previousOrder = previous!.order;
    while (kept < previousOrder.length && start[previousOrder[kept]] < from) kept++;
    for (let k = kept; k < previousOrder.length; k++) {
      const v = previousOrder[k];
      start[v] = NO_START;
      end[v] = -1;
      hint[v] = -1;
      hintFrom[v] = -1;
      weight[v] = 0;
    }
    start.fill(NO_START, firstNew, n);
    end.fill(-1, firstNew, n);
    hint.fill(-1, firstNew, n);
    hintFrom.fill(-1, firstNew, n);
    weight.fill(0, firstNew, n);
  }
  const stride = blockStart[fn.blocks.length];
  const clobberAt = scratch.clobberAt = room(scratch.clobberAt, CLOBBER_LISTS * stride);
  const clobberCount = new Int32Array(CLOBBER_LISTS);
  let clobbered = 0;
  // Positions only grow along the walk, so a register's first mention sets its start, and each mention
  // moves its end. Listing registers at their first mention lists them by start, save for ties. A kept
  // interval's weight already counts the mentions in the walk.
  let count = kept;
  let bi = 0;
  while (blockStart[bi + 1] <= from >> 1) bi++;
  for (; bi < fn.blocks.length; bi++) {
    const w = LOOP_WEIGHT[Math.min(depth[bi], LOOP_WEIGHT.length - 1)];
    const first = Math.max(blockStart[bi], from >> 1), last = blockStart[bi + 1] - 1;
    for (let i = first; i <= last; i++) {
      const o = i * OPERAND_STRIDE;
      const flags = ops[o];
      const firstUse = count;
      for (let k = (flags & USE_COUNT_MASK) - 1; k >= 0; k--) {
        const v = ops[o + USES + k];
        if (start[v] === NO_START) {
          start[v] = 2 * i;
          order[count++] = v;
        }
        end[v] = 2 * i;
        if (start[v] >= from) weight[v] += w;
      }
      if (count - firstUse > 1) sortByNumber(order, firstUse, count);
      const firstDef = count;
      const d = ops[o + DEF];
      if (d >= 0) {
        if (start[d] === NO_START) {
          start[d] = 2 * i + 1;
          order[count++] = d;
        }
        end[d] = 2 * i + 1;
        if (start[d] >= from) weight[d] += w;
      }
      const h = ops[o + SECOND_DEF];
      if (h >= 0) {
        if (start[h] === NO_START) {
          start[h] = 2 * i + 1;
          order[count++] = h;
        }
        end[h] = 2 * i + 1;
        if (start[h] >= from) weight[h] += w;
        hint[h] = EDX;
      }
      if (count - firstDef > 1) sortByNumber(order, firstDef, count);
      const c = (flags >>> CLOBBER_SHIFT) & ALL;
      if (c !== 0 || flags & CALL) {
        clobbered |= c;
        for (let r = 0; r < REGISTERS.length; r++) if (c & (1 << r)) clobberAt[r * stride + clobberCount[r]++] = i;
        clobberAt[ANY_CLOBBER * stride + clobberCount[ANY_CLOBBER]++] = i;
      }
      if (flags & CALL) {
        clobberAt[CALLS * stride + clobberCount[CALLS]++] = i;
        if (d >= 0) hint[d] = EAX;
        continue;
      }
      switch (flags >>> HINT_SHIFT) {
        case HINT_FROM: hintFrom[d] = ops[o + SPARE]; break;
        case HINT_EAX: hint[d] = EAX; break;
        case HINT_EDX: hint[d] = EDX; break;
        case HINT_RESULT: hint[ops[o + SPARE]] = EAX; break;
      }
    }
  }
  // A register live at a block's entry is live from the block's first position, one live at its exit to its last.
  let sorted = true;
  for (let j = 0; j < boundaries.registerAt.length; j++) {
    const v = boundaries.registerAt[j];
    if (boundaries.first[j] < 0 || spilled[v] === 1) continue;
    const from = boundaryPosition(blockStart, boundaries.first[j]), to = boundaryPosition(blockStart, boundaries.last[j]);
    if (from < start[v]) {
      // A register live before its first mention (a variable read before any assignment, say) breaks the order.
      start[v] = from;
      sorted = false;
    }
    if (to > end[v]) end[v] = to;
  }
  const iv: Intervals = { start, end, clobberAt, clobberCount, stride, clobbered, hint, hintFrom, weight, order: order.subarray(0, count) };
  if (!sorted) iv.order = byStart(iv, n, from, kept);
  return iv;
}

/** Returns the position of a block boundary: the block's first position for its entry, its last for its exit. */
function boundaryPosition(blockStart: Int32Array, boundary: number): number {
  return boundary & 1 ? 2 * blockStart[(boundary >>> 1) + 1] - 1 : 2 * blockStart[boundary >>> 1];
}

/**
 * True when some instruction in list `c` of `iv.clobberAt` lies strictly
 * inside an interval: an instruction i with start <= 2i and end >= 2i + 1,
 * that is lo <= i <= hi for lo = ceil(start / 2) and hi = floor((end - 1) / 2).
 * `cursor[c]` keeps the index of the list's first number >= lo between
 * calls for the same list, so calls must come with lo never decreasing, as
 * the scan's do.
 */
function crosses({ clobberAt, clobberCount, stride }: Intervals, c: number, lo: number, hi: number, cursor: Int32Array): boolean {
  const base = c * stride, count = clobberCount[c];
  let k = cursor[c];
  while (k < count && clobberAt[base + k] < lo) k++;
  cursor[c] = k;
  return k < count && clobberAt[base + k] <= hi;
}

/**
 * Returns the registers that have an interval, by start position and then
 * by number (a counting sort, since positions are small): scratch.order,
 * whose first `kept` registers stay, followed by those that start at or
 * after `from`.
 */
function byStart({ start, end }: Intervals, n: number, from: number, kept: number): Int32Array {
  let positions = from + 1, count = kept;
  for (let v = 0; v < n; v++) {
    if (end[v] < 0 || start[v] < from) continue;
    count++;
    if (start[v] >= positions) positions = start[v] + 1;
  }
  const next = scratch.positions = room(scratch.positions, positions + 1);
  next.fill(0, 0, positions + 1);
  next[from] = kept;
  for (let v = 0; v < n; v++) if (end[v] >= 0 && start[v] >= from) next[start[v] + 1]++;
  for (let p = 1; p <= positions; p++) next[p] += next[p - 1];
  const order = scratch.order = grow(scratch.order, count);
  for (let v = 0; v < n; v++) if (end[v] >= 0 && start[v] >= from) order[next[start[v]]++] = v;
  return order.subarray(0, count);
}

const CALLER_ORDER = [EAX, ECX, EDX, 3, 4, 5];
const CALLEE_ORDER = [3, 4, 5, EAX, ECX, EDX];

/** For each mask of free registers, the first of them in `order`, or -1 for none. */
function firstFree(order: number[]): Int8Array {
  const first = new Int8Array(ALL + 1).fill(-1);
  for (let free = 1; free <= ALL; free++) first[free] = order.find((r) => free & (1 << r))!;
  return first;
}

const FIRST_CALLER_SAVED = firstFree(CALLER_ORDER);
const FIRST_CALLEE_SAVED = firstFree(CALLEE_ORDER);

/**
 * Assigns registers to the intervals in order of their start. Registers
 * from `firstTemporary` on are spilling's temporaries, which must get a
 * register.
 *
 * The intervals that start before `unchangedBefore` keep the registers
 * that the last call gave them, and the scan resumes at the first that
 * does not. The caller passes 0 unless the last call was for the same
 * function, spilled no register whose interval starts before that
 * position, and its spill code changed no entry before it and no hint of
 * a register whose interval does. Then the steps before it would repeat
 * the last call's: they spilled nothing, and each comparison of positions
 * that they make comes out the same.
 */
function scan(fn: IrFunction, iv: Intervals, firstTemporary: number, unchangedBefore: number): { registerOf: Int8Array; spilled: VReg[] } {
  const n = fn.vregCount;
  const { start, end, weight, hint, hintFrom, clobbered } = iv;
  const order = iv.order;
  let first = 0;
  while (first < order.length && start[order[first]] < unchangedBefore) first++;
  const registerOf = scratch.registerOf = grow(scratch.registerOf, n);
  if (first === 0) registerOf.fill(-1, 0, n);
  else for (let k = first; k < order.length; k++) registerOf[order[k]] = -1;
  // The intervals holding a register, in the order they got it: at most one per register. Their ends
  // and registers are copied to activeEnd and activeRegister, which spares two reads at random indices
  // per active interval and step.
  const active = new Int32Array(REGISTERS.length), activeEnd = new Int32Array(REGISTERS.length);
  const activeRegister = new Int32Array(REGISTERS.length);
  let activeCount = 0;
  // A lower bound on the ends in activeEnd, so an interval that starts at or before it expires no other.
  let minEnd = NO_START;
  // Per list of clobberAt: where crosses() stopped in it last time. The list of all clobbering
  // instructions, which every interval with inner instructions looks up, is read here without a call.
  const cursor = new Int32Array(CLOBBER_LISTS);
  const { clobberAt } = iv;
  const anyBase = ANY_CLOBBER * iv.stride, anyCount = iv.clobberCount[ANY_CLOBBER];
  let anyNext = anyBase;
  const spilled: VReg[] = [];
  let busy = 0;
  // The intervals that the skipped steps left holding a register, in the order they got it.
  const resumeAt = first < order.length ? start[order[first]] : NO_START;
  for (let k = 0; k < first; k++) {
    const v = order[k];
    if (end[v] < resumeAt) continue;
    if (registerOf[v] < 0) throw new Error(`internal error: virtual register ${v} lost its register between allocation rounds`);
    active[activeCount] = v;
    activeRegister[activeCount] = registerOf[v];
    activeEnd[activeCount++] = end[v];
    busy |= 1 << registerOf[v];
    if (end[v] < minEnd) minEnd = end[v];
  }
  for (let i = first; i < order.length; i++) {
    const v = order[i];
    const s = start[v], e = end[v];
    if (s > minEnd) {
      let stillActive = 0;
      minEnd = NO_START;
      for (let k = 0; k < activeCount; k++) {
        const intervalEnd = activeEnd[k];
        if (intervalEnd < s) {
          busy &= ~(1 << activeRegister[k]);
          continue;
        }
        active[stillActive] = active[k];
        activeRegister[stillActive] = activeRegister[k];
        activeEnd[stillActive++] = intervalEnd;
        if (intervalEnd < minEnd) minEnd = intervalEnd;
      }
      activeCount = stillActive;
    }
    // Instructions lo to hi lie strictly inside the interval (an empty range for most temporaries).
    const lo = (s + 1) >> 1, hi = (e - 1) >> 1;
    let mask = ALL & ~fn.forbidden[v];
    // Most intervals contain no clobbering instruction, and then the lists of single registers need no look.
    let clobbers = false;
    if (lo <= hi) {
      while (anyNext < anyBase + anyCount && clobberAt[anyNext] < lo) anyNext++;
      clobbers = anyNext < anyBase + anyCount && clobberAt[anyNext] <= hi;
    }
    if (clobbers) {
      for (let bits = mask & clobbered; bits !== 0; bits &= bits - 1) {
        const r = 31 - Math.clz32(bits & -bits);
        if (crosses(iv, r, lo, hi, cursor)) mask &= ~(1 << r);
      }
    }
    const free = mask & ~busy;
    let chosen = -1;
    if (free !== 0) {
      const from = hintFrom[v];
      // A fixed hint (%eax for a call result) wins over the register of the value it was copied from.
      let hinted = hint[v];
      if (hinted < 0 && from >= 0) hinted = registerOf[from];
      if (hinted >= 0 && free & (1 << hinted)) chosen = hinted;
      else if (clobbers && crosses(iv, CALLS, lo, hi, cursor)) chosen = FIRST_CALLEE_SAVED[free];
      else chosen = FIRST_CALLER_SAVED[free];
    } else {
      // Spill cost density: loop-weighted uses per position covered, so a long, rarely used value goes first.
      // Spill the cheapest active interval (the one that ends last among equals) if it frees a register this one may use.
      let victim = -1, victimCost = 0;
      for (let k = 0; k < activeCount; k++) {
        const a = active[k];
        if (!(mask & (1 << activeRegister[k])) || a >= firstTemporary) continue;
        const cost = weight[a] / (end[a] - start[a] + 1);
        if (victim < 0 || cost < victimCost || (cost === victimCost && end[a] > end[victim])) { victim = a; victimCost = cost; }
      }
      const cost = weight[v] / (e - s + 1);
      if (victim >= 0 && (v >= firstTemporary || victimCost < cost || (victimCost === cost && end[victim] > e))) {
        chosen = registerOf[victim];
        registerOf[victim] = -1;
        let stillActive = 0;
        for (let k = 0; k < activeCount; k++) {
          if (active[k] === victim) continue;
          active[stillActive] = active[k];
          activeRegister[stillActive] = activeRegister[k];
          activeEnd[stillActive++] = activeEnd[k];
        }
        activeCount = stillActive;
        spilled.push(victim);
        busy &= ~(1 << chosen);
      } else {
        if (v >= firstTemporary) throw new Unsupported("needs more registers than one instruction can have");
        spilled.push(v);
        continue;
      }
    }
    registerOf[v] = chosen;
    busy |= 1 << chosen;
    active[activeCount] = v;
    activeRegister[activeCount] = chosen;
    activeEnd[activeCount++] = e;
    if (e < minEnd) minEnd = e;
  }
  return { registerOf, spilled };
}
