// Writing results: diagnostics to stderr and output files to disk.
import { writeFile } from "node:fs/promises";

import { formatDiagnostic } from "../builder/diagnostic";
import type { Diagnostic } from "../builder/diagnostic";
import { CliError } from "./args";
import { describeFileError } from "./inputs";

/**
 * Prints diagnostics as `file:line:col: severity: message`, the source line
 * and a caret. `displayNames` maps the names in `sources` to the paths to
 * show, as the user spelled them.
 */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: Readonly<Record<string, string>>,
  displayNames: Readonly<Record<string, string>> = {},
): void {
  const shown: Record<string, string> = {};
  for (const [name, text] of Object.entries(sources)) shown[displayNames[name] ?? name] = text;
  const rename = (d: Diagnostic): Diagnostic => ({ ...d, file: displayNames[d.file] ?? d.file, notes: d.notes?.map(rename) });
  for (const diagnostic of diagnostics) process.stderr.write(formatDiagnostic(rename(diagnostic), shown));
}

export async function writeOutputFile(path: string, data: Uint8Array | string): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (error) {
    throw new CliError(`cannot write '${path}': ${describeFileError(error)}`);
  }
}

/** `dir/main.c` with extension `.o` becomes `main.o`: like cc, outputs land in the current directory. */
export function defaultOutputName(input: string, extension: string): string {
  const base = input.split(/[\\/]/).pop() ?? input;
  return base.replace(/\.[^.]*$/, "") + extension;
}
