// Liveness of virtual registers at block boundaries, by the classic
// backward dataflow over bit sets, iterated to a fixed point. Only the
// registers that cross a block boundary take part: a temporary defined and
// used inside one block (most of them) is never live at a boundary, and
// leaving those out keeps the bit sets small in large functions.
import { instructionDef, instructionUses, putSuccessorPositions, secondDef, successorCount, terminatorUses, useBuffer, type Block, type Instruction, type IrFunction, type Terminator, type VReg } from "./ir";
import { scratchInt32, scratchUint32, scratchUint8 } from "./scratch";

/** Its arrays are scratch views (scratch.ts), valid until the next call of liveness(). */
export interface Liveness {
  /**
   * The registers live on entry to and on exit from each block, one bit
   * each, numbered as in `registerAt`: block `bi` (in fn.blocks order) owns
   * the `words` words from `bi * words`. One flat array per direction keeps
   * large functions from allocating a typed array per block.
   */
  liveIn: Uint32Array;
  liveOut: Uint32Array;
  /** 32-bit words per set. */
  words: number;
  /** The virtual register of each bit position. */
  registerAt: Int32Array;
}

/**
 * The registers that each instruction and terminator of a function reads
 * and writes, in one flat array. Reading operands from the IR's instruction
 * objects, which come in many shapes, costs more, so sweeps that run more
 * than once (liveness, each round of the register allocator, the dead-code
 * sweep) read this table instead. Entry e takes OPERAND_STRIDE words from e * OPERAND_STRIDE:
 * the use count (in the low USE_COUNT_BITS bits of the first word), up to
 * four uses in instructionUses order, the definition and the second
 * definition (-1 for none). The last word, and the first word's higher
 * bits, are free for a user's own facts.
 */
export interface OperandTable {
  ops: Int32Array;
  /**
   * The first entry of each block, in fn.blocks order, plus the total at
   * the end. A block's entries are its instructions and then its
   * terminator, so an entry's index is its position in the layout.
   */
  blockStart: Int32Array;
}

export const OPERAND_STRIDE = 8;
export const USE_COUNT_BITS = 3;
export const USE_COUNT_MASK = (1 << USE_COUNT_BITS) - 1;
/** Offsets within an entry. */
export const USES = 1, DEF = 5, SECOND_DEF = 6, SPARE = 7;

/** Writes the operands of `inst` to the entry at `o` (a word offset), using `uses` (a `useBuffer()`) as scratch. */
export function putInstruction(inst: Instruction, ops: Int32Array, o: number, uses: Int32Array): void {
  const count = instructionUses(inst, uses);
  for (let k = 0; k < count; k++) ops[o + USES + k] = uses[k];
  ops[o] = count;
  ops[o + DEF] = instructionDef(inst) ?? -1;
  ops[o + SECOND_DEF] = secondDef(inst) ?? -1;
}

/** Writes the operands of `term` to the entry at `o`, as putInstruction does. */
export function putTerminator(term: Terminator, ops: Int32Array, o: number, uses: Int32Array): void {
  const count = terminatorUses(term, uses);
  for (let k = 0; k < count; k++) ops[o + USES + k] = uses[k];
  ops[o] = count;
  ops[o + DEF] = -1;
  ops[o + SECOND_DEF] = -1;
}

/**
 * Returns the first entry of each block plus the total, for an OperandTable
 * of `blocks`: a new array, or a view of `into` when given (which must have
 * room for blocks.length + 1 numbers).
 */
export function entryStarts(blocks: Block[], into?: Int32Array): Int32Array {
  const blockStart = into ? into.subarray(0, blocks.length + 1) : new Int32Array(blocks.length + 1);
  let e = 0;
  for (let bi = 0; bi < blocks.length; bi++) {
    blockStart[bi] = e;
    e += blocks[bi].insts.length + 1;
  }
  blockStart[blocks.length] = e;
  return blockStart;
}

export function operandTable(fn: IrFunction): OperandTable {
  const blockStart = entryStarts(fn.blocks);
  const ops = new Int32Array(blockStart[fn.blocks.length] * OPERAND_STRIDE);
  const uses = useBuffer();
  let o = 0;
  for (const b of fn.blocks) {
    for (const inst of b.insts) {
      putInstruction(inst, ops, o, uses);
      o += OPERAND_STRIDE;
    }
    putTerminator(b.term!, ops, o, uses);
    o += OPERAND_STRIDE;
  }
  return { ops, blockStart };
}

