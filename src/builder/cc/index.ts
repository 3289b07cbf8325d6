// The C compiler's entry point: preprocess, parse into a typed AST, and
// generate i386 assembly in GNU AT&T syntax, as `gcc -S -m32` does.
import type { Diagnostic } from "../diagnostic";
import { hasErrors } from "../diagnostic";
import { compileTokens, emitUnit, parseTokens, type ParsedUnit } from "./compile";
import { releaseTokenArray } from "./lexer";
import { preprocessUnit } from "./preprocess";

export { compileTokens };

export interface CompileRequest {
  /** The `.c` file to compile; a key of `files`. */
  fileName: string;
  /** The app's sources and headers by name. */
  files: Record<string, string>;
  /** Library OS headers by name relative to its include directory. */
  headers: Record<string, string>;
  /**
   * 0: the direct stack-machine code generator (gcc -O0's shape); 1 and 2:
   * the optimising back end (register allocation and the IR passes; 2 adds
   * the passes that cost more compile time). Default 0, as with gcc.
   */
  optimize?: OptimizeLevel;
}

export type OptimizeLevel = 0 | 1 | 2;

export interface CompileResult {
  /** GNU assembler text; empty when there are errors. */
  assembly: string;
  diagnostics: Diagnostic[];
}

/** Compiles one C file to assembly. Never throws: compiler bugs become "internal compiler error" diagnostics. */
export function compileToAssembly(request: CompileRequest): CompileResult {
  const diagnostics: Diagnostic[] = [];
  try {
    const unit = preprocessAndParse(request, diagnostics);
    if (!unit) return { assembly: "", diagnostics };
    const assembly = emitUnit(unit, sourceLines(request), request.optimize ?? 0);
    return { assembly: hasErrors(diagnostics) ? "" : assembly, diagnostics };
  } catch (e) {
    // UKP_DEBUG=1 in Node lets a compiler bug escape with its stack trace.
    if ((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.UKP_DEBUG) throw e;
    diagnostics.push(internalErrorDiagnostic(request.fileName, e));
    return { assembly: "", diagnostics };
  }
}

/**
 * Preprocesses and parses the request's file, and returns undefined on errors.
 * The token array lives only in this frame and is released for reuse
 * before it returns, so the tokens that no AST node refers to (most header
 * tokens) can be collected before code generation starts.
 */
function preprocessAndParse(request: CompileRequest, diagnostics: Diagnostic[]): ParsedUnit | undefined {
  const { tokens, volatile } = preprocessUnit(request.fileName, request.files, request.headers, diagnostics);
  const unit = hasErrors(diagnostics) ? undefined : parseTokens(tokens, diagnostics, request.optimize ?? 0, volatile);
  releaseTokenArray(tokens);
  return unit;
}

function sourceLines(request: CompileRequest): Record<string, string[]> {
  const lines: Record<string, string[]> = {};
  for (const [name, text] of Object.entries(request.files)) lines[name] = text.split("\n");
  return lines;
}

function internalErrorDiagnostic(file: string, e: unknown): Diagnostic {
  const detail = e instanceof Error ? e.message : String(e);
  return { file, line: 0, column: 0, length: 0, severity: "error", message: `internal compiler error: ${detail}` };
}
