// Hostile inputs to the builder: each must end in diagnostics (with a
// location where the input has one), never an exception, a hang or an
// "internal error". A case the compiler does not handle yet would be
// marked `it.fails`, so that it turns red the day it is fixed.
import { beforeAll, describe, expect, it } from "vitest";

import { build, MAX_SOURCE_CHARACTERS } from "../../src/builder/build";
import type { Diagnostic } from "../../src/builder/diagnostic";
import { link } from "../../src/builder/ld";
import type { BuildResult, LibraryBundle } from "../../src/builder/types";
import { assemble } from "../../src/builder/x86";
import { MAX_SECTION_BYTES } from "../../src/builder/x86/assembler";
import { loadNodeLibrary } from "../../src/cli/node-library";

let library: LibraryBundle;
beforeAll(async () => {
  library = await loadNodeLibrary();
});

function buildMain(source: string, extra: Record<string, string> = {}): BuildResult {
  return build({ files: { "main.c": source, ...extra } }, library);
}

function errorsOf(result: { diagnostics: Diagnostic[] }): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === "error");
}

/** Checks that the input is rejected with an error that has a 1-based location, and with no internal error. */
function expectLocatedError(result: BuildResult, file = "main.c"): Diagnostic {
  const errors = errorsOf(result);
  expect(result.ok).toBe(false);
  expect(errors.map((d) => d.message).filter((m) => /internal/.test(m))).toEqual([]);
  const located = errors.find((d) => d.file === file && d.line >= 1 && d.column >= 1);
  expect(located, JSON.stringify(errors.slice(0, 3))).toBeDefined();
  return located!;
}

function expectNestingError(result: BuildResult): void {
  expect(expectLocatedError(result).message).toBe("nesting is too deep (the limit is 256 levels)");
}

function expectBuilds(result: BuildResult): void {
  expect(errorsOf(result)).toEqual([]);
  expect(result.ok).toBe(true);
}

const repeat = (text: string, count: number): string => text.repeat(count);
const X10 = "#define X10(x) x,x,x,x,x,x,x,x,x,x\n";

