// Compiles share scratch state in one process (token arrays, the
// optimiser's scratch arrays, the register allocator's tables). A compile
// that stops with an error part of the way through, in the parser or in
// the back end, must leave nothing that changes the next compile's output.
import { describe, expect, it } from "vitest";

import { generateProgram } from "../../bench/cgen/generator";
import { compileToAssembly, type OptimizeLevel } from "../../src/builder/cc";
import { loadLibraryHeaders } from "./library-headers";

const headers = loadLibraryHeaders();

function compile(source: string, optimize: OptimizeLevel): { assembly: string; errors: string[] } {
  const result = compileToAssembly({ fileName: "main.c", files: { "main.c": source }, headers, optimize });
  return { assembly: result.assembly, errors: result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message) };
}

/** Returns `program` with `insert` placed before its middle function. */
function withFunctionInMiddle(program: string, insert: string): string {
  const lines = program.split("\n");
  let at = lines.length >> 1;
  while (at < lines.length && !/^(static |unsigned |int )/.test(lines[at])) at++;
  return [...lines.slice(0, at), insert, ...lines.slice(at)].join("\n");
}

/** An `asm` statement that needs more registers than there are, which code generation reports. */
const IMPOSSIBLE_ASM = `int too_many(int a, int b, int c, int d, int e, int f, int g) {
  int x;
  __asm__("addl %1, %0" : "=a"(x) : "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "r"(f), "r"(g));
  return x;
}`;

describe("compile state after errors", () => {
  it("failed compiles leave later output unchanged", () => {
    const program = generateProgram(7, { functions: 12, statements: 12, depth: 4 });
    const levels: OptimizeLevel[] = [2, 0, 1];
    const alone = levels.map((level) => compile(program, level));
    for (const result of alone) expect(result.errors).toEqual([]);

    const failing = [
      withFunctionInMiddle(program, IMPOSSIBLE_ASM),
      `${program}\nint broken(void) { return 1 +; }\n`,
      `int deep(int x) { return ${"(".repeat(5000)}x${")".repeat(5000)}; }\n`,
    ];
    for (const source of failing) {
      for (const level of levels) {
        expect(compile(source, level).errors).not.toEqual([]);
        for (let k = 0; k < levels.length; k++) expect(compile(program, levels[k]).assembly).toBe(alone[k].assembly);
      }
    }
  });
});
