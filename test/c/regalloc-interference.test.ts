// Checks the register allocator's result on the test/c programs, two
// generated ones and a few small functions. No value may share a register
// with another value that is live at the same time. No value live across a
// call may sit in a register that the call destroys. The checks run on the
// IR as the allocator leaves it, spill loads and stores included, with
// liveness recomputed at each instruction.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import { CALLER_SAVED, REGISTERS, type IrFunction } from "../../src/builder/cc/opt/ir";
import { DEF, OPERAND_STRIDE, SECOND_DEF, USES, USE_COUNT_MASK, forEachLive, liveness, operandTable } from "../../src/builder/cc/opt/liveness";
import { allocateRegisters } from "../../src/builder/cc/opt/regalloc";
import { forEachCoveredFunction, testPrograms } from "./back-end-sources";

// Values read before any assignment on the first pass through a loop, and a block laid out before the
// block that assigns its value, are live before their first mention in the layout. Many values live
// across calls, in a loop, force spills.
const SMALL_FUNCTIONS = `
int before_assignment(int n) {
  int x, s = 0;
  goto start;
loop:
  n--;
  s += x;
start:
  x = n * 3;
  if (n > 0) goto loop;
  return s;
}

int read_first_then_assign(int n, int *p) {
  int x, s = 0, i;
  for (i = 0; i < n; i++) {
    if (i > 0) s += x * p[i];
    x = p[i] + i;
  }
  return s;
}

int touch(int v);

int pressure(int *p, int n) {
  int a = p[0], b = p[1], c = p[2], d = p[3], e = p[4], f = p[5], g = p[6], h = p[7], s = 0, i;
  for (i = 0; i < n; i++) {
    s += touch(a + i) * b - c / (d | 1) + (e << (i & 7)) % (f | 1);
    a += g; b ^= h; c -= s; d += a; e += b; f -= c; g += d; h ^= e;
  }
  return s + a + b + c + d + e + f + g + h;
}
`;

const sources = testPrograms(
  { name: "cgen7.c", text: generateProgram(7) },
  { name: "cgen42.c", text: generateProgram(42, { functions: 100, statements: 12, depth: 4 }) },
  { name: "small.c", text: SMALL_FUNCTIONS },
);

/** Returns the virtual registers that an entry of `ops` reads, and those it writes. */
function entryOperands(ops: Int32Array, o: number): { uses: number[]; defs: number[] } {
  const uses = Array.from(ops.subarray(o + USES, o + USES + (ops[o] & USE_COUNT_MASK)));
  const defs = [ops[o + DEF], ops[o + SECOND_DEF]].filter((v) => v >= 0);
  return { uses, defs };
}

/** Returns one line per broken rule in the allocated function `ir`, naming `name`. */
function conflicts(name: string, ir: IrFunction, registerOf: Int8Array): string[] {
  const found: string[] = [];
  const table = operandTable(ir);
  const sets = liveness(ir, table);
  const where = (v: number) => `v${v} in ${REGISTERS[registerOf[v]] ?? "no register"}`;
  for (let bi = 0; bi < ir.blocks.length; bi++) {
    const live = new Set<number>();
    forEachLive(sets, sets.liveOut, bi, (v) => live.add(v));
    for (let e = table.blockStart[bi + 1] - 1; e >= table.blockStart[bi]; e--) {
      const { uses, defs } = entryOperands(table.ops, e * OPERAND_STRIDE);
      const isCall = e < table.blockStart[bi + 1] - 1 && ir.blocks[bi].insts[e - table.blockStart[bi]].op === "call";
      for (const d of defs) {
        if (registerOf[d] < 0) found.push(`${name} entry ${e}: defines v${d}, which has no register`);
        if (ir.forbidden[d] & (1 << registerOf[d])) found.push(`${name} entry ${e}: ${where(d)}, which it may not use`);
        for (const x of live) {
          if (x !== d && registerOf[x] === registerOf[d]) found.push(`${name} entry ${e}: defines ${where(d)} while ${where(x)} is live`);
        }
      }
      for (const d of defs) live.delete(d);
      if (isCall) {
        for (const x of live) if (CALLER_SAVED & (1 << registerOf[x])) found.push(`${name} entry ${e}: ${where(x)} is live across a call`);
      }
      for (const u of uses) {
        if (registerOf[u] < 0) found.push(`${name} entry ${e}: reads v${u}, which has no register`);
        live.add(u);
      }
    }
  }
  return found;
}

/** Allocates registers for every function of a source that the -O2 back end covers, and returns the conflicts. */
function allocationConflicts(name: string, text: string): { functions: number; found: string[] } {
  const found: string[] = [];
  const functions = forEachCoveredFunction(name, text, [2], (label, ir) => {
    const { registerOf } = allocateRegisters(ir);
    found.push(...conflicts(label, ir, registerOf));
  });
  return { functions, found };
}

describe("register allocation", () => {
  for (const { name, text } of sources) {
    it(`keeps live values apart in ${name}`, () => {
      const { functions, found } = allocationConflicts(name, text);
      expect(found).toEqual([]);
      expect(functions).toBeGreaterThan(0);
    });
  }
});
