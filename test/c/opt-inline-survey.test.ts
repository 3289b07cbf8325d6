// The inliner's rebuild of a caller's body replaces two walks of its
// own: the scan for types the back end does not cover (findUnsupportedTypes)
// and the test whether the caller calls itself (callsItself), which bars
// callees with a frame. The rebuild assumes a caller does not call itself
// and starts again when that was wrong at a site that depended on it. These
// cases check both facts against the walks they replace.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import type { FunctionDefinition } from "../../src/builder/cc/ast";
import { Inliner } from "../../src/builder/cc/opt/inline";
import { findUnsupportedTypes } from "../../src/builder/cc/opt/scan";
import { callsAndInlinedEnds, inlinerFor, parseFunctions, testPrograms } from "./back-end-sources";

/** The reason inlineInto gives for turning `fn` away, or undefined when it returns. */
function rejection(inliner: Inliner, fn: FunctionDefinition): string | undefined {
  try {
    inliner.inlineInto(fn);
    return undefined;
  } catch (e) {
    const reason = (e as { reason?: string }).reason;
    if (reason === undefined) throw e;
    return reason;
  }
}

describe("inliner type survey", () => {
  const sources = testPrograms({ name: "cgen7.c", text: generateProgram(7) });
  let rejected = 0;
  for (const { name, text } of sources) {
    it(`turns away the functions findUnsupportedTypes does in ${name}`, () => {
      const functions = parseFunctions(name, text);
      const inliner = inlinerFor(functions);
      const wrong: string[] = [];
      for (const fn of functions) {
        const expected = findUnsupportedTypes(fn);
        const got = rejection(inliner, fn);
        if (got !== expected) wrong.push(`${fn.symbol.name}: expected ${expected}, got ${got}`);
        if (expected) rejected++;
      }
      expect(wrong).toEqual([]);
    });
  }
  it("meets functions with floating point", () => {
    expect(rejected).toBeGreaterThan(5);
  });

  it("numbers inlined sites as if a turned-away caller had not been rebuilt", () => {
    const functions = parseFunctions("numbering.c", `
      static int add(int a, int b) { return a + b; }
      double uses_float(int n) { return add(n, 1) * 0.5; }
      int after(int n) { return add(n, 2); }
    `);
    const inliner = inlinerFor(functions);
    expect(rejection(inliner, functions[1])).toBe("uses a floating-point value");
    expect(callsAndInlinedEnds(inliner.inlineInto(functions[2]).body).ends).toEqual(["add.inline1.end"]);
  });
});

describe("inliner and recursive callers", () => {
  // Both callees have a frame (`framed` keeps an array in memory), so a caller that calls itself keeps both calls.
  const source = `
    static int framed(int i) { int t[4]; t[i & 3] = i; return t[(i + 1) & 3] + t[i & 3]; }
    static int plain(int i) { return i * 3; }
    int recursive_late(int n) { int r = framed(n) + plain(n); if (n > 0) r += recursive_late(n - 1); return r; }
    int recursive_early(int n) { if (n > 0) return recursive_early(n - 1) + plain(n); return framed(n); }
    int flat(int n) { return framed(n) + plain(n); }
    int after(int n) { return plain(n); }
  `;
  const functions = parseFunctions("recursive.c", source);
  const inliner = inlinerFor(functions);
  const byName = new Map(functions.map((f) => [f.symbol.name, f]));
  const rebuilt = (name: string) => callsAndInlinedEnds(inliner.inlineInto(byName.get(name)!).body);

  it("has callees with a frame", () => {
    expect(byName.get("framed")!.frameSize).toBeGreaterThan(0);
    expect(byName.get("plain")!.frameSize).toBeGreaterThan(0);
  });
  it("keeps the calls when the self-reference comes after them", () => {
    expect(rebuilt("recursive_late")).toEqual({ calls: ["framed", "plain", "recursive_late"], ends: [] });
  });
  it("keeps the calls when the self-reference comes first", () => {
    expect(rebuilt("recursive_early")).toEqual({ calls: ["recursive_early", "plain", "framed"], ends: [] });
  });
  it("inlines into a non-recursive caller", () => {
    // Sites are numbered as if the undone rebuilds above had never run.
    expect(rebuilt("flat")).toEqual({ calls: [], ends: ["framed.inline1.end", "plain.inline2.end"] });
    expect(rebuilt("after")).toEqual({ calls: [], ends: ["plain.inline3.end"] });
  });
});
