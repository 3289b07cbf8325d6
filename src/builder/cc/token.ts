// Tokens as the lexer makes them and the preprocessor passes them to the
// parser. Keywords stay identifiers until the parser reads them, because
// the preprocessor must treat `int` and `foo` alike. Number tokens keep
// their pp-number spelling; literals.ts turns them into values.

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, counted in UTF-16 code units of the line as the editor shows it. */
  column: number;
}

export type TokenKind = "identifier" | "number" | "char" | "string" | "punctuator" | "eof";

/**
 * A token and, as its SourceLocation fields, the place of its first
 * character. The place is stored in the token itself, not in a nested
 * object, because a large file has hundreds of thousands of tokens and each
 * object is work for the garbage collector.
 */
export interface Token extends SourceLocation {
  kind: TokenKind;
  /** The token's spelling as written (after line splices are removed). */
  text: string;
  /** Characters the token spans in its source line, for carets and markers. */
  length: number;
  /** First token on its line: the preprocessor needs it to find directives. */
  atLineStart: boolean;
  /** Whitespace precedes the token: needed for `#` stringizing and for listings. */
  hasSpaceBefore: boolean;
  /**
   * For a token produced by macro expansion, where the outermost macro was
   * invoked; diagnostics point there and add a note at the token's own place.
   */
  expandedAt?: SourceLocation;
}

const VOLATILE_SPELLINGS = new Set(["volatile", "__volatile__", "__volatile", "_Atomic"]);
const MIN_VOLATILE_LENGTH = Math.min(...[...VOLATILE_SPELLINGS].map((s) => s.length));
const MAX_VOLATILE_LENGTH = Math.max(...[...VOLATILE_SPELLINGS].map((s) => s.length));

/** Tells whether an identifier's spelling is volatile or _Atomic, in any of their spellings. */
export function spellsVolatile(text: string): boolean {
  // The length test first turns away nearly every identifier without a set lookup.
  const length = text.length;
  return length >= MIN_VOLATILE_LENGTH && length <= MAX_VOLATILE_LENGTH && VOLATILE_SPELLINGS.has(text);
}
