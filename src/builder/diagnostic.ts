// The one diagnostic type shared by the preprocessor, compiler, assembler and
// linker. The CLI prints it as `file:line:col: severity: message`, the source
// line and a caret; the editor turns it into a Monaco marker.

export type Severity = "error" | "warning" | "note";

export interface Diagnostic {
  file: string;
  /** 1-based line; 0 when the diagnostic has no source position (linker). */
  line: number;
  /** 1-based column; 0 when the diagnostic has no source position. */
  column: number;
  /** Characters the caret underlines, at least 1 when positioned. */
  length: number;
  severity: Severity;
  message: string;
  notes?: Diagnostic[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * Formats diagnostics as a command-line compiler does: the location line,
 * then the source line and a caret line when the source text is known.
 */
export function formatDiagnostic(d: Diagnostic, sources: Readonly<Record<string, string>> = {}): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}: ` : d.file ? `${d.file}: ` : "";
  let text = `${where}${d.severity}: ${d.message}\n`;
  const source = sources[d.file];
  if (source !== undefined && d.line > 0) {
    const lineText = source.split("\n")[d.line - 1];
    if (lineText !== undefined) {
      const clean = lineText.replace(/\r$/, "");
      const caretColumn = Math.max(1, Math.min(d.column, clean.length + 1));
      const indent = clean.slice(0, caretColumn - 1).replace(/[^\t]/g, " ");
      const underline = "~".repeat(Math.max(0, Math.min(d.length, clean.length - caretColumn + 1) - 1));
      text += `${clean}\n${indent}^${underline}\n`;
    }
  }
  for (const note of d.notes ?? []) text += formatDiagnostic(note, sources);
  return text;
}
