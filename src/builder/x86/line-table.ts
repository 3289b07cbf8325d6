// The source line table: `.file N "name"` and `.loc` directives become a
// DWARF `.debug_line` section, encoded as GNU as 2.40 does (dwarf2dbg.c):
// version 3, or version 5 with names in `.debug_line_str` once `.file 0`
// names the compilation directory (gcc -g output). There is one sequence
// per code section in the order of their first row, and DW_LNE_set_address
// is relocated against the section symbol with R_386_32.
import type { Assembler } from "./assembler";
import { ParseError, parseExpression, type TokenCursor } from "./expressions";
import type { AsmToken, Lexer } from "./lexer";
import { ByteBuffer, type Section } from "./model";

const DWARF_VERSION = 3;
/** The version GNU as writes once the source has `.file 0`. */
const DWARF_VERSION_WITH_FILE_ZERO = 5;
const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;
const DW_FORM_udata = 0x0f;
const DW_FORM_line_strp = 0x1f;
const LINE_BASE = -5;
const LINE_RANGE = 14;
const OPCODE_BASE = 13;
/** Operand counts of standard opcodes 1 to OPCODE_BASE - 1. */
const STANDARD_OPCODE_LENGTHS = [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1];
/** The largest address step a special opcode can take: (255 - OPCODE_BASE) / LINE_RANGE. */
const MAX_SPECIAL_ADDRESS_DELTA = Math.floor((255 - OPCODE_BASE) / LINE_RANGE);
/** The largest `.file` number accepted; GNU as allows more, but no compiler numbers files this high. */
export const MAX_LINE_TABLE_FILES = 65535;

const DW_LNS_copy = 1;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNS_negate_stmt = 6;
const DW_LNS_set_basic_block = 7;
const DW_LNS_const_add_pc = 8;
const DW_LNS_set_prologue_end = 10;
const DW_LNS_set_epilogue_begin = 11;
const DW_LNS_set_isa = 12;
const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;
const DW_LNE_set_discriminator = 4;

/** The state a `.loc` directive sets; GNU as keeps `column`, `isStmt` and `isa` until the next `.loc` changes them. */
interface Location {
  file: number;
  line: number;
  column: number;
  isStmt: boolean;
  isa: number;
  basicBlock: boolean;
  prologueEnd: boolean;
  epilogueBegin: boolean;
  discriminator: number;
}

/** One row of the table: a location and the place of the instruction it describes, `offset` bytes into fragment `fragment` of its section. */
interface LineRow extends Location {
  fragment: number;
  offset: number;
}

const IS_STMT = 1;
const BASIC_BLOCK = 2;
const PROLOGUE_END = 4;
const EPILOGUE_BEGIN = 8;
/** The numbers a row stores in SectionRows.numbers: file, line, column, isa, discriminator, offset, flags and fragment. */
const ROW_NUMBERS = 8;

/**
 * The rows of one section, packed into one array of numbers. The table
 * keeps a row per `.loc` until the object is written, and objects that
 * live that long make each garbage collection slower. Every number fits
 * in 32 bits: `.loc` rejects larger values, fragment offsets stay below
 * MAX_SECTION_BYTES, and a section has fewer fragments than the source
 * has statements.
 */
class SectionRows {
  private numbers = new Uint32Array(ROW_NUMBERS * 64);
  length = 0;

