// The inliner's rebuild finds whether a caller calls itself and gathers its
// address-taken variables, standing in for the walks callsItself and
// collectAddressTaken. These cases put the facts
// inside asm operands, which the replacement walks must search as the
// originals do. Lowering rejects every function with asm, so a difference
// would not show in the output, only in a caller that relies on the equality.
import { describe, expect, it } from "vitest";

import type { FunctionDefinition, Variable } from "../../src/builder/cc/ast";
import { Reporter } from "../../src/builder/cc/errors";
import { callsItself, Inliner } from "../../src/builder/cc/opt/inline";
import { collectAddressTaken } from "../../src/builder/cc/opt/scan";
import { parseProgram } from "../../src/builder/cc/parse/toplevel";
import { preprocess } from "../../src/builder/cc/preprocess";
import { loadLibraryHeaders } from "../cc/library-headers";
import { callsAndInlinedEnds } from "./back-end-sources";

const SOURCE = `
static int add(int a, int b) { return a + b; }
int nested_asm(int n) {
  int r = add(n, 1);
  __asm__ volatile ("" : : "r"(({ __asm__ volatile (""); 0; })), "r"(nested_asm));
  return r;
}
int address_in_asm(int n) {
  int x = n, r = add(n, 2);
  __asm__ volatile ("" : : "r"(&x));
  return r + x;
}
struct P { int a, b; };
struct P make(int);
int result_slot_in_asm(int n) {
  int r = add(n, 3);
  __asm__ volatile ("" : : "r"(make(n).a));
  return r;
}
`;

function parse(): FunctionDefinition[] {
  const diagnostics: unknown[] = [];
  const name = "asm-walks.c";
  const program = parseProgram(preprocess(name, { [name]: SOURCE }, loadLibraryHeaders(), diagnostics as never), new Reporter(diagnostics as never));
  expect(diagnostics).toEqual([]);
  return program.functions;
}

const describeSet = (set: ReadonlySet<Variable> | undefined) => (set ? [...set].map((v) => `${v.name}@${v.offset}`).sort() : undefined);

describe("walks over asm operands", () => {
  it("self-reference inside asm operands only", () => {
    const functions = parse();
    const fn = functions.find((f) => f.symbol.name === "nested_asm")!;
    // callsItself skips asm operands, so `add` (which has a frame) may be inlined, as the rebuild does.
    expect(callsItself(fn)).toBe(false);
    const inliner = new Inliner(new Map(functions.map((f) => [f.symbol, f])));
    expect(callsAndInlinedEnds(inliner.inlineInto(fn).body).ends).toContain("add.inline1.end");
  });

  for (const name of ["address_in_asm", "result_slot_in_asm"]) {
    it(`inliner address-taken set of ${name}`, () => {
      const functions = parse();
      const inliner = new Inliner(new Map(functions.map((f) => [f.symbol, f])));
      const fn = functions.find((f) => f.symbol.name === name)!;
      const inlined = inliner.inlineInto(fn);
      expect(inlined).not.toBe(fn);
      expect(describeSet(inliner.addressTakenIn(inlined))).toEqual(describeSet(collectAddressTaken(inlined.body)));
    });
  }
});
