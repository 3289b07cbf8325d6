// Checks liveness() against a plain reference: per-block sets of every
// virtual register, iterated over all blocks until nothing changes. The
// two must agree on every block's live-in and live-out set. liveness()
// gives bits only to registers that cross a block boundary, so a register
// that the reference finds live at a boundary without a bit is an error too.
// The functions are the test/c programs, two generated ones and a few
// small functions with loops, self-loops and jump tables, as lowered and
// after the -O1 and -O2 passes.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import { successors, type IrFunction } from "../../src/builder/cc/opt/ir";
import { DEF, OPERAND_STRIDE, SECOND_DEF, USES, USE_COUNT_MASK, forEachLive, liveness, operandTable, type OperandTable } from "../../src/builder/cc/opt/liveness";
import { lowerFunction } from "../../src/builder/cc/opt/lower";
import { optimize } from "../../src/builder/cc/opt/passes";
import { forEachCoveredFunction, inlinerFor, parseFunctions, testPrograms } from "./back-end-sources";

// A loop whose body is one block that jumps to itself, a loop entered in its middle, a switch dense
// enough for a jump table, and a value read before any assignment.
const SMALL_FUNCTIONS = `
int self_loop(int n) {
  int s = 0;
  do { s += n; n--; } while (n > 0);
  return s;
}

int entered_in_middle(int n) {
  int x = 0, s = 0;
  goto middle;
top:
  s += x;
middle:
  x = n * 2;
  if (--n > 0) goto top;
  return s;
}

int table(int k, int a, int b) {
  int r = a;
  for (int i = 0; i < k; i++) {
    switch (i & 7) {
      case 0: r += a; break;
      case 1: r -= b; break;
      case 2: r ^= i; break;
      case 3: r += b * i; break;
      case 4: r = r * 3; break;
      case 5: a += r; break;
      case 6: b -= a; break;
      default: r++; break;
    }
  }
  return r + a + b;
}

int read_first(int n) {
  int x, s = 0;
  while (n-- > 0) {
    if (n & 1) s += x;
    x = n;
  }
  return s;
}
`;

const sources = testPrograms(
  { name: "cgen3.c", text: generateProgram(3) },
  { name: "cgen42.c", text: generateProgram(42, { functions: 100, statements: 12, depth: 4 }) },
  { name: "small.c", text: SMALL_FUNCTIONS },
);

/** Returns the live-in and live-out sets of every block, by the textbook iteration over all registers. */
function referenceLiveness(ir: IrFunction, { ops, blockStart }: OperandTable): { liveIn: Set<number>[]; liveOut: Set<number>[] } {
  const blocks = ir.blocks;
  const position = new Map(blocks.map((b, bi) => [b, bi]));
  const gen: Set<number>[] = [], kill: Set<number>[] = [];
  for (let bi = 0; bi < blocks.length; bi++) {
    const g = new Set<number>(), k = new Set<number>();
    for (let e = blockStart[bi]; e < blockStart[bi + 1]; e++) {
      const o = e * OPERAND_STRIDE;
      for (let u = 0; u < (ops[o] & USE_COUNT_MASK); u++) {
        const v = ops[o + USES + u];
        if (!k.has(v)) g.add(v);
      }
      for (const d of [ops[o + DEF], ops[o + SECOND_DEF]]) if (d >= 0) k.add(d);
    }
    gen.push(g);
    kill.push(k);
  }
  const liveIn = blocks.map(() => new Set<number>()), liveOut = blocks.map(() => new Set<number>());
  for (let changed = true; changed;) {
    changed = false;
    for (let bi = 0; bi < blocks.length; bi++) {
      const out = new Set<number>();
      for (const s of successors(blocks[bi].term!)) for (const v of liveIn[position.get(s)!]) out.add(v);
      const into = new Set(gen[bi]);
      for (const v of out) if (!kill[bi].has(v)) into.add(v);
      if (into.size !== liveIn[bi].size || out.size !== liveOut[bi].size) changed = true;
      liveIn[bi] = into;
      liveOut[bi] = out;
    }
  }
  return { liveIn, liveOut };
}

const sorted = (set: Iterable<number>) => [...set].sort((a, b) => a - b);

/** Returns one line per block whose sets differ from the reference's, naming `name`. */
function differences(name: string, ir: IrFunction): string[] {
  const table = operandTable(ir);
  const reference = referenceLiveness(ir, table);
  const sets = liveness(ir, table);
  const found: string[] = [];
  for (let bi = 0; bi < ir.blocks.length; bi++) {
    for (const [which, bits, expected] of [["in", sets.liveIn, reference.liveIn[bi]], ["out", sets.liveOut, reference.liveOut[bi]]] as const) {
      const actual: number[] = [];
      forEachLive(sets, bits, bi, (v) => actual.push(v));
      const want = sorted(expected).join(" "), got = sorted(actual).join(" ");
      if (want !== got) found.push(`${name} block ${bi} live-${which}: expected [${want}], got [${got}]`);
    }
  }
  return found;
}

/** Checks every function of a source that the back end covers, as lowered and after -O1 and -O2. */
function liveDifferences(name: string, text: string): { functions: number; found: string[] } {
  const found: string[] = [];
  const functions = forEachCoveredFunction(name, text, [0, 1, 2], (label, ir) => found.push(...differences(label, ir)));
  return { functions, found };
}

describe("liveness", () => {
  for (const { name, text } of sources) {
    it(`matches the reference in ${name}`, () => {
      const { functions, found } = liveDifferences(name, text);
      expect(found.slice(0, 10)).toEqual([]);
      expect(functions).toBeGreaterThan(0);
    });
  }

  it("meets self-loops and jump tables in small.c", () => {
    const definitions = parseFunctions("small.c", SMALL_FUNCTIONS);
    const inliner = inlinerFor(definitions);
    let selfLoops = 0, tables = 0;
    for (const definition of definitions) {
      const ir = lowerFunction(inliner.inlineInto(definition));
      optimize(ir, 2, true);
      for (const b of ir.blocks) {
        if (successors(b.term!).includes(b)) selfLoops++;
        if (b.term!.op === "table") tables++;
      }
    }
    expect(selfLoops).toBeGreaterThan(0);
    expect(tables).toBeGreaterThan(0);
  });
});