  push(location: Location, fragment: number, offset: number): void {
    const base = this.length * ROW_NUMBERS;
    if (base + ROW_NUMBERS > this.numbers.length) {
      const grown = new Uint32Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    const n = this.numbers;
    n[base] = location.file;
    n[base + 1] = location.line;
    n[base + 2] = location.column;
    n[base + 3] = location.isa;
    n[base + 4] = location.discriminator;
    n[base + 5] = offset;
    n[base + 6] =
      (location.isStmt ? IS_STMT : 0) |
      (location.basicBlock ? BASIC_BLOCK : 0) |
      (location.prologueEnd ? PROLOGUE_END : 0) |
      (location.epilogueBegin ? EPILOGUE_BEGIN : 0);
    n[base + 7] = fragment;
    this.length++;
  }

  /** Returns row `index` as an object, for writing the table. */
  row(index: number): LineRow {
    const n = this.numbers;
    const base = index * ROW_NUMBERS;
    const flags = n[base + 6]!;
    return {
      file: n[base]!,
      line: n[base + 1]!,
      column: n[base + 2]!,
      isa: n[base + 3]!,
      discriminator: n[base + 4]!,
      isStmt: (flags & IS_STMT) !== 0,
      basicBlock: (flags & BASIC_BLOCK) !== 0,
      prologueEnd: (flags & PROLOGUE_END) !== 0,
      epilogueBegin: (flags & EPILOGUE_BEGIN) !== 0,
      fragment: n[base + 7]!,
      offset: n[base + 5]!,
    };
  }
}

/** An R_386_32 field of `.debug_line` holding an offset into `section`, or into `.debug_line_str` for "strings". */
export interface LineRelocation {
  offset: number;
  section: Section | "strings";
}

export interface EncodedLineTable {
  bytes: Uint8Array;
  relocations: LineRelocation[];
  /** For version 5: the names to append to `.debug_line_str`; the fields hold offsets into these bytes. */
  strings?: Uint8Array;
}

/** Collects `.file` and `.loc` directives during the first pass. */
export class LineTableBuilder {
  /** File names by `.file` number; index 0 is unused without `.file 0`. */
  private readonly files: Array<string | undefined> = [];
  /** The compilation directory from `.file 0 "dir" "name"`; its presence selects version 5. */
  private compilationDirectory?: string;
  private current: Location = {
    file: 1,
    line: 0,
    column: 0,
    isStmt: true,
    isa: 0,
    basicBlock: false,
    prologueEnd: false,
    epilogueBegin: false,
    discriminator: 0,
  };
  /** A `.loc` seen since the last instruction; its row is recorded at the next instruction. */
  private pending = false;
  /** Rows per section, in the order each section got its first row. */
  private readonly rows = new Map<Section, SectionRows>();
  /** The first `.loc` token per file number, to report numbers without a `.file`. */
  private readonly fileUses = new Map<number, AsmToken>();

  get isEmpty(): boolean {
    return this.rows.size === 0;
  }

  /** Whether `.file 0` selected a version 5 table, whose names live in `.debug_line_str`. */
  get isVersion5(): boolean {
    return this.compilationDirectory !== undefined;
  }

  /** Handles `.file N "name"` and `.file 0 "dir" "name"`; the cursor is at the number. */
  defineFile(asm: Assembler, cursor: TokenCursor, decode: (token: AsmToken) => string): void {
    const numberToken = cursor.peek();
    const number = asm.requireConstant(parseExpression(cursor, asm), numberToken, "the file number");
    if (number === undefined) return;
    if (!Number.isInteger(number) || number < 0 || number > MAX_LINE_TABLE_FILES) {
      throw new ParseError(`file number ${number} is out of range: use 1 to ${MAX_LINE_TABLE_FILES}`, numberToken);
    }
    const strings: string[] = [];
    while (cursor.peek().kind === "string") strings.push(decode(cursor.next()));
    // An optional `md5 VALUE` follows in DWARF 5 sources; the version 3 table has no place for it.
    if (cursor.peek().kind === "identifier" && cursor.peek().text === "md5") {
      cursor.next();
      parseExpression(cursor, asm);
    }
    asm.expectEnd(cursor);
    if (strings.length === 0 || strings.length > 2) {
      throw new ParseError('expected `.file N "name"` or `.file N "directory" "name"`', numberToken);
    }
    // NOTE: an `md5` value is read and dropped, so a version 5 table with
    // checksums differs from GNU as's, which adds a DW_LNCT_MD5 column.
    if (number === 0) {
      this.compilationDirectory = strings.length === 2 ? strings[0]! : "";
      this.files[0] = strings[strings.length - 1]!;
      return;
    }
    const name = strings.length === 2 ? joinPath(strings[0]!, strings[1]!) : strings[0]!;
    const existing = this.files[number];
    if (existing !== undefined && existing !== name) {
      throw new ParseError(`file number ${number} is already "${existing}"`, numberToken);
    }
    this.files[number] = name;
  }

  /** Handles `.loc FILE LINE [COLUMN] [options]`; the cursor is after the directive name. */
  location(asm: Assembler, cursor: TokenCursor, directive: AsmToken): void {
    // Two `.loc` in a row: GNU as records the first one at the current address.
    if (this.pending) this.recordRow(asm);
    const next = this.nextLocation();
    const fileToken = cursor.peek();
    next.file = this.requireCount(asm, cursor, "the file number", MAX_LINE_TABLE_FILES);
    if (next.file === 0 && this.compilationDirectory === undefined) {
      throw new ParseError('file number 0 needs `.file 0 "directory" "name"` first', fileToken);
    }
    next.line = this.requireCount(asm, cursor, "the line number", 0xffffffff);
    if (cursor.peek().kind === "number") next.column = this.requireCount(asm, cursor, "the column number", 0xffffffff);
    while (!cursor.atEnd()) this.locationOption(asm, cursor, next);
    if (!this.fileUses.has(next.file)) this.fileUses.set(next.file, fileToken ?? directive);
    this.current = next;
    this.pending = true;
  }

