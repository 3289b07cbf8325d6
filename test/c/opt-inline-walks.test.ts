// Facts that one walk gathers for another, so that the other can skip its
// own walk. While the inliner rebuilds a body, it gathers the variables
// whose address the body takes, for lowering, and finds whether the
// function calls itself, which bars callees with a frame. This test
// compiles the test/c programs and generated ones and checks both against
// the walks they replace.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import type { Variable } from "../../src/builder/cc/ast";
import { callsItself } from "../../src/builder/cc/opt/inline";
import { collectAddressTaken, findUnsupportedTypes } from "../../src/builder/cc/opt/scan";
import { callsAndInlinedEnds, inlinerFor, parseFunctions, testPrograms } from "./back-end-sources";

const sources = testPrograms(
  { name: "cgen7.c", text: generateProgram(7) },
  { name: "cgen42.c", text: generateProgram(42, { functions: 20, statements: 12, depth: 4 }) },
);

const describeSet = (set: ReadonlySet<Variable>) => [...set].map((v) => `${v.name}@${v.offset}`).sort();

/** Returns the rebuilt functions of `text` whose gathered set differs from a fresh walk, and how many were rebuilt. */
function differences(name: string, text: string): { rebuilt: number; wrong: string[] } {
  const functions = parseFunctions(name, text);
  const inliner = inlinerFor(functions);
  const wrong: string[] = [];
  let rebuilt = 0;
  for (const definition of functions) {
    if (findUnsupportedTypes(definition)) continue;
    const inlined = inliner.inlineInto(definition);
    const gathered = inliner.addressTakenIn(inlined);
    if (inlined === definition) {
      expect(gathered).toBeUndefined();
      continue;
    }
    rebuilt++;
    const expected = collectAddressTaken(inlined.body);
    const same = gathered !== undefined && gathered.size === expected.size && [...expected].every((v) => gathered.has(v));
    if (!same) wrong.push(`${name}: ${definition.symbol.name}: expected [${describeSet(expected)}], got [${gathered ? describeSet(gathered) : "none"}]`);
  }
  return { rebuilt, wrong };
}

describe("inliner address-taken sets", () => {
  let rebuilt = 0;
  for (const { name, text } of sources) {
    it(`match a fresh walk in ${name}`, () => {
      const result = differences(name, text);
      rebuilt += result.rebuilt;
      expect(result.wrong).toEqual([]);
    });
  }
  it("cover rebuilt functions", () => {
    expect(rebuilt).toBeGreaterThan(20);
  });
});

describe("inliner and callers that call themselves", () => {
  let recursive = 0;
  for (const { name, text } of sources) {
    it(`keeps framed callees out of recursive callers in ${name}`, () => {
      const functions = parseFunctions(name, text);
      const inliner = inlinerFor(functions);
      const framed = new Set(functions.filter((f) => f.frameSize > 0).map((f) => f.symbol.name));
      const wrong: string[] = [];
      for (const definition of functions) {
        if (findUnsupportedTypes(definition) || !callsItself(definition)) continue;
        recursive++;
        // An inlined call ends at a label `<callee>.inline<site>.end`.
        for (const end of callsAndInlinedEnds(inliner.inlineInto(definition).body).ends) {
          const callee = end.slice(0, end.lastIndexOf(".inline"));
          if (framed.has(callee)) wrong.push(`${definition.symbol.name} inlines ${callee}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
  it("meets recursive functions", () => {
    expect(recursive).toBeGreaterThan(2);
  });
});
