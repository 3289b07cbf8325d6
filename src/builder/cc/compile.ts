// Parsing and code generation of preprocessed tokens, apart from the
// preprocessor so that tests can compile token lists directly.
import type { Diagnostic } from "../diagnostic";
import { emitProgram } from "./codegen/program";
import { CompileStopped, Reporter } from "./errors";
import { parseProgram } from "./parse/toplevel";
import type { OptimizeLevel } from "./index";
import type { Token } from "./token";

const VOLATILE_SPELLINGS = new Set(["volatile", "__volatile__", "__volatile", "_Atomic"]);

/**
 * Parses `tokens` and generates assembly, appending diagnostics. Returns ""
 * when there are errors. `sources` holds each file's lines for the
 * `# file:line: text` comments of the listing; `optimize` picks the back end.
 */
export function compileTokens(tokens: Token[], diagnostics: Diagnostic[], sources: Record<string, string[]> = {},
  optimize: OptimizeLevel = 0,
): string {
  const reporter = new Reporter(diagnostics);
  const program = parseProgram(tokens, reporter);
  if (reporter.errorCount > 0) return "";
  // The types do not carry qualifiers, so the optimiser may merge memory accesses only in a file that never uses volatile.
  // The -O0 generator never merges them, so -O0 skips this pass over every token.
  const plainMemory = optimize !== 0 && !tokens.some((t) => t.kind === "identifier" && VOLATILE_SPELLINGS.has(t.text));
  try {
    return emitProgram(program, reporter, sources, optimize, plainMemory);
  } catch (e) {
    if (e instanceof CompileStopped) return "";
    throw e;
  }
}