  /**
   * Handles `.loc FILE LINE [COLUMN]` read without tokens, as location()
   * would. The numbers come from `lexer`, which makes the file number's
   * token when it is needed.
   * Returns false, having changed nothing, for numbers location() reports
   * as errors, so the caller can run the statement through it.
   */
  locationOfNumbers(asm: Assembler, file: number, line: number, column: number | undefined, lexer: Pick<Lexer, "peekedNumberToken">): boolean {
    if (file > MAX_LINE_TABLE_FILES || line > 0xffffffff || (column ?? 0) > 0xffffffff) return false;
    if (file === 0 && this.compilationDirectory === undefined) return false;
    if (this.pending) this.recordRow(asm);
    // A row copies the numbers of its location, so the current location can change in place: one object less per `.loc`.
    const next = this.current;
    next.basicBlock = false;
    next.prologueEnd = false;
    next.epilogueBegin = false;
    next.discriminator = 0;
    next.file = file;
    next.line = line;
    if (column !== undefined) next.column = column;
    if (!this.fileUses.has(file)) this.fileUses.set(file, lexer.peekedNumberToken(0));
    this.pending = true;
    return true;
  }

  /** Called before each instruction: the pending `.loc` becomes a row at its address. */
  beforeInstruction(asm: Assembler): void {
    if (this.pending) this.recordRow(asm);
  }

  /**
   * Starts the location a `.loc` sets from the current one: file, line,
   * column, is_stmt and isa carry over, and the one-row flags are cleared.
   * Fields are copied one by one, which is much faster than a spread in V8.
   */
  private nextLocation(): Location {
    const c = this.current;
    return {
      file: c.file,
      line: c.line,
      column: c.column,
      isStmt: c.isStmt,
      isa: c.isa,
      basicBlock: false,
      prologueEnd: false,
      epilogueBegin: false,
      discriminator: 0,
    };
  }

  private recordRow(asm: Assembler): void {
    const section = asm.current;
    const fragment = section.tail;
    let rows = this.rows.get(section);
    if (rows === undefined) {
      rows = new SectionRows();
      this.rows.set(section, rows);
    }
    rows.push(this.current, fragment.index, fragment.length);
    this.pending = false;
  }

  private locationOption(asm: Assembler, cursor: TokenCursor, next: Location): void {
    const option = cursor.next();
    switch (option.kind === "identifier" ? option.text : "") {
      case "basic_block":
        next.basicBlock = true;
        return;
      case "prologue_end":
        next.prologueEnd = true;
        return;
      case "epilogue_begin":
        next.epilogueBegin = true;
        return;
      case "is_stmt": {
        const value = this.requireCount(asm, cursor, "the is_stmt value", 1);
        next.isStmt = value === 1;
        return;
      }
      case "isa":
        next.isa = this.requireCount(asm, cursor, "the isa value", 0xffffffff);
        return;
      case "discriminator":
        next.discriminator = this.requireCount(asm, cursor, "the discriminator", 0xffffffff);
        return;
      case "view":
        // `view .LVU3`, `view 0` or `view -0`: location views number rows at
        // one address for .debug_loclists, which the line table does not store.
        cursor.accept("-");
        if (cursor.atEnd()) throw new ParseError("expected a view number or symbol after `view`", option);
        cursor.next();
        return;
      default:
        throw new ParseError(
          `unknown \`.loc\` option \`${option.text}\`: expected basic_block, prologue_end, epilogue_begin, is_stmt, isa, discriminator or view`,
          option,
        );
    }
  }

  private requireCount(asm: Assembler, cursor: TokenCursor, valueName: string, max: number): number {
    const token = cursor.peek();
    const value = asm.requireConstant(parseExpression(cursor, asm), token, valueName);
    if (value === undefined) throw new ParseError(`${valueName} must be a constant`, token);
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new ParseError(`${valueName} ${value} is out of range: expected 0 to ${max}`, token);
    }
    return value;
  }

