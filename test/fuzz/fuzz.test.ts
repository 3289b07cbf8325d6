// A fixed-seed slice of the fuzzer (bench/fuzz.ts runs 10,000 and more):
// 1,000 mutated programs and objects through the compiler and linker, with
// no exception, no "internal error" and no input over 2 s. Crashes the
// compiler still has are listed in KNOWN_CRASHES with a regression test.
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";

import { build } from "../../src/builder/build";
import type { LibraryBundle } from "../../src/builder/types";
import { loadNodeLibrary } from "../../src/cli/node-library";
import { compileCorpus, fuzz, readCorpus } from "./engine";

let library: LibraryBundle;
beforeAll(async () => {
  library = await loadNodeLibrary();
});

/**
 * Compiler crashes found by the fuzzer and reported to the compiler's
 * owners; each has a regression test below. Remove an entry when its test
 * passes. None is open now.
 */
const KNOWN_CRASHES: RegExp[] = [];

describe("fuzzing", () => {
  it("1,000 inputs with seed 1", () => {
    const corpus = readCorpus(join(import.meta.dirname, "..", ".."));
    const objects = compileCorpus(corpus, library);
    expect(objects.size).toBe(corpus.length);
    const report = fuzz(1, 1000, library, corpus, objects);
    expect(report.inputs).toBe(1000);
    const unknown = report.findings.filter((f) => f.kind === "slow" || !KNOWN_CRASHES.some((known) => known.test(f.detail)));
    expect(unknown.map((f) => `${f.stage} ${f.kind} in case ${f.case.index} (${f.case.mutation} of ${f.case.origin}): ${f.detail}`)).toEqual([]);
  }, 120_000);
});

describe("fuzzer regressions", () => {
  it("long double division by an undeclared name", () => {
    const result = build({ files: { "main.c": "g_ld=1.0L/x" } }, library);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity}: ${d.message}`)).toEqual([
      "1:1: warning: data definition has no type or storage class",
      "1:11: error: 'x' undeclared here (not in a function)",
      "1:12: error: expected ';' before end of input",
    ]);
  });

  it("packed struct with a 36-bit field initialised", () => {
    const source = "struct __attribute__((packed)) w { long long value : 36; };\nstruct w pw = { 2048 };\nint main(void) { return (int)pw.value; }\n";
    const result = build({ files: { "main.c": source } }, library);
    expect(result.diagnostics).toEqual([]);
    const listing = result.listings["main.c"];
    // gcc -m32: a 5-byte object holding 2048, read with a 4-byte and a 1-byte load.
    expect(listing).toContain("\t.size\tpw, 5\npw:\n\t.byte\t0\n\t.byte\t8\n\t.byte\t0\n\t.byte\t0\n\t.byte\t0\n");
    expect(listing).toContain("\tmovzbl\t4(%eax), %edx\n\tmovl\t(%eax), %eax\n");
  });

  it("global initialised by a call returning a struct", () => {
    const source = "struct s { int x; };\nstruct s f(void);\nstruct s g = f();\n";
    const result = build({ files: { "main.c": source } }, library);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual(["3:14: initializer element is not constant"]);
  });
});
