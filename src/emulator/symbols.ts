// Maps guest addresses to source: functions from the image's `.symtab` and
// file:line:column from its DWARF `.debug_line` (read by the linker's line
// table reader). Reads are bounds-checked, and a malformed table only
// leaves the location less precise.
import { lookupLine, readLineTable, type LineTable } from "../builder/elf/dwarf-line";

/** Where an address lies in the program. A field is absent when the image has no symbol or line row for the address. */
export interface SourceLocation {
  function?: string;
  /** Bytes from the start of `function`. */
  offset?: number;
  file?: string;
  line?: number;
  column?: number;
}

interface FunctionSymbol {
  name: string;
  address: number;
  size: number;
}

export interface ImageSymbols {
  /** Sorted by address. */
  functions: FunctionSymbol[];
  lines: LineTable;
}

const SHT_SYMTAB = 2;
const STT_NOTYPE = 0;
const STT_FUNC = 2;
const SHN_UNDEF = 0;
const SHN_LORESERVE = 0xff00;

class OutOfBounds extends Error {}

interface Section {
  name: string;
  type: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

/** Reads the symbols and line table of an ELF32 image; an unreadable image gives empty tables. */
export function readImageSymbols(image: Uint8Array): ImageSymbols {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  let sections: Section[];
  try {
    sections = readSections(image, view);
  } catch (error) {
    if (error instanceof OutOfBounds || error instanceof RangeError) return { functions: [], lines: { sequences: [] } };
    throw error;
  }
  return { functions: readFunctions(image, view, sections), lines: readLineTable(image) };
}

/** Returns the function and source line of `address`; for a return address pass the address minus 1. */
export function locateAddress(symbols: ImageSymbols, address: number): SourceLocation {
  const location: SourceLocation = {};
  const fn = findLast(symbols.functions, (f) => f.address <= address);
  if (fn !== undefined && (address < fn.address + fn.size || (fn.size === 0 && address - fn.address < 0x10000))) {
    location.function = fn.name;
    location.offset = address - fn.address;
  }
  const row = lookupLine(symbols.lines, address);
  // Line 0 marks code that belongs to no source line.
  if (row !== undefined && row.line > 0) {
    location.file = row.file;
    location.line = row.line;
    location.column = row.column > 0 ? row.column : undefined;
  }
  return location;
}

/** Formats a location as `function+0x12 (file.c:3:5)`, or undefined when nothing is known. */
export function describeLocation(location: SourceLocation): string | undefined {
  const where = location.file !== undefined ? `${location.file}:${location.line}${location.column ? `:${location.column}` : ""}` : undefined;
  if (location.function === undefined) return where;
  const name = location.offset ? `${location.function}+0x${location.offset.toString(16)}` : location.function;
  return where === undefined ? name : `${name} (${where})`;
}

/** Binary search: the last element of a sorted array for which `isAtOrBefore` holds. */
function findLast<T>(items: readonly T[], isAtOrBefore: (item: T) => boolean): T | undefined {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAtOrBefore(items[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? items[low - 1] : undefined;
}

function check(bytes: Uint8Array, offset: number, size: number): void {
  if (offset < 0 || size < 0 || offset + size > bytes.length) throw new OutOfBounds();
}

function cString(bytes: Uint8Array, offset: number): string {
  let end = offset;
  while (end < bytes.length && bytes[end] !== 0) end++;
  if (end >= bytes.length) throw new OutOfBounds();
  return new TextDecoder().decode(bytes.subarray(offset, end));
}

function readSections(image: Uint8Array, view: DataView): Section[] {
  check(image, 0, 52);
  if (image[0] !== 0x7f || image[1] !== 0x45 || image[2] !== 0x4c || image[3] !== 0x46 || image[4] !== 1) return [];
  const shoff = view.getUint32(32, true);
  const shentsize = view.getUint16(46, true);
  const shnum = view.getUint16(48, true);
  const shstrndx = view.getUint16(50, true);
  if (shnum === 0 || shentsize < 40) return [];
  check(image, shoff, shnum * shentsize);
  const raw = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize;
    return {
      nameOffset: view.getUint32(at, true),
      type: view.getUint32(at + 4, true),
      offset: view.getUint32(at + 16, true),
      size: view.getUint32(at + 20, true),
      link: view.getUint32(at + 24, true),
      entsize: view.getUint32(at + 36, true),
    };
  });
  const names = raw[shstrndx];
  if (names === undefined) return [];
  check(image, names.offset, names.size);
  return raw.map((s) => ({ ...s, name: cString(image, names.offset + s.nameOffset) }));
}

function readFunctions(image: Uint8Array, view: DataView, sections: Section[]): FunctionSymbol[] {
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  const strtab = symtab === undefined ? undefined : sections[symtab.link];
  if (symtab === undefined || strtab === undefined) return [];
  const functions: FunctionSymbol[] = [];
  try {
    check(image, symtab.offset, symtab.size);
    check(image, strtab.offset, strtab.size);
    for (let at = symtab.offset + 16; at + 16 <= symtab.offset + symtab.size; at += 16) {
      const info = image[at + 12]!;
      const shndx = view.getUint16(at + 14, true);
      const type = info & 0xf;
      if ((type !== STT_FUNC && type !== STT_NOTYPE) || shndx === SHN_UNDEF || shndx >= SHN_LORESERVE) continue;
      const name = cString(image, strtab.offset + view.getUint32(at, true));
      // NOTYPE labels inside functions (`.L`-less assembly labels) would split them, so only named ones of size > 0 count.
      const size = view.getUint32(at + 8, true);
      if (name === "" || (type === STT_NOTYPE && size === 0)) continue;
      functions.push({ name, address: view.getUint32(at + 4, true), size });
    }
  } catch (error) {
    if (!(error instanceof OutOfBounds)) throw error;
  }
  return functions.sort((a, b) => a.address - b.address || b.size - a.size);
}
