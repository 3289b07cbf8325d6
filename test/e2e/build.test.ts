// build(): the whole pipeline on small in-memory programs, with the real
// compiler, assembler, linker and library OS.
import { beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import type { LibraryBundle } from "../../src/builder/types";
import { loadNodeLibrary } from "../../src/cli/node-library";

let library: LibraryBundle;
beforeAll(async () => {
  library = await loadNodeLibrary();
});

const MAIN = `#include <stdio.h>
#include "util.h"

int main(void) {
  printf("%d\\n", twice(21));
  return 0;
}
`;
const UTIL_H = "int twice(int x);\n";
const UTIL_C = '#include "util.h"\n\nint twice(int x) { return 2 * x; }\n';

describe("build", () => {
  it("compiles only the named sources", () => {
    const files = { "main.c": '#include "impl.c"\nint main(void) { return helper(); }\n', "impl.c": "static int helper(void) { return 3; }\n" };
    const result = build({ files, sources: ["main.c"] }, library);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(Object.keys(result.listings)).toEqual(["main.c"]);

    const missing = build({ files, sources: ["other.c"] }, library);
    expect(missing.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      "other.c: source is not among the files: add its text to `files` or remove it from `sources`",
    ]);
  });

  it("links two files and a header", () => {
    const result = build({ files: { "main.c": MAIN, "util.c": UTIL_C, "util.h": UTIL_H } }, library);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    expect([...(result.image ?? new Uint8Array()).subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(Object.keys(result.listings).sort()).toEqual(["main.c", "util.c"]);
    expect(result.listings["util.c"]).toMatch(/^twice:/m);
    const symbols = result.linkMap?.symbols.map((s) => s.name) ?? [];
    expect(symbols).toContain("main");
    expect(symbols).toContain("twice");
    expect(result.linkMap?.symbols.find((s) => s.name === "twice")?.object).toBe("util.o");
    expect(result.timings.compileMs).toBeGreaterThan(0);
    expect(result.timings.linkMs).toBeGreaterThan(0);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.compileMs + result.timings.linkMs);
  });

  it("reports errors of every file", () => {
    const result = build({ files: { "a.c": "int f(void) { return x; }\n", "b.c": "int g(void) { return y; }\n" } }, library);
    expect(result.ok).toBe(false);
    expect(result.image).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(["a.c:1:22", "b.c:1:22"]);
    expect(result.timings.linkMs).toBe(0);
  });

  it("reports an undefined reference", () => {
    const result = build({ files: { "main.c": "int missing(void);\nint main(void) { return missing(); }\n" } }, library);
    expect(result.ok).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBe(1);
    expect(errors[0].message).toContain("undefined reference to `missing`");
  });

  it("rejects an unknown file type", () => {
    const result = build({ files: { "main.c": "int main(void) { return 0; }\n", "notes.txt": "hello" } }, library);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        file: "notes.txt",
        line: 0,
        column: 0,
        length: 0,
        severity: "error",
        message: "unsupported file type: expected a .c or .s source or a .h header",
      },
    ]);
  });

  it("rejects an empty request", () => {
    const result = build({ files: { "only.h": UTIL_H } }, library);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.message)).toEqual(["nothing to build: add a .c source file or an object"]);
  });

  it("turns a stage exception into a diagnostic", () => {
    // A library whose archive list is not iterable makes the link stage throw.
    const broken = { ...library, archives: undefined } as unknown as LibraryBundle;
    const result = build({ files: { "main.c": "int main(void) { return 0; }\n" } }, broken);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^internal error in the linker: TypeError: /)]);
  });
});