  /**
   * Encodes the table once sections are laid out (fragment addresses
   * known). Reports `.loc` file numbers without a `.file` as errors.
   */
  encode(asm: Assembler): EncodedLineTable | undefined {
    if (this.rows.size === 0) return undefined;
    for (const [number, token] of this.fileUses) {
      if (this.files[number] === undefined) asm.error(token, `file number ${number} has no \`.file ${number} "name"\` directive`);
    }
    const fileCount = Math.max(this.files.length - 1, 0);
    for (let number = 1; number <= fileCount; number++) {
      if (this.files[number] === undefined) {
        const token = [...this.fileUses.values()][0]!;
        asm.error(token, `file number ${number} is unassigned: \`.file\` numbers must run from 1 without gaps`);
      }
    }
    if (asm.diagnostics.some((d) => d.severity === "error")) return undefined;

    const out = new ByteBuffer();
    const relocations: LineRelocation[] = [];
    const version5 = this.compilationDirectory !== undefined;
    out.fill(4, 0); // unit_length, patched below
    out.append([version5 ? DWARF_VERSION_WITH_FILE_ZERO : DWARF_VERSION, 0]);
    if (version5) out.append([4, 0]); // address_size, segment_selector_size
    const headerLengthAt = out.length;
    out.fill(4, 0);
    out.append(version5 ? [1, 1, 1] : [1, 1]); // minimum_instruction_length, [maximum_operations_per_instruction,] default_is_stmt
    out.append([LINE_BASE & 0xff, LINE_RANGE, OPCODE_BASE, ...STANDARD_OPCODE_LENGTHS]);
    let strings: Uint8Array | undefined;
    if (version5) strings = this.writeFileTablesV5(out, relocations, fileCount);
    else this.writeFileTables(out, fileCount);
    out.writeLittleEndian(headerLengthAt, 4, out.length - headerLengthAt - 4);
    for (const [section, rows] of this.rows) writeSequence(out, relocations, section, rows);
    out.writeLittleEndian(0, 4, out.length - 4);
    return { bytes: out.bytes().slice(), relocations, strings };
  }

  /**
   * Writes the version 5 directory and file tables: every name is a
   * DW_FORM_line_strp offset into the returned `.debug_line_str` bytes, in
   * the order GNU as writes them (directories, then files, no sharing).
   * Directory 0 is the compilation directory and file 0 the `.file 0` name;
   * every name is split at its last `/` into a directory entry and a name.
   */
  private writeFileTablesV5(out: ByteBuffer, relocations: LineRelocation[], fileCount: number): Uint8Array {
    const directories = [this.compilationDirectory!];
    const entries: Array<{ name: string; directory: number }> = [];
    for (let number = 0; number <= fileCount; number++) {
      const path = this.files[number]!;
      const slash = path.lastIndexOf("/");
      if (slash < 0) {
        entries.push({ name: path, directory: 0 });
        continue;
      }
      const directory = path.slice(0, slash) || "/";
      let index = directories.indexOf(directory);
      if (index < 0) index = directories.push(directory) - 1;
      entries.push({ name: path.slice(slash + 1), directory: index });
    }
    const strings = new ByteBuffer();
    const encoder = new TextEncoder();
    const writeString = (text: string): void => {
      relocations.push({ offset: out.length, section: "strings" });
      out.fill(4, 0);
      out.writeLittleEndian(out.length - 4, 4, strings.length);
      strings.append([...encoder.encode(text), 0]);
    };
    out.append([1, DW_LNCT_path, DW_FORM_line_strp]);
    writeUleb(out, directories.length);
    for (const directory of directories) writeString(directory);
    out.append([2, DW_LNCT_path, DW_FORM_line_strp, DW_LNCT_directory_index, DW_FORM_udata]);
    writeUleb(out, entries.length);
    for (const entry of entries) {
      writeString(entry.name);
      writeUleb(out, entry.directory);
    }
    return strings.bytes().slice();
  }

  /** Writes include_directories and file_names as GNU as does: directories split off at the last `/`, deduplicated. */
  private writeFileTables(out: ByteBuffer, fileCount: number): void {
    const directories: string[] = [];
    const entries: Array<{ name: string; directory: number }> = [];
    for (let number = 1; number <= fileCount; number++) {
      const path = this.files[number]!;
      const slash = path.lastIndexOf("/");
      if (slash < 0) {
        entries.push({ name: path, directory: 0 });
        continue;
      }
      const directory = path.slice(0, slash) || "/";
      let index = directories.indexOf(directory);
      if (index < 0) index = directories.push(directory) - 1;
      entries.push({ name: path.slice(slash + 1), directory: index + 1 });
    }
    const encoder = new TextEncoder();
    for (const directory of directories) out.append([...encoder.encode(directory), 0]);
    out.push(0);
    for (const entry of entries) {
      out.append([...encoder.encode(entry.name), 0]);
      writeUleb(out, entry.directory);
      out.append([0, 0]); // modification time and length: unknown
    }
    out.push(0);
  }
}

