// The listing buffer that code generation writes into: UTF-8 text, integers
// in the same form as `${n}`, growth past its first block, and the codes
// of a finished listing that the assembler reads.
import { describe, expect, it } from "vitest";
import { compileToAssembly } from "../../src/builder/cc";
import { Listing, listingCodes } from "../../src/builder/cc/codegen/emitter";
import { sourceCodes } from "../../src/builder/x86";

describe("listing buffer", () => {
  it("joins lines with newlines", () => {
    const listing = new Listing();
    expect(listing.isEmpty).toBe(true);
    listing.push("\tmovl\t%eax, %ebx");
    listing.push("");
    listing.write(".L1");
    listing.byte(0x3a);
    listing.byte(0x0a);
    expect(listing.isEmpty).toBe(false);
    expect(listing.finish()).toBe("\tmovl\t%eax, %ebx\n\n.L1:\n");
  });

  it("encodes non-ASCII text", () => {
    const texts = ["é", "x = \"größe\";", `/* ${"λ".repeat(40)} */`, "emoji 😀 in a short text", `long ${"😀".repeat(20)} text`];
    const listing = new Listing();
    for (const text of texts) listing.push(text);
    expect(listing.finish()).toBe(texts.map((text) => `${text}\n`).join(""));
  });

  it("writes integers as template literals do", () => {
    const numbers = [0, -0, 1, -1, 9, 10, 99, 100, -12, 2147483647, -2147483647, -2147483648, 4294967295, -4294967296, 1.5, -0.25, NaN];
    const listing = new Listing();
    for (const n of numbers) {
      listing.writeInteger(n);
      listing.byte(0x20);
    }
    expect(listing.finish()).toBe(numbers.map((n) => `${n} `).join(""));
  });

  it("grows past its first block", () => {
    const listing = new Listing();
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const line = i % 7 === 0 ? `# t.c:${i}: ${"int x = ".repeat(i % 13)}${i};` : `\tmovl\t${i}(%ebp), %eax`;
      lines.push(line);
      listing.push(line);
    }
    expect(listing.finish()).toBe(lines.map((line) => `${line}\n`).join(""));
  });
});

describe("finished listing", () => {
  it("hands its storage on", () => {
    const first = new Listing();
    for (let i = 0; i < 10000; i++) first.push(`\tmovl\t${i}(%ebp), %eax`);
    first.finish();
    expect(first.isEmpty).toBe(true);

    // The next listing starts in the first one's storage, which still contains its old bytes.
    const second = new Listing();
    second.push("second");
    first.push("first again");
    expect(second.finish()).toBe("second\n");
    expect(first.finish()).toBe("first again\n");
  });

  it("starts with its header", () => {
    const listing = new Listing();
    for (let i = 0; i < 100; i++) listing.push(`\tmovl\t${i}(%ebp), %eax`);
    const header = '\t.file\t1 "t.c"\n';
    const text = listing.finish(header);
    expect(text.startsWith(`${header}\tmovl\t0(%ebp), %eax\n`)).toBe(true);
    expect(text.endsWith("\tmovl\t99(%ebp), %eax\n")).toBe(true);
    expect(listingCodes(text)).toEqual(sourceCodes(text));
  });

  it("grows for a long header", () => {
    const listing = new Listing();
    listing.push("\tnop");
    // Longer than the storage any listing of these tests started in.
    const header = `# ${"x".repeat(1 << 21)}\n`;
    const text = listing.finish(header);
    expect(text.length).toBe(header.length + 5);
    expect(text.endsWith("x\n\tnop\n")).toBe(true);
  });

  it("lends the codes of ASCII text once", () => {
    const listing = new Listing();
    listing.push("\tmovl\t%eax, %ebx");
    listing.push(`# t.c:1: ${"int x = 1; ".repeat(5)}`);
    const text = listing.finish();
    const codes = listingCodes(text);
    expect(codes).toBeInstanceOf(Uint8Array);
    expect(codes).toEqual(sourceCodes(text));
    expect(listingCodes(text)).toBeUndefined();
  });

  it("lends no codes of non-ASCII text", () => {
    for (const line of ["é", `/* ${"λ".repeat(40)} */`]) {
      const listing = new Listing();
      listing.push("\tnop");
      listing.push(line);
      const text = listing.finish();
      expect(text).toBe(`\tnop\n${line}\n`);
      expect(listingCodes(text)).toBeUndefined();
    }
    const listing = new Listing();
    listing.push("\tnop");
    expect(listingCodes(listing.finish('\t.file\t1 "é.c"\n'))).toBeUndefined();
  });

  it("lends no codes of another text", () => {
    const listing = new Listing();
    listing.push("\tnop");
    listing.finish();
    expect(listingCodes("\thlt\n")).toBeUndefined();
  });

  it("lends no codes once the storage is reused", () => {
    const first = new Listing();
    first.push("\tnop");
    const text = first.finish();
    const second = new Listing();
    second.push("\thlt");
    expect(listingCodes(text)).toBeUndefined();
  });
});

describe("source line comment", () => {
  it("copies non-ASCII source lines", () => {
    const source = 'int f(int x) {\n  return x + 1; /* größer als x, ≥ x + 1, 😀 */\n}\n';
    for (const level of [0, 2] as const) {
      const { assembly, diagnostics } = compileAt(source, level);
      expect(diagnostics).toEqual([]);
      expect(assembly).toContain("# t.c:2: return x + 1; /* größer als x, ≥ x + 1, 😀 */\n");
    }
  });

  it("ends at the colon for an empty line", () => {
    const { assembly } = compileAt("int f(void)\n{\n\n  return 0;\n}\n", 0);
    expect(assembly).toContain("# t.c:2: {\n");
    expect(assembly).toContain("# t.c:4: return 0;\n");
  });
});

function compileAt(source: string, level: 0 | 2) {
  return compileToAssembly({ fileName: "t.c", files: { "t.c": source }, headers: {}, optimize: level });
}
