// Differential test on whole files: hand-written assembly and gcc's own
// output for small C programs, assembled by GNU as and by us. Sections,
// relocations and symbols must match.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/builder/x86";
import { dumpObject, gnuAssemble, hasGcc, hasGnuAs, runInTempDir, skipReason, type ObjectDump } from "./gnu";

const fixtures = join(__dirname, "fixtures");

/**
 * GNU as turns `.cfi_*` directives into an `.eh_frame` section; we accept
 * and ignore them, so the comparison leaves that section out. Its
 * relocations also make GNU as write section symbols that nothing else
 * uses, so section symbols are compared through the relocations only.
 */
function withoutUnwindTables(dump: ObjectDump, hadUnwindTables: boolean): Omit<ObjectDump, "raw"> {
  const { raw: _raw, ...rest } = dump;
  return {
    ...rest,
    sections: dump.sections.filter((s) => s.name !== ".eh_frame"),
    relocations: Object.fromEntries(Object.entries(dump.relocations).filter(([name]) => name !== ".eh_frame")),
    symbols: dump.symbols.filter((s) => !s.endsWith("section=.eh_frame") && !(hadUnwindTables && s.includes(" type=3 "))),
  };
}

function compareWithGnu(source: string, name: string): void {
  const ours = assemble(source, name);
  expect(ours.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const gnu = dumpObject(gnuAssemble(source));
  const hadUnwindTables = gnu.sections.some((s) => s.name === ".eh_frame");
  const expected = withoutUnwindTables(gnu, hadUnwindTables);
  const actual = withoutUnwindTables(dumpObject(ours.object!), hadUnwindTables);
  expect(actual.sections).toEqual(expected.sections);
  expect(actual.relocations).toEqual(expected.relocations);
  expect(actual.symbols).toEqual(expected.symbols);
  expect(actual.symbolOrderValid).toBe(true);
}

function gccAssembly(file: string, flags: string[]): string {
  const source = readFileSync(join(fixtures, file), "utf8");
  const bytes = runInTempDir({ [file]: source }, "gcc", ["-m32", "-S", "-o", "out.s", ...flags, file], "out.s");
  return new TextDecoder().decode(bytes);
}

/** `.L` symbols made global or weak, defined here or elsewhere, and used by jumps, calls and data. */
const GLOBAL_TEMPORARIES = `\t.globl .Lg
\t.weak .Lw
\t.globl .Lext
\t.weak .Lwext
.Lg: nop
.Lw: nop
\tjmp .Lg
\tcall .Lw
\tcall .Lext
\tjmp .Lext
\tmovl $.Lwext, %eax
\tmovl .Lg, %eax
.Lplain: ret
\t.data
\t.long .Lg, .Lext
`;

describe("global .L symbols", () => {
  it("stay in the symbol table", () => {
    const result = assemble(GLOBAL_TEMPORARIES, "globals.s");
    expect(result.diagnostics).toEqual([]);
    expect(dumpObject(result.object!).symbols).toEqual([
      ".Lext value=0 size=0 type=0 bind=1 vis=0 section=UND",
      ".Lg value=0 size=0 type=0 bind=1 vis=0 section=.text",
      ".Lw value=1 size=0 type=0 bind=2 vis=0 section=.text",
      ".Lwext value=0 size=0 type=0 bind=2 vis=0 section=UND",
    ]);
  });

  it.skipIf(!hasGnuAs)("match GNU as", () => {
    compareWithGnu(GLOBAL_TEMPORARIES, "globals.s");
  });
});

describe("whole files against GNU as", () => {
  if (!hasGnuAs) console.log(`whole files: ${skipReason("GNU as (as --32)")}`);
  else if (!hasGcc) console.log(`gcc output files: ${skipReason("gcc with -m32 support")}`);

  for (const file of ["directives.s", "blocks.s", "equates.s", "equate-uses.s", "equate-redefinitions.s"]) {
    it.skipIf(!hasGnuAs)(file, () => {
      compareWithGnu(readFileSync(join(fixtures, file), "utf8"), file);
    });
  }

  const variants: Array<[string, string[]]> = [
    ["-O0", ["-O0", "-fno-pic", "-ffreestanding"]],
    ["-O2", ["-O2", "-fno-pic", "-ffreestanding"]],
    ["-Os -fcommon with unwind tables", ["-Os", "-fno-pic", "-fcommon"]],
    ["-O2 sections", ["-O2", "-fno-pic", "-ffunction-sections", "-fdata-sections", "-fno-asynchronous-unwind-tables"]],
  ];
  for (const file of ["algorithms.c", "floats.c", "data.c"]) {
    for (const [label, flags] of variants) {
      it.skipIf(!hasGcc)(`${file} ${label}`, () => {
        compareWithGnu(gccAssembly(file, flags), file.replace(/\.c$/, ".s"));
      });
    }
  }
});
