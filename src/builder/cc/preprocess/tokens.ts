// Token helpers shared by the preprocessor's parts.
import type { Diagnostic, Severity } from "../../diagnostic";
import type { SourceLocation, Token } from "../token";

/**
 * A token inside the preprocessor. The hideset lists the macros whose
 * expansion produced the token. A name in its own hideset is never
 * expanded again, so self-referential macros do not loop (Prosser's
 * algorithm, which implements C11 6.10.3.4p2).
 */
export interface PPToken extends Token {
  hideset?: Hideset;
  /**
   * The lexer's diagnostic for a character that starts no C token, such as
   * `@`. Such a token may still be stringized, so it is reported only if it
   * reaches the parser's output.
   */
  invalid?: Diagnostic;
}

/** A source of unexpanded tokens that expansion results can be pushed back onto. */
export interface TokenSource {
  /** Returns the next token, or an `eof` token (repeatedly) at the end. */
  next(): PPToken;
  /** Pushes tokens back so that `next` returns them first, in order. */
  unread(tokens: readonly PPToken[]): void;
}

/** A TokenSource over a fixed list, used for macro arguments and directive lines. */
export class ArraySource implements TokenSource {
  /** Tokens pushed back, in reverse order so that pop returns the first. */
  private readonly pending: PPToken[] = [];
  private pos = 0;

  constructor(
    private readonly tokens: readonly PPToken[],
    private readonly eof: PPToken,
  ) {}

  next(): PPToken {
    if (this.pending.length > 0) return this.pending.pop()!;
    if (this.pos < this.tokens.length) return this.tokens[this.pos++];
    return this.eof;
  }

  unread(tokens: readonly PPToken[]): void {
    for (let i = tokens.length - 1; i >= 0; i--) this.pending.push(tokens[i]);
  }
}

export function isPunctuator(tok: Token, text: string): boolean {
  return tok.kind === "punctuator" && tok.text === text;
}

export function isIdentifier(tok: Token, text?: string): boolean {
  return tok.kind === "identifier" && (text === undefined || tok.text === text);
}

/**
 * An immutable set of macro names. Sets are interned along the order names
 * are added, so the tokens of one expansion share one object and adding a
 * name that was added before costs a map lookup.
 */
export class Hideset {
  static readonly EMPTY = new Hideset(new Set());
  private readonly extensions = new Map<string, Hideset>();

  private constructor(private readonly names: ReadonlySet<string>) {}

  has(name: string): boolean {
    return this.names.has(name);
  }

  with(name: string): Hideset {
    if (this.names.has(name)) return this;
    let extended = this.extensions.get(name);
    if (extended === undefined) {
      extended = new Hideset(new Set(this.names).add(name));
      this.extensions.set(name, extended);
    }
    return extended;
  }

  union(other: Hideset | undefined): Hideset {
    let result: Hideset = this;
    if (other !== undefined && other !== this) for (const name of other.names) result = result.with(name);
    return result;
  }

  intersection(other: Hideset | undefined): Hideset {
    let result = Hideset.EMPTY;
    if (other !== undefined) for (const name of this.names) if (other.has(name)) result = result.with(name);
    return result;
  }
}

/**
 * Makes a diagnostic for `tok`. A token made by macro expansion is reported
 * at the macro invocation, with a note at the token's place in the macro
 * definition.
 */
export function diagnosticAt(tok: Token, severity: Severity, message: string, notes?: Diagnostic[]): Diagnostic {
  const where: SourceLocation = tok.expandedAt ?? tok;
  const diagnostic: Diagnostic = {
    file: where.file,
    line: where.line,
    column: where.column,
    length: tok.expandedAt ? 1 : Math.max(1, tok.length),
    severity,
    message,
  };
  const allNotes = [...(notes ?? [])];
  if (tok.expandedAt) {
    allNotes.unshift({
      file: tok.file, line: tok.line, column: tok.column, length: Math.max(1, tok.length),
      severity: "note", message: "expanded from the macro definition here",
    });
  }
  if (allNotes.length > 0) diagnostic.notes = allNotes;
  return diagnostic;
}

/** Makes a note that points at `tok`, for example at a previous definition. */
export function noteAt(tok: Token, message: string): Diagnostic {
  return { file: tok.file, line: tok.line, column: tok.column, length: Math.max(1, tok.length), severity: "note", message };
}

/** Renders tokens as they would be written on one line, for messages and header names. */
export function joinTokens(tokens: readonly Token[]): string {
  let text = "";
  tokens.forEach((tok, index) => {
    if (index > 0 && (tok.hasSpaceBefore || tok.atLineStart)) text += " ";
    text += tok.text;
  });
  return text;
}

/**
 * Strips the preprocessor's bookkeeping, leaving a plain Token. A token
 * without any, such as one straight from the lexer, is returned as is:
 * no stage changes a token after the lexer makes it.
 */
export function toPlainToken(tok: PPToken): Token {
  if (tok.hideset === undefined && tok.invalid === undefined) return tok;
  const plain: Token = {
    kind: tok.kind,
    text: tok.text,
    file: tok.file,
    line: tok.line,
    column: tok.column,
    length: tok.length,
    atLineStart: tok.atLineStart,
    hasSpaceBefore: tok.hasSpaceBefore,
  };
  if (tok.expandedAt) plain.expandedAt = tok.expandedAt;
  return plain;
}
