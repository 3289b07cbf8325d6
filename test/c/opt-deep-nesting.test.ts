// The optimiser's walks recurse once per level of statement nesting, so a
// long else-if chain can overflow the stack, and the function then goes to
// the -O0 generator. How deep V8 lets them recurse depends on whether their
// code is still interpreted or already compiled. So the choice must come
// from a fixed depth limit, and a file must compile to the same listing
// first thing in a process and after other files have warmed the code up.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import { compileToAssembly } from "../../src/builder/cc";
import { MAX_OPTIMISED_DEPTH } from "../../src/builder/cc/opt/scan";
import { loadLibraryHeaders } from "../cc/library-headers";

/** A function `chain` whose body is an if with `branches` - 1 else-ifs, each calling an inlinable function. */
function elseIfChain(branches: number): string {
  const lines = ["static int square(int x) { int t[2]; t[0] = x; t[1] = x * x; return t[0] + t[1]; }", "int chain(int x) {"];
  lines.push("  if (x == 0) return square(x);");
  for (let i = 1; i < branches; i++) lines.push(`  else if (x == ${i}) return square(x + ${i});`);
  lines.push("  return -1;", "}");
  return lines.join("\n");
}

function listing(source: string): string {
  const result = compileToAssembly({ fileName: "chain.c", files: { "chain.c": source }, headers, optimize: 2 });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.assembly;
}

const headers = loadLibraryHeaders();
const NOT_OPTIMISED = "# not optimised: 'chain' is nested too deeply for the optimiser";

describe("optimiser nesting limit", () => {
  it("gives the same listing cold and warm", () => {
    // 2,000 branches overflowed the stack while the walks were interpreted, and not once they were compiled.
    const source = elseIfChain(2000);
    const cold = listing(source);
    for (let i = 0; i < 3; i++) listing(generateProgram(42, { functions: 100, statements: 12, depth: 4 }));
    for (let i = 0; i < 20; i++) listing(elseIfChain(300));
    expect(listing(source) === cold).toBe(true);
  });

  it("optimises a chain at the limit", () => {
    // The body is level 1 and the k-th if level k + 1, so the last return is at level branches + 2.
    expect(listing(elseIfChain(MAX_OPTIMISED_DEPTH - 2))).not.toContain(NOT_OPTIMISED);
  });

  it("leaves a chain past the limit unoptimised", () => {
    expect(listing(elseIfChain(MAX_OPTIMISED_DEPTH))).toContain(NOT_OPTIMISED);
  });

  // The parser allows 2,000 operators in a row inside each pair of parentheses, and the -O0 generator's
  // recursion overflows on three such levels (ten here, to leave no doubt). The compile then reports the
  // function, not an internal error.
  for (const optimize of [0, 2] as const) {
    it(`reports an expression too deep for the generators at -O${optimize}`, () => {
      let expression = "c";
      for (let i = 0; i < 10; i++) expression = `(${expression} + ${Array(1990).fill("c").join(" + ")})`;
      const result = compileToAssembly({ fileName: "sum.c", files: { "sum.c": `int sum(int c) { return ${expression}; }\n` }, headers, optimize });
      const messages = result.diagnostics.map((d) => d.message);
      expect(messages.some((m) => m.includes("internal compiler error"))).toBe(false);
      expect(messages).toContain("'sum' is nested too deeply to compile: an expression or statement in it is deeper than the code generator can follow; split it into several statements");
      expect(result.assembly).toBe("");
    });
  }
});