describe("builder limits", () => {
  it("10,000 nested braces", () => {
    const result = buildMain(`int main(void) { ${repeat("{", 10_000)}${repeat("}", 10_000)} return 0; }\n`);
    expect(expectLocatedError(result).message).toBe("nesting is too deep (the limit is 256 levels)");
  });

  it("10,000 nested if statements", () => {
    const result = buildMain(`int main(void) { int x = 0; ${repeat("if (x) ", 10_000)} x = 1; return x; }\n`);
    expect(expectLocatedError(result).message).toBe("nesting is too deep (the limit is 256 levels)");
  });

  it("10,000 nested parentheses", () => {
    const result = buildMain(`int main(void) { return ${repeat("(", 10_000)}1${repeat(")", 10_000)}; }\n`);
    expect(expectLocatedError(result).message).toBe("nesting is too deep (the limit is 256 levels)");
  });

  it("100,000-term sum", () => {
    const error = expectLocatedError(buildMain(`int main(void) { return 1${repeat("+1", 100_000)}; }\n`));
    expect(error.message).toMatch(/^expression is too long: more than [\d,]+ '\+' operators in a row; split it into several statements$/);
  });

  it("million-element initialiser", () => {
    const result = buildMain(`${X10}int a[] = { X10(X10(X10(X10(X10(X10(1)))))) };\nint main(void) { return a[5]; }\n`);
    expectBuilds(result);
    expect(result.linkMap?.symbols.find((s) => s.name === "a")?.size).toBe(4_000_000);
  }, 60_000);

  it("10,000 nested initialiser braces", () => {
    expectNestingError(buildMain(`int x = ${repeat("{", 10_000)}1${repeat("}", 10_000)};\nint main(void) { return 0; }\n`));
  });

  it("10,000 array dimensions", () => {
    expectNestingError(buildMain(`int p${repeat("[1]", 10_000)};\nint main(void) { return 0; }\n`));
  });

  it("10,000 declarator parentheses", () => {
    expectNestingError(buildMain(`int ${repeat("(", 10_000)}p${repeat(")", 10_000)};\nint main(void) { return 0; }\n`));
  });

  it("5,000 nested structs", () => {
    expectNestingError(buildMain(`${repeat("struct s { ", 5_000)}int x;${repeat(" } a;", 5_000)}\nint main(void) { return 0; }\n`));
  });

  it("call with 100,000 arguments", () => {
    const result = buildMain(`int f();\nint main(void) { return f(${Array.from({ length: 100_000 }, () => "1").join(",")}); }\n`);
    expect(errorsOf(result).map((d) => d.message).filter((m) => /internal/.test(m))).toEqual([]);
  });

  it("10,000 pointer declarators", () => {
    expectBuilds(buildMain(`int ${repeat("*", 10_000)}p;\nint main(void) { return 0; }\n`));
  });

  it("10,000 nested #if", () => {
    expectBuilds(buildMain(`${repeat("#if 1\n", 10_000)}${repeat("#endif\n", 10_000)}int main(void) { return 0; }\n`));
  });

  it("5 MB file is rejected by size", () => {
    const source = `${repeat("int v = 1;\n", 500_000)}int main(void) { return 0; }\n`;
    const error = expectLocatedError(buildMain(source));
    expect(error.message).toBe(`file is too large: ${source.length} characters, the limit is ${MAX_SOURCE_CHARACTERS} (1 MiB); split it into smaller files`);
  });

  it("5 MB header is rejected by size", () => {
    const header = `/*${repeat("x", 5_000_000)}*/\n`;
    const result = buildMain('#include "big.h"\nint main(void) { return 0; }\n', { "big.h": header });
    expect(expectLocatedError(result, "big.h").message).toMatch(/^file is too large: 5000005 characters/);
  });

  it("source just under the size limit builds", () => {
    const comment = `/*${repeat("x", MAX_SOURCE_CHARACTERS - 100)}*/\n`;
    expectBuilds(buildMain(`${comment}int main(void) { return 0; }\n`));
  });

  it("mutually recursive macros stop", () => {
    expectBuilds(buildMain("#define A B\n#define B A\nint main(void) { int A = 0; return A; }\n"));
  });

  it("exponential macro is cut off", () => {
    const macros = "#define D(x) x x\n#define D2(x) D(D(x))\n#define D4(x) D2(D2(x))\n#define D8(x) D4(D4(x))\n#define D16(x) D8(D8(x))\n#define D32(x) D16(D16(x))\n";
    const error = expectLocatedError(buildMain(`${macros}int main(void) { D32(;) return 0; }\n`));
    expect(error.message).toMatch(/^macro expansion produced more than [\d,]+ tokens/);
  });

  it("include cycle", () => {
    const result = buildMain('#include "a.h"\nint main(void) { return 0; }\n', { "a.h": '#include "b.h"\n', "b.h": '#include "a.h"\n' });
    const error = expectLocatedError(result, "b.h");
    expect(error.message).toBe("#include nested more than 200 levels deep; include cycle: a.h -> b.h -> a.h; add an include guard or #pragma once");
  });

  it("file that includes itself", () => {
    const error = expectLocatedError(buildMain('#include "main.c"\nint main(void) { return 0; }\n'));
    expect(error.message).toMatch(/include cycle: main\.c -> main\.c/);
  });

  it("invalid UTF-8 and lone surrogates", () => {
    // A file read as UTF-8 turns invalid bytes into U+FFFD; a string from the editor may hold a lone surrogate.
    const error = expectLocatedError(buildMain("int main(void) { return \uFFFD\ud800; }\n"));
    expect(error).toMatchObject({ line: 1, column: 25 });
    expect(error.message).toMatch(/^invalid character U\+FFFD/);
  });

  it("invalid UTF-8 inside a comment and a string builds", () => {
    expectBuilds(buildMain('/* \uFFFD \ud800 */\nconst char *s = "\uFFFD";\nint main(void) { return 0; }\n'));
  });

  it("NUL bytes outside literals get a warning", () => {
    const result = buildMain("int main(void) { return 0;\0\0 }\n");
    const nul = result.diagnostics.find((d) => /null character/i.test(d.message));
    expect(nul).toMatchObject({ file: "main.c", line: 1, column: 27, severity: "warning", message: "null character ignored" });
  });

  it("NUL byte inside a string literal builds", () => {
    expectBuilds(buildMain('int main(void) { const char *s = "a\0b"; return s[0]; }\n'));
  });

  it("8 GB array is rejected at its declaration", () => {
    const error = expectLocatedError(buildMain("int a[0x7fffffff];\nint main(void) { return a[0]; }\n"));
    expect(error).toMatchObject({ line: 1, column: 6, message: "size of array is too large (8589934588 bytes; the maximum on i386 is 2147483647)" });
  });

  it("2^60-byte array is rejected at its declaration", () => {
    const error = expectLocatedError(buildMain("char a[1<<30][1<<30];\nint main(void) { return a[0][0]; }\n"));
    expect(error.message).toMatch(/^size of array is too large \(\d+ bytes; the maximum on i386 is 2147483647\)$/);
  });

  it("1.8 GB static array stops at the section limit", () => {
    const result = buildMain("static char big[0x70000000];\nint main(void) { big[5] = 1; return big[5]; }\n");
    const errors = errorsOf(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(
      new RegExp(`^in the generated assembly \\(line \\d+ of the assembly that \`ukp cc -S\` prints\\): section \`\\.bss\` would grow to 1879048192 bytes, past the limit of ${MAX_SECTION_BYTES} bytes`),
    );
  });

  it("1 GiB local array builds", () => {
    expectBuilds(buildMain("int main(void) { char a[1 << 30]; a[0] = 1; return a[0]; }\n"));
  });
});

describe("assembler limits", () => {
  it("huge .zero is an error at its line", () => {
    const result = assemble("  .bss\nbig:\n  .zero 0x70000000\n", "big.s");
    expect(result.object).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        file: "big.s",
        line: 3,
        column: 9,
        length: 10,
        severity: "error",
        message: `section \`.bss\` would grow to 1879048192 bytes, past the limit of ${MAX_SECTION_BYTES} bytes (64 MiB): make the array smaller or allocate it at run time`,
      },
    ]);
  });

  it("huge .fill is an error", () => {
    const result = assemble("  .data\n  .fill 0x10000000, 4, 0\n", "big.s");
    expect(result.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(["2:9"]);
  });
});

