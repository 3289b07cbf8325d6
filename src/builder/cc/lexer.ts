// Tokenizer: C11 translation phases 1 to 3. Line splices are removed while
// scanning, so every token keeps the position of its first character in the
// text the user wrote; comments become whitespace. Keywords stay identifiers
// (see token.ts), and numbers stay pp-numbers until literals.ts reads them.
import type { Diagnostic } from "../diagnostic";
import type { Token, TokenKind } from "./token";

/**
 * A tokenized file. `problems` contains the diagnostic of each token that is
 * not valid C (an unterminated literal, a stray character). The
 * preprocessor reports it only when the token lies in an active group,
 * because text inside `#if 0` may contain a lone apostrophe or a `@`.
 */
export interface LexResult {
  tokens: Token[];
  problems: Map<Token, Diagnostic>;
  /** Diagnostics that hold in every group: an unterminated comment, a null character. */
  diagnostics: Diagnostic[];
}

/**
 * Splits `text` into tokens ending with an `eof` token, and appends every
 * diagnostic, including those of invalid tokens, to `diagnostics`.
 * Never throws.
 */
export function tokenize(file: string, text: string, diagnostics: Diagnostic[]): Token[] {
  const result = lex(file, text);
  const found = [...result.diagnostics, ...result.problems.values()];
  found.sort((a, b) => a.line - b.line || a.column - b.column);
  const reporter = new ProblemReporter(diagnostics);
  for (const diagnostic of found) reporter.report(diagnostic);
  return result.tokens;
}

/** Tokenizes `text`, keeping the problems of invalid tokens apart (see LexResult). */
export function lex(file: string, text: string): LexResult {
  return new Lexer(file, text).run();
}

/** Invalid tokens reported per file before the rest are summed up in one error. */
export const MAX_REPORTED_PROBLEMS = 100;

/** Appends diagnostics of one file, replacing the errors past MAX_REPORTED_PROBLEMS by one summary. */
export class ProblemReporter {
  private errors = 0;

  constructor(private readonly diagnostics: Diagnostic[]) {}

  report(diagnostic: Diagnostic): void {
    if (diagnostic.severity === "error") {
      this.errors++;
      if (this.errors === MAX_REPORTED_PROBLEMS + 1) {
        this.diagnostics.push({
          ...diagnostic,
          message: `too many invalid tokens in ${diagnostic.file}; the rest are not reported`,
        });
      }
      if (this.errors > MAX_REPORTED_PROBLEMS) return;
    }
    this.diagnostics.push(diagnostic);
  }
}

// Longest first, so the first match is the maximal munch. Digraphs map to
// the punctuator they stand for, so later stages never see `<:` or `%:`.
const PUNCTUATORS: readonly (readonly [string, string])[] = [
  ["%:%:", "##"],
  ["...", "..."], ["<<=", "<<="], [">>=", ">>="],
  ["->", "->"], ["++", "++"], ["--", "--"], ["<<", "<<"], [">>", ">>"],
  ["<=", "<="], [">=", ">="], ["==", "=="], ["!=", "!="], ["&&", "&&"],
  ["||", "||"], ["*=", "*="], ["/=", "/="], ["%=", "%="], ["+=", "+="],
  ["-=", "-="], ["&=", "&="], ["^=", "^="], ["|=", "|="], ["##", "##"],
  ["<:", "["], [":>", "]"], ["<%", "{"], ["%>", "}"], ["%:", "#"],
  ["[", "["], ["]", "]"], ["(", "("], [")", ")"], ["{", "{"], ["}", "}"],
  [".", "."], ["&", "&"], ["*", "*"], ["+", "+"], ["-", "-"], ["~", "~"],
  ["!", "!"], ["/", "/"], ["%", "%"], ["<", "<"], [">", ">"], ["^", "^"],
  ["|", "|"], ["?", "?"], [":", ":"], [";", ";"], ["=", "="], [",", ","],
  ["#", "#"],
];

/**
 * A node of the punctuator trie: the characters read so far spell a
 * punctuator when `meaning` is set, and `next` is indexed by the code of the
 * following character (ASCII only, since every punctuator is ASCII).
 */
interface PunctuatorNode {
  meaning: string | undefined;
  readonly next: (PunctuatorNode | undefined)[];
}

function newPunctuatorNode(): PunctuatorNode {
  return { meaning: undefined, next: new Array<PunctuatorNode | undefined>(128).fill(undefined) };
}

