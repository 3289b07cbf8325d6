// The static linker: ELF32 i386 objects and `ar` archives in, a multiboot
// ELF32 executable out. The link is a flat list of timed passes over one
// LinkContext, and it stops after the first pass that reports an error.
import type { Diagnostic } from "../diagnostic";
import type { BinaryInput, LinkMap } from "../types";
import { LinkContext, type LinkPassTiming } from "./context";
import { collectOutputSymbols, type OutputSymbol } from "./image-symbols";
import { assignAddresses, assignSections, assignSymbolAddresses } from "./layout";
import { collectGarbage } from "./gc";
import { buildLinkMap } from "./link-map";
import { mergeSections } from "./merge";
import { checkMultibootHeader } from "./multiboot";
import { applyRelocations, copySections } from "./relocate";
import { type ParsedInputs, readInputs, resolveSymbols } from "./resolve";
import { reportUndefinedSymbols } from "./undefined";
import { assignSectionIndices, writeImage } from "./write-image";

export { type ComponentBytes, bytesPerComponent, formatLinkMap } from "./link-map";
export { type ComponentChange, type LinkMapDiff, type SymbolChange, diffLinkMaps } from "./link-map-diff";
export type { LinkPassTiming } from "./context";

export interface LinkOptions {
  /** Entry symbol; `_start` by default. */
  entry?: string;
  /** Remove sections the entry point and kept roots do not reach, like `ld --gc-sections`; true by default. */
  gcSections?: boolean;
}

export interface LinkResult {
  image?: Uint8Array;
  linkMap?: LinkMap;
  diagnostics: Diagnostic[];
  /** Milliseconds per pass, in pass order. */
  timings: LinkPassTiming[];
}

/**
 * Links `inputs` in command-line order. Objects are always loaded; archives
 * supply members only for undefined references, rescanned until no more
 * members are needed.
 */
export function link(inputs: BinaryInput[], options: LinkOptions = {}): LinkResult {
  const ctx = new LinkContext(options.entry ?? "_start");
  const gcSections = options.gcSections ?? true;
  let parsed: ParsedInputs = { objects: [], archives: [] };
  let symbols: OutputSymbol[] = [];
  let entry = 0;
  let image: Uint8Array | undefined;
  let linkMap: LinkMap | undefined;

  const passes: [string, () => void][] = [
    // Parse objects and split archives into members.
    ["read inputs", () => (parsed = readInputs(ctx, inputs))],
    // Load objects and needed archive members; resolve globals, weak and COMMON symbols.
    ["resolve symbols", () => resolveSymbols(ctx, parsed)],
    // Keep only the sections that the entry point and the kept roots reach.
    ["collect garbage", () => {
      if (gcSections) collectGarbage(ctx);
    }],
    // One error per undefined symbol that kept code references, with the places that reference it.
    ["report undefined symbols", () => reportUndefinedSymbols(ctx)],
    // Map input sections to output sections; reject allocated sections with no place.
    ["assign sections", () => assignSections(ctx)],
    // Store identical strings and constants of SHF_MERGE sections once.
    ["merge sections", () => mergeSections(ctx)],
    // Give sections and symbols their addresses, starting at IMAGE_BASE.
    ["assign addresses", () => {
      assignAddresses(ctx);
      assignSectionIndices(ctx);
      assignSymbolAddresses(ctx);
      entry = ctx.symbol(ctx.entryName).address;
    }],
    // Copy section contents and apply relocations.
    ["apply relocations", () => {
      copySections(ctx);
      applyRelocations(ctx);
    }],
    // The multiboot header must be in the first 8 KiB with a valid checksum.
    ["check multiboot header", () => checkMultibootHeader(ctx)],
    // Serialise the ELF executable and the link map.
    ["write image", () => {
      symbols = collectOutputSymbols(ctx);
      image = writeImage(ctx, entry, symbols);
      linkMap = buildLinkMap(ctx, entry, symbols, gcSections);
    }],
  ];

  for (const [name, run] of passes) {
    ctx.timed(name, run);
    if (ctx.failed) return { diagnostics: ctx.diagnostics, timings: ctx.timings };
  }
  return { image, linkMap, diagnostics: ctx.diagnostics, timings: ctx.timings };
}
