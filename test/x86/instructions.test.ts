// Differential test of the instruction encoder: every line of
// fixtures/instructions.s is assembled by GNU as and by us, and the bytes
// and relocations of each instruction must match.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/builder/x86";
import { dumpObject, gnuAssemble, hasGnuAs, skipReason, type ObjectDump } from "./gnu";

const lines = readFileSync(join(__dirname, "fixtures", "instructions.s"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "");

/** Wraps each instruction in a label so both objects tell where it starts. */
function labelled(): string {
  const body = lines.map((l, i) => `t${i}: ${l}`).join("\n");
  return `.text\n${body}\nt${lines.length}:\n.data\n.Ltab: .long 0\n`;
}

interface Instruction {
  bytes: string;
  relocations: string[];
}

function split(dump: ObjectDump): Instruction[] {
  const text = dump.sections.find((s) => s.name === ".text")!;
  const starts = new Map<string, number>();
  for (const line of dump.symbols) {
    const m = /^t(\d+) value=(\d+) .*section=\.text$/.exec(line);
    if (m) starts.set(m[1]!, Number(m[2]));
  }
  const relocations = (dump.relocations[".text"] ?? []).map((r) => {
    const [offset, ...rest] = r.split(" ");
    return { offset: parseInt(offset!, 16), text: rest.join(" ") };
  });
  return lines.map((_, i) => {
    const start = starts.get(String(i))!;
    const end = starts.get(String(i + 1))!;
    return {
      bytes: text.data.slice(start * 2, end * 2),
      relocations: relocations.filter((r) => r.offset >= start && r.offset < end).map((r) => `+${r.offset - start} ${r.text}`),
    };
  });
}

describe("instruction encoding against GNU as", () => {
  if (!hasGnuAs) console.log(`instruction encoding: ${skipReason("GNU as (as --32)")}`);

  it.skipIf(!hasGnuAs)("encodes every fixture line as GNU as does", () => {
    const source = labelled();
    const ours = assemble(source, "instructions.s");
    expect(ours.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const expected = split(dumpObject(gnuAssemble(source)));
    const actual = split(dumpObject(ours.object!));
    const mismatches: string[] = [];
    lines.forEach((line, i) => {
      const e = expected[i]!;
      const a = actual[i]!;
      if (e.bytes !== a.bytes || e.relocations.join() !== a.relocations.join()) {
        mismatches.push(`${line}: GNU ${e.bytes} [${e.relocations.join(", ")}], ours ${a.bytes} [${a.relocations.join(", ")}]`);
      }
    });
    expect(mismatches).toEqual([]);
  });
});
