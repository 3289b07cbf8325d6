// Loop-invariant code motion. The lowering lays each loop out as one run of
// blocks closed by a jump back to its first block, so a back edge from block
// i to block h <= i marks the loop h..i. An arithmetic instruction inside it
// whose operands are all defined outside the loop, and whose result is
// defined nowhere else, computes the same value on every iteration: it moves
// to the end of the single block that enters the loop. Only instructions
// that cannot fault move (no division, no memory access), because the
// entering block may run them when the loop body would not have run.
import {
  instructionDef, instructionUses, putSuccessorPositions, reg, rewriteUses, secondDef, successorCount, useBuffer,
  type Block, type Instruction, type IrFunction, type Value, type VReg,
} from "./ir";
import { reuseInt32, scratchInt32 } from "./scratch";

/** Tells whether `inst` computes a value from its operands alone and cannot fault. */
function isHoistable(inst: Instruction): boolean {
  switch (inst.op) {
    case "bin":
      return inst.opcode !== "sdiv" && inst.opcode !== "udiv" && inst.opcode !== "srem" && inst.opcode !== "urem";
    case "lea": case "neg": case "not": case "ext": case "set":
      return true;
    default:
      // A `mov` of a constant gains nothing from moving and would hold a register through the loop.
      return false;
  }
}

/**
 * Moves loop-invariant instructions out of their loops. `definitions` and
 * `uses`: the number of times each register is assigned (a call's high
 * half counts) and read, which it updates when it drops a duplicate.
 */
export function hoistInvariants(fn: IrFunction, definitions: Int32Array, uses: Int32Array): void {
  const blocks = fn.blocks;
  const position = reuseInt32("hoistInvariants.position", fn.blockIds);
  for (let i = 0; i < blocks.length; i++) position[blocks[i].id] = i;
  // Block i's successors, by position, are successors[firstSuccessor[i] .. firstSuccessor[i + 1] - 1].
  // The walks below read these lists rather than calling forEachSuccessor, because its callback would be
  // a closure made on every call, which tsx's keepNames wraps in a __name call.
  const firstSuccessor = scratchInt32("hoistInvariants.firstSuccessor", blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) firstSuccessor[i + 1] = firstSuccessor[i] + successorCount(blocks[i].term!);
  const successors = reuseInt32("hoistInvariants.successors", firstSuccessor[blocks.length]);
  for (let i = 0; i < blocks.length; i++) putSuccessorPositions(blocks[i].term!, position, successors, firstSuccessor[i]);

  // The last block of each loop, by its first block: the furthest back edge into it (-1: none).
  // `entries` counts each block's incoming edges, to lay out the predecessor lists below.
  const lastOf = scratchInt32("hoistInvariants.lastOf", blocks.length, -1);
  const entries = scratchInt32("hoistInvariants.entries", blocks.length + 1);
  // Headers in the order their first back edge appears, which the stable sort below keeps for loops of one length.
  const headers: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    for (let k = firstSuccessor[i]; k < firstSuccessor[i + 1]; k++) {
      const h = successors[k];
      entries[h + 1]++;
      if (h <= i && lastOf[h] < i) {
        if (lastOf[h] < 0) headers.push(h);
        lastOf[h] = i;
      }
    }
  }
  if (headers.length === 0) return;


  // The predecessors of block i, by position, are predecessors[firstPredecessor[i] .. firstPredecessor[i + 1] - 1].
  for (let i = 0; i < blocks.length; i++) entries[i + 1] += entries[i];
  const firstPredecessor = entries;
  const predecessors = reuseInt32("hoistInvariants.predecessors", firstPredecessor[blocks.length]);
  const filled = reuseInt32("hoistInvariants.filled", blocks.length);
  filled.set(firstPredecessor.subarray(0, blocks.length));
  for (let i = 0; i < blocks.length; i++) {
    for (let k = firstSuccessor[i]; k < firstSuccessor[i + 1]; k++) predecessors[filled[successors[k]]++] = i;
  }

  // Inner loops first, so that a value leaves several loops when it can.
  const loops: [number, number][] = [];
  for (const h of headers) loops.push([h, lastOf[h]]);
  loops.sort(byLength);
  // definedIn[v] is the number of the last loop found to define v, so one array serves every loop.
  const definedIn = scratchInt32("hoistInvariants.definedIn", fn.vregCount);
  for (let n = 0; n < loops.length; n++) {
    const [first, last] = loops[n];
    hoistFrom(fn, first, last, predecessors, firstPredecessor, definitions, uses, definedIn, n + 1);
  }
}

