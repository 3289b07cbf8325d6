// The expression parser and evaluate() recurse once per parenthesis, unary
// operator or level of a chain of binary operators. Without a limit, a
// large expression overflowed the stack, and whether it did depended on how
// warm V8's code was. These cases must end in a diagnostic, never a throw.
import { describe, expect, it } from "vitest";

import { assemble } from "../../src/builder/x86";
import { MAX_EXPRESSION_OPERATORS } from "../../src/builder/x86/expressions";

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
});
