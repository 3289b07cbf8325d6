// Reader for DWARF `.debug_line` (versions 2 to 5, 32-bit DWARF), the line
// table gcc -g and our assembler emit. It maps code addresses to source
// file, line and column: in a linked image the addresses are final; in a
// relocatable object each sequence starts with DW_LNE_set_address, whose
// R_386_32 relocation names the section the sequence's addresses are
// offsets into. Malformed tables yield the rows decoded before the damage.
import { ByteReader, MalformedInputError } from "./byte-reader";
import { type ElfObject, type ElfSection, readObject } from "./read-object";
import { R_386_32 } from "./constants";

export interface LineRow {
  address: number;
  file: string;
  line: number;
  column: number;
  /** In a relocatable object: the index of the section `address` is an offset into. */
  section?: number;
}

/** One run of rows with increasing addresses, as DW_LNE_end_sequence closes it. */
export interface LineSequence {
  section?: number;
  start: number;
  /** First address past the sequence. */
  end: number;
  rows: LineRow[];
}

export interface LineTable {
  sequences: LineSequence[];
}

/** Standard opcodes (DWARF 5, section 6.2.5.2). */
const DW_LNS_copy = 1;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNS_negate_stmt = 6;
const DW_LNS_set_basic_block = 7;
const DW_LNS_const_add_pc = 8;
const DW_LNS_fixed_advance_pc = 9;
/** Extended opcodes. */
const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;
const DW_LNE_define_file = 3;
/** Content types and forms of DWARF 5 directory and file entries. */
const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;
const DW_FORM_block = 0x09;
const DW_FORM_block1 = 0x0a;
const DW_FORM_data1 = 0x0b;
const DW_FORM_data2 = 0x05;
const DW_FORM_data4 = 0x06;
const DW_FORM_data8 = 0x07;
const DW_FORM_data16 = 0x1e;
const DW_FORM_string = 0x08;
const DW_FORM_strp = 0x0e;
const DW_FORM_line_strp = 0x1f;
const DW_FORM_udata = 0x0f;
const DW_FORM_strx = 0x1a;
const DW_FORM_strx1 = 0x25;
const DW_FORM_strx2 = 0x26;
const DW_FORM_strx4 = 0x28;

/** The sections a line table refers to; `sectionAt` resolves a set_address operand to its section in an object. */
export interface LineTableSections {
  debugLine: Uint8Array;
  debugLineStr?: Uint8Array;
  debugStr?: Uint8Array;
  /** Given the offset of a DW_LNE_set_address operand in .debug_line, the section it is relative to. */
  sectionAt?: (operandOffset: number) => number | undefined;
}

/**
 * Reads the line table of an ELF32 object or linked image. Returns an empty
 * table when the file is not ELF32 i386 or has no `.debug_line`.
 */
export function readLineTable(bytes: Uint8Array): LineTable {
  const result = readObject("", bytes, { executable: true });
  return result.object ? lineTableOfObject(result.object) : { sequences: [] };
}

/** Reads the line table of a parsed object or image, resolving set_address relocations in an object. */
export function lineTableOfObject(elf: ElfObject): LineTable {
  const byName = (name: string): ElfSection | undefined => elf.sections.find((s) => s.name === name);
  const debugLine = byName(".debug_line");
  if (debugLine === undefined) return { sequences: [] };
  let sectionAt: LineTableSections["sectionAt"];
  if (debugLine.relocations.length > 0) {
    const targets = new Map<number, number>();
    for (const relocation of debugLine.relocations) {
      const symbol = elf.symbols[relocation.symbolIndex];
      if (relocation.type === R_386_32 && symbol !== undefined) targets.set(relocation.offset, symbol.sectionIndex);
    }
    sectionAt = (offset) => targets.get(offset);
  }
  return decodeLineTable({
    debugLine: debugLine.data,
    debugLineStr: byName(".debug_line_str")?.data,
    debugStr: byName(".debug_str")?.data,
    sectionAt,
  });
}

/** Decodes every line program unit in `.debug_line`. */
export function decodeLineTable(sections: LineTableSections): LineTable {
  const sequences: LineSequence[] = [];
  const reader = new ByteReader(sections.debugLine);
  let offset = 0;
  try {
    while (offset + 4 <= reader.size) offset = decodeUnit(reader, offset, sections, sequences);
  } catch (error) {
    if (!(error instanceof MalformedInputError)) throw error;
  }
  sequences.sort((a, b) => (a.section ?? 0) - (b.section ?? 0) || a.start - b.start);
  return { sequences };
}

/**
 * Returns the row that covers `address`: the last row at or before it in the
 * sequence whose range holds it. In an object, pass the section index too.
 */
