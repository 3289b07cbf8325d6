// The assembler's `.debug_line` against GNU as 2.40 (`as --32`) on `.file N`
// and `.loc` input: the section bytes, its relocations and the decoded rows
// must be identical.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { readLineTable } from "../../src/builder/elf/dwarf-line";
import { assemble } from "../../src/builder/x86";
import { dumpObject, gnuAssemble, hasGcc, hasGnuAs, skipReason } from "../x86/gnu";
import { decodeLineRows, sectionBytes } from "./line-rows";

const LIBOS_INCLUDE = join(__dirname, "../../libos/include");

if (!hasGnuAs) console.log(`debug-line: ${skipReason("GNU as (binutils)")}`);
if (hasGnuAs && !hasGcc) console.log(`debug-line: gcc-generated cases ${skipReason("gcc -m32")}`);

function ours(source: string): Uint8Array {
  const result = assemble(source, "in.s");
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors).toEqual([]);
  if (result.object === undefined) throw new Error("no object");
  return result.object;
}

function expectSameLineTable(source: string): void {
  const gnu = gnuAssemble(source);
  const mine = ours(source);
  const gnuLines = sectionBytes(gnu, ".debug_line");
  const myLines = sectionBytes(mine, ".debug_line");
  const version = gnuLines[4]!;
  if (version < 5) {
    expect(decodeLineRows(gnuLines).length).toBeGreaterThan(1);
    expect(decodeLineRows(myLines)).toEqual(decodeLineRows(gnuLines));
  }
  // The linker's reader decodes every version, with names from .debug_line_str.
  const gnuRows = readLineTable(gnu).sequences.flatMap((s) => s.rows.map((r) => ({ ...r, section: undefined })));
  expect(gnuRows.length).toBeGreaterThan(1);
  expect(readLineTable(mine).sequences.flatMap((s) => s.rows.map((r) => ({ ...r, section: undefined })))).toEqual(gnuRows);
  expect(Buffer.from(myLines).toString("hex")).toBe(Buffer.from(gnuLines).toString("hex"));
  expect(dumpObject(mine).relocations[".debug_line"]).toEqual(dumpObject(gnu).relocations[".debug_line"]);
  expect(Buffer.from(sectionBytes(mine, ".debug_line_str")).toString()).toBe(Buffer.from(sectionBytes(gnu, ".debug_line_str")).toString());
}

/** Repeats `text` `count` times. */
function times(count: number, text: string): string {
  return Array.from({ length: count }, () => text).join("");
}

const CASES: Record<string, string> = {
  "version 5 after .file 0": `
  .text
  .file 0 "/work/dir" "main.c"
  .file 1 "main.c"
  .file 2 "include/h.h"
  .file 3 "/usr/include/x.h"
  .file 4 "include/y.h"
f:
  .loc 1 3 1
  nop
  .loc 2 4 1
  nop
  .loc 0 5 1
  nop
  .loc 4 6 1
  ret
`,
  "two sections and a header path": `
  .file "m.c"
  .text
  .file 1 "m.c"
  .file 2 "include/h.h"
  .file 3 "/usr/include/x.h"
  .file 4 "include/y.h"
f:
  .loc 1 1 13
  pushl %ebp
  movl %esp, %ebp
  .loc 1 2 7
  movl 8(%ebp), %eax
  .loc 1 300 2
  nop
  .loc 1 3 11
  popl %ebp
  ret
  .section .text.other,"ax",@progbits
g:
  .loc 2 7 1
  ret
  .loc 3 1 1
  nop
  .loc 4 2 2
  nop
`,
  "options and sticky state": `
  .file 1 "a.c"
  .text
f:
  .loc 1 5 3
  nop
  .loc 1 6
  nop
  .loc 1 7 2 is_stmt 0
  nop
  .loc 1 8 2
  nop
  .loc 1 9 2 prologue_end
  .loc 1 10 4 discriminator 3
  nop
  .loc 1 1 1 is_stmt 1 basic_block epilogue_begin
  .long 5
  nop
  .loc 1 11 1 isa 2 view 0
  nop
  .loc 1 20 0
`,
  "relaxed branches between rows": `
  .file 1 "b.c"
  .text
f:
  .loc 1 1 1
  jmp 2f
  .loc 1 2 1
1:
  nop
  .loc 1 3 1
  jne 1b
  .loc 1 4 1
  jmp 3f
  .loc 1 5 1
${times(200, "  nop\n")}
2:
  .loc 1 6 1
  call f
  .loc 1 7 1
  ret
3:
  .loc 1 8 1
  je 1b
  ret
`,
  "address steps around special opcode limits": `
  .file 1 "c.c"
  .text
${[0, 1, 16, 17, 18, 20, 33, 34, 35, 60, 272, 273, 300, 5000]
  .map((gap, i) => `  .loc 1 ${i * 3 + 1} ${i}\n${gap > 0 ? `  .fill ${gap}, 1, 0x90\n` : ""}  nop\n`)
  .join("")}
  .loc 1 100000 1
  nop
  .loc 1 2 1
  nop
  .p2align 4
  .loc 1 3 1
  nop
  .fill 17, 1, 0x90
`,
};

describe("debug_line against GNU as", () => {
  for (const [name, source] of Object.entries(CASES)) {
    it.skipIf(!hasGnuAs)(name, () => expectSameLineTable(source));
  }

  it.skipIf(!hasGcc)("gcc -g output of test programs", () => {
    // With .file 0 as gcc writes it, so both assemblers write version 5.
    const dir = join(__dirname, "../programs");
    const programs = readdirSync(dir).filter((name) => name.endsWith(".c")).sort().slice(0, 12);
    for (const program of programs) {
      const compiled = spawnSync("gcc", ["-m32", "-g", "-O1", "-S", "-fno-pic", "-ffreestanding", "-fno-asynchronous-unwind-tables", "-nostdinc", "-isystem", LIBOS_INCLUDE, "-o", "-", join(dir, program)], {
        encoding: "utf8",
      });
      expect(compiled.status, compiled.stderr).toBe(0);
      expectSameLineTable(withoutDebugSections(compiled.stdout));
    }
  });

  it("no .loc, no .debug_line", () => {
    const object = ours("  .text\nf:\n  ret\n");
    expect(dumpObject(object).sections.map((s) => s.name)).not.toContain(".debug_line");
  });

  it("loc without a file is an error", () => {
    const result = assemble("  .text\n  .loc 2 3 4\n  nop\n", "in.s");
    expect(result.object).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      '2:8: file number 2 has no `.file 2 "name"` directive',
    ]);
  });

  it("unknown loc option is an error", () => {
    const result = assemble('  .file 1 "a.c"\n  .loc 1 3 4 bogus\n', "in.s");
    expect(result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      "2:14: unknown `.loc` option `bogus`: expected basic_block, prologue_end, epilogue_begin, is_stmt, isa, discriminator or view",
    ]);
  });
});

/**
 * Keeps the code of gcc -g output and drops the DWARF sections gcc writes
 * itself, because they use `.uleb128`, which the assembler does not
 * support. `.debug_line_str` stays: the line table appends its names there.
 */
function withoutDebugSections(assembly: string): string {
  const kept: string[] = [];
  let inDebug = false;
  for (const line of assembly.split("\n")) {
    const section = /^\s*\.section\s+([^\s,]+)/.exec(line);
    if (section) inDebug = section[1]!.startsWith(".debug") && section[1] !== ".debug_line_str";
    else if (/^\s*\.(text|data|bss)\b/.test(line)) inDebug = false;
    if (inDebug) continue;
    kept.push(line);
  }
  return kept.join("\n");
}

