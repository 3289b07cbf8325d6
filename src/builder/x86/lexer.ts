// Splits GNU assembler text into tokens. Statements end at a newline or
// `;`; comments are `#` to the end of the line and `/* ... */`.
import type { Diagnostic } from "../diagnostic";

export type AsmTokenKind =
  | "identifier"
  | "number"
  | "string"
  | "register"
  | "local-ref"
  | "punctuator"
  | "end";

/** The place a diagnostic points at: a line, a column (both from 1) and a length in characters. */
export interface SourcePosition {
  line: number;
  column: number;
  length: number;
}

export interface AsmToken extends SourcePosition {
  kind: AsmTokenKind;
  /** Spelling; for registers the lowercase name without `%`, for strings the raw text with quotes. */
  text: string;
  /** Value of a number or character constant. */
  value: number;
  /** Decoded bytes of a string literal. */
  bytes?: number[];
  /** Offset of the token in the source text. */
  start: number;
}

const enum Char {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Apostrophe = 39,
  Star = 42,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Semicolon = 59,
  Backslash = 92,
  Colon = 58,
  Underscore = 95,
  OpenParen = 40,
  CloseParen = 41,
  Comma = 44,
  Minus = 45,
}

export function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === Char.Underscore || c === Char.Dot;
}

export function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= Char.Zero && c <= Char.Nine) || c === Char.Dollar;
}

function isDigit(c: number): boolean {
  return c >= Char.Zero && c <= Char.Nine;
}

const TWO_CHAR_PUNCTUATORS = new Set(["<<", ">>", "<=", ">=", "==", "!=", "<>", "&&", "||"]);
// `\` appears in macro bodies (`\arg`), which are re-read after substitution.
const ONE_CHAR_PUNCTUATORS = new Set("(),:$*+-/%&|^~!<>=@\\");

const encoder = new TextEncoder();

/**
 * The UTF-16 codes of a text, as from charCodeAt: one byte each when the
 * text is ASCII, else two. The loops that hash and compare whole lines and
 * shapes read every character of the source. In V8 they ran about twice
 * as fast over a typed array as with charCodeAt (Node 20, hashing the
 * lines of a 137,000-line compiler listing).
 */
export type SourceCodes = Uint8Array | Uint16Array;

