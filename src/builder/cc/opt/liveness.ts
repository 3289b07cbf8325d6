// Liveness of virtual registers at block boundaries, by the classic
// backward dataflow over bit sets, iterated to a fixed point. Only the
// registers that cross a block boundary take part: a temporary defined and
// used inside one block (most of them) is never live at a boundary, and
// leaving those out keeps the bit sets small in large functions.
import { instructionDef, instructionUses, secondDef, successors, terminatorUses, useBuffer, type Block, type IrFunction, type VReg } from "./ir";

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

/** Calls `visit` with the virtual register of every bit set in block `bi`'s part of `set` (`liveIn` or `liveOut`). */
export function forEachLive(l: Liveness, set: Uint32Array, bi: number, visit: (v: VReg) => void): void {
  const base = bi * l.words;
  for (let w = 0; w < l.words; w++) {
    for (let bits = set[base + w]; bits !== 0; bits &= bits - 1) visit(l.registerAt[w * 32 + (31 - Math.clz32(bits & -bits))]);
  }
}

/** Numbers the registers that are used in a block other than the one that defines them, or before their definition. */
function crossingRegisters(fn: IrFunction): { bitOf: Int32Array; registerAt: Int32Array } {
  const home = new Int32Array(fn.vregCount).fill(-1);
  const crossing = new Uint8Array(fn.vregCount);
  const uses = useBuffer();
  for (let bi = 0; bi < fn.blocks.length; bi++) {
    const b = fn.blocks[bi];
    for (const inst of b.insts) {
      for (let k = instructionUses(inst, uses) - 1; k >= 0; k--) if (home[uses[k]] !== bi) crossing[uses[k]] = 1;
      let v = instructionDef(inst);
      for (let n = 0; n < 2; n++, v = secondDef(inst)) {
        if (v === undefined) continue;
        if (home[v] === -1) home[v] = bi;
        else if (home[v] !== bi) crossing[v] = 1;
      }
    }
    for (let k = terminatorUses(b.term!, uses) - 1; k >= 0; k--) if (home[uses[k]] !== bi) crossing[uses[k]] = 1;
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
  const size = blocks.length * words;
  const gen = new Uint32Array(size), kill = new Uint32Array(size);
  const uses = useBuffer();
  const useBit = (v: VReg, base: number) => {
    const i = bitOf[v];
    if (i >= 0 && !(kill[base + (i >>> 5)] & (1 << (i & 31)))) gen[base + (i >>> 5)] |= 1 << (i & 31);
  };
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi], base = bi * words;
    for (const inst of b.insts) {
      for (let k = instructionUses(inst, uses) - 1; k >= 0; k--) useBit(uses[k], base);
      let v = instructionDef(inst);
      for (let n = 0; n < 2; n++, v = secondDef(inst)) {
        const i = v === undefined ? -1 : bitOf[v];
        if (i >= 0) kill[base + (i >>> 5)] |= 1 << (i & 31);
      }
    }
    for (let k = terminatorUses(b.term!, uses) - 1; k >= 0; k--) useBit(uses[k], base);
  }
  const liveIn = new Uint32Array(size), liveOut = new Uint32Array(size);
  const succ = blocks.map((b) => successors(b.term!).map((s) => index.get(s)! * words));
  for (let changed = true; changed;) {
    changed = false;
    for (let bi = blocks.length - 1; bi >= 0; bi--) {
      const base = bi * words;
      for (const s of succ[bi]) {
        for (let w = 0; w < words; w++) liveOut[base + w] |= liveIn[s + w];
      }
      for (let w = base; w < base + words; w++) {
        const v = (gen[w] | (liveOut[w] & ~kill[w])) >>> 0;
        if (v !== liveIn[w]) { liveIn[w] = v; changed = true; }
      }
    }
  }
  return { liveIn, liveOut, words, registerAt };
}