/** Calls `visit` with the virtual register of every bit set in block `bi`'s part of `set` (`liveIn` or `liveOut`). */
export function forEachLive(l: Liveness, set: Uint32Array, bi: number, visit: (v: VReg) => void): void {
  const base = bi * l.words;
  for (let w = 0; w < l.words; w++) {
    for (let bits = set[base + w]; bits !== 0; bits &= bits - 1) visit(l.registerAt[w * 32 + (31 - Math.clz32(bits & -bits))]);
  }
}

/** Returns `array` if it has room for `n` elements, or a new, longer Int32Array (without the old contents). */
function room(array: Int32Array, n: number): Int32Array<ArrayBuffer> {
  return array.length >= n ? (array as Int32Array<ArrayBuffer>) : new Int32Array(Math.max(n, 2 * array.length));
}

/*
 * Scratch for liveness(), kept from one call to the next and never
 * filled, because the walk writes every element it reads. An event is
 * a mention of a crossing register: its bit times two, plus one for a
 * definition. A late kill takes two numbers: a block and a bit.
 */
let events: Int32Array<ArrayBuffer> = new Int32Array(0);
let lateKills: Int32Array<ArrayBuffer> = new Int32Array(0);

/** A register's state in liveness() before it is found crossing: not yet mentioned. */
const UNSEEN = -1;

/**
 * Computes liveness at block boundaries; `table` must describe `fn` as it
 * is now. Only crossing registers take part: those used in a block other
 * than the one that defines them, or before their definition.
 */
export function liveness(fn: IrFunction, table: OperandTable = operandTable(fn)): Liveness {
  const { ops, blockStart } = table;
  const blocks = fn.blocks;
  // One walk finds the crossing registers and lists each block's mentions of them. A register gets its
  // bit when the walk finds it crossing, so bits follow that order, not register numbers. Before then
  // it was mentioned only in the block that first defined it (its home), where a late kill makes up for
  // the definitions that the walk did not list. state[v] is v's bit once it has one, UNSEEN, or
  // -2 - home for a register mentioned only in its home so far. So one read shows both whether v has a
  // bit and whether the current block is its home.
  const state = scratchInt32("liveness.state", fn.vregCount, UNSEEN);
  const registers = scratchInt32("liveness.registers", fn.vregCount);
  const firstEvent = scratchInt32("liveness.firstEvent", blocks.length + 1);
  // An entry mentions at most six registers, and each register gets at most one late kill.
  events = room(events, blockStart[blocks.length] * (OPERAND_STRIDE - 2));
  lateKills = room(lateKills, 2 * fn.vregCount);
  let count = 0, eventCount = 0, lateKillCount = 0;
  for (let bi = 0; bi < blocks.length; bi++) {
    firstEvent[bi] = eventCount;
    const local = -2 - bi;
    const end = blockStart[bi + 1] * OPERAND_STRIDE;
    for (let o = blockStart[bi] * OPERAND_STRIDE; o < end; o += OPERAND_STRIDE) {
      // Uses come before the definitions of the same instruction, so a register read and then redefined is live on entry.
      for (let k = (ops[o] & USE_COUNT_MASK) - 1; k >= 0; k--) {
        const v = ops[o + USES + k];
        let i = state[v];
        if (i < 0) {
          if (i === local) continue;
          state[v] = count;
          registers[count] = v;
          if (i !== UNSEEN) {
            lateKills[2 * lateKillCount] = -2 - i;
            lateKills[2 * lateKillCount++ + 1] = count;
          }
          i = count++;
        }
        events[eventCount++] = 2 * i;
      }
      for (let slot = DEF; slot <= SECOND_DEF; slot++) {
        const v = ops[o + slot];
        if (v < 0) continue;
        let i = state[v];
        if (i < 0) {
          if (i === UNSEEN) state[v] = i = local;
          if (i === local) continue;
          state[v] = count;
          registers[count] = v;
          lateKills[2 * lateKillCount] = -2 - i;
          lateKills[2 * lateKillCount++ + 1] = count;
          i = count++;
        }
        events[eventCount++] = 2 * i + 1;
      }
    }
  }
  firstEvent[blocks.length] = eventCount;
  const registerAt = registers.subarray(0, count);
  const words = (count + 31) >>> 5;
  const size = blocks.length * words;
  const gen = scratchUint32("liveness.gen", size), kill = scratchUint32("liveness.kill", size);
  for (let bi = 0; bi < blocks.length; bi++) {
    const base = bi * words;
    for (let e = firstEvent[bi]; e < firstEvent[bi + 1]; e++) {
      const i = events[e] >>> 1, word = base + (i >>> 5), bit = 1 << (i & 31);
      if (events[e] & 1) kill[word] |= bit;
      else if (!(kill[word] & bit)) gen[word] |= bit;
    }
  }
  // A late kill's block has no event for its bit, so it changes no gen bit.
  for (let k = 0; k < lateKillCount; k++) {
    const i = lateKills[2 * k + 1];
    kill[lateKills[2 * k] * words + (i >>> 5)] |= 1 << (i & 31);
  }
  if (words === 0) return { liveIn: gen, liveOut: kill, words, registerAt };
  const liveIn = scratchUint32("liveness.liveIn", size), liveOut = scratchUint32("liveness.liveOut", size);
  solve(blocks, fn.blockIds, words, gen, kill, liveIn, liveOut);
  return { liveIn, liveOut, words, registerAt };
}