/** Returns the UTF-16 codes of `text`. */
export function sourceCodes(text: string): SourceCodes {
  // For ASCII text, UTF-8 is the UTF-16 codes, and encodeInto copies them at native speed.
  const bytes = new Uint8Array(text.length);
  const { read, written } = encoder.encodeInto(text, bytes);
  if (read === text.length && written === text.length) return bytes;
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/** Tokenizes a whole source; every statement, including the last, ends with an `end` token. */
export function tokenize(source: string, file: string, diagnostics: Diagnostic[]): AsmToken[] {
  const lexer = new Lexer(source, file, diagnostics);
  const tokens: AsmToken[] = [];
  for (let statement = lexer.nextStatement(); statement !== undefined; statement = lexer.nextStatement()) {
    for (const token of statement) tokens.push(token);
  }
  return tokens;
}

/**
 * Reads a source one statement at a time. Besides tokenizing, it can scan
 * the next statement's shape without tokenizing it (see
 * peekInstructionShape), for callers that already know what that shape means.
 */
export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** The shape of the statement the last peekInstructionShape scanned, while it is not yet skipped. */
  readonly peeked = new InstructionShape();
  /** End of the line peekLine returned last, at its newline, or -1 when there is none. */
  private peekedLineEnd = -1;
  /** The hash of that line, for KnownLineTable. */
  peekedLineHash = 0;
  /** Offset of the statement the last peek method recognised, or -1 when there is none. */
  private peekedStart = -1;
  /** Offset of the newline, `;` or `#` that ends that statement, or of the end of the source. */
  private peekedStop = -1;
  /**
   * The numbers of the `.loc` statement peekLocation recognised last, and
   * their starts in the source. Only the first peekedNumberCount are
   * current, because the arrays are reused: in V8, emptying an array frees its
   * storage, and refilling it would allocate again for every `.loc`.
   */
  readonly peekedNumbers: number[] = [0, 0, 0];
  readonly peekedNumberStarts: number[] = [0, 0, 0];
  peekedNumberCount = 0;

  /** The codes of the source, which the peek methods read. */
  readonly codes: SourceCodes;
  /** A view of `codes` when they are bytes, which peekLine reads four at a time; undefined otherwise. */
  private readonly codeView: DataView | undefined;

  /** A caller that has the codes sourceCodes(source) returns may pass them as `codes`. */
  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
    codes: SourceCodes = sourceCodes(source),
  ) {
    if (codes.length !== source.length) throw new Error(`internal error: ${codes.length} source codes for a text of ${source.length} characters`);
    this.codes = codes;
    this.codeView = codes instanceof Uint8Array ? new DataView(codes.buffer, codes.byteOffset, codes.byteLength) : undefined;
  }

  /**
   * Tokenizes the next statement that has tokens; its last token is an
   * `end` token. Returns undefined at the end of the source. Diagnostics
   * about the text read go to the lexer's diagnostics array.
   */
  nextStatement(): AsmToken[] | undefined {
    const source = this.source;
    const n = source.length;
    const tokens: AsmToken[] = [];
    while (this.pos < n) {
      const start = this.pos;
      const c = source.charCodeAt(start);
      if (c === Char.Space || c === Char.Tab || c === Char.Return || c === 12 || c === 11) {
        this.pos++;
      } else if (c === Char.Newline || c === Char.Semicolon) {
        if (tokens.length > 0) tokens.push(this.token("end", "", start, start));
        this.pos++;
        if (c === Char.Newline) {
          this.line++;
          this.lineStart = this.pos;
        }
        if (tokens.length > 0) return tokens;
      } else if (c === Char.Hash) {
        const newline = source.indexOf("\n", start);
        this.pos = newline < 0 ? n : newline;
      } else if (c === Char.Slash && source.charCodeAt(start + 1) === Char.Star) {
        this.skipBlockComment(start);
      } else {
        const token = this.scanToken(start, c);
        if (token !== undefined) tokens.push(token);
      }
    }
    if (tokens.length === 0) return undefined;
    tokens.push(this.token("end", "", n, n));
    return tokens;
  }

  /** Consumes blank lines and `#` comments, and returns where the next statement's text starts, after its leading blanks. */
  private statementStart(): number {
    this.skipEmptyStatements();
    const codes = this.codes;
    let i = this.pos;
    let c = codes[i];
    while (c === Char.Space || c === Char.Tab) c = codes[++i];
    return i;
  }

  /** Clears the last peek and returns statementStart(). */
  private beginPeek(): number {
    this.peekedStart = -1;
    return this.statementStart();
  }

  /**
   * Scans the next statement as an instruction shape (see InstructionShape)
   * into `peeked`; returns false for a statement that cannot be one.
   * Blank lines and `#` comments before the statement are consumed either
   * way. The shape stays in `peeked` until the next scan.
   */
  peekInstructionShape(): boolean {
    const i = this.beginPeek();
    if (!this.peeked.scan(this.codes, i)) return false;
    this.peekedStart = i;
    this.peekedStop = i + this.peeked.stop;
    return true;
  }

  /**
   * Recognises the next statement when it is a label alone, `name:`, whose
   * name starts with a letter, `_` or `.L`, and returns the name's length.
   * Such a name cannot be mistaken for a directive. Returns 0 for any other
   * statement.
   */
  peekLabel(): number {
    const codes = this.codes;
    const n = codes.length;
    let i = this.beginPeek();
    if (i >= n) return 0;
    const c = codes[i]!;
    const start = i;
    if (c === Char.Dot ? codes[i + 1] !== 76 : !isIdentifierStart(c)) return 0;
    for (i++; i < n && isIdentifierPart(codes[i]!); i++);
    const length = i - start;
    i = this.skipBlanks(i);
    if (codes[i] !== Char.Colon) return 0;
    i = this.skipBlanks(i + 1);
    if (!this.isStatementEnd(i)) return 0;
    this.peekedStart = start;
    this.peekedStop = i;
    return length;
  }

  /**
   * Recognises the next statement when it is `.loc FILE LINE [COLUMN]`
   * with plain decimal numbers of up to nine digits, and puts the numbers
   * in peekedNumbers and their count in peekedNumberCount. Returns false
   * for any other statement.
   */
  peekLocation(): boolean {
    const codes = this.codes;
    let i = this.beginPeek();
    const start = i;
    // Every statement that is neither a known instruction nor a label comes here, and comparing codes costs less than source.startsWith.
    if (codes[i] !== Char.Dot || codes[i + 1] !== 108 /* l */ || codes[i + 2] !== 111 /* o */ || codes[i + 3] !== 99 /* c */) return false;
    i += 4;

    const numbers = this.peekedNumbers;
    const starts = this.peekedNumberStarts;
    let count = 0;
    while (count < 3) {
      // Each number follows a blank, and a blank after `.loc` keeps `.loc1` from matching.
      const numberStart = this.skipBlanks(i);
      if (numberStart === i || this.isStatementEnd(numberStart)) break;
      i = numberStart;
      let value = 0;
      for (let c = codes[i]; c !== undefined && isDigit(c) && i - numberStart < 10; c = codes[++i]) value = value * 10 + (c - Char.Zero);
      const digits = i - numberStart;
      if (digits === 0 || digits > 9 || (digits > 1 && codes[numberStart] === Char.Zero)) return false;
      numbers[count] = value;
      starts[count++] = numberStart;
    }

    i = this.skipBlanks(i);
    this.peekedNumberCount = count;
    if (count < 2 || !this.isStatementEnd(i)) return false;
    this.peekedStart = start;
    this.peekedStop = i;
    return true;
  }

  /** Returns a number token nextStatement would give for peekedNumbers[index]. */
  peekedNumberToken(index: number): AsmToken {
    const start = this.peekedNumberStarts[index]!;
    const value = this.peekedNumbers[index]!;
    const text = String(value);
    return this.token("number", text, start, start + text.length, value);
  }

  private skipBlanks(position: number): number {
    const codes = this.codes;
    let i = position;
    let c = codes[i];
    while (c === Char.Space || c === Char.Tab) c = codes[++i];
    return i;
  }

  private isStatementEnd(position: number): boolean {
    const c = this.codes[position];
    return position >= this.codes.length || c === Char.Newline || c === Char.Semicolon || c === Char.Hash;
  }

  /**
   * Finds the rest of the line from the next statement's first non-blank
   * character up to its newline, when the statement starts with a letter
   * and a newline ends the line. Returns its length, with its start in
   * peekedLineStart and its hash in peekedLineHash. Returns
   * NOT_A_LETTER when the statement starts with something else, so it
   * cannot be an instruction (see InstructionShape.scan), and -1 when the
   * source ends before a newline.
   * Blank lines and `#` comments before the statement are consumed either
   * way. The hash is made in the same pass that finds the newline, so a
   * lookup of the line in KnownLineTable reads the line only once more.
   *
   * The hash takes the line in little-endian words of four codes, the low
   * byte of each, and a last word of one to three codes as it is. Over
   * byte codes, whole words are read through a DataView until one contains
   * a newline. That took about half the time of a loop over the codes
   * (Node 20, a microbenchmark on the lines of a 137,000-line compiler
   * listing).
   */
  peekLine(): number {
    const codes = this.codes;
    const n = codes.length;
    const i = this.statementStart();
    let c = i < n ? codes[i]! : 0;
    this.peekedLineEnd = -1;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return NOT_A_LETTER;
    let hash = 0;
    let end = i;
    const view = this.codeView;
    if (view !== undefined) {
      for (; end + 4 <= n; end += 4) {
        const word = view.getInt32(end, true);
        // The classic test for a zero byte, applied after turning each newline byte into zero.
        const newlines = word ^ 0x0a0a0a0a;
        if (((newlines - 0x01010101) & ~newlines & 0x80808080) !== 0) break;
        hash = mixWord(hash, word);
      }
    }
    // The codes left: the last word and the newline, or the whole line when the codes are not bytes.
    let word = 0;
    let shift = 0;
    for (; end < n && (c = codes[end]!) !== Char.Newline; end++) {
      word |= (c & 0xff) << shift;
      shift += 8;
      if (shift === 32) {
        hash = mixWord(hash, word);
        word = 0;
        shift = 0;
      }
    }
    if (shift !== 0) hash = mixWord(hash, word);
    if (end >= n) return -1;
    this.pos = i;
    this.peekedLineEnd = end;
    // Folding the high bits in lets the table index by the low ones; 30 bits keep the hash a small integer.
    this.peekedLineHash = (hash ^ (hash >>> 15)) & 0x3fffffff;
    return end - i;
  }

  /** Offset of the line peekLine returned last. */
  get peekedLineStart(): number {
    return this.pos;
  }

  /** The line number of the line peekLine returned last. */
  get peekedLineNumber(): number {
    if (this.peekedLineEnd < 0) throw new Error("internal error: peekedLineNumber without a peeked line");
    return this.line;
  }

  /** The column of the first character of the line peekLine returned last. */
  get peekedLineColumn(): number {
    if (this.peekedLineEnd < 0) throw new Error("internal error: peekedLineColumn without a peeked line");
    return this.pos - this.lineStart + 1;
  }

  /** Moves past the line peekLine returned last, which contains exactly one statement. */
  skipPeekedLine(): void {
    const end = this.peekedLineEnd;
    if (end < 0) throw new Error("internal error: skipPeekedLine without a peeked line");
    this.peekedLineEnd = -1;
    this.pos = end + 1;
    this.line++;
    this.lineStart = end + 1;
  }

  /** Moves past blanks, `#` comments, newlines and `;` up to the next character that nextStatement would not skip. */
  private skipEmptyStatements(): void {
    const source = this.source;
    const codes = this.codes;
    const n = codes.length;
    let pos = this.pos;
    while (pos < n) {
      const c = codes[pos]!;
      if (c === Char.Newline) {
        this.line++;
        this.lineStart = pos + 1;
      } else if (c === Char.Hash) {
        const newline = source.indexOf("\n", pos);
        pos = newline < 0 ? n : newline;
        continue;
      } else if (c !== Char.Space && c !== Char.Tab && c !== Char.Semicolon) {
        break;
      }
      pos++;
    }
    this.pos = pos;
  }

  /** Moves past the statement peekInstructionShape scanned last. */
  skipPeekedStatement(): void {
    const source = this.source;
    if (this.peekedStart < 0) throw new Error("internal error: skipPeekedStatement without a peeked statement");
    let i = this.peekedStop;
    this.peekedStart = -1;
    if (this.codes[i] === Char.Hash) {
      const newline = source.indexOf("\n", i);
      i = newline < 0 ? source.length : newline;
    }
    if (i < source.length) {
      if (this.codes[i] === Char.Newline) {
        this.line++;
        this.lineStart = i + 1;
      }
      i++;
    }
    this.pos = i;
  }

  /** Returns the position of the `length` characters at `offset` in the peeked statement. */
  peekedPosition(offset: number, length: number): SourcePosition {
    return { line: this.peekedLine, column: this.peekedColumn(offset), length };
  }

  /** The line of the peeked statement. */
  get peekedLine(): number {
    if (this.peekedStart < 0) throw new Error("internal error: peekedLine without a peeked statement");
    return this.line;
  }

  /** Returns the column of the character at `offset` in the peeked statement. */
  peekedColumn(offset: number): number {
    if (this.peekedStart < 0) throw new Error("internal error: peekedColumn without a peeked statement");
    return this.peekedStart + offset - this.lineStart + 1;
  }

  /** Offset in the source of the statement the last peek method recognised. */
  get peekedStatementStart(): number {
    if (this.peekedStart < 0) throw new Error("internal error: peekedStatementStart without a peeked statement");
    return this.peekedStart;
  }

  private token(kind: AsmTokenKind, text: string, start: number, end: number, value = 0, bytes?: number[]): AsmToken {
    const length = end - start;
    return { kind, text, value, bytes, line: this.line, column: start - this.lineStart + 1, length: length > 0 ? length : 1, start };
  }

  private error(start: number, length: number, message: string): void {
    this.diagnostics.push({ file: this.file, line: this.line, column: start - this.lineStart + 1, length, severity: "error", message });
  }

  private skipBlockComment(start: number): void {
    const source = this.source;
    const n = source.length;
    const close = source.indexOf("*/", start + 2);
    const stop = close < 0 ? n : close + 2;
    if (close < 0) this.error(start, 2, "unterminated comment: add `*/`");
    for (let i = start; i < stop; i++) {
      if (source.charCodeAt(i) === Char.Newline) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.pos = stop;
  }

  /**
   * Scans the token that starts with character `c` at `start`, which is
   * not blank and starts no comment. Returns undefined, after reporting it,
   * for a character that starts no token.
   */
  private scanToken(start: number, c: number): AsmToken | undefined {
    const source = this.source;
    const n = source.length;
    let pos = start;
    let token: AsmToken;
    if (isIdentifierStart(c)) {
      pos++;
      while (pos < n && isIdentifierPart(source.charCodeAt(pos))) pos++;
      token = this.token("identifier", source.slice(start, pos), start, pos);
    } else if (isDigit(c)) {
      const number = scanNumber(source, pos);
      pos = number.end;
      if (number.error !== undefined) this.error(start, pos - start, number.error);
      token = this.token(number.kind, source.slice(start, pos), start, pos, number.value);
    } else if (c === Char.Percent && pos + 1 < n && isIdentifierStart(source.charCodeAt(pos + 1))) {
      pos += 2;
      while (pos < n && isIdentifierPart(source.charCodeAt(pos))) pos++;
      token = this.token("register", source.slice(start + 1, pos).toLowerCase(), start, pos);
    } else if (c === Char.Quote) {
      const result = scanString(source, pos);
      pos = result.end;
      if (result.error !== undefined) this.error(start, pos - start, result.error);
      token = this.token("string", source.slice(start, pos), start, pos, 0, result.bytes);
    } else if (c === Char.Apostrophe) {
      const result = scanCharacter(source, pos);
      pos = result.end;
      if (result.error !== undefined) this.error(start, Math.max(1, pos - start), result.error);
      token = this.token("number", source.slice(start, pos), start, pos, result.value);
    } else {
      return this.scanPunctuator(start);
    }
    this.pos = pos;
    return token;
  }

  private scanPunctuator(start: number): AsmToken | undefined {
    const source = this.source;
    const two = source.slice(start, start + 2);
    if (TWO_CHAR_PUNCTUATORS.has(two)) {
      this.pos = start + 2;
      return this.token("punctuator", two, start, start + 2);
    }
    const one = source[start]!;
    this.pos = start + 1;
    if (ONE_CHAR_PUNCTUATORS.has(one)) return this.token("punctuator", one, start, start + 1);
    this.error(start, 1, `unexpected character \`${one}\``);
    return undefined;
  }
}

