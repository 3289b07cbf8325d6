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

export interface AsmToken {
  kind: AsmTokenKind;
  /** Spelling; for registers the lowercase name without `%`, for strings the raw text with quotes. */
  text: string;
  /** Value of a number or character constant. */
  value: number;
  /** Decoded bytes of a string literal. */
  bytes?: number[];
  line: number;
  column: number;
  length: number;
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
  Underscore = 95,
}

function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === Char.Underscore || c === Char.Dot;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= Char.Zero && c <= Char.Nine) || c === Char.Dollar;
}

function isDigit(c: number): boolean {
  return c >= Char.Zero && c <= Char.Nine;
}

const TWO_CHAR_PUNCTUATORS = new Set(["<<", ">>", "<=", ">=", "==", "!=", "<>", "&&", "||"]);
// `\` appears in macro bodies (`\arg`), which are re-read after substitution.
const ONE_CHAR_PUNCTUATORS = new Set("(),:$*+-/%&|^~!<>=@\\");

const encoder = new TextEncoder();

/** Tokenizes a whole source; every statement, including the last, ends with an `end` token. */
export function tokenize(source: string, file: string, diagnostics: Diagnostic[]): AsmToken[] {
  const tokens: AsmToken[] = [];
  for (const batch of tokenizeStatements(source, file, diagnostics)) tokens.push(...batch);
  return tokens;
}

/** Tokens per batch of tokenizeStatements: large enough to amortise the batches, small enough to die young in the GC. */
const BATCH_TOKENS = 4096;

/**
 * Tokenizes a source in batches of whole statements, each batch ending
 * with an `end` token. Consuming batches as they come keeps the token
 * objects of a large source from piling up in memory.
 */
export function* tokenizeStatements(source: string, file: string, diagnostics: Diagnostic[]): Generator<AsmToken[]> {
  let tokens: AsmToken[] = [];
  let lastKind: AsmTokenKind | undefined;
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const n = source.length;

  const push = (kind: AsmTokenKind, text: string, start: number, value = 0, bytes?: number[]): void => {
    tokens.push({ kind, text, value, bytes, line, column: start - lineStart + 1, length: Math.max(1, pos - start), start });
    lastKind = kind;
  };
  const error = (start: number, length: number, message: string): void => {
    diagnostics.push({ file, line, column: start - lineStart + 1, length, severity: "error", message });
  };
  const endStatement = (start: number): void => {
    if (lastKind !== undefined && lastKind !== "end") push("end", "", start);
  };

  while (pos < n) {
    const c = source.charCodeAt(pos);
    const start = pos;
    if (c === Char.Space || c === Char.Tab || c === Char.Return || c === 12 || c === 11) {
      pos++;
    } else if (c === Char.Newline || c === Char.Semicolon) {
      endStatement(start);
      pos++;
      if (c === Char.Newline) {
        line++;
        lineStart = pos;
      }
      if (tokens.length >= BATCH_TOKENS && lastKind === "end") {
        yield tokens;
        tokens = [];
      }
    } else if (c === Char.Hash) {
      while (pos < n && source.charCodeAt(pos) !== Char.Newline) pos++;
    } else if (c === Char.Slash && source.charCodeAt(pos + 1) === Char.Star) {
      const close = source.indexOf("*/", pos + 2);
      const stop = close < 0 ? n : close + 2;
      if (close < 0) error(start, 2, "unterminated comment: add `*/`");
      for (let i = pos; i < stop; i++) {
        if (source.charCodeAt(i) === Char.Newline) {
          line++;
          lineStart = i + 1;
        }
      }
      pos = stop;
    } else if (isIdentifierStart(c)) {
      while (pos < n && isIdentifierPart(source.charCodeAt(pos))) pos++;
      push("identifier", source.slice(start, pos), start);
    } else if (isDigit(c)) {
      const number = scanNumber(source, pos);
      pos = number.end;
      if (number.error !== undefined) error(start, pos - start, number.error);
      push(number.kind, source.slice(start, pos), start, number.value);
    } else if (c === Char.Percent && pos + 1 < n && isIdentifierStart(source.charCodeAt(pos + 1))) {
      pos++;
      while (pos < n && isIdentifierPart(source.charCodeAt(pos))) pos++;
      push("register", source.slice(start + 1, pos).toLowerCase(), start);
    } else if (c === Char.Quote) {
      const result = scanString(source, pos);
      pos = result.end;
      if (result.error !== undefined) error(start, pos - start, result.error);
      push("string", source.slice(start, pos), start, 0, result.bytes);
    } else if (c === Char.Apostrophe) {
      const result = scanCharacter(source, pos);
      pos = result.end;
      if (result.error !== undefined) error(start, Math.max(1, pos - start), result.error);
      push("number", source.slice(start, pos), start, result.value);
    } else {
      const two = source.slice(pos, pos + 2);
      if (TWO_CHAR_PUNCTUATORS.has(two)) {
        pos += 2;
        push("punctuator", two, start);
      } else if (ONE_CHAR_PUNCTUATORS.has(source[pos]!)) {
        pos++;
        push("punctuator", source[start]!, start);
      } else {
        pos++;
        error(start, 1, `unexpected character \`${source[start]}\``);
      }
    }
  }
  endStatement(pos);
  if (tokens.length > 0) yield tokens;
}

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
