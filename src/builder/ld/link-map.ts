// The link map: where each input section and symbol landed, which archive
// members the link loaded and why, and what garbage collection removed, as
// data for the page and as text like `ld -Map` for `ukp build --map`.
import type { ImageSymbol, LinkMap, LinkMapDiscarded, LinkMapInput, LinkMapMember } from "../types";
import { type InputFile, type LinkContext, compareFiles } from "./context";
import type { OutputSymbol } from "./image-symbols";
import { SHF_ALLOC, SHN_UNDEF, STT_FUNC, STT_OBJECT } from "../elf/constants";
import { enclosingFunction, firstReference } from "./undefined";

/** The name the link map gives the object that required the entry symbol. */
export const ENTRY_REFERENCE = "<entry>";

export function buildLinkMap(ctx: LinkContext, entry: number, symbols: OutputSymbol[], gcSections: boolean): LinkMap {
  const loaded = ctx.outputs.filter((output) => output.flags & SHF_ALLOC);
  const bytesPerFile = new Map<InputFile, number>();
  const sections = loaded.map((output) => ({
    name: output.name,
    address: output.address,
    size: output.size,
    inputs: output.inputs.filter((input) => !(input.merged && input.size === 0)).map((input): LinkMapInput => {
      bytesPerFile.set(input.file, (bytesPerFile.get(input.file) ?? 0) + input.size);
      return {
        ...origin(input.file),
        section: input.section ? input.section.name : "COMMON",
        address: input.address,
        size: input.size,
      };
    }),
  }));
  const imageSymbols: ImageSymbol[] = symbols
    .filter((s) => s.sectionIndex !== SHN_UNDEF)
    .map((s): ImageSymbol => ({
      name: s.name,
      address: s.address,
      size: s.size,
      object: s.object,
      component: s.component,
      kind: symbolKind(s.type),
      local: s.binding === 0,
    }))
    .sort((a, b) => a.address - b.address || a.name.localeCompare(b.name));
  return { entry, sections, symbols: imageSymbols, members: loadedMembers(ctx, bytesPerFile), gcSections, discarded: discardedSections(ctx) };
}

function symbolKind(type: number): ImageSymbol["kind"] {
  if (type === STT_FUNC) return "function";
  if (type === STT_OBJECT) return "object";
  return "other";
}

function origin(file: InputFile): Pick<LinkMapInput, "object" | "archive" | "member" | "component"> {
  const named = { object: file.displayName, component: file.component };
  return file.archive === undefined ? named : { ...named, archive: file.archive, member: file.member };
}

/** Lists the archive members in load order with the symbol each was loaded for and who referenced it. */
function loadedMembers(ctx: LinkContext, bytesPerFile: Map<InputFile, number>): LinkMapMember[] {
  const members: LinkMapMember[] = [];
  for (const file of ctx.files) {
    if (file.archive === undefined || file.member === undefined || file.loadedFor === undefined) continue;
    const symbol = file.loadedFor;
    const by = symbol.referencedBy;
    const member: LinkMapMember = {
      object: file.displayName,
      archive: file.archive,
      member: file.member,
      component: file.component,
      symbol: symbol.name,
      referencedBy: by ? by.displayName : ENTRY_REFERENCE,
      size: bytesPerFile.get(file) ?? 0,
    };
    const place = by ? firstReference(by, symbol) : undefined;
    const referencingFunction = place && by ? enclosingFunction(by.elf, place.sectionIndex, place.offset) : undefined;
    if (referencingFunction) member.referencingFunction = referencingFunction;
    members.push(member);
  }
  return members;
}

function discardedSections(ctx: LinkContext): LinkMapDiscarded[] {
  const discarded: LinkMapDiscarded[] = [];
  for (const file of [...ctx.files].sort(compareFiles)) {
    for (const index of [...file.collected].sort((a, b) => a - b)) {
      const section = file.elf.sections[index]!;
      if (section.size > 0) discarded.push({ object: file.displayName, component: file.component, section: section.name, size: section.size });
    }
  }
  return discarded;
}

/** Formats a link map as text: loaded members, output sections with their inputs and symbols, removed sections, bytes per component. */
export function formatLinkMap(map: LinkMap): string {
  const lines: string[] = [];
  if (map.members.length > 0) {
    lines.push("Archive member included to satisfy reference by file (symbol)", "");
    for (const member of map.members) {
      const from = member.referencingFunction ? `, from function ${member.referencingFunction}` : "";
      lines.push(member.object, `${" ".repeat(20)}${member.referencedBy} (${member.symbol})${from}`);
    }
    lines.push("");
  }
  lines.push(`Entry point address: ${hex8(map.entry)}`, "", "Output section      Address     Size        Source");
  const owners = assignSymbolsToInputs(map);
  for (const section of map.sections) {
    lines.push(`${column(section.name, 20)}${hex8(section.address)}  ${hex8(section.size)}`);
    for (const input of section.inputs) {
      lines.push(`${column(`  ${input.section}`, 20)}${hex8(input.address)}  ${hex8(input.size)}  ${input.object} [${input.component}]`);
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
  lines.push("", map.gcSections ? "Sections removed by garbage collection" : "Garbage collection of sections is off");
  for (const section of map.discarded) lines.push(`${column(`  ${section.section}`, 32)}${hex8(section.size)}  ${section.object}`);
  lines.push("", "Bytes per component           in file  in memory (with .bss)");
  for (const { component, fileBytes, memoryBytes } of bytesPerComponent(map)) {
    lines.push(`  ${component.padEnd(26)}${String(fileBytes).padStart(9)}  ${String(memoryBytes).padStart(9)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Bytes a component adds to the image file and to guest memory, where `.bss` takes memory but no file bytes. */
export interface ComponentBytes {
  component: string;
  fileBytes: number;
  memoryBytes: number;
}

/** Sums the input section sizes per component, largest in the file first. */
export function bytesPerComponent(map: LinkMap): ComponentBytes[] {
  const totals = new Map<string, ComponentBytes>();
  for (const section of map.sections) {
    for (const input of section.inputs) {
      let entry = totals.get(input.component);
      if (entry === undefined) totals.set(input.component, (entry = { component: input.component, fileBytes: 0, memoryBytes: 0 }));
      entry.memoryBytes += input.size;
      if (section.name !== ".bss") entry.fileBytes += input.size;
    }
  }
  return [...totals.values()].sort((a, b) => b.fileBytes - a.fileBytes || b.memoryBytes - a.memoryBytes || a.component.localeCompare(b.component));
}

/**
 * Finds, for each symbol, the input section of the same object that contains
 * it, or else the one it ends (a label such as `stack_top` placed after the
 * last byte).
 */
function assignSymbolsToInputs(map: LinkMap): Map<LinkMapInput, ImageSymbol[]> {
  const byObject = new Map<string, LinkMapInput[]>();
  for (const input of map.sections.flatMap((s) => s.inputs)) {
    let list = byObject.get(input.object);
    if (list === undefined) byObject.set(input.object, (list = []));
    list.push(input);
  }
  const owners = new Map<LinkMapInput, ImageSymbol[]>();
  for (const symbol of map.symbols) {
    const sameObject = byObject.get(symbol.object) ?? [];
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

/** Pads `text` to `width`. A longer text gets a line of its own, so the next column starts on a new line, as in ld -Map. */
function column(text: string, width: number): string {
  return text.length < width ? text.padEnd(width) : `${text}\n${" ".repeat(width)}`;
}

function hex8(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
}