/**
 * The text of a statement that may be an instruction, with the names in
 * its operands replaced by a placeholder, and so are some numbers.
 * Statements that differ only in those names give the same tokens but for
 * the names' text, and the same lexer diagnostics, because a name cannot
 * cause one.
 *
 * Such a statement starts with a letter and contains no string, character
 * constant or block comment. It ends at a newline, `;`, `#` comment or the
 * end of the source. Its first word is the mnemonic and stays in the key.
 * Each later identifier (a name that starts with a letter, `_` or `.`, not
 * part of a `%register` or a number) is a slot.
 *
 * A number is a number slot when it is a whole immediate or displacement.
 * It is plain decimal of up to ten digits, without a leading zero, so the
 * lexer reports nothing about it. It is outside parentheses, after `$`
 * or at the start of an operand, maybe after one `-`, and `(`, `,` or the
 * end of the statement follows it (the last two maybe after blanks), so
 * it is the operand's whole expression. Its placeholder is one character for its
 * class (see numberClass), which decides everything about the encoding
 * but the bytes of the value's field. Other numbers stay in the key.
 */
export class InstructionShape {
  /** The text last scanned, and the offset of the statement in it. */
  private text: SourceCodes = new Uint8Array(0);
  private start = 0;
  /** Length of the key: the statement's text from its first to its last non-blank character. */
  private length = 0;
  /** A hash of the key, with each slot's name counted as one `\0` and each number slot as its class character. */
  hash = 0;
  /** The number of slots. */
  slotCount = 0;
  /** The number of number slots. */
  numberCount = 0;
  /**
   * Start and end offset of each slot's name, from the statement's start,
   * two numbers per slot. Only the first 2 * slotCount numbers are current,
   * because the array is reused from scan to scan.
   */
  private readonly slotOffsets: number[] = [];
  /** The start offset of each number slot, from the statement's start, and its value with the sign before it. */
  private readonly numberOffsets: number[] = [];
  private readonly numberValues: number[] = [];
  /** Every placeholder in text order, three numbers each: its start and end offset and the character code it has in the key. */
  private readonly holes: number[] = [];
  private holeCount = 0;
  /** Offset, from the statement's start, of the newline, `;` or `#` that ends it, or of the end of the text. */
  stop = 0;

