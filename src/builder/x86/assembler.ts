// The assembler's first pass: reads statements, defines symbols, encodes
// instructions into fragments and records fixups. Layout, relaxation and
// object output happen in layout.ts once the whole source is read.
import type { Diagnostic } from "../diagnostic";
import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS, STV_DEFAULT } from "../elf/constants";
import { BlockState } from "./blocks";
import { runDirective } from "./directives";
import { encodeInstruction, isInstruction, isRelaxableBranch, type EncodedInstruction, type Fixup } from "./encode";
import {
  ParseError,
  TokenCursor,
  describeFound,
  evaluate,
  isEvaluationError,
  parseExpression,
  valueNow,
  type SymbolResolver,
} from "./expressions";
import { InstructionShape, Lexer, NOT_A_LETTER, isIdentifierPart, isIdentifierStart, type AsmToken, type SourceCodes, type SourcePosition } from "./lexer";
import { BranchList, ByteBuffer, FixupList, FragmentList, OpenFragment, PositionList, REPLAYED_REFERENCE_TOKEN, SymbolTable, hashCodes, smallInteger, type AlignFragment, type AsmSymbol, type Expr, type Section, type SymbolExpr } from "./model";
import type { Operand, Value } from "./operands";
import { findRegister, type Register } from "./registers";
import { KnownInstructionTable, KnownLineTable, numberFieldsOf, slotsOfReferences, type KnownBranch, type KnownFixedInstruction, type KnownLineReferences, type ReferenceSlots } from "./known-instructions";
import { LineTableBuilder } from "./line-table";
import { PREFIXES } from "./table";

const MAX_ERRORS = 100;
/**
 * The largest section the assembler builds, in bytes. Images must fit in
 * guest RAM (32 MiB by default), and every byte of a section, `.bss`
 * included, is held in memory while assembling.
 */
export const MAX_SECTION_BYTES = 64 << 20;

interface ParsedOperand {
  operand: Operand<Expr>;
  first: AsmToken;
  last: AsmToken;
}

export class Assembler implements SymbolResolver {
  readonly diagnostics: Diagnostic[] = [];
  readonly sections: Section[] = [];
  readonly symbols = new SymbolTable();
  /** Source positions of symbol definitions and first references (AsmSymbol.definedAt and firstReference). */
  readonly positions = new PositionList();
  current: Section;
  previous: Section;
  readonly sectionStack: Array<{ current: Section; previous: Section }> = [];
  fileName: string | undefined;
  /** `.lcomm` and `.local` + `.comm` symbols, placed at the end of .bss after the first pass. */
  readonly localCommons: Array<{ symbol: AsmSymbol; size: number; alignment: number }> = [];
  /** Rows of the `.debug_line` table from `.file N` and `.loc`. */
  readonly lines = new LineTableBuilder();
  private readonly localLabelCounts = new Map<string, number>();
  /**
   * The encodings of known instructions without symbols, by the text of a
   * whole line that contains one of them and nothing else. This lookup,
   * which needs no scan of the shape, is the quickest one for the
   * commonest repeats.
   */
  private readonly knownLines = new KnownLineTable();
  /** Instruction statements that can be replayed, by the key of their shape. */
  private readonly knownInstructions = new KnownInstructionTable();
  /** Known branches by the codes of their mnemonic, packed one byte each into an integer, for appendBranchLine. */
  private readonly knownBranchLines = new Map<number, KnownBranch>();
  /** The symbols of the statement being replayed and the expressions naming them, reused from statement to statement. */
  private readonly replaySymbols: AsmSymbol[] = [];
  private readonly replayReferences: SymbolExpr[] = [];
  /** The number of times a symbol was equated. A recorded line whose count is still this one has no equated symbol. */
  private equateCount = 0;
  /** Scratch bytes of a replayed instruction with its numbers written in (see bytesWithNumbers). */
  private instructionBytes = new Uint8Array(16);
  /** The shape of the instruction statement being assembled, scanned again for each. */
  private readonly shape = new InstructionShape();
  private readonly blocks = new BlockState(this);
  private errorCount = 0;
  /** The lexer reported nothing in the statement being assembled, so its shape may key knownInstructions. */
  private statementLexedCleanly = true;

