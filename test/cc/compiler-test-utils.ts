// Helpers for compiler unit tests: compile a source string (no headers)
// and render its diagnostics as "line:column: severity: message".
import { compileToAssembly } from "../../src/builder/cc";
import type { Diagnostic } from "../../src/builder/diagnostic";

export function compile(source: string, headers: Record<string, string> = {}): { assembly: string; diagnostics: Diagnostic[] } {
  return compileToAssembly({ fileName: "t.c", files: { "t.c": source }, headers });
}

export function diagnosticLines(source: string): string[] {
  return compile(source).diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity}: ${d.message}`);
}
