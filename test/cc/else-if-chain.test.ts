// Long `else if` chains and runs of labels (generated dispatchers, keyword
// tables) take one nesting level, as in gcc, and no pass recurses once per
// branch. Real nesting past MAX_NESTING stays a located error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { build } from "../../src/builder/build";
import { MAX_NESTING } from "../../src/builder/cc/parse/parser";
import { formatDiagnostic } from "../../src/builder/diagnostic";
import type { LibraryBundle } from "../../src/builder/types";
import { createNodeEmulator } from "../../src/cli/node-emulator";
import { loadNodeLibrary } from "../../src/cli/node-library";
import type { Emulator } from "../../src/emulator";
import { compile, diagnosticLines } from "./compiler-test-utils";

const BRANCHES = 5000;
const TOO_DEEP = `nesting is too deep (the limit is ${MAX_NESTING} levels)`;

/** `if (x == 0) return 0; else if (x == 1) return 7; ...` for `branches` branches, then `tail`. */
function chain(branches: number, tail: string): string {
  const lines = [`  if (x == 0) return 0;`];
  for (let i = 1; i < branches; i++) lines.push(`  else if (x == ${i}) return ${i * 7};`);
  lines.push(tail);
  return lines.join("\n");
}

const dispatcher = `int printf(const char *format, ...);
int f(int x) {
${chain(BRANCHES, "  else return -1;")}
}
/** A switch with \`case 0: case 2: ... case 9998:\` in a row before one statement. */
int even(int x) {
  switch (x) {
  ${Array.from({ length: BRANCHES }, (_, i) => `case ${2 * i}:`).join(" ")}
    return 1;
  default:
    return 0;
  }
}
int main(void) {
  printf("%d %d %d %d\\n", f(0), f(1), f(${BRANCHES - 1}), f(${BRANCHES}));
  printf("%d %d %d %d\\n", even(0), even(1), even(${2 * BRANCHES - 2}), even(${2 * BRANCHES}));
  return f(2500) & 255;
}
`;

describe("else if chains", () => {
  it(`a ${BRANCHES}-branch chain compiles with no diagnostics`, () => {
    expect(diagnosticLines(dispatcher)).toEqual([]);
  });

  it(`${BRANCHES} goto labels in a row before one statement compile`, () => {
    const labels = Array.from({ length: BRANCHES }, (_, i) => `l${i}:`).join(" ");
    expect(diagnosticLines(`int g(int x) { if (x) goto l${BRANCHES - 1}; x++; ${labels} return x; }\n`)).toEqual([]);
  });

  it("flow analysis walks a long chain: a missing final else still warns", () => {
    const source = `int f(int x) {\n${chain(BRANCHES, "")}\n}\n`;
    expect(diagnosticLines(source)).toEqual([`${BRANCHES + 3}:1: warning: control reaches end of non-void function`]);
  });

  it("flow analysis finds a break in a long chain inside an endless loop", () => {
    const body = [`  for (;;) {`, `    if (x == 0) return 0;`];
    for (let i = 1; i < BRANCHES; i++) body.push(`    else if (x == ${i}) ${i === BRANCHES - 1 ? "break" : "return 1"};`);
    const source = `int f(int x) {\n${body.join("\n")}\n  }\n}\n`;
    expect(diagnosticLines(source)).toEqual([`${BRANCHES + 4}:1: warning: control reaches end of non-void function`]);
    const noBreak = source.replace("break;", "return 2;");
    expect(diagnosticLines(noBreak)).toEqual([]);
  });

  it("syntax error in one branch: one diagnostic, none at the next else", () => {
    const source = `int f(int x) {
  if (x == 0) return 0;
  else if (x == 1) return 1 1;
  else if (x == 2) return 2;
  else return 3;
}
`;
    expect(diagnosticLines(source)).toEqual(["3:29: error: expected ';' before numeric constant"]);
  });

  it("_Thread_local: one error, and the variable is still declared", () => {
    expect(diagnosticLines("_Thread_local int t; int main(void) { return t; }\n")).toEqual([
      "1:1: error: thread-local storage is not supported yet",
    ]);
  });

  it("real nesting of if statements is still limited", () => {
    const depth = 10_000;
    const source = `int f(int x) {\n${"if (x) ".repeat(depth)}return 1;\nreturn 0;\n}\n`;
    const result = compile(source);
    expect(result.diagnostics.map((d) => d.message)).toEqual([TOO_DEEP]);
    expect(result.diagnostics[0].line).toBe(2);
  });

  it("nesting through else blocks: one error, not one per recovery", () => {
    const depth = 10_000;
    const source = `int f(int x) {\n${"if (x) return 1; else { ".repeat(depth)}return 0;${" }".repeat(depth)}\n}\n`;
    const result = compile(source);
    expect(result.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([`2: ${TOO_DEEP}`]);
  });

  it("10,000 nested braces and parentheses are located errors", () => {
    const depth = 10_000;
    const braces = compile(`int main(void) ${"{".repeat(depth)}${"}".repeat(depth)}\n`);
    expect(braces.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([`1:${16 + MAX_NESTING + 1}: ${TOO_DEEP}`]);
    const parens = compile(`int main(void) { return ${"(".repeat(depth)}1${")".repeat(depth)}; }\n`);
    expect(parens.diagnostics.map((d) => d.message)).toEqual([TOO_DEEP]);
    expect(parens.diagnostics[0].line).toBe(1);
  });
});

describe("else if chains through build() and v86", () => {
  let emulator: Emulator;
  let library: LibraryBundle;

  beforeAll(async () => {
    library = await loadNodeLibrary();
    emulator = await createNodeEmulator();
  });
  afterAll(() => emulator?.dispose());

  it(`a ${BRANCHES}-branch dispatcher prints the right values`, async () => {
    const files = { "dispatch.c": dispatcher };
    const result = build({ files }, library);
    expect(result.diagnostics.map((d) => formatDiagnostic(d, files))).toEqual([]);
    expect(result.image).toBeDefined();
    const chunks: Uint8Array[] = [];
    const run = await emulator.run(result.image as Uint8Array, { timeoutMs: 20_000, onOutput: (bytes) => chunks.push(bytes) });
    expect(Buffer.concat(chunks).toString("utf8")).toBe(`0 7 ${(BRANCHES - 1) * 7} -1\n1 0 1 0\n`);
    expect(run.end).toEqual({ reason: "exit", exitCode: (2500 * 7) & 255 });
  }, 60_000);
});
