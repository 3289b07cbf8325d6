// SymbolTable: the assembler's symbols by name, looked up by a range of the source text.
import { describe, expect, it } from "vitest";
import { sourceCodes } from "../../src/builder/x86/lexer";
import { type AsmSymbol, SymbolTable } from "../../src/builder/x86/model";

/** Makes a symbol with only the fields the table reads. */
function symbol(name: string): AsmSymbol {
  return { name, displayName: name } as AsmSymbol;
}

describe("SymbolTable", () => {
  it("finds names by range in place", () => {
    const table = new SymbolTable();
    const foo = symbol("foo");
    table.add(foo);
    expect(table.find(sourceCodes("\tcall foo\n"), 6, 9)).toBe(foo);
    expect(table.find(sourceCodes("\tcall foobar\n"), 6, 12)).toBeUndefined();
    expect(table.find(sourceCodes("\tcall fo\n"), 6, 8)).toBeUndefined();
    expect(table.find(sourceCodes("\tcall \u00e9foo\n"), 7, 10)).toBe(foo);
    expect(table.get("foo")).toBe(foo);
  });

  it("tells apart names of equal hash", () => {
    // "Aa" and "BB" hash alike with multiplier 31.
    const table = new SymbolTable();
    const aa = symbol("Aa");
    const bb = symbol("BB");
    table.add(aa);
    table.add(bb);
    expect(table.get("Aa")).toBe(aa);
    expect(table.get("BB")).toBe(bb);
    expect(table.get("C#")).toBeUndefined();
  });

  it("keeps every symbol in order while it grows", () => {
    const table = new SymbolTable();
    const symbols = Array.from({ length: 5000 }, (_, i) => symbol(`.L${i}\u00e9`));
    for (const s of symbols) table.add(s);
    for (const s of symbols) expect(table.get(s.name)).toBe(s);
    for (const s of symbols) expect(table.find(sourceCodes(` ${s.name}`), 1, s.name.length + 1)).toBe(s);
    expect(table.values()).toEqual(symbols);
  });
});
