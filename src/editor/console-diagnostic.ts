// Diagnostics as the console shows them: formatDiagnostic's text, except
// that a source line longer than the console can hold is cut to a window
// around the caret. A one-line file of a megabyte would otherwise fill the
// terminal's scrollback and push the message itself out of it.
import { formatDiagnostic, type Diagnostic } from "../builder/diagnostic";

/** The widest source excerpt, in characters; the window is centred on the caret. */
export const MAX_EXCERPT_CHARS = 160;
const ELLIPSIS = "…";

function sourceLine(source: string, line: number): string | undefined {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf("\n", start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = source.indexOf("\n", start);
  return source.slice(start, end < 0 ? source.length : end).replace(/\r$/, "");
}

/** Formats `d` and its notes as formatDiagnostic does, with each source excerpt at most MAX_EXCERPT_CHARS wide. */
export function formatForConsole(d: Diagnostic, sources: Readonly<Record<string, string>>): string {
  const source = sources[d.file];
  const line = source !== undefined && d.line > 0 ? sourceLine(source, d.line) : undefined;
  if (line === undefined || line.length <= MAX_EXCERPT_CHARS) {
    const withoutNotes = formatDiagnostic({ ...d, notes: undefined }, sources);
    return withoutNotes + (d.notes ?? []).map((note) => formatForConsole(note, sources)).join("");
  }

  const caret = Math.max(1, Math.min(d.column, line.length + 1)) - 1;
  const start = Math.max(0, Math.min(caret - MAX_EXCERPT_CHARS / 2, line.length - MAX_EXCERPT_CHARS));
  const end = Math.min(line.length, start + MAX_EXCERPT_CHARS);
  const prefix = start > 0 ? ELLIPSIS : "";
  const suffix = end < line.length ? ELLIPSIS : "";
  const window = line.slice(start, end).replace(/\t/g, " ");
  const underline = "~".repeat(Math.max(0, Math.min(d.length, end - caret) - 1));
  const header = formatDiagnostic({ ...d, notes: undefined }, {});
  const excerpt = `${prefix}${window}${suffix}\n${" ".repeat(prefix.length + caret - start)}^${underline}\n`;
  return header + excerpt + (d.notes ?? []).map((note) => formatForConsole(note, sources)).join("");
}