export function lookupLine(table: LineTable, address: number, section?: number): LineRow | undefined {
  for (const sequence of table.sequences) {
    if (sequence.section !== section || address < sequence.start || address >= sequence.end) continue;
    const rows = sequence.rows;
    let low = 0;
    let high = rows.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (rows[middle]!.address <= address) low = middle;
      else high = middle - 1;
    }
    return rows[low];
  }
  return undefined;
}

/** A cursor over one unit's bytes with the LEB128 and string reads the line program needs. */
class Cursor {
  at: number;
  constructor(
    readonly reader: ByteReader,
    at: number,
  ) {
    this.at = at;
  }
  u8(): number {
    return this.reader.u8(this.at++);
  }
  u16(): number {
    const value = this.reader.u16(this.at);
    this.at += 2;
    return value;
  }
  u32(): number {
    const value = this.reader.u32(this.at);
    this.at += 4;
    return value;
  }
  uleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return result;
      if (scale > 2 ** 56) throw new MalformedInputError("LEB128 value too long");
    }
  }
  sleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return byte & 0x40 ? result - scale : result;
      if (scale > 2 ** 56) throw new MalformedInputError("LEB128 value too long");
    }
  }
  cString(limit: number): string {
    const text = this.reader.cString(this.at, limit, "line table string");
    this.at += text.length + 1;
    return text;
  }
}

interface UnitHeader {
  version: number;
  minInstructionLength: number;
  defaultIsStmt: boolean;
  lineBase: number;
  lineRange: number;
  opcodeBase: number;
  standardLengths: number[];
  directories: string[];
  files: { name: string; directory: number }[];
}

/** Decodes one unit at `offset` and returns the offset of the next. */
function decodeUnit(reader: ByteReader, offset: number, sections: LineTableSections, sequences: LineSequence[]): number {
  const cursor = new Cursor(reader, offset);
  const unitLength = cursor.u32();
  if (unitLength >= 0xfffffff0) throw new MalformedInputError("64-bit DWARF line tables are not supported");
  const end = cursor.at + unitLength;
  reader.checkRange(cursor.at, unitLength, "line table unit");
  const header = readHeader(cursor, end, sections);
  runProgram(cursor, end, header, sections, sequences);
  return end;
}

function readHeader(cursor: Cursor, end: number, sections: LineTableSections): UnitHeader {
  const version = cursor.u16();
  if (version < 2 || version > 5) throw new MalformedInputError(`unsupported line table version ${version}`);
  if (version >= 5) {
    cursor.u8(); // address_size
    cursor.u8(); // segment_selector_size
  }
  const headerLength = cursor.u32();
  const programStart = cursor.at + headerLength;
  const minInstructionLength = cursor.u8();
  if (version >= 4) cursor.u8(); // maximum_operations_per_instruction
  const defaultIsStmt = cursor.u8() !== 0;
  const lineBase = (cursor.u8() << 24) >> 24;
  const lineRange = cursor.u8();
  const opcodeBase = cursor.u8();
  if (lineRange === 0) throw new MalformedInputError("line table has line_range 0");
  const standardLengths: number[] = [];
  for (let i = 1; i < opcodeBase; i++) standardLengths.push(cursor.u8());
  const header: UnitHeader = { version, minInstructionLength, defaultIsStmt, lineBase, lineRange, opcodeBase, standardLengths, directories: [], files: [] };
  if (version >= 5) readEntryTablesV5(cursor, end, header, sections);
  else readEntryTablesV2(cursor, programStart, header);
  cursor.at = programStart;
  return header;
}

/** DWARF 2-4: NUL-terminated directory and file lists; index 0 means the compilation directory. */
function readEntryTablesV2(cursor: Cursor, limit: number, header: UnitHeader): void {
  header.directories.push("");
  for (;;) {
    const directory = cursor.cString(limit);
    if (directory === "") break;
    header.directories.push(directory);
  }
  header.files.push({ name: "", directory: 0 });
  for (;;) {
    const name = cursor.cString(limit);
    if (name === "") break;
    const directory = cursor.uleb();
    cursor.uleb(); // modification time
    cursor.uleb(); // length
    header.files.push({ name, directory });
  }
}

/** DWARF 5: self-describing directory and file tables; entry 0 is the compilation directory and primary file. */
function readEntryTablesV5(cursor: Cursor, limit: number, header: UnitHeader, sections: LineTableSections): void {
  const readTable = (): { path: string; directory: number }[] => {
    const formatCount = cursor.u8();
    const format: [number, number][] = [];
    for (let i = 0; i < formatCount; i++) format.push([cursor.uleb(), cursor.uleb()]);
    const count = cursor.uleb();
    const entries: { path: string; directory: number }[] = [];
    for (let i = 0; i < count; i++) {
      const entry = { path: "", directory: 0 };
      for (const [content, form] of format) {
        const value = readForm(cursor, form, limit, sections);
        if (content === DW_LNCT_path && typeof value === "string") entry.path = value;
        if (content === DW_LNCT_directory_index && typeof value === "number") entry.directory = value;
      }
      entries.push(entry);
    }
    return entries;
  };
  header.directories = readTable().map((entry, i) => (i === 0 ? "" : entry.path));
  header.files = readTable().map((entry) => ({ name: entry.path, directory: entry.directory }));
}