/** The root of the trie of PUNCTUATORS, whose `next` contains the characters that start one. */
const PUNCTUATOR_TRIE = newPunctuatorNode();
for (const [spelling, meaning] of PUNCTUATORS) {
  let node = PUNCTUATOR_TRIE;
  for (let i = 0; i < spelling.length; i++) {
    const c = spelling.charCodeAt(i);
    node = node.next[c] ??= newPunctuatorNode();
  }
  node.meaning = meaning;
}
// scanPunctuator relies on this: one character that starts a punctuator is one by itself.
for (const node of PUNCTUATOR_TRIE.next) {
  if (node !== undefined && node.meaning === undefined) throw new Error("internal error: a punctuator's first character is not a punctuator");
}

const SPLICE_PATTERN = /\\[ \t\f\v]*(?:\r\n|\n|\r)/g;

function isIdentifierStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isIdentifierChar(c: number): boolean {
  return isIdentifierStart(c) || isDigit(c);
}

function isHorizontalSpace(c: number): boolean {
  // space, \t, \v, \f, and a \r that does not end a line
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c;
}

function isNewline(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

// Classes of the ASCII characters, as bits, so that the scanning loops
// classify a character with one table load.
const IDENTIFIER_START = 1;
const DIGIT = 2;
const IDENTIFIER_CHAR = IDENTIFIER_START | DIGIT;
const HORIZONTAL_SPACE = 4;
const PUNCTUATOR_START = 8;

const CHARACTER_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  CHARACTER_CLASS[c] = (isIdentifierStart(c) ? IDENTIFIER_START : 0) | (isDigit(c) ? DIGIT : 0)
    | (isHorizontalSpace(c) ? HORIZONTAL_SPACE : 0) | (PUNCTUATOR_TRIE.next[c] !== undefined ? PUNCTUATOR_START : 0);
}

/** Makes every token, so that all tokens share one object shape. */
function newToken(
  kind: TokenKind, text: string, file: string, line: number, column: number, length: number,
  atLineStart: boolean, hasSpaceBefore: boolean,
): Token {
  return { kind, text, file, line, column, length, atLineStart, hasSpaceBefore };
}

/** Describes a character for a message: `'@'`, or `U+00E9 'é'`, or `U+0000`. */
export function describeCharacter(codePoint: number): string {
  const hex = "U+" + codePoint.toString(16).toUpperCase().padStart(4, "0");
  if (codePoint >= 0x21 && codePoint <= 0x7e) return `'${String.fromCharCode(codePoint)}'`;
  if (codePoint < 0x20 || codePoint === 0x7f || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return hex;
  return `${hex} '${String.fromCodePoint(codePoint)}'`;
}

/**
 * Shares one string among the tokens that spell the same identifier or
 * number. A large file repeats a few hundred names tens of thousands of
 * times, and the AST keeps its tokens until code generation ends. A string
 * per token would give the garbage collector that many more long-lived
 * objects to copy and mark. The table looks the characters up where they
 * stand in the source, so a spelling seen before costs no new string.
 */
class SpellingTable {
  /** Open addressing with linear probing. The capacity is a power of two. */
  private spellings: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);
  private hashes = new Int32Array(1024);
  private count = 0;

  /** Returns the string of `text` from `start` to `end`, which must contain no line splice. */
  intern(text: string, start: number, end: number): string {
    let hash = 0;
    for (let at = start; at < end; at++) hash = (Math.imul(hash, 31) + text.charCodeAt(at)) | 0;
    return this.internHashed(text, start, end, hash);
  }

  /**
   * Returns the string of `text` from `start` to `end`, as intern does, when
   * the caller has computed the characters' hash: each code multiplied into
   * it as `hash = (Math.imul(hash, 31) + code) | 0`, starting from 0.
   */
  internHashed(text: string, start: number, end: number, hash: number): string {
    const length = end - start;
    const mask = this.spellings.length - 1;
    let slot = hash & mask;
    for (;;) {
      const spelling = this.spellings[slot];
      if (spelling === undefined) break;
      if (this.hashes[slot] === hash && spelling.length === length && text.startsWith(spelling, start)) return spelling;
      slot = (slot + 1) & mask;
    }
    const spelling = text.slice(start, end);
    this.spellings[slot] = spelling;
    this.hashes[slot] = hash;
    if (++this.count * 2 > this.spellings.length) this.grow();
    return spelling;
  }

  private grow(): void {
    const oldSpellings = this.spellings;
    const oldHashes = this.hashes;
    this.spellings = new Array<string | undefined>(oldSpellings.length * 2).fill(undefined);
    this.hashes = new Int32Array(oldHashes.length * 2);
    const mask = this.spellings.length - 1;
    for (let i = 0; i < oldSpellings.length; i++) {
      const spelling = oldSpellings[i];
      if (spelling === undefined) continue;
      let slot = oldHashes[i] & mask;
      while (this.spellings[slot] !== undefined) slot = (slot + 1) & mask;
      this.spellings[slot] = spelling;
      this.hashes[slot] = oldHashes[i];
    }
  }
}

