// Large sources: blocks (`.rept`, macros) and diagnostics thousands of lines
// into a file, where the assembler replays repeated statements, must come out
// as GNU as makes them. The file once checked the edges of the lexer's batches.
import { describe, expect, it } from "vitest";

import { assemble } from "../../src/builder/x86";
import { dumpObject, gnuAssemble, hasGnuAs, skipReason } from "../x86/gnu";

if (!hasGnuAs) console.log(`assembler batches: ${skipReason("GNU as (binutils)")}`);

/** 3,000 `nop` lines with a `.rept` and a macro use around line 2,050. */
function largeSource(): string {
  const lines = ["  .macro bump reg", "  incl \\reg", "  incl \\reg", "  .endm", "  .text", "f:"];
  for (let i = 0; i < 3000; i++) {
    if (i === 2040) lines.push("  .rept 3");
    if (i === 2060) lines.push("  .endr");
    if (i === 2050) lines.push("  bump %eax");
    lines.push(i % 100 === 0 ? `1: jmp 1b` : "  nop");
  }
  return lines.join("\n") + "\n";
}

describe("assembler batches", () => {
  it.skipIf(!hasGnuAs)("rept and macro across a batch boundary", () => {
    const source = largeSource();
    const ours = assemble(source, "big.s");
    expect(ours.diagnostics).toEqual([]);
    const mine = dumpObject(ours.object!);
    const gnu = dumpObject(gnuAssemble(source));
    expect(mine.sections.find((s) => s.name === ".text")).toEqual(gnu.sections.find((s) => s.name === ".text"));
  });

  it("error lines after the first batch", () => {
    const lines = Array.from({ length: 5000 }, () => "  nop");
    lines[4500] = "  bogus %eax";
    const result = assemble(lines.join("\n") + "\n", "big.s");
    expect(result.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual(["4501:3: unknown instruction `bogus`"]);
  });
});
