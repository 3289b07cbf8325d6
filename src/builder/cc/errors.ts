// Diagnostics of the parser and code generator. Errors point at a token; a
// token that came from a macro expansion points at the invocation and adds a
// note at the macro body. After MAX_ERRORS errors the compile stops; after
// MAX_WARNINGS warnings the rest are counted but not reported.
import type { Diagnostic, Severity } from "../diagnostic";
import type { Token } from "./token";

export const MAX_ERRORS = 20;
export const MAX_WARNINGS = 50;

/** Thrown after a syntax error so that the parser skips to the next `;` or `}`. */
export class SyntaxRecovery extends Error {}

/** Thrown when MAX_ERRORS is reached or a compiler bug is found; ends the compile. */
export class CompileStopped extends Error {}

export class Reporter {
  readonly diagnostics: Diagnostic[];
  private errors = 0;
  private warnings = 0;

  constructor(diagnostics: Diagnostic[]) {
    this.diagnostics = diagnostics;
  }

  get errorCount(): number {
    return this.errors;
  }

  error(tok: Token, message: string): void {
    this.report(tok, "error", message);
    this.errors++;
    if (this.errors >= MAX_ERRORS) {
      this.diagnostics.push(at(tok, "error", `too many errors (${MAX_ERRORS}), stopping now`));
      throw new CompileStopped();
    }
  }

  warning(tok: Token, message: string): void {
    this.warnings++;
    if (this.warnings <= MAX_WARNINGS) this.report(tok, "warning", message);
    else if (this.warnings === MAX_WARNINGS + 1) {
      this.report(tok, "note", `too many warnings (${MAX_WARNINGS}); further warnings are not shown`);
    }
  }

  /** Reports a syntax error and unwinds to the nearest recovery point. */
  fail(tok: Token, message: string): never {
    this.error(tok, message);
    throw new SyntaxRecovery();
  }

  /** Reports a compiler bug found at `tok` and stops the compile. */
  internalError(tok: Token, message: string): never {
    this.report(tok, "error", `internal compiler error: ${message}`);
    this.errors++;
    throw new CompileStopped();
  }

  private report(tok: Token, severity: Severity, message: string): void {
    this.diagnostics.push(at(tok, severity, message));
  }
}

function at(tok: Token, severity: Severity, message: string): Diagnostic {
  if (tok.expandedAt) {
    const where = tok.expandedAt;
    const note: Diagnostic = {
      file: tok.file,
      line: tok.line,
      column: tok.column,
      length: Math.max(1, tok.length),
      severity: "note",
      message: "in expansion of macro here",
    };
    return { file: where.file, line: where.line, column: where.column, length: 1, severity, message, notes: [note] };
  }
  return {
    file: tok.file,
    line: tok.line,
    column: tok.column,
    length: Math.max(1, tok.length),
    severity,
    message,
  };
}
