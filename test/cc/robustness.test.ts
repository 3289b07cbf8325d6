// The compiler never throws: truncated programs, token soup and deep
// nesting all end in diagnostics.
import { describe, expect, it } from "vitest";
import { MAX_NESTING } from "../../src/builder/cc/parse/parser";
import { compile } from "./compiler-test-utils";

const program = `struct s { int a; char *b; } v[2] = {{1, "x"}};
int f(int (*g)(int), int n) { int i; for (i = 0; i < n; i++) { if (g(i)) return i; } return -1; }
int main(void) { switch (v[0].a) { case 1: return f(0, 3) ? 1 : 2; default: break; } return 0; }
`;

describe("compiler robustness", () => {
  it("every prefix of a program compiles without throwing", () => {
    for (let end = 0; end <= program.length; end += 3) {
      const result = compile(program.slice(0, end));
      expect(Array.isArray(result.diagnostics)).toBe(true);
      expect(result.diagnostics.every((d) => !d.message.startsWith("internal compiler error"))).toBe(true);
    }
  });

  it("shuffled tokens compile without throwing", () => {
    const pieces = program.split(/(\s+)/).filter((t) => t.trim() !== "");
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      const shuffled = pieces.map((t) => (random() < 0.2 ? pieces[Math.floor(random() * pieces.length)] : t));
      const result = compile(shuffled.join(" "));
      expect(result.diagnostics.every((d) => !d.message.startsWith("internal compiler error"))).toBe(true);
    }
  });

  it("parenthesis nesting within the limit", () => {
    const depth = 120;
    const result = compile(`int x = ${"(".repeat(depth)}1${")".repeat(depth)};\n`);
    expect(result.diagnostics).toEqual([]);
  });

  it("parenthesis nesting beyond the limit", () => {
    const depth = 5000;
    const result = compile(`int x = ${"(".repeat(depth)}1${")".repeat(depth)};\n`);
    expect(result.diagnostics.map((d) => d.message)).toEqual([`nesting is too deep (the limit is ${MAX_NESTING} levels)`]);
  });

  it("statement nesting beyond the limit", () => {
    const depth = 5000;
    const result = compile(`int main(void) ${"{".repeat(depth)}${"}".repeat(depth)}\n`);
    expect(result.diagnostics.map((d) => d.message)).toContain(`nesting is too deep (the limit is ${MAX_NESTING} levels)`);
    expect(result.diagnostics.every((d) => !d.message.startsWith("internal compiler error"))).toBe(true);
  });
});
