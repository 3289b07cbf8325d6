// Parsing and code generation of preprocessed tokens, apart from the
// preprocessor so that tests can compile token lists directly.
import type { Diagnostic } from "../diagnostic";
import type { Program } from "./ast";
import { emitProgram } from "./codegen/program";
import { CompileStopped, Reporter } from "./errors";
import { parseProgram } from "./parse/toplevel";
import type { OptimizeLevel } from "./index";
import { spellsVolatile, type Token } from "./token";

/** A parsed translation unit and what the back end needs to know about its tokens. */
export interface ParsedUnit {
  program: Program;
  reporter: Reporter;
  /** True when no token spells volatile or _Atomic, so the optimiser may merge memory accesses. */
  plainMemory: boolean;
}

/**
 * Parses `tokens` and generates assembly, appending diagnostics. Returns ""
 * when there are errors. `sources` holds each file's lines for the
 * `# file:line: text` comments of the listing; `optimize` picks the back end.
 */
export function compileTokens(tokens: Token[], diagnostics: Diagnostic[], sources: Record<string, string[]> = {},
  optimize: OptimizeLevel = 0,
): string {
  const unit = parseTokens(tokens, diagnostics, optimize);
  return unit ? emitUnit(unit, sources, optimize) : "";
}

/**
 * Parses `tokens` into a program, appending diagnostics, and returns
 * undefined when there are errors. `volatile`, when the caller has it,
 * is whether an identifier token spells volatile or _Atomic; otherwise
 * the tokens are searched. The result does not refer to the token
 * array, so once the caller drops its own reference, the tokens that no AST
 * node refers to can be collected before code generation.
 */
export function parseTokens(tokens: Token[], diagnostics: Diagnostic[], optimize: OptimizeLevel, volatile?: boolean): ParsedUnit | undefined {
  const reporter = new Reporter(diagnostics);
  const program = parseProgram(tokens, reporter);
  if (reporter.errorCount > 0) return undefined;
  // The types do not carry qualifiers, so the optimiser may merge memory accesses only in a file that never uses volatile.
  // The -O0 generator never merges them, so -O0 skips the search.
  const plainMemory = optimize !== 0 && !(volatile ?? hasVolatileToken(tokens));
  return { program, reporter, plainMemory };
}

/** Tells whether an identifier token spells volatile or _Atomic. */
function hasVolatileToken(tokens: Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "identifier" && spellsVolatile(t.text)) return true;
  }
  return false;
}

/** Generates assembly for a unit from parseTokens, appending diagnostics. Returns "" when code generation stops on an error. */
export function emitUnit(unit: ParsedUnit, sources: Record<string, string[]>, optimize: OptimizeLevel): string {
  try {
    return emitProgram(unit.program, unit.reporter, sources, optimize, unit.plainMemory);
  } catch (e) {
    if (e instanceof CompileStopped) return "";
    throw e;
  }
}