function readForm(cursor: Cursor, form: number, limit: number, sections: LineTableSections): string | number | undefined {
  switch (form) {
    case DW_FORM_string:
      return cursor.cString(limit);
    case DW_FORM_line_strp:
      return stringAt(sections.debugLineStr, cursor.u32());
    case DW_FORM_strp:
      return stringAt(sections.debugStr, cursor.u32());
    case DW_FORM_udata:
      return cursor.uleb();
    case DW_FORM_data1:
    case DW_FORM_strx1:
      return cursor.u8();
    case DW_FORM_data2:
    case DW_FORM_strx2:
      return cursor.u16();
    case DW_FORM_data4:
    case DW_FORM_strx4:
      return cursor.u32();
    case DW_FORM_strx:
      return cursor.uleb();
    case DW_FORM_data8:
      cursor.at += 8;
      return undefined;
    case DW_FORM_data16:
      cursor.at += 16;
      return undefined;
    case DW_FORM_block:
      cursor.at += cursor.uleb();
      return undefined;
    case DW_FORM_block1:
      cursor.at += cursor.u8();
      return undefined;
    default:
      throw new MalformedInputError(`unsupported form 0x${form.toString(16)} in a line table header`);
  }
}

function stringAt(table: Uint8Array | undefined, offset: number): string {
  if (table === undefined) return "";
  return new ByteReader(table).cString(offset, table.length, "line table string");
}

/** The line-number state machine of DWARF 5 section 6.2.2. */
function runProgram(cursor: Cursor, end: number, header: UnitHeader, sections: LineTableSections, sequences: LineSequence[]): void {
  const fileName = (index: number): string => {
    const file = header.files[index];
    if (file === undefined) return "";
    const directory = header.directories[file.directory] ?? "";
    return directory === "" || file.name.startsWith("/") ? file.name : `${directory}/${file.name}`;
  };
  let address = 0;
  let section: number | undefined;
  let file = 1;
  let line = 1;
  let column = 0;
  let rows: LineRow[] = [];
  const emit = () => rows.push(section === undefined ? { address, file: fileName(file), line, column } : { address, file: fileName(file), line, column, section });
  const reset = () => {
    address = 0;
    section = undefined;
    file = 1;
    line = 1;
    column = 0;
    rows = [];
  };
  while (cursor.at < end) {
    const opcode = cursor.u8();
    if (opcode >= header.opcodeBase) {
      const adjusted = opcode - header.opcodeBase;
      address += Math.floor(adjusted / header.lineRange) * header.minInstructionLength;
      line += header.lineBase + (adjusted % header.lineRange);
      emit();
      continue;
    }
    switch (opcode) {
      case 0: {
        const length = cursor.uleb();
        const next = cursor.at + length;
        const extended = length > 0 ? cursor.u8() : 0;
        if (extended === DW_LNE_end_sequence) {
          if (rows.length > 0) sequences.push({ section, start: rows[0]!.address, end: address, rows });
          reset();
        } else if (extended === DW_LNE_set_address) {
          section = sections.sectionAt?.(cursor.at);
          address = cursor.u32();
        } else if (extended === DW_LNE_define_file) {
          header.files.push({ name: cursor.cString(end), directory: cursor.uleb() });
        }
        cursor.at = next;
        break;
      }
      case DW_LNS_copy:
        emit();
        break;
      case DW_LNS_advance_pc:
        address += cursor.uleb() * header.minInstructionLength;
        break;
      case DW_LNS_advance_line:
        line += cursor.sleb();
        break;
      case DW_LNS_set_file:
        file = cursor.uleb();
        break;
      case DW_LNS_set_column:
        column = cursor.uleb();
        break;
      case DW_LNS_negate_stmt:
      case DW_LNS_set_basic_block:
        break;
      case DW_LNS_const_add_pc:
        address += Math.floor((255 - header.opcodeBase) / header.lineRange) * header.minInstructionLength;
        break;
      case DW_LNS_fixed_advance_pc:
        address += cursor.u16();
        break;
      default:
        // An opcode this reader does not know: skip its operands, whose count the header gives.
        for (let i = 0; i < (header.standardLengths[opcode - 1] ?? 0); i++) cursor.uleb();
    }
  }
}