  /** Scans the statement that starts at `start`; returns false when it cannot be an instruction. */
  scan(text: SourceCodes, start: number): boolean {
    const n = text.length;
    const slots = this.slotOffsets;
    const holes = this.holes;
    let used = 0;
    let holeCount = 0;
    let numberCount = 0;
    let c = text[start]!;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
    let hash = c;
    let i = start + 1;
    for (; i < n && isIdentifierPart((c = text[i]!)); i++) hash = (Math.imul(hash, 31) + c) | 0;
    let last = i - 1;
    let context = NumberContext.Operand;
    let depth = 0;
    while (i < n) {
      c = text[i]!;
      const kind = c < 128 ? SHAPE_CHARACTERS[c]! : Shape.Reject;
      if (kind === Shape.Stop) break;
      if (kind === Shape.Reject || (c === Char.Slash && text[i + 1]! === Char.Star)) return false;
      if (kind === Shape.Name) {
        const nameStart = i;
        for (i++; i < n && isIdentifierPart(text[i]!); i++);
        slots[used++] = nameStart - start;
        slots[used++] = i - start;
        holes[holeCount++] = nameStart - start;
        holes[holeCount++] = i - start;
        holes[holeCount++] = 0;
        hash = Math.imul(hash, 31) | 0;
        last = i - 1;
        context = NumberContext.None;
        continue;
      }
      if (kind === Shape.Digit) {
        const numberStart = i;
        let value = 0;
        let decimal = true;
        for (; i < n && isIdentifierPart((c = text[i]!)); i++) {
          if (isDigit(c)) value = value * 10 + (c - Char.Zero);
          else decimal = false;
        }
        const digits = i - numberStart;
        const isSlot =
          context !== NumberContext.None &&
          depth === 0 &&
          decimal &&
          digits <= 10 &&
          (digits === 1 || text[numberStart]! !== Char.Zero) &&
          endsOperandExpression(text, i);
        if (isSlot) {
          const signed = context === NumberContext.AfterMinus ? -value : value;
          const code = NUMBER_SLOT_BASE + numberClass(signed);
          this.numberOffsets[numberCount] = numberStart - start;
          this.numberValues[numberCount++] = signed;
          holes[holeCount++] = numberStart - start;
          holes[holeCount++] = i - start;
          holes[holeCount++] = code;
          hash = (Math.imul(hash, 31) + code) | 0;
        } else {
          // The number's characters stay in the key.
          for (let k = numberStart; k < i; k++) hash = (Math.imul(hash, 31) + text[k]!) | 0;
        }
        last = i - 1;
        context = NumberContext.None;
        continue;
      }
      if (c === Char.Percent && isIdentifierStart(text[i + 1]!)) {
        // A register: its characters stay in the key.
        hash = (Math.imul(hash, 31) + c) | 0;
        for (i++; i < n && isIdentifierPart((c = text[i]!)); i++) hash = (Math.imul(hash, 31) + c) | 0;
        last = i - 1;
        context = NumberContext.None;
        continue;
      }
      hash = (Math.imul(hash, 31) + c) | 0;
      if (kind !== Shape.Blank) {
        last = i;
        if (c === Char.OpenParen) depth++;
        else if (c === Char.CloseParen) depth--;
        if (c === Char.Dollar || (c === Char.Comma && depth === 0)) context = NumberContext.Operand;
        else if (c === Char.Minus && context === NumberContext.Operand) context = NumberContext.AfterMinus;
        else context = NumberContext.None;
      }
      i++;
    }
    this.text = text;
    this.start = start;
    this.length = last + 1 - start;
    this.stop = i - start;
    // Blanks after the last non-blank character are not part of the key.
    for (let k = i - 1; k > last; k--) hash = Math.imul(hash - text[k]!, INVERSE_OF_31) | 0;
    // Kept to 30 bits, so the hash is a small integer that Map stores without boxing.
    this.hash = hash & 0x3fffffff;
    this.slotCount = used / 2;
    this.numberCount = numberCount;
    this.holeCount = holeCount;
    return true;
  }

