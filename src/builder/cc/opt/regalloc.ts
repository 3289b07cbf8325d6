// Linear-scan register allocation (after Poletto and Sarkar) over the six
// usable i386 registers. Each virtual register gets one live interval, the
// hull of the positions where it is live, from a backward liveness pass
// over the blocks in layout order. Instructions that clobber fixed
// registers (calls, division, shifts by %cl) keep intervals that cross them
// out of those registers. A virtual register that finds no register is
// spilled to a stack slot: its uses and definitions go through short-lived
// temporaries and the allocation runs again.
import { liveness, type Liveness } from "./liveness";
import {
  CALLER_SAVED, EAX, ECX, EDX, NO_BYTE_FORM, REGISTERS, Unsupported, instructionDef, secondDef, instructionUses, reg, rewriteUses, successors,
  isTerminator, terminatorUses, useBuffer, type Address, type Block, type Instruction, type IrFunction, type VReg,
} from "./ir";

export interface Allocation {
  /** The register index (into REGISTERS) of each virtual register. */
  registerOf: Int8Array;
  /** Stack slots holding spilled values, numbered from 0. */
  spillSlots: number;
  /** Frame slot of each spilled virtual register's value. */
  slotOf: Map<VReg, number>;
}

const ALL = (1 << REGISTERS.length) - 1;

/** Registers an instruction destroys, so that no value live across it may stay in them. */
export function clobbers(inst: Instruction): number {
  switch (inst.op) {
    case "call": return CALLER_SAVED;
    case "bin":
      switch (inst.opcode) {
        case "sdiv": case "udiv": case "srem": case "urem": case "umulh": return CALLER_SAVED;
        case "shl": case "shr": case "sar": return inst.b.kind === "imm" ? 0 : 1 << ECX;
        default: return 0;
      }
    case "zero": return inst.size > 64 ? 1 << ECX : 0;
    default: return 0;
  }
}

/** Sets the register constraints that instructions put on their operands. */
function constrain(fn: IrFunction): void {
  for (const b of fn.blocks) {
    for (const inst of b.insts) {
      if (inst.op === "set") fn.forbidden[inst.dst] |= NO_BYTE_FORM;
      else if ((inst.op === "ext" && inst.size === 1) && inst.a.kind === "reg") fn.forbidden[inst.a.reg] |= NO_BYTE_FORM;
      else if (inst.op === "store" && inst.size === 1 && inst.src.kind === "reg") fn.forbidden[inst.src.reg] |= NO_BYTE_FORM;
      else if (inst.op === "bin" && (inst.opcode === "shl" || inst.opcode === "shr" || inst.opcode === "sar") && inst.b.kind !== "imm") {
        fn.forbidden[inst.dst] |= 1 << ECX;
      }
    }
  }
}

export function allocateRegisters(fn: IrFunction): Allocation {
  constrain(fn);
  // Spilling keeps liveness at block boundaries as it was, except for the spilled registers: their
  // temporaries live inside one instruction's neighbourhood. So one liveness serves every round.
  const rounds: Rounds = { live: liveness(fn), depth: loopDepths(fn), slotOf: new Map(), noSpill: new Set() };
  const { slotOf, noSpill } = rounds;
  for (let round = 0; round < 8; round++) {
    const result = scan(fn, rounds);
    if (result.spilled.length === 0) return { registerOf: result.registerOf, spillSlots: slotOf.size, slotOf };
    for (const v of result.spilled) {
      if (!slotOf.has(v)) slotOf.set(v, slotOf.size);
    }
    const spilled = new Uint8Array(fn.vregCount);
    for (const v of result.spilled) spilled[v] = 1;
    rewriteSpills(fn, spilled, noSpill);
  }
  throw new Unsupported("needs more registers than the allocator could free");
}

/** The state the allocator's rounds share: facts that spilling leaves as they are, and the spills so far. */
interface Rounds {
  live: Liveness;
  /** Loop depth per block. */
  depth: Int32Array;
  /** Frame slot of each spilled virtual register. */
  slotOf: Map<VReg, number>;
  /** The temporaries that spilling made: they live for one instruction and must not be spilled again. */
  noSpill: Set<VReg>;
}

