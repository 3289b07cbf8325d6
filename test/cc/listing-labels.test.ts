// Local labels that instruction selection writes by number: every jump
// target is placed exactly once across the functions of a translation unit.
import { describe, expect, it } from "vitest";
import { compileToAssembly } from "../../src/builder/cc";

const SOURCE = `
int sum(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
int pick(int k) {
  switch (k) { case 0: return 10; case 1: return 20; case 2: return 30; case 3: return 45; case 4: return 50; default: return -1; }
}
int early(int x) { if (x < 2) return x; return early(x - 1) + early(x - 2); }
`;

describe("listing labels", () => {
  for (const level of [0, 1, 2] as const) {
    it(`places each jump target once at -O${level}`, () => {
      const { assembly, diagnostics } = compileToAssembly({ fileName: "t.c", files: { "t.c": SOURCE }, headers: {}, optimize: level });
      expect(diagnostics).toEqual([]);
      const placed = assembly.split("\n").filter((line) => /^\.LG\d+:$/.test(line)).map((line) => line.slice(0, -1));
      expect(new Set(placed).size).toBe(placed.length);
      const referenced = [...assembly.matchAll(/\.LG\d+/g)].map((match) => match[0]);
      expect(referenced.length).toBeGreaterThan(placed.length);
      for (const label of referenced) expect(placed).toContain(label);
    });
  }
});