  /** Returns the offset of slot `index`'s name from the statement's start. */
  slotStart(index: number): number {
    return this.slotOffsets[2 * index]!;
  }

  /** Returns the offset just past slot `index`'s name, from the statement's start. */
  slotEnd(index: number): number {
    return this.slotOffsets[2 * index + 1]!;
  }

  /** Returns the offset of number slot `index` from the statement's start. */
  numberStart(index: number): number {
    return this.numberOffsets[index]!;
  }

  /** Returns the value of number slot `index`, negative when a `-` comes before it. */
  numberValue(index: number): number {
    return this.numberValues[index]!;
  }

  /**
   * Returns the key: the statement's text from its first to its last
   * non-blank character, with the character `\0` for each slot's name and
   * a class character for each number slot.
   */
  key(): string {
    const { text, start, holes } = this;
    const codes: number[] = [];
    let position = start;
    for (let h = 0; h < this.holeCount; h += 3) {
      for (const end = start + holes[h]!; position < end; position++) codes.push(text[position]!);
      codes.push(holes[h + 2]!);
      position = start + holes[h + 1]!;
    }
    for (const end = start + this.length; position < end; position++) codes.push(text[position]!);
    // One flat string, which takes less memory than the array and reads as fast.
    return String.fromCharCode(...codes);
  }