interface Intervals {
  start: Int32Array;
  end: Int32Array;
  /** Per register, the sorted instruction numbers that clobber it. */
  clobberAt: number[][];
  /** Instruction numbers of calls. */
  calls: number[];
  /** A preferred register per virtual register, or -1. */
  hint: Int8Array;
  hintFrom: Int32Array;
  /** Uses and definitions, each weighted by 8 to the power of its loop depth: the cost of spilling. */
  weight: Float64Array;
}

/** Loop depth per block, from the back edges of the layout (a jump to an earlier block closes a loop). */
function loopDepths(fn: IrFunction): Int32Array {
  const index = new Map<Block, number>();
  fn.blocks.forEach((b, i) => index.set(b, i));
  const delta = new Int32Array(fn.blocks.length + 1);
  fn.blocks.forEach((b, i) => {
    for (const s of successors(b.term!)) {
      const j = index.get(s)!;
      if (j <= i) { delta[j]++; delta[i + 1]--; }
    }
  });
  const depth = new Int32Array(fn.blocks.length);
  let d = 0;
  for (let i = 0; i < fn.blocks.length; i++) depth[i] = d += delta[i];
  return depth;
}

/** Live intervals from `live`, leaving out the registers already spilled (in `slotOf`). */
function computeIntervals(fn: IrFunction, { live, depth, slotOf }: Rounds): Intervals {
  const n = fn.vregCount;
  const blocks = fn.blocks;
  const uses = useBuffer();

  const start = new Int32Array(n).fill(0x7fffffff);
  const end = new Int32Array(n).fill(-1);
  const hint = new Int8Array(n).fill(-1);
  const hintFrom = new Int32Array(n).fill(-1);
  const weight = new Float64Array(n);
  const clobberAt: number[][] = REGISTERS.map(() => []);
  const calls: number[] = [];
  const touch = (v: VReg, pos: number) => {
    if (pos < start[v]) start[v] = pos;
    if (pos > end[v]) end[v] = pos;
  };
  let i = 0;
  blocks.forEach((b, bi) => {
    const first = i;
    const w = 8 ** Math.min(depth[bi], 5);
    for (const inst of b.insts) {
      for (let k = instructionUses(inst, uses) - 1; k >= 0; k--) { touch(uses[k], 2 * i); weight[uses[k]] += w; }
      const d = instructionDef(inst);
      if (d !== undefined) { touch(d, 2 * i + 1); weight[d] += w; }
      const h = secondDef(inst);
      if (h !== undefined) { touch(h, 2 * i + 1); weight[h] += w; hint[h] = EDX; }
      const c = clobbers(inst);
      if (c !== 0) for (let r = 0; r < REGISTERS.length; r++) if (c & (1 << r)) clobberAt[r].push(i);
      if (inst.op === "call") {
        calls.push(i);
        if (d !== undefined) hint[d] = EAX;
      } else if (inst.op === "mov" && inst.src.kind === "reg") hintFrom[inst.dst] = inst.src.reg;
      else if (inst.op === "bin" && (inst.opcode === "sdiv" || inst.opcode === "udiv")) hint[inst.dst] = EAX;
      else if (inst.op === "bin" && (inst.opcode === "srem" || inst.opcode === "urem")) hint[inst.dst] = EDX;
      else if (inst.op === "bin" && inst.a.kind === "reg") hintFrom[inst.dst] = inst.a.reg;
      i++;
    }
    for (let k = terminatorUses(b.term!, uses) - 1; k >= 0; k--) { touch(uses[k], 2 * i); weight[uses[k]] += w; }
    if (b.term!.op === "ret" && b.term!.value?.kind === "reg") hint[b.term!.value.reg] = EAX;
    const last = i;
    i++;
    touchLive(live, live.liveIn, bi, 2 * first, slotOf, start, end);
    touchLive(live, live.liveOut, bi, 2 * last + 1, slotOf, start, end);
  });
  return { start, end, clobberAt, calls, hint, hintFrom, weight };
}