/** Slots that tokenArray allocates at most: 4 Mi slots take 32 MB. */
const MAX_PRESIZED_TOKENS = 1 << 22;

/**
 * Returns an array with room for about `expected` tokens, to be filled
 * by index from 0 and trimmed by setting `length`, because growing a large
 * array by push copies it into new memory several times. The array is a
 * released one (see releaseTokenArray) when one last held between half and
 * four times `expected` tokens, and otherwise a new one. Past
 * MAX_PRESIZED_TOKENS a new array grows as usual. The cap bounds the
 * memory that a wrong estimate wastes, and V8 (Node 20) would store an
 * array made with more than 32 Mi slots as a slow dictionary.
 */
export function tokenArray(expected: number): Token[] {
  for (let i = spareTokenArrays.length - 1; i >= 0; i--) {
    const spare = spareTokenArrays[i];
    if (spare.length >= expected >> 1 && spare.length <= expected * 4) {
      spareTokenArrays.splice(i, 1);
      return spare;
    }
  }
  return new Array<Token>(Math.min(expected, MAX_PRESIZED_TOKENS));
}

/**
 * Cleared arrays from releaseTokenArray, which tokenArray hands out again.
 * In a micro-benchmark on Node 20, a new array of 258,000 slots took 1.1
 * to 1.9 ms and clearing an old one 0.2 ms. The playground's worker and
 * `ukp build` compile many files in one process, often of similar sizes.
 */
const spareTokenArrays: Token[][] = [];
/** One for the main file's lexer and one for the preprocessor's output. */
const MAX_SPARE_TOKEN_ARRAYS = 2;
/** Smaller arrays are cheap to allocate and are not kept. */
const MIN_SPARE_TOKENS = 4096;
/** Larger arrays are not kept, which bounds the memory that spares hold between compiles. */
const MAX_SPARE_TOKENS = 1 << 20;

/**
 * Gives a token array from tokenArray back for reuse. The caller must not
 * read or write it afterwards. It is cleared here, so that it keeps no
 * tokens alive until its next use.
 */
export function releaseTokenArray(tokens: Token[]): void {
  if (tokens.length < MIN_SPARE_TOKENS || tokens.length > MAX_SPARE_TOKENS || spareTokenArrays.includes(tokens)) return;
  tokens.fill(undefined as unknown as Token);
  if (spareTokenArrays.length === MAX_SPARE_TOKEN_ARRAYS) spareTokenArrays.shift();
  spareTokenArrays.push(tokens);
}