function joinPath(directory: string, name: string): string {
  if (directory === "" || name.startsWith("/")) return name;
  return directory.endsWith("/") ? directory + name : `${directory}/${name}`;
}

/** Writes the rows of one section as a sequence, with GNU as's choice of opcodes for every step. */
function writeSequence(out: ByteBuffer, relocations: LineRelocation[], section: Section, rows: SectionRows): void {
  let file = 1;
  let line = 1;
  let column = 0;
  let isStmt = true;
  let isa = 0;
  let address: number | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows.row(i);
    if (row.file !== file) {
      file = row.file;
      out.push(DW_LNS_set_file);
      writeUleb(out, file);
    }
    if (row.column !== column) {
      column = row.column;
      out.push(DW_LNS_set_column);
      writeUleb(out, column);
    }
    if (row.discriminator !== 0) {
      out.append([0, 1 + ulebSize(row.discriminator), DW_LNE_set_discriminator]);
      writeUleb(out, row.discriminator);
    }
    if (row.isa !== isa) {
      isa = row.isa;
      out.push(DW_LNS_set_isa);
      writeUleb(out, isa);
    }
    if (row.isStmt !== isStmt) {
      isStmt = row.isStmt;
      out.push(DW_LNS_negate_stmt);
    }
    if (row.basicBlock) out.push(DW_LNS_set_basic_block);
    if (row.prologueEnd) out.push(DW_LNS_set_prologue_end);
    if (row.epilogueBegin) out.push(DW_LNS_set_epilogue_begin);

    const rowAddress = section.fragments.address(row.fragment) + row.offset;
    if (address === undefined) {
      out.append([0, 5, DW_LNE_set_address]);
      relocations.push({ offset: out.length, section });
      out.fill(4, 0);
      out.writeLittleEndian(out.length - 4, 4, rowAddress);
      writeAdvance(out, row.line - line, 0);
    } else {
      writeAdvance(out, row.line - line, rowAddress - address);
    }
    line = row.line;
    address = rowAddress;
  }
  if (address === undefined) throw new Error("internal error: a line sequence without rows");
  writeEndSequence(out, section.size - address);
}

/** Emits one row that moves the line by `lineDelta` and the address by `addressDelta` (emit_inc_line_addr in GNU as). */
function writeAdvance(out: ByteBuffer, lineDelta: number, addressDelta: number): void {
  if (addressDelta < 0) throw new Error("internal error: line rows go backwards in a section");
  let biased = lineDelta - LINE_BASE;
  let needCopy = false;
  if (biased < 0 || biased >= LINE_RANGE) {
    out.push(DW_LNS_advance_line);
    writeSleb(out, lineDelta);
    lineDelta = 0;
    biased = -LINE_BASE;
    needCopy = true;
  }
  if (lineDelta === 0 && addressDelta === 0) {
    out.push(DW_LNS_copy);
    return;
  }
  const special = biased + OPCODE_BASE;
  if (addressDelta < 256 + MAX_SPECIAL_ADDRESS_DELTA) {
    const opcode = special + addressDelta * LINE_RANGE;
    if (opcode <= 255) {
      out.push(opcode);
      return;
    }
    const afterConstAdd = special + (addressDelta - MAX_SPECIAL_ADDRESS_DELTA) * LINE_RANGE;
    if (afterConstAdd <= 255) {
      out.append([DW_LNS_const_add_pc, afterConstAdd]);
      return;
    }
  }
  out.push(DW_LNS_advance_pc);
  writeUleb(out, addressDelta);
  out.push(needCopy ? DW_LNS_copy : special);
}

function writeEndSequence(out: ByteBuffer, addressDelta: number): void {
  if (addressDelta === MAX_SPECIAL_ADDRESS_DELTA) {
    out.push(DW_LNS_const_add_pc);
  } else if (addressDelta > 0) {
    out.push(DW_LNS_advance_pc);
    writeUleb(out, addressDelta);
  }
  out.append([0, 1, DW_LNE_end_sequence]);
}

function writeUleb(out: ByteBuffer, value: number): void {
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest > 0 ? low | 0x80 : low);
  } while (rest > 0);
}

function ulebSize(value: number): number {
  let size = 1;
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) size++;
  return size;
}

function writeSleb(out: ByteBuffer, value: number): void {
  let rest = value;
  for (;;) {
    const low = ((rest % 128) + 128) % 128;
    rest = Math.floor(rest / 128);
    const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
    out.push(done ? low : low | 0x80);
    if (done) return;
  }
}
