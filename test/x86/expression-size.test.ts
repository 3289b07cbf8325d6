// The expression parser and evaluate() recurse once per parenthesis, unary
// operator or level of a chain of binary operators. Without a limit, a
// large expression overflowed the stack, and whether it did depended on how
// warm V8's code was. These cases must end in a diagnostic, never a throw.
import { describe, expect, it } from "vitest";

import { assemble } from "../../src/builder/x86";
import { MAX_EVALUATION_LEVELS, MAX_EXPRESSION_OPERATORS } from "../../src/builder/x86/expressions";
import { dumpObject } from "./gnu";

/** Assembles `.long expression` and returns the error messages. */
function errorsFor(expression: string): string[] {
  const result = assemble(`\t.data\nx:\t.long ${expression}\n`, "size.s");
  return result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
}

const TOO_LARGE = /^expression has more than \d+ operators and parentheses/;

describe("expression size limit", () => {
  const over = MAX_EXPRESSION_OPERATORS + 1;
  const cases: [string, string][] = [
    ["nested parentheses", "(".repeat(20000) + "1" + ")".repeat(20000)],
    ["unary operators", "-".repeat(20000) + "1"],
    ["binary chain", Array(20000).fill("1").join("+")],
    ["symbol chain", Array(20000).fill("x").join("-")],
    ["just past the limit", Array(over + 1).fill("1").join("+")],
  ];
  for (const [name, expression] of cases) {
    it(`rejects ${name}`, () => {
      const errors = errorsFor(expression);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(TOO_LARGE);
    });
  }

  it("accepts an expression at the limit", () => {
    const half = MAX_EXPRESSION_OPERATORS / 2;
    expect(errorsFor(Array(half + 1).fill("1").join("+") + "+" + "(".repeat(half - 1) + "2" + ")".repeat(half - 1))).toEqual([]);
  });

  it("counts each expression of a statement alone", () => {
    const item = Array(MAX_EXPRESSION_OPERATORS).fill("1").join("+");
    expect(errorsFor(Array(5).fill(item).join(", "))).toEqual([]);
  });

  /** `.set` lines s0 to s{count-1}, each the one before (or `first`) plus a chain of `operators` terms. */
  function equateChain(count: number, operators: number, first: string): string {
    const terms = Array(operators).fill("1").join("+");
    return Array.from({ length: count }, (_, i) => `\t.set s${i}, ${i === 0 ? first : `s${i - 1}`}+${terms}\n`).join("");
  }

  it("folds long constant equate chains", () => {
    const result = assemble(`\t.data\n${equateChain(100, 450, "0")}x:\t.long s99\n`, "chain.s");
    expect(result.diagnostics).toEqual([]);
  });

  it("rejects equates nested too deep", () => {
    // `end - start` times 1 cannot be folded before layout, so each symbol keeps its tree.
    const source = `\t.data\nstart:\t.long 0\nend:\n${equateChain(10, 450, "(end - start)*1")}x:\t.long s9\n`;
    const errors = assemble(source, "chain.s").diagnostics.map((d) => d.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`more than ${MAX_EVALUATION_LEVELS} levels deep`);
  });

  it("reports a symbol defined through itself", () => {
    const errors = assemble("\t.set a, b + 1\n\t.set b, a + 1\n\t.data\n\t.long a\n", "cycle.s").diagnostics.map((d) => d.message);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^symbol `[ab]` is defined in terms of itself/);
  });

  it("names the chain length when forward equates nest too deep", () => {
    // Each symbol names the next one, defined later, so nothing folds before layout.
    const chain = Array.from({ length: 150 }, (_, i) => `\t.set t${i}, t${i + 1} + 1\n`).join("");
    const errors = assemble(`\t.data\n\t.long t0\n${chain}\t.set t150, 0\n`, "forward.s").diagnostics.map((d) => d.message);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toContain("goes through more than 100 `.set` symbols");
  });

  it("evaluates each doubling equate once", () => {
    // `end - start - 3` (1) keeps a label difference until layout, so each s{i} = s{i-1} + s{i-1} keeps its
    // tree. Evaluating every reference through the trees again would take 2^40 steps.
    const doubling = Array.from({ length: 40 }, (_, i) => `\t.set s${i + 1}, s${i} + s${i}\n`).join("");
    const source = `\t.data\nstart:\t.long 0\nend:\n\t.set s0, end - start - 3\n${doubling}x:\t.long s40 >> 30\n`;
    const result = assemble(source, "doubling.s");
    expect(result.diagnostics).toEqual([]);
    const data = dumpObject(result.object!).sections.find((section) => section.name === ".data");
    // start: 0, then s40 >> 30 = 2^40 >> 30 = 1024, little-endian.
    expect(data?.data).toBe("0000000000040000");
  });
});