  /** Tells whether the statement scanned last is all of the `length` characters from its start: no blanks or comment follow it. */
  spans(length: number): boolean {
    return this.length === length && this.stop === length;
  }

  /** Tells whether `key` is this shape's key, without building the key. */
  hasKey(key: string): boolean {
    const { text, start, holes } = this;
    let k = 0;
    let position = start;
    for (let h = 0; h <= this.holeCount; h += 3) {
      const isLast = h === this.holeCount;
      const segmentEnd = start + (isLast ? this.length : holes[h]!);
      if (k + segmentEnd - position > key.length) return false;
      for (; position < segmentEnd; position++, k++) {
        if (text[position]! !== key.charCodeAt(k)) return false;
      }
      if (isLast) break;
      if (key.charCodeAt(k) !== holes[h + 2]!) return false;
      k++;
      position = start + holes[h + 1]!;
    }
    return k === key.length;
  }
}

/** The value Lexer.peekLine returns for a statement that does not start with a letter. */
export const NOT_A_LETTER = -2;

/** Adds a 32-bit word to a line hash, as MurmurHash3 mixes each block of its input. */
function mixWord(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * Tells whether the text at `position` ends an operand's expression: `(`
 * right there (a displacement's base and index follow), or maybe after
 * blanks, a `,` or the end of the statement.
 */
function endsOperandExpression(text: SourceCodes, position: number): boolean {
  if (text[position] === Char.OpenParen) return true;
  let i = position;
  let c = text[i];
  while (c === Char.Space || c === Char.Tab) c = text[++i];
  return i >= text.length || c === Char.Comma || c === Char.Newline || c === Char.Semicolon || c === Char.Hash;
}

/** The position of InstructionShape.scan for number slots: a place a number slot may start, or the `-` of one. */
const enum NumberContext {
  None = 0,
  Operand = 1,
  AfterMinus = 2,
}

/** The first character code of the number slot classes in keys, far from any character a shape can contain. */
const NUMBER_SLOT_BASE = 0xe000;

/**
 * Returns the class of a number slot's value: one bit per test the
 * encoder makes of a constant. Values of one class take the same form
 * and fields of the same sizes, so the encoding of one gives the other's
 * once its fields are written. The tests are being 0, 1 or 3 (the `one`
 * and `three` patterns, and no displacement at all), fitting 8, 16 or 32
 * bits signed or unsigned, and fitting a sign-extended byte once taken as
 * a 16-bit or 32-bit value.
 */
export function numberClass(value: number): number {
  let bits = 0;
  if (value === 0) bits |= 1;
  if (value === 1) bits |= 2;
  if (value === 3) bits |= 4;
  if (value >= -0x80 && value < 0x100) bits |= 8;
  if (value >= -0x8000 && value < 0x10000) bits |= 16;
  if (value >= -0x80000000 && value < 0x100000000) bits |= 32;
  const low16 = ((value & 0xffff) << 16) >> 16;
  if (low16 >= -128 && low16 <= 127) bits |= 64;
  const low32 = value | 0;
  if (low32 >= -128 && low32 <= 127) bits |= 128;
  return bits;
}

/** Character classes for InstructionShape.scan, below code 128; every other character is rejected. */
const enum Shape {
  Other = 0,
  Blank = 1,
  Name = 2,
  Digit = 3,
  Stop = 4,
  Reject = 5,
}

const SHAPE_CHARACTERS: Uint8Array = (() => {
  const classes = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (c === Char.Space || c === Char.Tab) classes[c] = Shape.Blank;
    else if (isIdentifierStart(c)) classes[c] = Shape.Name;
    else if (isDigit(c)) classes[c] = Shape.Digit;
    else if (c === Char.Newline || c === Char.Semicolon || c === Char.Hash) classes[c] = Shape.Stop;
    else if (c === Char.Quote || c === Char.Apostrophe || c < 32 || c === 127) classes[c] = Shape.Reject;
  }
  return classes;
})();

/** The multiplicative inverse of 31 modulo 2^32, which undoes one step of the hash. */
const INVERSE_OF_31 = 0xbdef7bdf;

function scanNumber(source: string, start: number): { end: number; kind: AsmTokenKind; value: number; error?: string } {
  let end = start;
  while (end < source.length && isIdentifierPart(source.charCodeAt(end))) end++;
  const plain = plainNumber(source, start, end);
  if (plain !== undefined) return { end, kind: "number", value: plain };
  const text = source.slice(start, end);
  // `1b` and `1f` refer to numeric local labels; `0b101` is binary.
  if (/^[0-9]+[bf]$/.test(text)) return { end, kind: "local-ref", value: 0 };
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return { end, kind: "number", value: parseInt(text.slice(2), 16) };
  if (/^0[bB][01]+$/.test(text)) return { end, kind: "number", value: parseInt(text.slice(2), 2) };
  if (/^0[0-7]*$/.test(text)) return { end, kind: "number", value: text.length > 1 ? parseInt(text.slice(1), 8) : 0 };
  if (/^[1-9][0-9]*$/.test(text)) return { end, kind: "number", value: Number(text) };
  return { end, kind: "number", value: 0, error: `invalid number \`${text}\`` };
}

/**
 * The value of an all-digit decimal or octal number (the common case,
 * read without regular expressions), or undefined for anything else.
 */
function plainNumber(source: string, start: number, end: number): number | undefined {
  let octal = true;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (!isDigit(c)) return undefined;
    if (c > 55) octal = false;
  }
  if (source.charCodeAt(start) !== Char.Zero) return Number(source.slice(start, end));
  if (!octal) return undefined;
  return end - start > 1 ? parseInt(source.slice(start + 1, end), 8) : 0;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, "\\": 92, '"': 34, "'": 39, e: 27,
};