/** Widens the interval of every register live in block `bi`'s part of `set` to take in `pos`. */
function touchLive(live: Liveness, set: Uint32Array, bi: number, pos: number, slotOf: Map<VReg, number>, start: Int32Array, end: Int32Array): void {
  const base = bi * live.words;
  for (let w = 0; w < live.words; w++) {
    for (let bits = set[base + w]; bits !== 0; bits &= bits - 1) {
      const v = live.registerAt[w * 32 + (31 - Math.clz32(bits & -bits))];
      if (slotOf.size > 0 && slotOf.has(v)) continue;
      if (pos < start[v]) start[v] = pos;
      if (pos > end[v]) end[v] = pos;
    }
  }
}

/** True when some instruction in `at` lies strictly inside the interval (the value is live before and after it). */
function crosses(at: number[], start: number, end: number): boolean {
  // Instruction i is crossed when start <= 2i and end >= 2i + 1.
  const lo = Math.ceil(start / 2), hi = Math.floor((end - 1) / 2);
  if (lo > hi) return false;
  let a = 0, b = at.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (at[m] < lo) a = m + 1;
    else b = m;
  }
  return a < at.length && at[a] <= hi;
}

/** Returns the registers that have an interval, by start position and then by number (a counting sort, since positions are small). */
function byStart(iv: Intervals, n: number): Int32Array {
  let positions = 0, count = 0;
  for (let v = 0; v < n; v++) {
    if (iv.end[v] < 0) continue;
    count++;
    if (iv.start[v] >= positions) positions = iv.start[v] + 1;
  }
  const next = new Int32Array(positions + 1);
  for (let v = 0; v < n; v++) if (iv.end[v] >= 0) next[iv.start[v] + 1]++;
  for (let p = 1; p <= positions; p++) next[p] += next[p - 1];
  const order = new Int32Array(count);
  for (let v = 0; v < n; v++) if (iv.end[v] >= 0) order[next[iv.start[v]]++] = v;
  return order;
}

const CALLER_ORDER = [EAX, ECX, EDX, 3, 4, 5];
const CALLEE_ORDER = [3, 4, 5, EAX, ECX, EDX];

function scan(fn: IrFunction, rounds: Rounds): { registerOf: Int8Array; spilled: VReg[] } {
  const iv = computeIntervals(fn, rounds);
  const noSpill = rounds.noSpill;
  const n = fn.vregCount;
  const registerOf = new Int8Array(n).fill(-1);
  const order = byStart(iv, n);
  const active: VReg[] = [];
  const spilled: VReg[] = [];
  let busy = 0;
  const allowed = (v: VReg): number => {
    let mask = ALL & ~fn.forbidden[v];
    for (let r = 0; r < REGISTERS.length; r++) {
      if (mask & (1 << r) && crosses(iv.clobberAt[r], iv.start[v], iv.end[v])) mask &= ~(1 << r);
    }
    return mask;
  };
  // Spill cost density: loop-weighted uses per position covered, so a long, rarely used value goes first.
  const cost = (v: VReg) => iv.weight[v] / (iv.end[v] - iv.start[v] + 1);
  for (const v of order) {
    const s = iv.start[v];
    for (let k = active.length - 1; k >= 0; k--) {
      const a = active[k];
      if (iv.end[a] < s) {
        busy &= ~(1 << registerOf[a]);
        active.splice(k, 1);
      }
    }
    const mask = allowed(v);
    const free = mask & ~busy;
    let chosen = -1;
    if (free !== 0) {
      const from = iv.hintFrom[v];
      // A fixed hint (%eax for a call result) wins over the register of the value it was copied from.
      let hinted = iv.hint[v];
      if (hinted < 0 && from >= 0) hinted = registerOf[from];
      if (hinted >= 0 && free & (1 << hinted)) chosen = hinted;
      else {
        const preference = crosses(iv.calls, s, iv.end[v]) ? CALLEE_ORDER : CALLER_ORDER;
        for (const r of preference) {
          if (free & (1 << r)) { chosen = r; break; }
        }
      }
    } else {
      // Spill the active interval that ends last if it frees a register this one may use.
      let victim = -1;
      for (const a of active) {
        if (!(mask & (1 << registerOf[a])) || noSpill.has(a)) continue;
        if (victim < 0 || cost(a) < cost(victim) || (cost(a) === cost(victim) && iv.end[a] > iv.end[victim])) victim = a;
      }
      if (victim >= 0 && (noSpill.has(v) || cost(victim) < cost(v) || (cost(victim) === cost(v) && iv.end[victim] > iv.end[v]))) {
        chosen = registerOf[victim];
        registerOf[victim] = -1;
        active.splice(active.indexOf(victim), 1);
        spilled.push(victim);
        busy &= ~(1 << chosen);
      } else {
        if (noSpill.has(v)) throw new Unsupported("needs more registers than one instruction can have");
        spilled.push(v);
        continue;
      }
    }
    registerOf[v] = chosen;
    busy |= 1 << chosen;
    active.push(v);
  }
  return { registerOf, spilled };
}

