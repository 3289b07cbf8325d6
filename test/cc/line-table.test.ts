// The compiler's `.file`/`.loc` directives, assembled by our assembler, must
// give the same DWARF line rows as gcc -g: one per statement, plus the
// opening brace for the prologue and the closing brace for the epilogue.
import { describe, expect, it } from "vitest";

import { compileObject } from "../../src/builder/build";
import type { Diagnostic } from "../../src/builder/diagnostic";
import { readLineTable } from "../../src/builder/elf/dwarf-line";

function lineRows(source: string): { file: string; line: number; column: number }[] {
  const diagnostics: Diagnostic[] = [];
  const { object } = compileObject("t.c", { "t.c": source, "t.h": "static inline int twice(int v)\n{\n\treturn 2 * v;\n}\n" }, {}, diagnostics, 0);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const table = readLineTable(object!);
  return table.sequences.flatMap((s) => s.rows).map((r) => ({ file: r.file, line: r.line, column: r.column }));
}

describe("line table from .loc", () => {
  it("statement, prologue and epilogue rows", () => {
    const rows = lineRows("int f(int a)\n{\n\tint b = a * 2;\n\treturn b + 1;\n}\n");
    expect(rows.map((r) => `${r.line}:${r.column}`)).toEqual(["2:1", "3:6", "4:2", "5:1"]);
    expect(new Set(rows.map((r) => r.file.replace(/^.*\//, "")))).toEqual(new Set(["t.c"]));
  });

  it("rows of an included header", () => {
    const rows = lineRows('#include "t.h"\nint g(int x)\n{\n\treturn twice(x);\n}\n');
    const files = rows.map((r) => `${r.file.replace(/^.*\//, "")}:${r.line}`);
    expect(files).toContain("t.h:3");
    expect(files).toContain("t.c:4");
  });
});