/** Decodes one escape sequence after a backslash at `pos - 1`. */
function scanEscape(source: string, pos: number): { value: number; end: number } {
  const c = source[pos] ?? "";
  if (c in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[c]!, end: pos + 1 };
  if (c >= "0" && c <= "7") {
    let end = pos;
    while (end < pos + 3 && source[end]! >= "0" && source[end]! <= "7") end++;
    return { value: parseInt(source.slice(pos, end), 8) & 0xff, end };
  }
  if (c === "x" || c === "X") {
    let end = pos + 1;
    while (/[0-9a-fA-F]/.test(source[end] ?? "")) end++;
    return { value: end > pos + 1 ? parseInt(source.slice(pos + 1, end), 16) & 0xff : 0, end };
  }
  return { value: source.charCodeAt(pos), end: pos + 1 };
}

function scanString(source: string, start: number): { bytes: number[]; end: number; error?: string } {
  const bytes: number[] = [];
  let pos = start + 1;
  let plainStart = pos;
  const flushPlain = (to: number): void => {
    if (to > plainStart) for (const b of encoder.encode(source.slice(plainStart, to))) bytes.push(b);
  };
  while (pos < source.length) {
    const c = source.charCodeAt(pos);
    if (c === Char.Quote) {
      flushPlain(pos);
      return { bytes, end: pos + 1 };
    }
    if (c === Char.Newline) break;
    if (c === Char.Backslash) {
      flushPlain(pos);
      const escape = scanEscape(source, pos + 1);
      bytes.push(escape.value);
      pos = escape.end;
      plainStart = pos;
      continue;
    }
    pos++;
  }
  flushPlain(pos);
  return { bytes, end: pos, error: "missing closing `\"` in string" };
}

function scanCharacter(source: string, start: number): { value: number; end: number; error?: string } {
  let pos = start + 1;
  if (pos >= source.length || source[pos] === "\n") return { value: 0, end: pos, error: "missing character after `'`" };
  let value: number;
  if (source[pos] === "\\") {
    const escape = scanEscape(source, pos + 1);
    value = escape.value;
    pos = escape.end;
  } else {
    value = source.codePointAt(pos)!;
    pos += value > 0xffff ? 2 : 1;
  }
  if (source[pos] === "'") pos++;
  return { value, end: pos };
}