  /** `codes`, when given, are the UTF-16 codes of `source` as sourceCodes() returns them. */
  constructor(
    readonly source: string,
    readonly file: string,
    private readonly sourceCodes?: SourceCodes,
  ) {
    this.current = this.section(".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0);
    this.section(".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 0);
    this.section(".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0);
    this.previous = this.current;
  }

  // ---- diagnostics ----

  error(token: SourcePosition, message: string, length = token.length): void {
    this.report("error", token, message, length);
  }

  warning(token: SourcePosition, message: string): void {
    this.report("warning", token, message, token.length);
  }

  private report(severity: "error" | "warning", token: SourcePosition, message: string, length: number): void {
    if (severity === "error") this.errorCount++;
    if (this.errorCount > MAX_ERRORS) return;
    if (this.errorCount === MAX_ERRORS && severity === "error") {
      message = `${message} (stopping after ${MAX_ERRORS} errors)`;
    }
    this.diagnostics.push({ file: this.file, line: token.line, column: token.column, length: Math.max(1, length), severity, message });
  }

  get tooManyErrors(): boolean {
    return this.errorCount >= MAX_ERRORS;
  }

  // ---- sections ----

  /** Returns the section with this name, creating it with the given attributes if it is new. */
  section(name: string, type: number, flags: number, entsize: number): Section {
    const existing = this.sections.find((s) => s.name === name);
    if (existing !== undefined) return existing;
    const fixedBytes = new ByteBuffer();
    const fixups = new FixupList();
    const fragments = new FragmentList(fixedBytes, fixups);
    const tail = new OpenFragment(fixedBytes, fixups);
    tail.moveTo(fragments.addFixed());
    const section: Section = { name, type, flags, alignment: 1, entsize, fragments, tail, fixedBytes, fixups, branches: new BranchList(), size: 0 };
    this.sections.push(section);
    return section;
  }

  switchTo(section: Section): void {
    if (section !== this.current) {
      this.previous = this.current;
      this.current = section;
    }
  }

  /** Ends the current fixed fragment with alignment padding and opens a new fixed fragment after it. */
  appendAlignment(fragment: AlignFragment): void {
    const section = this.current;
    section.fragments.close(section.tail.index, -1);
    section.fragments.addAlignment(fragment);
    this.openFixedFragment(section);
  }

  /** Ends the current fixed fragment with a relaxable branch and opens a new fixed fragment after it. */
  appendBranch(target: AsmSymbol | Expr, short: EncodedInstruction<Expr>, near: EncodedInstruction<Expr>, line: number, column: number, length: number): void {
    const section = this.current;
    section.fragments.close(section.tail.index, section.branches.add(target, short, near, line, column, length));
    this.openFixedFragment(section);
  }

  private openFixedFragment(section: Section): void {
    section.tail.moveTo(section.fragments.addFixed());
  }

  // ---- symbols ----

  symbolNamed(name: string, displayName = name): AsmSymbol {
    return this.symbols.get(name) ?? this.createSymbol(name, displayName);
  }

  /**
   * Returns the symbol named by the characters of `text` from `start` to
   * `end`, whose codes are `codes`, slicing the name only for a new symbol.
   */
  symbolAt(text: string, codes: SourceCodes, start: number, end: number): AsmSymbol {
    // The hash serves the lookup and, for a new name, the insertion.
    const hash = hashCodes(codes, start, end);
    return this.symbols.findHashed(codes, start, end, hash) ?? this.createSymbol(text.slice(start, end), undefined, hash);
  }

  /** Adds a symbol named `name`. `hash`, when given, is the name's hashCodes(). */
  private createSymbol(name: string, displayName = name, hash?: number): AsmSymbol {
    // Every field is present from the start, so all symbols share one object shape (see newSymbol).
    const symbol = newSymbol(name, displayName, name.startsWith(".L") || name !== displayName);
    this.symbols.add(symbol, hash);
    return symbol;
  }

  reference(token: AsmToken): AsmSymbol {
    const symbol = this.symbolNamed(token.text);
    if (symbol.firstReference < 0) symbol.firstReference = this.positions.addPosition(token);
    return symbol;
  }

  dot(token: AsmToken): AsmSymbol {
    const symbol = newSymbol(".", ".", true);
    symbol.fragment = this.current.tail.index;
    symbol.offset = this.current.tail.length;
    symbol.section = this.current;
    symbol.definedAt = this.positions.addPosition(token);
    return symbol;
  }

  localReference(token: AsmToken): AsmSymbol | undefined {
    const label = token.text.slice(0, -1);
    const defined = this.localLabelCounts.get(label) ?? 0;
    if (token.text.endsWith("b")) {
      if (defined === 0) {
        this.error(token, `undefined local label \`${token.text}\`: no \`${label}:\` before this line`);
        return undefined;
      }
      return this.symbolNamed(`${label}\u0002${defined}`, token.text);
    }
    const symbol = this.symbolNamed(`${label}\u0002${defined + 1}`, token.text);
    if (symbol.firstReference < 0) symbol.firstReference = this.positions.addPosition(token);
    return symbol;
  }

  isDefined(symbol: AsmSymbol): boolean {
    return (
      symbol.fragment >= 0 ||
      symbol.equated !== undefined ||
      symbol.common !== undefined ||
      (this.localCommons.length > 0 && this.localCommons.some((c) => c.symbol === symbol))
    );
  }

  defineLabel(token: AsmToken): void {
    if (token.kind !== "number") {
      this.defineNamedLabel(token.text, token);
      return;
    }
    const count = (this.localLabelCounts.get(token.text) ?? 0) + 1;
    this.localLabelCounts.set(token.text, count);
    this.placeLabel(this.symbolNamed(`${token.text}\u0002${count}`, `${token.text}f`), this.positions.addPosition(token));
  }

  /** Defines the label `name` at the current location; `token` is where the definition is written. */
  defineNamedLabel(name: string, token: SourcePosition): void {
    this.defineSymbolLabel(this.symbolNamed(name), this.positions.addPosition(token));
  }

  /** Defines `symbol` as a label at the current location; `position` (an index into `positions`) is where the definition is written. */
  private defineSymbolLabel(symbol: AsmSymbol, position: number): void {
    if (this.isDefined(symbol)) {
      const where = symbol.definedAt >= 0 ? ` (first defined on line ${this.positions.lineAt(symbol.definedAt)})` : "";
      this.error(this.positions.at(position), `symbol \`${symbol.name}\` is already defined${where}`);
      return;
    }
    this.placeLabel(symbol, position);
  }

  private placeLabel(symbol: AsmSymbol, position: number): void {
    symbol.fragment = this.current.tail.index;
    symbol.offset = this.current.tail.length;
    symbol.section = this.current;
    symbol.definedAt = position;
  }

  // ---- emitting ----

  /** Raises an error at `token` when adding `count` bytes would take the current fixed fragment past MAX_SECTION_BYTES. */
  checkGrowth(count: number, token: AsmToken): void {
    const size = this.current.tail.length + count;
    if (size > MAX_SECTION_BYTES) {
      throw new ParseError(
        `section \`${this.current.name}\` would grow to ${size} bytes, past the limit of ${MAX_SECTION_BYTES} bytes (${MAX_SECTION_BYTES >> 20} MiB): make the array smaller or allocate it at run time`,
        token,
      );
    }
  }

  emitBytes(bytes: ArrayLike<number>): void {
    this.current.tail.append(bytes);
  }

  /** Emits an expression as a little-endian field of `size` bytes, with a fixup when it is not yet known. */
  emitValue(expr: Expr, size: 1 | 2 | 4, token: AsmToken): void {
    const tail = this.current.tail;
    const constant = this.constantNow(expr);
    if (constant === undefined) {
      const { line, column, length } = token;
      tail.addFixup(tail.length, size, false, expr, 0, line, column, length);
      tail.fill(size, 0);
      return;
    }
    if (size < 4 && !(constant >= -(2 ** (size * 8 - 1)) && constant < 2 ** (size * 8))) {
      this.warning(token, `value ${constant} truncated to ${size * 8} bits`);
    }
    const offset = tail.length;
    tail.fill(size, 0);
    tail.writeLittleEndian(offset, size, constant);
  }

  /** Returns the value of an expression that is already constant (numbers and constant `.set` symbols), else undefined. */
  constantNow(expr: Expr): number | undefined {
    const result = evaluate(expr, false);
    if (isEvaluationError(result) || result.symbol !== undefined || result.minus !== undefined) return undefined;
    return smallInteger(result.constant);
  }

  /** Evaluates an expression that must be constant now (sizes, counts, alignments). */
  requireConstant(expr: Expr, token: AsmToken, valueName: string): number | undefined {
    const result = evaluate(expr, false);
    if (isEvaluationError(result)) {
      this.error(result.token ?? token, result.error);
      return undefined;
    }
    if (result.symbol !== undefined || result.minus !== undefined) {
      this.error(token, `${valueName} must be a constant expression`);
      return undefined;
    }
    return smallInteger(result.constant);
  }

  // ---- statements ----

  run(): void {
    this.runText(this.source, undefined, this.sourceCodes);
    this.blocks.finish();
  }

  /**
   * Assembles statements from `text`: the source itself, or a macro or
   * `.rept` expansion, whose tokens and diagnostics then point at `expandedAt`.
   * `codes` are the text's codes when the caller has them.
   */
  runText(text: string, expandedAt: AsmToken | undefined, codes?: SourceCodes): void {
    const lexerDiagnostics: Diagnostic[] = [];
    const lexer = new Lexer(text, this.file, lexerDiagnostics, codes);
    for (;;) {
      if (this.appendKnownInstruction(lexer, text, expandedAt !== undefined)) continue;
      if (expandedAt === undefined && this.runUntokenizedStatement(lexer, text)) continue;
      if (!this.runTokenizedStatement(lexer, text, expandedAt, lexerDiagnostics)) return;
    }
  }

  /** Tokenizes and assembles the next statement. Returns false at the end of the text or after too many errors. */
  private runTokenizedStatement(lexer: Lexer, text: string, expandedAt: AsmToken | undefined, lexerDiagnostics: Diagnostic[]): boolean {
    const tokens = lexer.nextStatement();
    if (expandedAt !== undefined) {
      for (const d of lexerDiagnostics) Object.assign(d, { line: expandedAt.line, column: expandedAt.column, length: expandedAt.length });
    }
    this.statementLexedCleanly = lexerDiagnostics.length === 0;
    for (const d of lexerDiagnostics) this.diagnostics.push(d);
    lexerDiagnostics.length = 0;
    if (tokens === undefined || this.tooManyErrors) return false;
    if (expandedAt !== undefined) {
      for (const t of tokens) Object.assign(t, { line: expandedAt.line, column: expandedAt.column, length: expandedAt.length });
    }
    const cursor = new TokenCursor(tokens, 0, tokens.length - 1);
    try {
      if (!this.blocks.claim(cursor, text)) this.statement(cursor, text, lexer.codes);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      this.error(e.token, e.message);
    }
    return true;
  }

  /**
   * Assembles the next statement without tokenizing it when its shape is
   * in knownInstructions and it runs as an instruction: no block is being
   * collected, the conditionals are active and no macro can take the
   * mnemonic's place. Statements that name symbols are replayed only
   * outside expansions, whose tokens point at the expanding line. Returns
   * false otherwise, having consumed at most blank lines and comments.
   */
  private appendKnownInstruction(lexer: Lexer, text: string, expanding: boolean): boolean {
    if (this.knownInstructions.size === 0 || !this.blocks.runsEveryStatement || this.tooManyErrors) return false;
    const lineLength = lexer.peekLine();
    // Such a statement, a directive or a label such as `.L5:`, cannot be an instruction, so no shape scan is needed.
    if (lineLength === NOT_A_LETTER) return false;
    const lineStart = lexer.peekedLineStart;
    const lineHash = lexer.peekedLineHash;
    const codes = lexer.codes;
    // A jump to a label is new text nearly every time, so it is not looked up as a whole line.
    if (codes[lineStart] === 106 /* j */ && lineLength > 0 && !expanding && this.appendBranchLine(lexer, text, lineStart, lineLength)) return true;
    const knownLine = lineLength < 0 ? -1 : this.knownLines.find(codes, lineStart, lineLength, lineHash);
    if (knownLine >= 0) {
      const replay = this.knownLines.referencesOf(knownLine);
      if (replay !== undefined) return this.replayLineWithSymbols(lexer, knownLine, replay, expanding);
      lexer.skipPeekedLine();
      this.lines.beforeInstruction(this);
      this.knownLines.appendBytes(knownLine, this.current.tail);
      return true;
    }
    return this.appendByShape(lexer, text, expanding, lineLength, lineStart, lineHash);
  }

  /**
   * Replays a known line that names symbols, or returns false to leave it to the tokenized path. It
   * and appendByShape stay out of appendKnownInstruction, which runs for every statement, to keep
   * that function small, because in CPU profiles of slow runs V8 had not inlined peekLine and find
   * into it.
   */
  private replayLineWithSymbols(lexer: Lexer, knownLine: number, replay: KnownLineReferences, expanding: boolean): boolean {
    // The shape path would give up on such a line as well.
    if (expanding || (replay.equateCount !== this.equateCount && !allUnequated(replay.references))) return false;
    const line = lexer.peekedLineNumber;
    const column = lexer.peekedLineColumn;
    lexer.skipPeekedLine();
    this.lines.beforeInstruction(this);
    const base = this.current.tail.length;
    this.knownLines.appendBytes(knownLine, this.current.tail);
    this.addReplayedFixups(replay.instruction, base, replay.references, line, column);
    return true;
  }

  /**
   * Appends the line peekLine returned when it is a jump to a symbol,
   * `jcc name` with nothing after the name, and the jump's mnemonic is a
   * known branch. Returns false otherwise, having consumed nothing. Such a
   * line has the shape of its mnemonic, blanks and one slot, so this does
   * what appendByShape does with the branch, without scanning the shape.
   * The blanks between mnemonic and name change neither the encoding nor
   * a position, so one branch serves every spelling of them.
   */
  private appendBranchLine(lexer: Lexer, text: string, lineStart: number, lineLength: number): boolean {
    const codes = lexer.codes;
    const lineEnd = lineStart + lineLength;
    let key = 0;
    let i = lineStart;
    for (let c = codes[i]!; (c >= 97 && c <= 122) || (c >= 65 && c <= 90); c = codes[++i]!) {
      // Four letters fit the integer and cover every jump without a size suffix (`jnae` is the longest), so longer ones take the shape path.
      if (i - lineStart === 4) return false;
      key = (key << 8) | c;
    }
    const mnemonicEnd = i;
    for (let c = codes[i]; c === 32 || c === 9; c = codes[++i]);
    const nameStart = i;
    if (nameStart === mnemonicEnd || nameStart === lineEnd || !isIdentifierStart(codes[nameStart]!)) return false;
    for (i++; i < lineEnd && isIdentifierPart(codes[i]!); i++);
    if (i !== lineEnd || (lineEnd - nameStart === 1 && codes[nameStart] === 46 /* . */)) return false;

    let known = this.knownBranchLines.get(key);
    if (known === undefined) {
      // The first such line of a mnemonic finds its branch by shape.
      if (!lexer.peekInstructionShape()) return false;
      const byShape = this.knownInstructions.get(lexer.peeked);
      if (byShape?.kind !== "branch") return false;
      known = byShape;
      this.knownBranchLines.set(key, known);
    }
    const symbol = this.symbolAt(text, codes, nameStart, lineEnd);
    if (symbol.equated !== undefined) return false;

    this.lines.beforeInstruction(this);
    // The branch fragment points diagnostics at the mnemonic, as appendByShape does.
    const line = lexer.peekedLineNumber;
    const column = lexer.peekedLineColumn;
    if (symbol.firstReference < 0) symbol.firstReference = this.positions.add(line, column + nameStart - lineStart, lineEnd - nameStart);
    lexer.skipPeekedLine();
    this.appendBranch(symbol, known.short, known.near, line, column, known.mnemonic.length);
    return true;
  }

  /** Assembles the peeked statement by its shape when the shape is known; returns false otherwise. */
  private appendByShape(lexer: Lexer, text: string, expanding: boolean, lineLength: number, lineStart: number, lineHash: number): boolean {
    const codes = lexer.codes;
    if (!lexer.peekInstructionShape()) return false;
    const known = this.knownInstructions.get(lexer.peeked);
    if (known === undefined) return false;

    const shape = lexer.peeked;
    const slotCount = shape.slotCount;
    const recordsLine = lineLength >= 0 && shape.spans(lineLength);
    if (slotCount === 0) {
      if (known.kind !== "fixed") throw new Error("internal error: a known branch without a target");
      const bytes = this.bytesWithNumbers(known, shape);
      const count = known.encoded.bytes.length;
      if (recordsLine) this.knownLines.set(codes, lineStart, lineLength, lineHash, bytes, count);
      lexer.skipPeekedStatement();
      this.lines.beforeInstruction(this);
      this.current.tail.appendRange(bytes, 0, count);
      return true;
    }
    if (expanding) return false;

    const symbols = this.replaySymbols;
    const statementStart = lexer.peekedStatementStart;
    for (let i = 0; i < slotCount; i++) {
      const start = statementStart + shape.slotStart(i);
      const end = statementStart + shape.slotEnd(i);
      if (end - start === 1 && codes[start] === 46 /* . */) return false;
      const symbol = this.symbolAt(text, codes, start, end);
      if (symbol.equated !== undefined) return false;
      symbols[i] = symbol;
    }

    this.lines.beforeInstruction(this);
    // The fixups and the branch fragment point diagnostics at the mnemonic.
    const line = lexer.peekedLine;
    const column = lexer.peekedColumn(0);
    if (known.kind === "branch") {
      // The branch keeps the symbol itself as its target, so a jump to a label makes no expression.
      const symbol = symbols[0]!;
      if (symbol.firstReference < 0) symbol.firstReference = this.positions.add(line, lexer.peekedColumn(shape.slotStart(0)), symbol.name.length);
      lexer.skipPeekedStatement();
      this.appendBranch(symbol, known.short, known.near, line, column, known.mnemonic.length);
      return true;
    }
    const references = this.replayReferences;
    for (let i = 0; i < slotCount; i++) {
      const symbol = symbols[i]!;
      let reference = symbol.replayReference;
      if (reference === undefined) {
        // The first replayed reference to the symbol: every later one shares its expression.
        if (symbol.firstReference < 0) symbol.firstReference = this.positions.add(lexer.peekedLine, lexer.peekedColumn(shape.slotStart(i)), symbol.name.length);
        reference = { kind: "symbol", symbol, token: REPLAYED_REFERENCE_TOKEN };
        symbol.replayReference = reference;
      }
      references[i] = reference;
    }
    lexer.skipPeekedStatement();

    const bytes = this.bytesWithNumbers(known, shape);
    const count = known.encoded.bytes.length;
    // Branches are not recorded: compiler output seldom repeats a jump to the same label.
    if (recordsLine) this.knownLines.set(codes, lineStart, lineLength, lineHash, bytes, count, { instruction: known, references: references.slice(0, slotCount), equateCount: this.equateCount });
    const base = this.current.tail.length;
    this.current.tail.appendRange(bytes, 0, count);
    this.addReplayedFixups(known, base, references, line, column);
    return true;
  }

  /**
   * Returns the bytes of a known instruction with the values of the shape's
   * number slots in their fields. Without number slots, these are the
   * instruction's own bytes. Otherwise they are the first bytes of a
   * scratch array, valid until the next call.
   */
  private bytesWithNumbers(known: KnownFixedInstruction, shape: InstructionShape): Uint8Array {
    const encoded = known.encoded.bytes;
    if (shape.numberCount === 0) return encoded;
    if (this.instructionBytes.length < encoded.length) this.instructionBytes = new Uint8Array(encoded.length);
    const bytes = this.instructionBytes;
    for (let i = 0; i < encoded.length; i++) bytes[i] = encoded[i]!;
    for (let k = 0; k < known.numberFields.length; k++) {
      const field = known.numberFields[k];
      if (field === undefined) continue;
      // An integer of up to ten digits: `>>>` takes it modulo 2^32, as the encoder's fields do.
      const value = shape.numberValue(k) >>> 0;
      for (let i = 0; i < field.size; i++) bytes[field.offset + i] = (value >>> (8 * i)) & 0xff;
    }
    return bytes;
  }

  /**
   * Adds the fixups of a replayed instruction whose bytes start at `base`
   * in the current fixed fragment: one for each reference to the symbols
   * of its slots, in `references`.
   */
  private addReplayedFixups(known: KnownFixedInstruction, base: number, references: readonly SymbolExpr[], line: number, column: number): void {
    const length = known.mnemonic.length;
    const tail = this.current.tail;
    const fixups = known.encoded.fixups;
    const { slots, addends } = known.fixups;
    for (let i = 0; i < fixups.length; i++) {
      const f = fixups[i]!;
      const expr = references[slots[i]!]!;
      const addend = f.value.constant + addends[i]!;
      tail.addFixup(base + f.offset, f.size, f.pcRelative, expr, addend, line, column, length);
    }
  }

  /**
   * Runs the next statement without tokenizing it when it is a label alone
   * or a plain `.loc`, the most common statements besides instructions in
   * compiler output, and every statement runs as written. Returns false
   * otherwise, having consumed at most blank lines and comments.
   */
  private runUntokenizedStatement(lexer: Lexer, text: string): boolean {
    if (!this.blocks.runsEveryStatement || this.tooManyErrors) return false;
    const labelLength = lexer.peekLabel();
    if (labelLength > 0) {
      const start = lexer.peekedStatementStart;
      const symbol = this.symbolAt(text, lexer.codes, start, start + labelLength);
      const position = this.positions.add(lexer.peekedLine, lexer.peekedColumn(0), labelLength);
      lexer.skipPeekedStatement();
      this.defineSymbolLabel(symbol, position);
      return true;
    }
    if (!lexer.peekLocation()) return false;
    const numbers = lexer.peekedNumbers;
    const column = lexer.peekedNumberCount > 2 ? numbers[2] : undefined;
    if (!this.lines.locationOfNumbers(this, numbers[0]!, numbers[1]!, column, lexer)) return false;
    lexer.skipPeekedStatement();
    return true;
  }

  private statement(cursor: TokenCursor, text: string, codes: SourceCodes): void {
    for (;;) {
      const token = cursor.peek();
      if ((token.kind === "identifier" || token.kind === "number") && cursor.isPunctuator(":", 1)) {
        this.defineLabel(token);
        cursor.pos += 2;
        continue;
      }
      break;
    }
    if (cursor.atEnd()) return;
    const head = cursor.next();
    if (head.kind !== "identifier") throw new ParseError(`expected an instruction or directive${describeFound(head)}`, head);
    if (cursor.isPunctuator("=")) {
      cursor.next();
      this.assign(head, parseExpression(cursor, this));
      this.expectEnd(cursor);
    } else if (this.blocks.invoke(head, cursor, text)) {
      return;
    } else if (head.text.startsWith(".")) {
      runDirective(this, head, cursor);
    } else {
      this.instruction(head, cursor, codes);
    }
  }

  assign(name: AsmToken, expr: Expr): void {
    let symbol = this.reference(name);
    if (symbol.fragment >= 0 || symbol.common !== undefined) {
      this.error(name, `symbol \`${name.text}\` is already defined as a label`);
      return;
    }
    const value = valueNow(expr);
    if (symbol.equated !== undefined) symbol = this.newVersion(symbol);
    symbol.equated = value;
    if (symbol.definedAt < 0) symbol.definedAt = this.positions.addPosition(name);
    this.equateCount++;
  }

  /**
   * Replaces `symbol` in the symbol table with a copy, for a `.set` that
   * redefines it. As in GNU as, the expressions that named the symbol so
   * far keep the old object and so its value, even those evaluated after
   * layout, and a forward reference gets the first value set after it.
   * Later lines and the object's symbol table get the copy.
   */
  private newVersion(symbol: AsmSymbol): AsmSymbol {
    const next = newSymbol(symbol.name, symbol.displayName, symbol.temporary);
    // Assigning fields that newSymbol made keeps the shape that all symbols share.
    Object.assign(next, symbol);
    next.replayReference = undefined;
    next.valueAfterLayout = undefined;
    this.symbols.replace(symbol, next);
    return next;
  }

  expectEnd(cursor: TokenCursor): void {
    if (!cursor.atEnd()) {
      const token = cursor.peek();
      throw new ParseError(`junk at end of line: \`${token.kind === "register" ? "%" : ""}${token.text}\``, token);
    }
  }

  private instruction(head: AsmToken, cursor: TokenCursor, codes: SourceCodes): void {
    this.lines.beforeInstruction(this);
    let mnemonicToken = head;
    let mnemonic = head.text.toLowerCase();
    const prefixes: string[] = [];
    while (PREFIXES.has(mnemonic) && !cursor.atEnd() && cursor.peek().kind === "identifier") {
      prefixes.push(mnemonic);
      mnemonicToken = cursor.next();
      mnemonic = mnemonicToken.text.toLowerCase();
    }
    if (PREFIXES.has(mnemonic) && cursor.atEnd()) {
      for (const p of [...prefixes, mnemonic]) this.emitBytes([PREFIXES.get(p)!]);
      return;
    }
    if (!isInstruction(mnemonic)) {
      this.error(mnemonicToken, `unknown instruction \`${mnemonic}\``);
      return;
    }
    // Once a macro is defined nothing is replayed (a macro may take a mnemonic's place), so shapes are not worth scanning.
    const replayable = this.statementLexedCleanly && this.blocks.macros.size === 0;
    const shape = replayable && this.shape.scan(codes, head.start) ? this.shape : undefined;
    const known = shape === undefined ? undefined : this.knownInstructions.get(shape);
    if (known?.kind === "fixed" && shape!.slotCount === 0 && shape!.numberCount === 0) {
      this.appendInstruction(known.encoded, mnemonicToken);
      return;
    }
    const diagnosticsBefore = this.diagnostics.length;
    const operandStart = cursor.pos;
    const parsed = this.parseOperands(cursor);
    // The callbacks are module-level functions and slotsOf is a method, because tsx's keepNames wraps every
    // function made at run time in a `__name` call, which a closure made here would cost for every instruction.
    const operands = parsed.map(operandOf);

    const target = operands[0];
    if (
      operands.length === 1 &&
      target?.kind === "memory" &&
      target.displacement?.reference !== undefined &&
      !target.base && !target.index && !target.segment && !target.indirect &&
      isRelaxableBranch(mnemonic)
    ) {
      const short = encodeInstruction(mnemonic, operands, { prefixes, branchSize: 1 });
      const near = encodeInstruction(mnemonic, operands, { prefixes, branchSize: 4 });
      if (short.ok && near.ok) {
        const reference = target.displacement.reference;
        this.appendBranch(reference, short, near, mnemonicToken.line, mnemonicToken.column, mnemonicToken.length);
        // A replayed branch targets the slot's symbol itself, so a target with an addend is not recorded.
        if (this.slotsOf(shape, head, cursor, operandStart, diagnosticsBefore, [reference])?.addends[0] === 0 && shape!.numberCount === 0) {
          this.knownInstructions.set(shape!, { kind: "branch", mnemonic: head.text, short, near });
        }
        return;
      }
    }

    const encoded = encodeInstruction(mnemonic, operands, { prefixes });
    if (!encoded.ok) {
      const at = encoded.operand === undefined ? undefined : parsed[encoded.operand];
      if (at === undefined) this.error(mnemonicToken, encoded.message);
      else this.error(at.first, encoded.message, at.last.start + at.last.length - at.first.start);
      return;
    }
    this.appendInstruction(encoded, mnemonicToken);
    const fixups = this.slotsOf(shape, head, cursor, operandStart, diagnosticsBefore, encoded.fixups.map(referenceOf));
    const numberFields = fixups === undefined ? undefined : numberFieldsOf(shape!, head, parsed, encoded);
    if (numberFields !== undefined) this.knownInstructions.set(shape!, { kind: "fixed", mnemonic: head.text, encoded, fixups: fixups!, numberFields });
  }

  /**
   * Returns the slots of `references` in `shape` (see slotsOfReferences), or
   * undefined when there is no shape or the statement added diagnostics
   * since there were `diagnosticsBefore` of them.
   */
  private slotsOf(
    shape: InstructionShape | undefined,
    head: AsmToken,
    cursor: TokenCursor,
    operandStart: number,
    diagnosticsBefore: number,
    references: readonly (Expr | undefined)[],
  ): ReferenceSlots | undefined {
    if (shape === undefined || this.diagnostics.length !== diagnosticsBefore) return undefined;
    return slotsOfReferences(shape, head, cursor.tokens, operandStart, cursor.end, references);
  }

  private appendInstruction(encoded: EncodedInstruction<Expr>, token: SourcePosition): void {
    const { line, column, length } = token;
    const tail = this.current.tail;
    const base = tail.length;
    tail.append(encoded.bytes);
    for (const f of encoded.fixups) {
      const expr: Expr = f.value.reference ?? { kind: "number", value: f.value.constant };
      const addend = f.value.reference === undefined ? 0 : f.value.constant;
      tail.addFixup(base + f.offset, f.size, f.pcRelative, expr, addend, line, column, length);
    }
  }

  // ---- operands ----

  private parseOperands(cursor: TokenCursor): ParsedOperand[] {
    const result: ParsedOperand[] = [];
    if (cursor.atEnd()) return result;
    for (;;) {
      const first = cursor.peek();
      const operand = this.parseOperand(cursor);
      const last = cursor.tokens[cursor.pos - 1] ?? first;
      result.push({ operand, first, last });
      if (cursor.atEnd()) return result;
      if (!cursor.accept(",")) {
        const token = cursor.peek();
        throw new ParseError(`junk at end of line: \`${token.kind === "register" ? "%" : ""}${token.text}\``, token);
      }
    }
  }

  private parseOperand(cursor: TokenCursor): Operand<Expr> {
    const indirect = cursor.accept("*");
    if (cursor.accept("$")) {
      if (indirect) throw new ParseError("`*` cannot apply to an immediate", cursor.peek());
      return { kind: "immediate", value: this.valueOf(parseExpression(cursor, this)) };
    }
    const token = cursor.peek();
    if (token.kind === "register") {
      const register = this.parseRegister(cursor);
      if (!cursor.isPunctuator(":")) return { kind: "register", register, indirect };
      cursor.next();
      if (register.kind !== "segment") throw new ParseError(`\`%${register.name}\` is not a segment register`, token);
      const memory = this.parseMemory(cursor);
      memory.segment = register;
      memory.indirect = indirect;
      return memory;
    }
    const memory = this.parseMemory(cursor);
    memory.indirect = indirect;
    return memory;
  }

  private parseRegister(cursor: TokenCursor): Register {
    const token = cursor.next();
    let name = token.text;
    if (name === "st" && cursor.isPunctuator("(")) {
      cursor.next();
      const number = cursor.next();
      cursor.expect(")");
      name = `st(${number.text})`;
    }
    const register = findRegister(name);
    if (register === undefined) throw new ParseError(`unknown register \`%${name}\``, token);
    return register;
  }

  private parseMemory(cursor: TokenCursor): Extract<Operand<Expr>, { kind: "memory" }> {
    // Every field is present from the start, so all memory operands share one object shape and the encoder's property reads stay monomorphic.
    const memory: Extract<Operand<Expr>, { kind: "memory" }> = {
      kind: "memory",
      segment: undefined,
      base: undefined,
      index: undefined,
      scale: 1,
      displacement: undefined,
      indirect: false,
    };
    const startsWithBase = cursor.isPunctuator("(") && (cursor.peek(1).kind === "register" || cursor.isPunctuator(",", 1));
    if (!startsWithBase) memory.displacement = this.valueOf(parseExpression(cursor, this));
    if (!cursor.isPunctuator("(")) return memory;
    cursor.next();
    if (cursor.peek().kind === "register") memory.base = this.parseRegister(cursor);
    if (cursor.accept(",")) {
      if (cursor.peek().kind === "register") memory.index = this.parseRegister(cursor);
      if (cursor.accept(",")) {
        const scaleToken = cursor.peek();
        const scale = this.requireConstant(parseExpression(cursor, this), scaleToken, "the scale factor");
        memory.scale = scale ?? 1;
      }
    }
    cursor.expect(")");
    return memory;
  }

  private valueOf(expr: Expr): Value<Expr> {
    const constant = this.constantNow(expr);
    return constant === undefined ? { constant: 0, reference: expr } : { constant, reference: undefined };
  }
}

/**
 * Makes a symbol that is not defined yet. Every field is set, to undefined
 * where there is no value, so that all symbols share one object shape.
 * Fields added later would give a symbol defined before its first
 * reference another shape than one referenced first, and make every
 * access to symbols slower.
 */
function newSymbol(name: string, displayName: string, temporary: boolean): AsmSymbol {
  return {
    name,
    fragment: -1,
    offset: 0,
    section: undefined,
    equated: undefined,
    valueAfterLayout: undefined,
    binding: "local",
    declaredLocal: false,
    type: undefined,
    size: undefined,
    visibility: STV_DEFAULT,
    common: undefined,
    temporary,
    displayName,
    firstReference: -1,
    definedAt: -1,
    usedInRelocation: false,
    replayReference: undefined,
  };
}

function operandOf(parsed: ParsedOperand): Operand<Expr> {
  return parsed.operand;
}

function referenceOf(fixup: Fixup<Expr>): Expr | undefined {
  return fixup.value.reference;
}

/** Tells whether no symbol of `references` is equated. */
function allUnequated(references: readonly SymbolExpr[]): boolean {
  for (let i = 0; i < references.length; i++) {
    if (references[i]!.symbol.equated !== undefined) return false;
  }
  return true;
}
