// Token arrays are reused between compiles: the preprocessor releases its
// files' arrays and the compiler releases the preprocessor's output after
// parsing. A reused array must never be one that a caller still holds, and
// compiles in any order must give what each gives in a fresh process.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import { compileToAssembly, type OptimizeLevel } from "../../src/builder/cc";
import { releaseTokenArray, tokenArray } from "../../src/builder/cc/lexer";
import { preprocess } from "../../src/builder/cc/preprocess";
import type { Token } from "../../src/builder/cc/token";
import { loadLibraryHeaders } from "./library-headers";

const headers = loadLibraryHeaders();

function compile(source: string, optimize: OptimizeLevel): string {
  const result = compileToAssembly({ fileName: "main.c", files: { "main.c": source }, headers, optimize });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.assembly;
}

/** Renders tokens with their places, to compare two token lists. */
function show(tokens: readonly Token[]): string {
  return tokens.map((t) => `${t.kind} ${t.text} ${t.file}:${t.line}:${t.column}`).join("\n");
}

describe("token array reuse", () => {
  it("release clears the array", () => {
    const tokens = tokenArray(10_000);
    const token: Token = {
      kind: "identifier", text: "x", file: "t.c", line: 1, column: 1, length: 1, atLineStart: true, hasSpaceBefore: false,
    };
    for (let i = 0; i < 10_000; i++) tokens[i] = token;
    releaseTokenArray(tokens);
    expect(tokens.length).toBe(10_000);
    expect(tokens.every((t) => t === undefined)).toBe(true);
  });

  it("released array handed out once", () => {
    const tokens = tokenArray(20_000);
    tokens.length = 20_000;
    releaseTokenArray(tokens);
    releaseTokenArray(tokens);
    expect(tokenArray(20_000)).toBe(tokens);
    expect(tokenArray(20_000)).not.toBe(tokens);
  });

  it("sizes far apart get a new array", () => {
    const large = tokenArray(100_000);
    large.length = 100_000;
    releaseTokenArray(large);
    expect(tokenArray(1_000)).not.toBe(large);
    expect(tokenArray(400_000)).not.toBe(large);
    expect(tokenArray(100_000)).toBe(large);
  });

  it("huge arrays are not kept", () => {
    const huge = tokenArray(1_100_000);
    huge.length = 1_100_000;
    releaseTokenArray(huge);
    expect(tokenArray(1_100_000)).not.toBe(huge);
  });

  it("held output stays intact", () => {
    const source = generateProgram(3);
    const first = preprocess("main.c", { "main.c": source }, headers, []);
    const before = show(first);
    // The second run releases its lexer arrays, and a third run may take them.
    preprocess("main.c", { "main.c": source }, headers, []);
    preprocess("main.c", { "main.c": source + "\nint extra;\n" }, headers, []);
    expect(show(first)).toBe(before);
  });

  it("interleaved compiles match", () => {
    const large = generateProgram(5, { functions: 10, statements: 12, depth: 4 });
    const small = "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n";
    const alone = [compile(large, 2), compile(small, 0)];
    const again = [compile(small, 0), compile(large, 2), compile(large, 0), compile(large, 2), compile(small, 0)];
    expect(again[1]).toBe(alone[0]);
    expect(again[3]).toBe(alone[0]);
    expect(again[0]).toBe(alone[1]);
    expect(again[4]).toBe(alone[1]);
    expect(again[2]).not.toBe("");
  });
});
