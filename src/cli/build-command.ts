// `ukp build`: sources, objects and archives in, a multiboot image out.
import { build } from "../builder/build";
import { formatLinkMap } from "../builder/ld";
import type { OptimizeLevel } from "../builder/cc";
import type { BuildResult } from "../builder/types";
import { DEFAULT_OPTIMIZE_LEVEL, UsageError } from "./args";
import type { ParsedArgs } from "./args";
import { readInputs } from "./inputs";
import type { CliInputs } from "./inputs";
import { loadNodeLibrary } from "./node-library";
import { printDiagnostics, writeOutputFile } from "./output";

export const DEFAULT_IMAGE_NAME = "app.elf";

export async function buildCommand(args: ParsedArgs): Promise<number> {
  const inputs = await readInputs(args.inputs);
  if (inputs.image) {
    throw new UsageError(`'${inputs.image.name}' is already a linked image; 'ukp build' takes sources, objects and archives`);
  }
  const result = await buildInputs(inputs, { gcSections: args.gcSections ?? true, optimize: args.optimize ?? DEFAULT_OPTIMIZE_LEVEL });
  if (!result.ok || !result.image) return 1;

  await writeOutputFile(args.output ?? DEFAULT_IMAGE_NAME, result.image);
  if (args.map !== undefined) {
    if (!result.linkMap) throw new Error("internal error: a successful build returned no link map");
    await writeOutputFile(args.map, formatLinkMap(result.linkMap));
  }
  return 0;
}

export interface BuildSettings {
  gcSections: boolean;
  optimize: OptimizeLevel;
}

/** Builds the inputs against the library OS and prints the diagnostics to stderr. */
export async function buildInputs(inputs: CliInputs, settings: BuildSettings): Promise<BuildResult> {
  const library = await loadNodeLibrary();
  const request = { files: inputs.files, sources: inputs.sources, inputs: inputs.binaries, ...settings };
  const result = build(request, library);
  printDiagnostics(result.diagnostics, inputs.files, inputs.displayNames);
  return result;
}
