// Maps guest addresses to source: functions from the image's `.symtab` and
// file:line:column from its DWARF `.debug_line` (versions 2 to 5, as our
// assembler and gcc -g write them). Reads are bounds-checked, and a
// malformed table only leaves the location less precise.

/** Where an address lies in the program. Every field is absent when the image does not say. */
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

interface LineRow {
  address: number;
  file: string;
  line: number;
  column: number;
  /** The first address after the sequence this row belongs to. */
  sequenceEnd: number;
}

export interface ImageSymbols {
  /** Sorted by address. */
  functions: FunctionSymbol[];
  /** Sorted by address; rows with line 0 are left out. */
  lines: LineRow[];
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
    if (error instanceof OutOfBounds || error instanceof RangeError) return { functions: [], lines: [] };
    throw error;
  }
  return { functions: readFunctions(image, view, sections), lines: readLines(image, sections) };
}

/** Returns the function and source line of `address`; for a return address pass the address minus 1. */
export function locateAddress(symbols: ImageSymbols, address: number): SourceLocation {
  const location: SourceLocation = {};
  const fn = findLast(symbols.functions, (f) => f.address <= address);
  if (fn !== undefined && (address < fn.address + fn.size || (fn.size === 0 && address - fn.address < 0x10000))) {
    location.function = fn.name;
    location.offset = address - fn.address;
  }
  const row = findLast(symbols.lines, (r) => r.address <= address);
  if (row !== undefined && address < row.sequenceEnd) {
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

function readLines(image: Uint8Array, sections: Section[]): LineRow[] {
  const debugLine = sections.find((s) => s.name === ".debug_line");
  if (debugLine === undefined) return [];
  const lineStrings = sections.find((s) => s.name === ".debug_line_str");
  const strings = sections.find((s) => s.name === ".debug_str");
  const slice = (s: Section | undefined) => {
    if (s === undefined) return new Uint8Array();
    check(image, s.offset, s.size);
    return image.subarray(s.offset, s.offset + s.size);
  };
  const rows: LineRow[] = [];
  try {
    decodeLineProgram(slice(debugLine), { lineStrings: slice(lineStrings), strings: slice(strings) }, rows);
  } catch (error) {
    if (!(error instanceof OutOfBounds || error instanceof RangeError)) throw error;
  }
  return rows.filter((r) => r.line > 0).sort((a, b) => a.address - b.address);
}

// ---- DWARF line programs ----

const DW_FORM_block = 0x09;
const DW_FORM_block1 = 0x0a;
const DW_FORM_data1 = 0x0b;
const DW_FORM_data2 = 0x05;
const DW_FORM_data4 = 0x06;
const DW_FORM_data8 = 0x07;
const DW_FORM_data16 = 0x1e;
const DW_FORM_string = 0x08;
const DW_FORM_strp = 0x0e;
const DW_FORM_udata = 0x0f;
const DW_FORM_line_strp = 0x1f;
const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;

class Cursor {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    public at: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8(): number {
    check(this.bytes, this.at, 1);
    return this.bytes[this.at++]!;
  }

  i8(): number {
    check(this.bytes, this.at, 1);
    return this.view.getInt8(this.at++);
  }

  u16(): number {
    check(this.bytes, this.at, 2);
    const value = this.view.getUint16(this.at, true);
    this.at += 2;
    return value;
  }

  u32(): number {
    check(this.bytes, this.at, 4);
    const value = this.view.getUint32(this.at, true);
    this.at += 4;
    return value;
  }

  uleb(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return value;
    }
  }

  sleb(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return byte & 0x40 ? value - scale : value;
    }
  }

  string(): string {
    const text = cString(this.bytes, this.at);
    this.at += new TextEncoder().encode(text).length + 1;
    return text;
  }

  skip(size: number): void {
    check(this.bytes, this.at, size);
    this.at += size;
  }
}

interface StringSections {
  lineStrings: Uint8Array;
  strings: Uint8Array;
}

function decodeLineProgram(bytes: Uint8Array, stringSections: StringSections, rows: LineRow[]): void {
  let unit = 0;
  while (unit + 4 <= bytes.length) {
    const cursor = new Cursor(bytes, unit);
    const length = cursor.u32();
    if (length === 0xffffffff) return; // 64-bit DWARF is not written for i386
    const end = cursor.at + length;
    check(bytes, cursor.at, length);
    decodeUnit(cursor, end, stringSections, rows);
    unit = end;
  }
}

