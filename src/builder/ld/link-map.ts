// The link map: where each input section and symbol landed, as data for the
// page and as text like `ld -Map` for `ukp build --map`.
import type { ImageSymbol, LinkMap, LinkMapInput } from "../types";
import type { LinkContext } from "./context";
import type { OutputSymbol } from "./image-symbols";
import { SHF_ALLOC, SHN_UNDEF } from "../elf/constants";

export function buildLinkMap(ctx: LinkContext, entry: number, symbols: OutputSymbol[]): LinkMap {
  const loaded = ctx.outputs.filter((output) => output.flags & SHF_ALLOC);
  const sections = loaded.map((output) => ({
    name: output.name,
    address: output.address,
    size: output.size,
    inputs: output.inputs.map((input) => ({
      object: input.file.displayName,
      section: input.section ? input.section.name : "COMMON",
      address: input.address,
      size: input.size,
    })),
  }));
  const imageSymbols: ImageSymbol[] = symbols
    .filter((s) => s.sectionIndex !== SHN_UNDEF)
    .map((s) => ({ name: s.name, address: s.address, size: s.size, object: s.object }))
    .sort((a, b) => a.address - b.address || a.name.localeCompare(b.name));
  return { entry, sections, symbols: imageSymbols };
}

/** Formats a link map as text: output sections with their input sections and the symbols inside them. */
export function formatLinkMap(map: LinkMap): string {
  const lines: string[] = [`Entry point address: ${hex8(map.entry)}`, "", "Output section      Address     Size        Source"];
  const owners = assignSymbolsToInputs(map);
  for (const section of map.sections) {
    lines.push(`${section.name.padEnd(20)}${hex8(section.address)}  ${hex8(section.size)}`);
    for (const input of section.inputs) {
      lines.push(`  ${input.section.padEnd(18)}${hex8(input.address)}  ${hex8(input.size)}  ${input.object}`);
      for (const symbol of owners.get(input) ?? []) {
        lines.push(`${" ".repeat(20)}${hex8(symbol.address)}  ${hex8(symbol.size)}      ${symbol.name}`);
      }
    }
  }
  const placed = new Set([...owners.values()].flat());
  const others = map.symbols.filter((s) => !placed.has(s));
  if (others.length > 0) {
    lines.push("", "Symbols outside input sections (absolute or linker-defined)");
    for (const symbol of others) lines.push(`${" ".repeat(20)}${hex8(symbol.address)}  ${symbol.name.padEnd(20)}${symbol.object}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Finds, for each symbol, the input section of the same object that contains
 * it, or else the one it ends (a label such as `stack_top` placed after the
 * last byte).
 */
function assignSymbolsToInputs(map: LinkMap): Map<LinkMapInput, ImageSymbol[]> {
  const inputs = map.sections.flatMap((s) => s.inputs);
  const owners = new Map<LinkMapInput, ImageSymbol[]>();
  for (const symbol of map.symbols) {
    const sameObject = inputs.filter((input) => input.object === symbol.object);
    const owner =
      sameObject.find((input) => symbol.address >= input.address && symbol.address < input.address + input.size) ??
      sameObject.find((input) => symbol.address === input.address + input.size);
    if (owner === undefined) continue;
    let list = owners.get(owner);
    if (list === undefined) owners.set(owner, (list = []));
    list.push(symbol);
  }
  return owners;
}

function hex8(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}
