// Reporting of undefined symbols: one error per symbol, with "referenced by"
// notes naming the object, the function that holds each reference and, when
// the object carries a DWARF line table (gcc -g, or our compiler), the
// source file and line.
import { SHF_ALLOC, SHN_UNDEF, STT_FUNC } from "../elf/constants";
import { type LineTable, lineTableOfObject, lookupLine } from "../elf/dwarf-line";
import type { ElfObject } from "../elf/read-object";
import type { GlobalSymbol, InputFile, LinkContext } from "./context";

const MAX_SYMBOLS = 10;
const MAX_REFERENCES = 3;

/** The symbol that only position-independent code references; a static image has no GOT. */
const GOT_SYMBOL = "_GLOBAL_OFFSET_TABLE_";

/** Reports every global symbol that a STB_GLOBAL reference needs and no input defines. */
export function reportUndefinedSymbols(ctx: LinkContext): void {
  // As with ld --gc-sections, a reference only from sections garbage collection removed is no error.
  const missing = [...ctx.symbols.values()].filter((s) => s.state === "undefined" && s.strongReference && !s.collected);
  if (missing.length === 0) return;
  const got = missing.findIndex((s) => s.name === GOT_SYMBOL);
  if (got >= 0) reportPositionIndependentCode(ctx, missing.splice(got, 1)[0]!);

  const references = collectReferences(ctx, new Set(missing));
  for (const symbol of missing.slice(0, MAX_SYMBOLS)) {
    const places = references.get(symbol) ?? [];
    const notes = places.slice(0, MAX_REFERENCES).map((place) => `referenced by ${place}`);
    if (places.length > MAX_REFERENCES) notes.push(`referenced ${places.length - MAX_REFERENCES} more times`);
    if (symbol.name === ctx.entryName) notes.unshift("it is the entry point; link the library OS, whose boot object defines it");
    ctx.error("", `undefined reference to \`${symbol.name}\``, notes);
  }
  if (missing.length > MAX_SYMBOLS) {
    ctx.error("", `${missing.length - MAX_SYMBOLS} more undefined symbols not shown`);
  }
}

function reportPositionIndependentCode(ctx: LinkContext, got: GlobalSymbol): void {
  for (const file of ctx.files) {
    if (file.globals.includes(got)) {
      ctx.error(file.displayName, `position-independent code is not supported; compile with -fno-pic (the object references \`${GOT_SYMBOL}\`)`);
    }
  }
}

/** Lists, per missing symbol, the distinct "object (function f)" places whose relocations use it. */
function collectReferences(ctx: LinkContext, missing: Set<GlobalSymbol>): Map<GlobalSymbol, string[]> {
  const places = new Map<GlobalSymbol, Set<string>>();
  const add = (symbol: GlobalSymbol, place: string) => {
    let set = places.get(symbol);
    if (set === undefined) places.set(symbol, (set = new Set()));
    set.add(place);
  };
  for (const file of ctx.files) {
    const seen = new Set<GlobalSymbol>();
    for (const section of file.elf.sections) {
      if ((section.flags & SHF_ALLOC) === 0 || file.discarded.has(section.index) || file.collected.has(section.index)) continue;
      for (const relocation of section.relocations) {
        const symbol = file.globals[relocation.symbolIndex];
        if (symbol === undefined || !missing.has(symbol)) continue;
        seen.add(symbol);
        add(symbol, describePlace(file, section.index, relocation.offset));
      }
    }
    // A reference with no relocation still names the object.
    file.globals.forEach((symbol, index) => {
      if (symbol && missing.has(symbol) && !seen.has(symbol) && file.elf.symbols[index]?.sectionIndex === SHN_UNDEF) {
        add(symbol, file.displayName);
      }
    });
  }
  return new Map([...places].map(([symbol, set]) => [symbol, [...set]]));
}

/**
 * Names a place in an object as `main.o (function main at main.c:12)`,
 * without the line when the object has no line table, or by section and
 * offset outside any function.
 */
export function describePlace(file: InputFile, sectionIndex: number, offset: number): string {
  const functionName = enclosingFunction(file.elf, sectionIndex, offset);
  const source = sourceLineOf(file, sectionIndex, offset);
  const line = source ? ` at ${source}` : "";
  if (functionName) return `${file.displayName} (function ${functionName}${line})`;
  const section = file.elf.sections[sectionIndex]!;
  return `${file.displayName} (${section.name}+0x${offset.toString(16)}${line})`;
}

/** Returns `file.c:12` for an offset in a section of `file`, or undefined when its line table does not cover it. */
export function sourceLineOf(file: InputFile, sectionIndex: number, offset: number): string | undefined {
  if (file.elf.sections[sectionIndex] === undefined) return undefined;
  const row = lookupLine(lineTable(file), offset, sectionIndex);
  return row && row.file !== "" ? `${row.file}:${row.line}` : undefined;
}

function lineTable(file: InputFile): LineTable {
  file.lineTable ??= lineTableOfObject(file.elf);
  return file.lineTable;
}

/** Returns the first place in a kept allocated section of `file` whose relocation uses `symbol`. */
export function firstReference(file: InputFile, symbol: GlobalSymbol): { sectionIndex: number; offset: number } | undefined {
  for (const section of file.elf.sections) {
    if ((section.flags & SHF_ALLOC) === 0 || file.discarded.has(section.index)) continue;
    for (const relocation of section.relocations) {
      if (file.globals[relocation.symbolIndex] === symbol) return { sectionIndex: section.index, offset: relocation.offset };
    }
  }
  return undefined;
}

/** Finds the STT_FUNC symbol whose range covers `offset`, or the nearest one before it when sizes are 0. */
export function enclosingFunction(elf: ElfObject, sectionIndex: number, offset: number): string | undefined {
  let best: { name: string; value: number } | undefined;
  for (const symbol of elf.symbols) {
    if (symbol.type !== STT_FUNC || symbol.sectionIndex !== sectionIndex || symbol.value > offset) continue;
    if (symbol.size > 0 && offset >= symbol.value + symbol.size) continue;
    if (best === undefined || symbol.value > best.value) best = symbol;
  }
  return best?.name;
}
