// KnownLineTable: the encodings of whole instruction lines, looked up by
// the line's place in the source text and its hash, and the source codes
// a caller may hand the assembler.
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/builder/x86";
import { KnownLineTable } from "../../src/builder/x86/known-instructions";
import { Lexer, sourceCodes } from "../../src/builder/x86/lexer";

/** Computes the hash that Lexer.peekLine gives a line: MurmurHash3's block mixing over words of four codes' low bytes. */
function lineHash(line: string): number {
  let hash = 0;
  for (let start = 0; start < line.length; start += 4) {
    let word = 0;
    for (let i = start; i < Math.min(start + 4, line.length); i++) word |= (line.charCodeAt(i) & 0xff) << (8 * (i - start));
    let k = Math.imul(word, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    hash ^= k;
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/** Returns the bytes stored for the line, or undefined when the table does not contain it. */
function bytesOfLine(table: KnownLineTable, text: string, start: number, length: number, hash: number): number[] | undefined {
  const entry = table.find(sourceCodes(text), start, length, hash);
  return entry < 0 ? undefined : [...table.bytesOf(entry)];
}

describe("KnownLineTable", () => {
  it("finds lines by text in place", () => {
    const table = new KnownLineTable();
    const source = "\tmovl %eax, %ecx\n\tmovl %ecx, %eax\n";
    table.set(sourceCodes(source), 1, 15, lineHash("movl %eax, %ecx"), Uint8Array.of(0x89, 0xc1), 2);
    expect(bytesOfLine(table, "movl %eax, %ecx", 0, 15, lineHash("movl %eax, %ecx"))).toEqual([0x89, 0xc1]);
    expect(bytesOfLine(table, source, 18, 15, lineHash("movl %ecx, %eax"))).toBeUndefined();
  });

  it("tells apart lines of equal hash", () => {
    const table = new KnownLineTable();
    table.set(sourceCodes("nop"), 0, 3, 7, Uint8Array.of(0x90), 1);
    table.set(sourceCodes("hlt"), 0, 3, 7, Uint8Array.of(0xf4), 1);
    expect(bytesOfLine(table, "hlt", 0, 3, 7)).toEqual([0xf4]);
    expect(bytesOfLine(table, "nop", 0, 3, 7)).toEqual([0x90]);
    expect(bytesOfLine(table, "cld", 0, 3, 7)).toBeUndefined();
  });

  it("keeps every line while it grows", () => {
    const table = new KnownLineTable();
    const lines = Array.from({ length: 20000 }, (_, i) => `movl $${i}, %eax # \u00e9`);
    lines.forEach((line, i) => table.set(sourceCodes(line), 0, line.length, lineHash(line), Uint8Array.of(i & 0xff), 1));
    lines.forEach((line, i) => expect(bytesOfLine(table, line, 0, line.length, lineHash(line))).toEqual([i & 0xff]));
  });

  it("stores only the given count of bytes", () => {
    const table = new KnownLineTable();
    table.set(sourceCodes("nop"), 0, 3, 7, Uint8Array.of(0x90, 0xcc), 1);
    table.set(sourceCodes("hlt"), 0, 3, 8, [0xf4], 1);
    expect(bytesOfLine(table, "nop", 0, 3, 7)).toEqual([0x90]);
    expect(bytesOfLine(table, "hlt", 0, 3, 8)).toEqual([0xf4]);
  });

  it("matches byte and UTF-16 sources", () => {
    const table = new KnownLineTable();
    const wide = "movl $1, %eax # caf\u00e9";
    table.set(sourceCodes(wide), 0, wide.length, lineHash(wide), Uint8Array.of(0xb8), 1);
    expect(bytesOfLine(table, `\u{1f600}${wide}`, 2, wide.length, lineHash(wide))).toEqual([0xb8]);
    const narrow = "movl $12345678, %ecx";
    table.set(sourceCodes(narrow), 0, narrow.length, lineHash(narrow), Uint8Array.of(0xb9), 1);
    expect(bytesOfLine(table, `\u00e9\n${narrow}`, 2, narrow.length, lineHash(narrow))).toEqual([0xb9]);
    expect(bytesOfLine(table, "movl $12345679, %ecx", 0, narrow.length, lineHash(narrow))).toBeUndefined();
  });

  it("skips lines with codes above 255", () => {
    const table = new KnownLineTable();
    const above = "movl $1, %eax # \u0100";
    table.set(sourceCodes(above), 0, above.length, lineHash(above), Uint8Array.of(0xb8), 1);
    expect(bytesOfLine(table, above, 0, above.length, lineHash(above))).toBeUndefined();
  });

  it("returns no references for lines without symbols", () => {
    const table = new KnownLineTable();
    table.set(sourceCodes("nop"), 0, 3, 7, Uint8Array.of(0x90), 1);
    expect(table.referencesOf(table.find(sourceCodes("nop"), 0, 3, 7))).toBeUndefined();
  });
});

describe("sourceCodes", () => {
  it("gives the UTF-16 codes of ASCII and other text", () => {
    for (const text of ["", "movl %eax, %ecx\n", "# caf\u00e9\nnop\n", "\u{1f600}x"]) {
      const codes = sourceCodes(text);
      expect(codes.length).toBe(text.length);
      expect([...codes]).toEqual([...text].flatMap((c) => [...Array(c.length).keys()].map((k) => c.charCodeAt(k))));
    }
  });
});

describe("assemble with the caller's codes", () => {
  it("gives the object of the text alone", () => {
    const source = "f:\n\tmovl\t$1, %eax\n\tjmp\t.L1\n.L1:\n\tmovl\t$1, %eax\n\tcall\tf\n\tret\n";
    const alone = assemble(source, "t.s");
    const withCodes = assemble(source, "t.s", sourceCodes(source));
    expect(alone.diagnostics).toEqual([]);
    expect(withCodes.diagnostics).toEqual([]);
    expect(withCodes.object).toEqual(alone.object);
  });

  it("rejects codes of another length", () => {
    expect(() => assemble("nop\n", "t.s", sourceCodes("nop\nhlt\n"))).toThrow("internal error: 8 source codes for a text of 4 characters");
  });
});

describe("Lexer.peekLine", () => {
  it("hashes lines of odd and even length", () => {
    for (const line of ["nop", "hlt1", "movl %eax, %ecx", "movl %eax, %ecx #", "movl %eax, 8(%esp)"]) {
      // The last two put the source outside ASCII, so the lexer reads its codes from a Uint16Array.
      for (const before of ["", "\n", "# comment\n\t", "# caf\u00e9\n", "# caf\u00e9\n  "]) {
        const lexer = new Lexer(`${before}${line}\nret\n`, "t.s", []);
        expect(lexer.peekLine()).toBe(line.length);
        expect(lexer.peekedLineHash).toBe(lineHash(line));
        lexer.skipPeekedLine();
        expect(lexer.peekLine()).toBe(3);
        expect(lexer.peekedLineHash).toBe(lineHash("ret"));
      }
    }
  });

  it("gives no line without a final newline", () => {
    for (const source of ["nop", "hlt1", "\tmovl %eax, %ecx"]) {
      expect(new Lexer(source, "t.s", []).peekLine()).toBe(-1);
    }
  });
});
