// Liveness of virtual registers at block boundaries, by the classic
// backward dataflow over bit sets, iterated to a fixed point.
import { instructionDef, instructionUses, secondDef, successors, terminatorUses, type Block, type IrFunction, type VReg } from "./ir";

export interface Liveness {
  /** Per block (in fn.blocks order), the registers live on entry and on exit, one bit each. */
  liveIn: Uint32Array[];
  liveOut: Uint32Array[];
  /** 32-bit words per set. */
  words: number;
}

export function liveness(fn: IrFunction): Liveness {
  const words = (fn.vregCount + 31) >>> 5;
  const blocks = fn.blocks;
  const index = new Map<Block, number>();
  blocks.forEach((b, i) => index.set(b, i));
  const gen = blocks.map(() => new Uint32Array(words));
  const kill = blocks.map(() => new Uint32Array(words));
  const uses: VReg[] = [];
  blocks.forEach((b, bi) => {
    const g = gen[bi], k = kill[bi];
    const use = (v: VReg) => { if (!(k[v >>> 5] & (1 << (v & 31)))) g[v >>> 5] |= 1 << (v & 31); };
    for (const inst of b.insts) {
      uses.length = 0;
      instructionUses(inst, uses);
      uses.forEach(use);
      const d = instructionDef(inst);
      if (d !== undefined) k[d >>> 5] |= 1 << (d & 31);
      const h = secondDef(inst);
      if (h !== undefined) k[h >>> 5] |= 1 << (h & 31);
    }
    uses.length = 0;
    terminatorUses(b.term!, uses);
    uses.forEach(use);
  });
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
  return { liveIn, liveOut, words };
}