describe("linker on truncated objects", () => {
  it("every truncation of an object is a diagnostic", () => {
    const compiled = assemble('  .file 1 "t.c"\n  .text\n  .globl main\n  .type main, @function\nmain:\n  .loc 1 1 1\n  movl $msg, %eax\n  call puts\n  xorl %eax, %eax\n  ret\n  .size main, . - main\n  .section .rodata\nmsg:\n  .string "hi"\n', "t.s");
    const object = compiled.object!;
    expect(object.length).toBeGreaterThan(400);
    for (let length = 0; length < object.length; length += 7) {
      const result = link([{ name: "t.o", bytes: object.subarray(0, length) }, ...library.archives]);
      const errors = errorsOf(result);
      expect(result.image, `truncated to ${length} bytes`).toBeUndefined();
      expect(errors.length, `truncated to ${length} bytes`).toBeGreaterThan(0);
      expect(errors.filter((d) => /internal/.test(d.message)), `truncated to ${length} bytes`).toEqual([]);
      expect(errors[0]!.file, `truncated to ${length} bytes`).toBe("t.o");
    }
  });

  it("truncated archive is a diagnostic", () => {
    const archive = library.archives[0]!;
    for (const length of [0, 7, 8, 60, 68, 1000, Math.floor(archive.bytes.length / 2)]) {
      const result = link([{ name: archive.name, bytes: archive.bytes.subarray(0, length) }]);
      const errors = errorsOf(result);
      expect(result.image, `truncated to ${length} bytes`).toBeUndefined();
      expect(errors.length, `truncated to ${length} bytes`).toBeGreaterThan(0);
      expect(errors.filter((d) => /internal/.test(d.message)), `truncated to ${length} bytes`).toEqual([]);
    }
  });
});