/** Sends every use and definition of a spilled register (flagged 1 in `spilled`) through a new temporary loaded from or stored to its slot. */
function rewriteSpills(fn: IrFunction, spilled: Uint8Array, noSpill: Set<VReg>): void {
  const temporary = (v: VReg): VReg => {
    const t = fn.vregCount++;
    fn.forbidden.push(fn.forbidden[v]);
    noSpill.add(t);
    return t;
  };
  const used = useBuffer();
  for (const b of fn.blocks) {
    const insts: Instruction[] = [];
    /** Loads the spilled registers `inst` reads into temporaries and makes it read those. */
    const reload = (inst: Instruction | NonNullable<Block["term"]>): void => {
      const count = isTerminator(inst) ? terminatorUses(inst, used) : instructionUses(inst, used);
      let map: Map<VReg, VReg> | undefined;
      for (let k = 0; k < count; k++) {
        const v = used[k];
        if (spilled[v] !== 1 || map?.has(v)) continue;
        const t = temporary(v);
        (map ??= new Map()).set(v, t);
        insts.push({ op: "load", dst: t, address: slot(v), size: 4, signed: false });
      }
      if (map) rewrite(inst, map);
    };
    for (const inst of b.insts) {
      // A copy with one side spilled becomes the slot's load or store itself, with no temporary.
      if (inst.op === "mov" && inst.src.kind === "reg" && spilled[inst.src.reg] === 1 && spilled[inst.dst] !== 1) {
        insts.push({ op: "load", dst: inst.dst, address: slot(inst.src.reg), size: 4, signed: false });
        continue;
      }
      if (inst.op === "mov" && spilled[inst.dst] === 1 && !(inst.src.kind === "reg" && spilled[inst.src.reg] === 1)) {
        insts.push({ op: "store", address: slot(inst.dst), src: inst.src, size: 4 });
        continue;
      }
      reload(inst);
      insts.push(inst);
      const d = instructionDef(inst);
      if (d !== undefined && spilled[d] === 1) {
        const t = temporary(d);
        (inst as { dst: VReg }).dst = t;
        insts.push({ op: "store", address: slot(d), src: reg(t), size: 4 });
      }
      const h = secondDef(inst);
      if (inst.op === "call" && h !== undefined && spilled[h] === 1) {
        const t = temporary(h);
        inst.dstHigh = t;
        insts.push({ op: "store", address: slot(h), src: reg(t), size: 4 });
      }
    }
    reload(b.term!);
    b.insts = insts;
  }
}

/** Returns the stack slot of spilled register `v`, which the emitter places in the frame. */
function slot(v: VReg): Address {
  return { frame: true, disp: 0, scale: 1, spill: v };
}

function rewrite(inst: Instruction | NonNullable<Block["term"]>, map: Map<VReg, VReg>): void {
  rewriteUses(inst, (r) => (map.has(r) ? reg(map.get(r)!) : undefined));
}
