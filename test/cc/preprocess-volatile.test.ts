// The preprocessor reports to the optimiser whether an output token spells
// volatile or _Atomic, found as it writes the tokens. The optimiser merges
// memory accesses only when none does, so the answer must match a search of
// the output tokens: spellings that macros, token pasting and headers bring
// in count, and those in unused macro bodies and skipped groups do not.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { preprocessUnit } from "../../src/builder/cc/preprocess";
import { spellsVolatile } from "../../src/builder/cc/token";
import { loadLibraryHeaders } from "./library-headers";

const headers = loadLibraryHeaders();

function check(name: string, text: string): boolean {
  const files = { [name]: text, "device.h": "extern volatile int device_register;\n" };
  const { tokens, volatile } = preprocessUnit(name, files, headers, []);
  expect(volatile).toBe(tokens.some((t) => t.kind === "identifier" && spellsVolatile(t.text)));
  return volatile;
}

describe("preprocessor volatile search", () => {
  const cases: [string, string, boolean][] = [
    ["plain", "int x; int f(void) { return x; }", false],
    ["qualifier", "volatile int x;", true],
    ["gnu spelling", "int __volatile__ x;", true],
    ["atomic", "_Atomic int x;", true],
    ["from a macro", "#define V volatile\nV int x;", true],
    ["from pasting", "#define CAT(a, b) a ## b\nCAT(vola, tile) int x;", true],
    ["unused macro body", "#define V volatile\nint x;", false],
    ["skipped group", "#if 0\nvolatile int x;\n#endif\nint y;", false],
    ["stringized", "#define S(x) #x\nconst char *s = S(volatile);", false],
    ["from a header", '#include "device.h"\nint x;', true],
    ["library header", "#include <stdio.h>\nint x;", false],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      expect(check(`${name}.c`, text)).toBe(expected);
    });
  }

  it("matches a search of the output in the test programs", () => {
    const directory = join(import.meta.dirname, "../c");
    let found = 0;
    for (const name of readdirSync(directory).filter((n) => n.endsWith(".c"))) {
      if (check(name, readFileSync(join(directory, name), "utf8"))) found++;
    }
    expect(found).toBeGreaterThan(0);
  });
});
