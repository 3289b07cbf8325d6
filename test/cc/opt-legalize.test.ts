// legalize() moves a call's constant address into a register, which the
// emitter calls through (`call *%reg`). The optimiser walks the
// instructions for it only when constant propagation left such a call, so
// these cases check that it still finds them.
import { describe, expect, it } from "vitest";

import { compileToAssembly } from "../../src/builder/cc";

function compileAt(source: string, level: 1 | 2): string {
  const { assembly, diagnostics } = compileToAssembly({ fileName: "t.c", files: { "t.c": source }, headers: {}, optimize: level });
  expect(diagnostics).toEqual([]);
  return assembly;
}

const cases: { name: string; source: string }[] = [
  {
    name: "cast constant",
    source: "typedef int (*fn_t)(int);\nint f(int x) { return ((fn_t)0x1000)(x) + 1; }\n",
  },
  {
    name: "constant in a variable",
    source: "typedef int (*fn_t)(int);\nint f(int x) { fn_t g = (fn_t)0x1000; return g(x) + 1; }\n",
  },
  {
    name: "constant after a branch",
    source: "typedef int (*fn_t)(int);\nint f(int x) { fn_t g = 0; if (x > 0) x++; g = (fn_t)0x2000; return g(x); }\n",
  },
];

describe("calls to constant addresses", () => {
  for (const { name, source } of cases) {
    for (const level of [1, 2] as const) {
      it(`${name} at -O${level}`, () => {
        const assembly = compileAt(source, level);
        expect(assembly).toMatch(/\tcall\t\*%e[a-z]{2}\n/);
        expect(assembly).not.toMatch(/\tcall\t\*\$/);
        expect(assembly).not.toContain("# not optimised");
      });
    }
  }
});
