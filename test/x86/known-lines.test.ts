// KnownLineTable: the encodings of whole instruction lines, looked up by
// the line's place in the source text and its hash.
import { describe, expect, it } from "vitest";
import { KnownLineTable } from "../../src/builder/x86/known-instructions";

/** Computes the hash that Lexer.peekLine gives a line. */
function lineHash(line: string): number {
  let hash = 0;
  for (let i = 0; i < line.length; i++) hash = (Math.imul(hash, 31) + line.charCodeAt(i)) | 0;
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

describe("KnownLineTable", () => {
  it("finds lines by text in place", () => {
    const table = new KnownLineTable();
    const source = "\tmovl %eax, %ecx\n\tmovl %ecx, %eax\n";
    table.set(source, 1, 15, lineHash("movl %eax, %ecx"), [0x89, 0xc1]);
    expect(table.get("movl %eax, %ecx", 0, 15, lineHash("movl %eax, %ecx"))).toEqual([0x89, 0xc1]);
    expect(table.get(source, 18, 15, lineHash("movl %ecx, %eax"))).toBeUndefined();
  });

  it("tells apart lines of equal hash", () => {
    const table = new KnownLineTable();
    table.set("nop", 0, 3, 7, [0x90]);
    table.set("hlt", 0, 3, 7, [0xf4]);
    expect(table.get("hlt", 0, 3, 7)).toEqual([0xf4]);
    expect(table.get("nop", 0, 3, 7)).toEqual([0x90]);
    expect(table.get("cld", 0, 3, 7)).toBeUndefined();
  });

  it("keeps every line while it grows", () => {
    const table = new KnownLineTable();
    const lines = Array.from({ length: 20000 }, (_, i) => `movl $${i}, %eax # \u00e9`);
    lines.forEach((line, i) => table.set(line, 0, line.length, lineHash(line), [i & 0xff]));
    lines.forEach((line, i) => expect(table.get(line, 0, line.length, lineHash(line))).toEqual([i & 0xff]));
  });
});