function decodeUnit(cursor: Cursor, end: number, stringSections: StringSections, rows: LineRow[]): void {
  const version = cursor.u16();
  if (version < 2 || version > 5) return;
  if (version >= 5) {
    cursor.u8(); // address_size
    cursor.u8(); // segment_selector_size
  }
  const headerLength = cursor.u32();
  const programStart = cursor.at + headerLength;
  const minimumLength = cursor.u8();
  if (version >= 4) cursor.u8(); // maximum_operations_per_instruction
  cursor.u8(); // default_is_stmt
  const lineBase = cursor.i8();
  const lineRange = cursor.u8();
  const opcodeBase = cursor.u8();
  if (lineRange === 0) return;
  const opcodeLengths = [0];
  for (let i = 1; i < opcodeBase; i++) opcodeLengths.push(cursor.u8());
  const files = version >= 5 ? readFileTableV5(cursor, stringSections) : readFileTable(cursor);
  cursor.at = programStart;

  const sequence: Array<Omit<LineRow, "sequenceEnd">> = [];
  const fresh = () => ({ address: 0, file: 1, line: 1, column: 0 });
  let state = fresh();
  const emit = () => sequence.push({ address: state.address, file: files[state.file] ?? `file ${state.file}`, line: state.line, column: state.column });
  while (cursor.at < end) {
    const opcode = cursor.u8();
    if (opcode >= opcodeBase) {
      const adjusted = opcode - opcodeBase;
      state.address += Math.floor(adjusted / lineRange) * minimumLength;
      state.line += lineBase + (adjusted % lineRange);
      emit();
      continue;
    }
    switch (opcode) {
      case 0: {
        const size = cursor.uleb();
        const next = cursor.at + size;
        const extended = size > 0 ? cursor.u8() : 0;
        if (extended === 1) {
          for (const row of sequence) rows.push({ ...row, sequenceEnd: state.address });
          sequence.length = 0;
          state = fresh();
        } else if (extended === 2 && size === 5) {
          state.address = cursor.u32();
        }
        cursor.at = next;
        break;
      }
      case 1:
        emit();
        break;
      case 2:
        state.address += cursor.uleb() * minimumLength;
        break;
      case 3:
        state.line += cursor.sleb();
        break;
      case 4:
        state.file = cursor.uleb();
        break;
      case 5:
        state.column = cursor.uleb();
        break;
      case 8:
        state.address += Math.floor((255 - opcodeBase) / lineRange) * minimumLength;
        break;
      case 9:
        state.address += cursor.u16();
        break;
      default:
        for (let i = 0; i < (opcodeLengths[opcode] ?? 0); i++) cursor.uleb();
    }
  }
}

/** Version 2 to 4: include_directories then file_names, both ended by an empty string; files count from 1. */
function readFileTable(cursor: Cursor): string[] {
  const directories = [""];
  for (let d = cursor.string(); d !== ""; d = cursor.string()) directories.push(d);
  const files = [""];
  for (let f = cursor.string(); f !== ""; f = cursor.string()) {
    const directory = cursor.uleb();
    cursor.uleb();
    cursor.uleb();
    files.push(directory === 0 || f.startsWith("/") ? f : `${directories[directory] ?? "?"}/${f}`);
  }
  return files;
}

/** Version 5: self-describing entry formats; files count from 0 and directory 0 is the compilation directory. */
function readFileTableV5(cursor: Cursor, stringSections: StringSections): string[] {
  const readEntries = (): Array<{ path?: string; directory?: number }> => {
    const formatCount = cursor.u8();
    const formats: Array<[number, number]> = [];
    for (let i = 0; i < formatCount; i++) formats.push([cursor.uleb(), cursor.uleb()]);
    const count = cursor.uleb();
    const entries = [];
    for (let i = 0; i < count; i++) {
      const entry: { path?: string; directory?: number } = {};
      for (const [content, form] of formats) {
        const value = readForm(cursor, form, stringSections);
        if (content === DW_LNCT_path && typeof value === "string") entry.path = value;
        if (content === DW_LNCT_directory_index && typeof value === "number") entry.directory = value;
      }
      entries.push(entry);
    }
    return entries;
  };
  const directories = readEntries().map((e) => e.path ?? "");
  return readEntries().map((e) => {
    const path = e.path ?? "";
    // Directory 0 is the compilation directory: names relative to it are shown as written.
    if (e.directory === undefined || e.directory === 0 || path.startsWith("/")) return path;
    return `${directories[e.directory] ?? "?"}/${path}`;
  });
}

function readForm(cursor: Cursor, form: number, stringSections: StringSections): string | number | undefined {
  switch (form) {
    case DW_FORM_string:
      return cursor.string();
    case DW_FORM_line_strp:
      return cString(stringSections.lineStrings, cursor.u32());
    case DW_FORM_strp:
      return cString(stringSections.strings, cursor.u32());
    case DW_FORM_udata:
      return cursor.uleb();
    case DW_FORM_data1:
      return cursor.u8();
    case DW_FORM_data2:
      return cursor.u16();
    case DW_FORM_data4:
      return cursor.u32();
    case DW_FORM_data8:
      cursor.skip(8);
      return undefined;
    case DW_FORM_data16:
      cursor.skip(16);
      return undefined;
    case DW_FORM_block:
      cursor.skip(cursor.uleb());
      return undefined;
    case DW_FORM_block1:
      cursor.skip(cursor.u8());
      return undefined;
    default:
      throw new OutOfBounds(`unsupported DWARF form 0x${form.toString(16)}`);
  }
}