/**
 * Solves the dataflow equations for the sets of `words` words per block:
 * liveOut is the union of the successors' liveIn, and liveIn is
 * gen | (liveOut & ~kill). liveIn and liveOut must start empty.
 */
function solve(blocks: Block[], blockIds: number, words: number, gen: Uint32Array, kill: Uint32Array, liveIn: Uint32Array, liveOut: Uint32Array): void {
  const position = scratchInt32("liveness.position", blockIds);
  for (let bi = 0; bi < blocks.length; bi++) position[blocks[bi].id] = bi;
  // Block bi's successors are succ[firstSucc[bi]] to succ[firstSucc[bi + 1] - 1], by position. An edge that
  // appears twice is listed twice.
  const firstSucc = scratchInt32("liveness.firstSucc", blocks.length + 1);
  for (let bi = 0; bi < blocks.length; bi++) firstSucc[bi + 1] = firstSucc[bi] + successorCount(blocks[bi].term!);
  const succ = scratchInt32("liveness.succ", firstSucc[blocks.length]);
  // The blocks that a later block, or the block itself, jumps to: the targets of back edges.
  const backTarget = scratchUint8("liveness.backTarget", blocks.length);
  for (let bi = 0; bi < blocks.length; bi++) {
    putSuccessorPositions(blocks[bi].term!, position, succ, firstSucc[bi]);
    for (let k = firstSucc[bi]; k < firstSucc[bi + 1]; k++) if (succ[k] <= bi) backTarget[succ[k]] = 1;
  }
  // Sweeps go backwards over the layout and visit only the blocks whose successors' live-in sets grew
  // since their last visit (at first, all of them). Visit number t stamps its block with 2t, and with
  // 2t + 1 the live-in set when it grows, so a block that is its own successor is visited again.
  // A block earlier in the layout gets its visit in the same sweep, so only a back edge calls for
  // another sweep. The sets only grow, from empty, so this reaches the same least fixed point as
  // sweeping every block until nothing changes.
  const visitedAt = scratchInt32("liveness.visitedAt", blocks.length, -1);
  const grewAt = scratchInt32("liveness.grewAt", blocks.length, -1);
  let visits = 0;
  for (let again = true; again;) {
    again = false;
    for (let bi = blocks.length - 1; bi >= 0; bi--) {
      const first = firstSucc[bi], last = firstSucc[bi + 1];
      if (visitedAt[bi] >= 0) {
        let stale = false;
        for (let k = first; k < last && !stale; k++) stale = grewAt[succ[k]] > visitedAt[bi];
        if (!stale) continue;
      }
      visitedAt[bi] = 2 * visits;
      const base = bi * words;
      let grew = false;
      // The common cases of one and two successors take one pass over the words. liveOut gets the
      // union itself, which contains all it contained before, because the successors' sets only grow.
      if (last - first === 1) {
        const s = succ[first] * words;
        for (let w = 0; w < words; w++) {
          const out = liveIn[s + w];
          liveOut[base + w] = out;
          const v = (gen[base + w] | (out & ~kill[base + w])) >>> 0;
          if (v !== liveIn[base + w]) { liveIn[base + w] = v; grew = true; }
        }
      } else if (last - first === 2) {
        const s = succ[first] * words, t = succ[first + 1] * words;
        for (let w = 0; w < words; w++) {
          const out = liveIn[s + w] | liveIn[t + w];
          liveOut[base + w] = out;
          const v = (gen[base + w] | (out & ~kill[base + w])) >>> 0;
          if (v !== liveIn[base + w]) { liveIn[base + w] = v; grew = true; }
        }
      } else {
        for (let k = first; k < last; k++) {
          const s = succ[k] * words;
          for (let w = 0; w < words; w++) liveOut[base + w] |= liveIn[s + w];
        }
        for (let w = base; w < base + words; w++) {
          const v = (gen[w] | (liveOut[w] & ~kill[w])) >>> 0;
          if (v !== liveIn[w]) { liveIn[w] = v; grew = true; }
        }
      }
      if (grew) {
        grewAt[bi] = 2 * visits + 1;
        if (backTarget[bi] === 1) again = true;
      }
      visits++;
    }
  }
}
