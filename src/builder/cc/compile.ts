// Parsing and code generation of preprocessed tokens, apart from the
// preprocessor so that tests can compile token lists directly.
import type { Diagnostic } from "../diagnostic";
import { emitProgram } from "./codegen/program";
import { CompileStopped, Reporter } from "./errors";
import { parseProgram } from "./parse/toplevel";
import type { OptimizeLevel } from "./index";
import type { Token } from "./token";

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
  try {
    return emitProgram(program, reporter, sources, optimize);
  } catch (e) {
    if (e instanceof CompileStopped) return "";
    throw e;
  }
}
