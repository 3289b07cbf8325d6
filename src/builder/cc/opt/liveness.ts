// Liveness of virtual registers at block boundaries, by the classic
// backward dataflow over bit sets, iterated to a fixed point. Only the
// registers that cross a block boundary take part: a temporary defined and
// used inside one block (most of them) is never live at a boundary, and
// leaving those out keeps the bit sets small in large functions.
import { instructionDef, instructionUses, secondDef, successors, terminatorUses, type Block, type IrFunction, type VReg } from "./ir";

export interface Liveness {
  /** Per block (in fn.blocks order), the registers live on entry and on exit, one bit each, numbered as in `registerAt`. */
  liveIn: Uint32Array[];
  liveOut: Uint32Array[];
  /** 32-bit words per set. */
  words: number;
  /** The virtual register of each bit position. */
  registerAt: Int32Array;
}

/** Calls `visit` with the virtual register of every bit set in `set`. */
export function forEachLive(l: Liveness, set: Uint32Array, visit: (v: VReg) => void): void {
  for (let w = 0; w < l.words; w++) {
    for (let bits = set[w]; bits !== 0; bits &= bits - 1) visit(l.registerAt[w * 32 + (31 - Math.clz32(bits & -bits))]);
  }
}

/** Numbers the registers that are used in a block other than the one that defines them, or before their definition. */
function crossingRegisters(fn: IrFunction): { bitOf: Int32Array; registerAt: Int32Array } {
  const home = new Int32Array(fn.vregCount).fill(-1);
  const crossing = new Uint8Array(fn.vregCount);
  const uses: VReg[] = [];
  for (let bi = 0; bi < fn.blocks.length; bi++) {
    const b = fn.blocks[bi];
    for (const inst of b.insts) {
      uses.length = 0;
      instructionUses(inst, uses);
      for (const v of uses) if (home[v] !== bi) crossing[v] = 1;
      let v = instructionDef(inst);
      for (let n = 0; n < 2; n++, v = secondDef(inst)) {
        if (v === undefined) continue;
        if (home[v] === -1) home[v] = bi;
        else if (home[v] !== bi) crossing[v] = 1;
      }
    }
    uses.length = 0;
    terminatorUses(b.term!, uses);
    for (const v of uses) if (home[v] !== bi) crossing[v] = 1;
  }
  const bitOf = new Int32Array(fn.vregCount).fill(-1);
  const registers: VReg[] = [];
  for (let v = 0; v < fn.vregCount; v++) {
    if (crossing[v]) {
      bitOf[v] = registers.length;
      registers.push(v);
    }
  }
  return { bitOf, registerAt: Int32Array.from(registers) };
}

export function liveness(fn: IrFunction): Liveness {
  const { bitOf, registerAt } = crossingRegisters(fn);
  const words = (registerAt.length + 31) >>> 5;
  const blocks = fn.blocks;
  const index = new Map<Block, number>();
  blocks.forEach((b, i) => index.set(b, i));
  const gen = blocks.map(() => new Uint32Array(words));
  const kill = blocks.map(() => new Uint32Array(words));
  const uses: VReg[] = [];
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi], g = gen[bi], k = kill[bi];
    for (const inst of b.insts) {
      uses.length = 0;
      instructionUses(inst, uses);
      for (const v of uses) {
        const i = bitOf[v];
        if (i >= 0 && !(k[i >>> 5] & (1 << (i & 31)))) g[i >>> 5] |= 1 << (i & 31);
      }
      let v = instructionDef(inst);
      for (let n = 0; n < 2; n++, v = secondDef(inst)) {
        const i = v === undefined ? -1 : bitOf[v];
        if (i >= 0) k[i >>> 5] |= 1 << (i & 31);
      }
    }
    uses.length = 0;
    terminatorUses(b.term!, uses);
    for (const v of uses) {
      const i = bitOf[v];
      if (i >= 0 && !(k[i >>> 5] & (1 << (i & 31)))) g[i >>> 5] |= 1 << (i & 31);
    }
  }
  const liveIn = blocks.map(() => new Uint32Array(words));
  const liveOut = blocks.map(() => new Uint32Array(words));
  const succ = blocks.map((b) => successors(b.term!).map((s) => index.get(s)!));
  for (let changed = true; changed;) {
    changed = false;
    for (let bi = blocks.length - 1; bi >= 0; bi--) {
      const out = liveOut[bi], inn = liveIn[bi], g = gen[bi], k = kill[bi];
      for (const s of succ[bi]) {
        const si = liveIn[s];
        for (let w = 0; w < words; w++) out[w] |= si[w];
      }
      for (let w = 0; w < words; w++) {
        const v = (g[w] | (out[w] & ~k[w])) >>> 0;
        if (v !== inn[w]) { inn[w] = v; changed = true; }
      }
    }
  }
  return { liveIn, liveOut, words, registerAt };
}