/** Orders loops, given as their first and last block, by their number of blocks. */
function byLength(x: [number, number], y: [number, number]): number {
  return x[1] - x[0] - (y[1] - y[0]);
}

/** Moves the invariant instructions of the loop made of blocks first..last into the block that enters it. */
function hoistFrom(
  fn: IrFunction, first: number, last: number, predecessors: Int32Array, firstPredecessor: Int32Array,
  definitions: Int32Array, uses: Int32Array, definedIn: Int32Array, loop: number,
): void {
  const blocks = fn.blocks;

  // The loop must be entered only at its first block, from one block outside it.
  let entering: Block | undefined;
  for (let i = first; i <= last; i++) {
    for (let k = firstPredecessor[i]; k < firstPredecessor[i + 1]; k++) {
      const p = predecessors[k];
      if (p >= first && p <= last) continue;
      if (i !== first || (entering !== undefined && entering !== blocks[p])) return;
      entering = blocks[p];
    }
  }
  if (entering === undefined) return;

  // Registers defined inside the loop: an operand among them may change between iterations.
  for (let i = first; i <= last; i++) {
    for (const inst of blocks[i].insts) {
      const d = instructionDef(inst);
      if (d !== undefined) definedIn[d] = loop;
      const h = secondDef(inst);
      if (h !== undefined) definedIn[h] = loop;
    }
  }

  const operands = useBuffer();
  const hoisted: Instruction[] = [];
  const computed = new Map<string, VReg>();
  const replaced = new Map<VReg, VReg>();
  for (let i = first; i <= last; i++) {
    const insts = blocks[i].insts;
    // The instructions that stay move down in place over the hoisted ones: insts[0] to insts[kept - 1].
    let kept = 0;
    for (let at = 0; at < insts.length; at++) {
      const inst = insts[at];
      const d = instructionDef(inst);
      let invariant = d !== undefined && definitions[d] === 1 && isHoistable(inst);
      const count = invariant ? instructionUses(inst, operands) : 0;
      for (let k = count - 1; k >= 0; k--) {
        if (definedIn[operands[k]] === loop) invariant = false;
      }
      if (!invariant) {
        if (kept !== at) insts[kept] = inst;
        kept++;
        continue;
      }
      // The same computation hoisted twice (a row address for two arrays) is kept once.
      const key = computationKey(inst);
      const earlier = key === undefined ? undefined : computed.get(key);
      if (earlier === undefined) {
        hoisted.push(inst);
        if (key !== undefined) computed.set(key, d!);
      } else {
        // The duplicate is dropped.
        replaced.set(d!, earlier);
        fn.forbidden[earlier] |= fn.forbidden[d!];
        definitions[d!]--;
        for (let k = count - 1; k >= 0; k--) uses[operands[k]]--;
      }
      definedIn[d!] = 0;
    }
    if (kept < insts.length) insts.length = kept;
  }

  for (const inst of hoisted) entering.insts.push(inst);
  if (replaced.size === 0) return;

  // A duplicate's result is read from the first computation's register instead.
  for (const [d, earlier] of replaced) {
    uses[earlier] += uses[d];
    uses[d] = 0;
  }
  const map = (r: VReg): Value | undefined => (replaced.has(r) ? reg(replaced.get(r)!) : undefined);
  for (const b of blocks) {
    for (const inst of b.insts) rewriteUses(inst, map);
    rewriteUses(b.term!, map);
  }
}

function valueKey(v: Value): string {
  if (v.kind === "reg") return `r${v.reg}`;
  if (v.kind === "imm") return `${v.value}`;
  return `$${v.name}+${v.offset}`;
}

/** Returns a string equal for two binary operations with the same opcode and operands, else undefined. */
function computationKey(inst: Instruction): string | undefined {
  return inst.op === "bin" ? `${inst.opcode} ${valueKey(inst.a)} ${valueKey(inst.b)}` : undefined;
}
