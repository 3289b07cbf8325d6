// The .debug_line reader against readelf's decoded line table on gcc -g
// objects and images, on objects from our own compiler, and on bytes that
// are cut short.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileObject } from "../../src/builder/build";
import type { Diagnostic } from "../../src/builder/diagnostic";
import { type LineTable, decodeLineTable, lookupLine, readLineTable } from "../../src/builder/elf/dwarf-line";
import { readObject } from "../../src/builder/elf/read-object";
import { link } from "../../src/builder/ld/index";
import { BOOT_S, compile, gccAvailable, makeTempDir, readelfAvailable, skipReason } from "../ld/gcc";
import { bootObject } from "./make-object";

const missing = skipReason({ gcc: gccAvailable, readelf: readelfAvailable });
if (missing) console.log(`line table tests against readelf ${missing}`);

const SOURCE = `int square(int x) {
  int y = x * x;
  return y;
}

int twice(int x) {
  return x + x;
}

int main(void) {
  return square(3) + twice(4);
}
`;

/** Rows as "file:line address" from readelf --debug-dump=decodedline, without end-of-sequence rows. */
function readelfRows(path: string): string[] {
  const text = execFileSync("readelf", ["--debug-dump=decodedline", "-W", path]).toString();
  const rows: string[] = [];
  for (const line of text.split("\n")) {
    const match = /^(\S+)\s+(\d+)\s+(0x[0-9a-f]+|\d+)(?:\s|$)/.exec(line);
    if (match) rows.push(`${match[1]!.split("/").pop()}:${match[2]} ${Number(match[3])}`);
  }
  return rows;
}

function ourRows(table: LineTable): string[] {
  return table.sequences.flatMap((sequence) => sequence.rows.map((row) => `${row.file.split("/").pop()}:${row.line} ${row.address}`));
}

describe.skipIf(missing !== undefined)("readLineTable against readelf", () => {
  for (const version of ["-gdwarf-5", "-gdwarf-4", "-gdwarf-3", "-gdwarf-2"]) {
    it(`decodes gcc ${version} objects and linked images`, () => {
      const dir = makeTempDir();
      const object = compile(dir, "main.c", SOURCE, ["-g", version, "-O0", "-ffunction-sections"]);
      const table = readLineTable(object.bytes);
      // Per function section, rows sort by address; readelf lists them in sequence order too.
      expect(ourRows(table).sort()).toEqual(readelfRows(join(dir, "main.o")).sort());
      expect(ourRows(table).length).toBeGreaterThanOrEqual(8);
      expect(table.sequences.every((sequence) => sequence.section !== undefined)).toBe(true);

      const result = link([compile(dir, "boot.S", BOOT_S), object]);
      expect(result.diagnostics).toEqual([]);
      const imagePath = join(dir, "image.elf");
      writeFileSync(imagePath, result.image!);
      const imageTable = readLineTable(result.image!);
      expect(ourRows(imageTable).sort()).toEqual(readelfRows(imagePath).sort());
      expect(ourRows(imageTable).length).toBeGreaterThanOrEqual(8);
      const square = result.linkMap!.symbols.find((s) => s.name === "square")!;
      expect(lookupLine(imageTable, square.address)).toMatchObject({ line: 1 });
      expect(lookupLine(imageTable, square.address + square.size - 1)).toMatchObject({ line: 4 });
      expect(lookupLine(imageTable, 0x10)).toBeUndefined();
    });
  }
});

describe("readLineTable on our compiler's objects", () => {
  it("maps each function's code to its lines", () => {
    const diagnostics: Diagnostic[] = [];
    const { object } = compileObject("main.c", { "main.c": SOURCE }, {}, diagnostics);
    expect(diagnostics).toEqual([]);
    const table = readLineTable(object!);
    const elf = readObject("main.o", object!).object!;
    // Like gcc, our compiler gives the prologue the line of the function's opening, then one row per statement.
    const linesOf = (name: string) => {
      const symbol = elf.symbols.find((s) => s.name === name)!;
      const rows = table.sequences.flatMap((sequence) => sequence.rows);
      const inside = rows.filter((row) => row.section === symbol.sectionIndex && row.address >= symbol.value && row.address < symbol.value + symbol.size);
      return { atStart: lookupLine(table, symbol.value, symbol.sectionIndex), lines: [...new Set(inside.map((row) => row.line))].sort((a, b) => a - b) };
    };
    expect(linesOf("square").atStart).toMatchObject({ file: "main.c", line: 1 });
    expect(linesOf("square").lines).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(linesOf("twice").atStart).toMatchObject({ file: "main.c", line: 6 });
    expect(linesOf("twice").lines).toEqual(expect.arrayContaining([6, 7]));
    expect(linesOf("main").atStart).toMatchObject({ file: "main.c", line: 10 });
    expect(linesOf("main").lines).toEqual(expect.arrayContaining([10, 11]));
  });
});

describe("undefined references in our compiler's objects", () => {
  it("name the function and source line", () => {
    const diagnostics: Diagnostic[] = [];
    const source = "int missing(int);\nint main(void) {\n  int x = 1;\n  return missing(x);\n}\n";
    const { object } = compileObject("app.c", { "app.c": source }, {}, diagnostics);
    expect(diagnostics).toEqual([]);
    const result = link([{ name: "boot.o", bytes: bootObject(true) }, { name: "app.o", bytes: object! }]);
    const missing = result.diagnostics.find((d) => d.message === "undefined reference to `missing`");
    expect(missing?.notes?.map((note) => note.message)).toEqual(["referenced by app.o (function main at app.c:4)"]);
  });
});

describe("decodeLineTable on damaged input", () => {
  it("returns the rows before the damage and never throws", () => {
    if (missing) return;
    const dir = makeTempDir();
    compile(dir, "main.c", SOURCE, ["-g", "-O0"]);
    const object = readObject("main.o", new Uint8Array(readFileSync(join(dir, "main.o")))).object!;
    const debugLine = object.sections.find((s) => s.name === ".debug_line")!.data;
    const debugLineStr = object.sections.find((s) => s.name === ".debug_line_str")?.data;
    const full = decodeLineTable({ debugLine, debugLineStr });
    expect(full.sequences.length).toBeGreaterThan(0);
    for (let cut = 0; cut < debugLine.length; cut += 3) {
      const table = decodeLineTable({ debugLine: debugLine.subarray(0, cut), debugLineStr });
      expect(table.sequences.length).toBeLessThanOrEqual(full.sequences.length);
    }
    const flipped = debugLine.slice();
    for (let i = 0; i < flipped.length; i += 7) flipped[i] ^= 0xff;
    expect(() => decodeLineTable({ debugLine: flipped, debugLineStr })).not.toThrow();
  });

  it("returns an empty table for bytes that are not ELF", () => {
    expect(readLineTable(new Uint8Array([1, 2, 3]))).toEqual({ sequences: [] });
  });
});