class Lexer {
  /** Tokens so far, in an array sized at half the text length, which is rarely too small because C averages more than two characters per token. */
  private readonly tokens: Token[];
  private tokenCount = 0;
  private readonly problems = new Map<Token, Diagnostic>();
  private readonly spellings = new SpellingTable();
  private readonly diagnostics: Diagnostic[] = [];
  /** Raw offset of the next character; always past any line splice. */
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** Raw offset up to which `line` and `lineStart` are counted. */
  private countedTo = 0;
  private atLineStart = true;
  private hasSpaceBefore = false;
  private nullCharacterReported = false;
  /** Offset of the first splice with blanks between the backslash and the newline, or -1. */
  private firstSpacedSplice = -1;
  /** Offset of the backslash of the last splice skipped, or -1: a token starting after it contains none. */
  private lastSpliceAt = -1;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    this.tokens = tokenArray((text.length >> 1) + 1);
  }

  run(): LexResult {
    this.pos = this.skipSplices(0);
    while (this.pos < this.text.length) this.scanNext();
    const eof = this.makeToken("eof", this.text.length, this.text.length);
    eof.length = 0;
    this.tokens[this.tokenCount++] = eof;
    this.tokens.length = this.tokenCount;
    this.warnAboutSpacedSplice();
    return { tokens: this.tokens, problems: this.problems, diagnostics: this.diagnostics };
  }

  /** Character code at raw offset `at`, or -1 past the end. */
  private charAt(at: number): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  /** Skips backslash-newline sequences starting at `at`; returns the next real offset. */
  private skipSplices(at: number): number {
    const text = this.text;
    while (text.charCodeAt(at) === 0x5c) {
      let next = at + 1;
      while (isHorizontalSpace(text.charCodeAt(next))) next++;
      const spaced = next > at + 1;
      const c = text.charCodeAt(next);
      if (c === 0x0a) next++;
      else if (c === 0x0d) next += text.charCodeAt(next + 1) === 0x0a ? 2 : 1;
      else return at;
      if (spaced && (this.firstSpacedSplice < 0 || at < this.firstSpacedSplice)) this.firstSpacedSplice = at;
      this.lastSpliceAt = Math.max(this.lastSpliceAt, at);
      at = next;
    }
    return at;
  }

  /** Returns the offset of the character after the one at `at`, past any splice. */
  private advance(at: number): number {
    return this.skipSplices(at + 1);
  }

  /**
   * Scans what starts at `pos`: a token, a run of blanks, a newline or a
   * comment. The common cases, which contain no line splice, take the
   * loops here: each reads every character once, with no splice check per
   * character. The rest go to scanGeneral, which checks for splices after
   * each character. A token's fast path hands the token to scanGeneral,
   * having changed no state, when a backslash (which may start a splice)
   * follows or interrupts it. Blanks, newlines and line comments skip
   * splices themselves.
   */
  private scanNext(): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const characterClass = c < 0x80 ? CHARACTER_CLASS[c] : 0;
    if ((characterClass & IDENTIFIER_START) !== 0) {
      if (this.scanPlainIdentifier(start, c)) return;
    } else if ((characterClass & HORIZONTAL_SPACE) !== 0) {
      this.skipBlanks(start);
      return;
    } else if (c === 0x0a || c === 0x0d) {
      this.skipNewline(start, c);
      return;
    } else if ((characterClass & DIGIT) !== 0) {
      if (this.scanPlainNumber(start)) return;
    } else if ((characterClass & PUNCTUATOR_START) !== 0) {
      const next = start + 1 < text.length ? text.charCodeAt(start + 1) : -1;
      if (c === 0x2f && next === 0x2f) {
        this.skipLineComment(start);
        return;
      }
      const startsOther = (c === 0x2f && next === 0x2a) || (c === 0x2e && isDigit(next));
      if (!startsOther && this.scanPlainPunctuator(start, c)) return;
    }
    this.scanGeneral(start);
  }

  /**
   * Scans an identifier with no splice in or right after it, and returns
   * false (having changed nothing) for any other one, or for the prefix of
   * a literal such as `L'x'`.
   */
  private scanPlainIdentifier(start: number, first: number): boolean {
    const text = this.text;
    const length = text.length;
    let at = start + 1;
    let hash = first;
    while (at < length) {
      const c = text.charCodeAt(at);
      if (c >= 0x80 || (CHARACTER_CLASS[c] & IDENTIFIER_CHAR) === 0) break;
      hash = (Math.imul(hash, 31) + c) | 0;
      at++;
    }
    if (at < length) {
      const c = text.charCodeAt(at);
      if (c === 0x5c) return false;
      if ((c === 0x22 || c === 0x27) && at - start <= 2 && this.literalQuoteAfterPrefix(start) >= 0) return false;
    }
    this.pos = at;
    this.pushPlain("identifier", this.spellings.internHashed(text, start, at, hash), start, at);
    return true;
  }

  /** Scans a pp-number as scanNumber does, and returns false (having changed nothing) when a backslash ends it. */
  private scanPlainNumber(start: number): boolean {
    const text = this.text;
    const length = text.length;
    let at = start;
    let hash = 0;
    let previous = 0;
    while (at < length) {
      const c = text.charCodeAt(at);
      const lowerPrevious = previous | 0x20;
      const isExponentSign = (c === 0x2b || c === 0x2d) && (lowerPrevious === 0x65 || lowerPrevious === 0x70);
      if (!((c < 0x80 && (CHARACTER_CLASS[c] & IDENTIFIER_CHAR) !== 0) || c === 0x2e || isExponentSign)) break;
      hash = (Math.imul(hash, 31) + c) | 0;
      previous = c;
      at++;
    }
    if (at < length && text.charCodeAt(at) === 0x5c) return false;
    this.pos = at;
    this.pushPlain("number", this.spellings.internHashed(text, start, at, hash), start, at);
    return true;
  }

  /**
   * Scans the longest punctuator at `start` as scanPunctuator does, and
   * returns false (having changed nothing) when a backslash ends the
   * characters that could continue it.
   */
  private scanPlainPunctuator(start: number, first: number): boolean {
    const text = this.text;
    const length = text.length;
    let node = PUNCTUATOR_TRIE.next[first]!;
    let meaning = node.meaning!;
    let at = start + 1;
    let end = at;
    while (at < length) {
      const c = text.charCodeAt(at);
      if (c === 0x5c) return false;
      const child = c < 0x80 ? node.next[c] : undefined;
      if (child === undefined) break;
      node = child;
      at++;
      if (node.meaning !== undefined) {
        meaning = node.meaning;
        end = at;
      }
    }
    this.pos = end;
    this.pushPlain("punctuator", meaning, start, end);
    return true;
  }

  /** Skips blanks from `start` up to the next other character or splice. */
  private skipBlanks(start: number): void {
    const text = this.text;
    const length = text.length;
    let at = start + 1;
    while (at < length) {
      const c = text.charCodeAt(at);
      if (c >= 0x80 || (CHARACTER_CLASS[c] & HORIZONTAL_SPACE) === 0) break;
      at++;
    }
    // Blanks contain no newline, so the lines counted so far stay right.
    if (this.countedTo === start) this.countedTo = at;
    this.pos = text.charCodeAt(at) === 0x5c ? this.skipSplices(at) : at;
    this.hasSpaceBefore = true;
  }

  /** Skips the newline at `start`, `c` being its first character, and counts it when all lines before it are counted. */
  private skipNewline(start: number, c: number): void {
    const text = this.text;
    let after = start + 1;
    if (c === 0x0d && text.charCodeAt(after) === 0x0a) after++;
    if (this.countedTo === start) {
      this.line++;
      this.lineStart = after;
      this.countedTo = after;
    }
    this.pos = text.charCodeAt(after) === 0x5c ? this.skipSplices(after) : after;
    this.atLineStart = true;
    this.hasSpaceBefore = false;
  }

  /** Skips a `//` comment at `start` up to its newline, which line splices push further. */
  private skipLineComment(start: number): void {
    const text = this.text;
    const length = text.length;
    let at = start + 2;
    while (at < length) {
      const c = text.charCodeAt(at);
      if (c === 0x0a || c === 0x0d) break;
      if (c === 0x5c) {
        const next = this.skipSplices(at);
        if (next !== at) {
          at = next;
          continue;
        }
      }
      at++;
    }
    if (this.countedTo === start && this.lastSpliceAt < start) this.countedTo = at;
    this.pos = at;
    this.hasSpaceBefore = true;
  }

  /** Scans what starts at `start`, checking for line splices after every character. */
  private scanGeneral(start: number): void {
    const c = this.text.charCodeAt(start);

    if (isNewline(c)) {
      this.pos = this.advance(c === 0x0d && this.charAt(start + 1) === 0x0a ? start + 1 : start);
      this.atLineStart = true;
      this.hasSpaceBefore = false;
      return;
    }
    if (isHorizontalSpace(c)) {
      this.pos = this.advance(start);
      this.hasSpaceBefore = true;
      return;
    }
    if (c === 0) {
      if (!this.nullCharacterReported) {
        this.report(this.diagnostics, start, 1, "warning", "null character ignored");
        this.nullCharacterReported = true;
      }
      this.pos = this.advance(start);
      this.hasSpaceBefore = true;
      return;
    }
    if (c === 0x2f && this.scanComment(start)) return;

    if (isDigit(c) || (c === 0x2e && isDigit(this.charAt(this.advance(start))))) {
      this.pos = this.scanNumber(start);
      this.push("number", start);
      return;
    }
    const quote = this.literalQuoteAfterPrefix(start);
    if (quote >= 0) {
      this.scanQuoted(start, quote);
      return;
    }
    if (isIdentifierStart(c)) {
      let at = this.advance(start);
      while (isIdentifierChar(this.charAt(at))) at = this.advance(at);
      this.pos = at;
      this.push("identifier", start);
      return;
    }
    if (c < 0x80 && PUNCTUATOR_TRIE.next[c] !== undefined) {
      this.scanPunctuator(start);
      return;
    }
    this.scanInvalid(start);
  }

  /** Scans `//` or `/*` at `start`; returns false when `/` starts no comment. */
  private scanComment(start: number): boolean {
    const second = this.advance(start);
    const c = this.charAt(second);
    if (c === 0x2f) {
      let at = this.advance(second);
      while (at < this.text.length && !isNewline(this.text.charCodeAt(at))) at = this.advance(at);
      this.pos = at;
      this.hasSpaceBefore = true;
      return true;
    }
    if (c !== 0x2a) return false;

    // The closing `*/` may itself be split by a line splice, so scan it
    // character by character instead of with indexOf.
    let at = this.advance(second);
    let previous = -1;
    while (at < this.text.length) {
      const current = this.text.charCodeAt(at);
      at = this.advance(at);
      if (previous === 0x2a && current === 0x2f) {
        this.pos = at;
        this.hasSpaceBefore = true;
        return true;
      }
      previous = current;
    }
    this.report(this.diagnostics, start, 2, "error", "unterminated comment");
    this.pos = this.text.length;
    return true;
  }

  /** Scans a pp-number (digits, letters, `_`, `.`, and a sign after e, E, p or P); returns its end. */
  private scanNumber(start: number): number {
    let at = start;
    let previous = 0;
    for (;;) {
      const c = this.charAt(at);
      const lowerPrevious = previous | 0x20;
      const isExponentSign = (c === 0x2b || c === 0x2d) && (lowerPrevious === 0x65 || lowerPrevious === 0x70);
      if (!(isIdentifierChar(c) || c === 0x2e || isExponentSign)) return at;
      previous = c;
      at = this.advance(at);
    }
  }

  /**
   * Returns the offset of the opening quote when a char or string literal
   * starts at `start`, with an optional `L`, `u`, `U` or (strings only)
   * `u8` prefix; otherwise -1.
   */
  private literalQuoteAfterPrefix(start: number): number {
    const c = this.text.charCodeAt(start);
    if (c === 0x22 || c === 0x27) return start;
    if (c !== 0x4c && c !== 0x75 && c !== 0x55) return -1;
    let at = this.advance(start);
    if (c === 0x75 && this.charAt(at) === 0x38) {
      at = this.advance(at);
      return this.charAt(at) === 0x22 ? at : -1;
    }
    const quote = this.charAt(at);
    return quote === 0x22 || quote === 0x27 ? at : -1;
  }

  private scanQuoted(start: number, quoteAt: number): void {
    const quote = this.text.charCodeAt(quoteAt);
    let at = this.advance(quoteAt);
    for (;;) {
      const c = this.charAt(at);
      if (c === -1 || isNewline(c)) {
        this.pos = at;
        const token = this.push(quote === 0x22 ? "string" : "char", start);
        const which = quote === 0x22 ? '"' : "'";
        this.problems.set(token, this.diagnosticAt(start, token.length, "error", `missing terminating ${which} character`));
        return;
      }
      at = this.advance(at);
      if (c === quote) break;
      if (c === 0x5c && at < this.text.length && !isNewline(this.text.charCodeAt(at))) at = this.advance(at);
    }
    this.pos = at;
    this.push(quote === 0x22 ? "string" : "char", start);
  }

  /**
   * Scans the longest punctuator at `start`, whose first character starts
   * one: it walks the trie and keeps the last node that spells a punctuator.
   */
  private scanPunctuator(start: number): void {
    let node = PUNCTUATOR_TRIE.next[this.text.charCodeAt(start)]!;
    let at = this.advance(start);
    let meaning = node.meaning!;
    let end = at;
    for (;;) {
      const c = this.charAt(at);
      const child = c >= 0 && c < 0x80 ? node.next[c] : undefined;
      if (child === undefined) break;
      node = child;
      at = this.advance(at);
      if (node.meaning !== undefined) {
        meaning = node.meaning;
        end = at;
      }
    }
    this.pos = end;
    this.push("punctuator", start, end, meaning);
  }

  /** Makes one token of a run of characters that start no token, and records one problem for it. */
  private scanInvalid(start: number): void {
    const first = this.text.codePointAt(start) ?? 0;
    let at = start;
    do {
      at = this.skipSplices(at + (this.text.codePointAt(at)! > 0xffff ? 2 : 1));
    } while (at < this.text.length && this.startsNoToken(at));
    const token = this.push("punctuator", start, at);
    this.pos = at;
    const message = first >= 0x80 && !(first >= 0xd800 && first <= 0xdfff)
      ? `invalid character ${describeCharacter(first)} in program; only ASCII is allowed outside comments and literals`
      : `invalid character ${describeCharacter(first)} in program`;
    this.problems.set(token, this.diagnosticAt(start, token.length, "error", message));
  }

  private startsNoToken(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return c >= 0x80 || c === 0x40 || c === 0x60 || c === 0x5c;
  }

  /**
   * Appends a token that spans `start` to `end` with no line splice, whose
   * spelling is `text`. Such a token contains no newline either, so when
   * the lines are counted up to its start they stay counted up to its end.
   */
  private pushPlain(kind: TokenKind, text: string, start: number, end: number): void {
    if (this.countedTo !== start) this.countLinesTo(start);
    this.countedTo = end;
    this.tokens[this.tokenCount++] = newToken(
      kind, text, this.file, this.line, start - this.lineStart + 1, end - start, this.atLineStart, this.hasSpaceBefore,
    );
    this.atLineStart = false;
    this.hasSpaceBefore = false;
  }

  /** Appends a token; `text` replaces the spelling (a punctuator's, where a digraph stands for another). */
  private push(kind: TokenKind, start: number, end = this.pos, text?: string): Token {
    const token = this.makeToken(kind, start, end, text);
    this.tokens[this.tokenCount++] = token;
    this.atLineStart = false;
    this.hasSpaceBefore = false;
    return token;
  }

  private makeToken(kind: TokenKind, start: number, end: number, text?: string): Token {
    this.countLinesTo(start);
    let length = end - start;
    // Only a line splice can make a token span lines. Then the caret covers
    // the token's characters before the first splice.
    if (this.lastSpliceAt >= start) {
      const raw = this.text.slice(start, end);
      text ??= raw.replace(SPLICE_PATTERN, "");
      SPLICE_PATTERN.lastIndex = 0;
      const splice = raw.search(SPLICE_PATTERN);
      if (splice >= 0) length = Math.max(1, splice);
    }
    if (text === undefined) {
      text = kind === "identifier" || kind === "number" ? this.spellings.intern(this.text, start, end) : this.text.slice(start, end);
    }
    return newToken(kind, text, this.file, this.line, start - this.lineStart + 1, length, this.atLineStart, this.hasSpaceBefore);
  }

  /** Moves the line counter forward to raw offset `to`, which never decreases. */
  private countLinesTo(to: number): void {
    const text = this.text;
    for (let at = this.countedTo; at < to; at++) {
      const c = text.charCodeAt(at);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(at + 1) !== 0x0a)) {
        this.line++;
        this.lineStart = at + 1;
      }
    }
    this.countedTo = Math.max(this.countedTo, to);
  }

  private diagnosticAt(start: number, length: number, severity: Diagnostic["severity"], message: string): Diagnostic {
    this.countLinesTo(start);
    return { file: this.file, line: this.line, column: start - this.lineStart + 1, length: Math.max(1, length), severity, message };
  }

  private report(into: Diagnostic[], start: number, length: number, severity: Diagnostic["severity"], message: string): void {
    into.push(this.diagnosticAt(start, length, severity, message));
  }

  /** Warns once per file, at the first splice with blanks before its newline. */
  private warnAboutSpacedSplice(): void {
    const offset = this.firstSpacedSplice;
    if (offset < 0) return;
    let line = 1;
    let lineStart = 0;
    for (let at = 0; at < offset; at++) {
      const c = this.text.charCodeAt(at);
      if (c === 0x0a || (c === 0x0d && this.text.charCodeAt(at + 1) !== 0x0a)) {
        line++;
        lineStart = at + 1;
      }
    }
    this.diagnostics.push({
      file: this.file, line, column: offset - lineStart + 1, length: 1,
      severity: "warning", message: "backslash and newline separated by space",
    });
  }
}
