// Output section layout. The image loads at IMAGE_BASE with the sections in
// a fixed order: .multiboot, .text, .rodata (one R X segment), then .data and
// .bss (one R W segment). Input sections keep their alignment and appear in
// file order, then in section header order, as `*(.text .text.*)` does in a
// GNU ld script. DWARF `.debug_*` sections are concatenated per name after
// the loaded sections, at address 0, so line tables survive the link.
import {
  ELF32_EHDR_SIZE,
  ELF32_PHDR_SIZE,
  IMAGE_BASE,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHT_FINI_ARRAY,
  SHT_GROUP,
  SHT_INIT_ARRAY,
  SHT_NOBITS,
  SHT_NOTE,
  SHT_PREINIT_ARRAY,
  SHT_PROGBITS,
} from "../elf/constants";
import type { ElfSection } from "../elf/read-object";
import { type InputFile, type LinkContext, type OutputSection, alignUp, compareFiles, placedAddress } from "./context";

/** The output sections in image order; `matches` decides which input sections each one takes. */
const OUTPUT_RULES = [
  { name: ".multiboot", flags: SHF_ALLOC, type: SHT_PROGBITS, matches: (n: string) => n === ".multiboot" },
  { name: ".text", flags: SHF_ALLOC | SHF_EXECINSTR, type: SHT_PROGBITS, matches: prefixRule(".text") },
  { name: ".rodata", flags: SHF_ALLOC, type: SHT_PROGBITS, matches: prefixRule(".rodata") },
  { name: ".data", flags: SHF_ALLOC | SHF_WRITE, type: SHT_PROGBITS, matches: prefixRule(".data") },
  { name: ".bss", flags: SHF_ALLOC | SHF_WRITE, type: SHT_NOBITS, matches: prefixRule(".bss") },
] as const;

/** Section types the image can hold; constructor arrays get their own error when they have no place. */
const PLACEABLE_TYPES = new Set([SHT_PROGBITS, SHT_NOBITS, SHT_INIT_ARRAY, SHT_FINI_ARRAY, SHT_PREINIT_ARRAY]);

/** Output sections that start the writable segment. */
export const DATA_SEGMENT_SECTIONS = new Set([".data", ".bss"]);

/**
 * File bytes before the first section: the ELF header and two program headers,
 * rounded up to SEGMENT_ALIGN so that file offsets and addresses agree modulo it.
 */
export const SEGMENT_ALIGN = 32;
export const HEADERS_SIZE = alignUp(ELF32_EHDR_SIZE + 2 * ELF32_PHDR_SIZE, SEGMENT_ALIGN);

function prefixRule(prefix: string): (name: string) => boolean {
  return (name) => name === prefix || name.startsWith(`${prefix}.`);
}

/** Sections that carry nothing the image needs and are left out without relocating them. */
export function isDropped(section: ElfSection): boolean {
  const name = section.name;
  return (
    section.type === SHT_GROUP ||
    section.type === SHT_NOTE ||
    name.startsWith(".note.") ||
    name === ".comment" ||
    name === ".eh_frame" ||
    (section.flags & SHF_ALLOC) === 0
  );
}

function isDebugSection(section: ElfSection): boolean {
  return (section.flags & SHF_ALLOC) === 0 && section.type === SHT_PROGBITS && section.name.startsWith(".debug_");
}

function emptyOutput(name: string, type: number, flags: number): OutputSection {
  return { name, type, flags, alignment: 1, address: 0, size: 0, fileOffset: 0, headerIndex: 0, inputs: [], data: new Uint8Array(0) };
}

/** Assigns every kept input section to an output section, reporting allocated sections with no place. */
export function assignSections(ctx: LinkContext): void {
  for (const rule of OUTPUT_RULES) ctx.outputs.push(emptyOutput(rule.name, rule.type, rule.flags));
  const debugOutputs = new Map<string, OutputSection>();
  const files = [...ctx.files].sort(compareFiles);
  for (const file of files) {
    for (const section of file.elf.sections) {
      if (section.index === 0 || file.discarded.has(section.index) || file.collected.has(section.index)) continue;
      if (isDebugSection(section)) {
        let output = debugOutputs.get(section.name);
        if (output === undefined) debugOutputs.set(section.name, (output = emptyOutput(section.name, SHT_PROGBITS, 0)));
        output.inputs.push({ file, section, address: 0, size: section.size });
        continue;
      }
      if (isDropped(section)) continue;
      if (!PLACEABLE_TYPES.has(section.type)) {
        ctx.error(
          file.displayName,
          `allocated section \`${section.name}\` has unsupported type 0x${section.type.toString(16)}; the linker places only SHT_PROGBITS and SHT_NOBITS sections`,
        );
        continue;
      }
      const ruleIndex = OUTPUT_RULES.findIndex((rule) => rule.matches(section.name));
      if (ruleIndex < 0 && isConstructorArray(section)) {
        ctx.error(
          file.displayName,
          `section \`${section.name}\` holds constructors or destructors, which the library OS does not run; remove __attribute__((constructor)) or __attribute__((destructor)) and call the function from main`,
        );
        continue;
      }
      if (ruleIndex < 0) {
        ctx.error(
          file.displayName,
          `allocated section \`${section.name}\` has no place in the image; the linker places only .multiboot, .text*, .rodata*, .data* and .bss* sections`,
        );
        continue;
      }
      ctx.outputs[ruleIndex]!.inputs.push({ file, section, address: 0, size: section.size });
    }
  }
  allocateCommons(ctx);
  ctx.outputs.push(...debugOutputs.values());
}

/**
 * Appends each COMMON symbol to .bss in the order GNU ld allocates them: it
 * walks its global symbol hash table, so the order is that of the hash
 * buckets and, within a bucket, newest symbol first.
 */
function allocateCommons(ctx: LinkContext): void {
  const bss = ctx.outputs.find((o) => o.name === ".bss")!;
  const bucketCount = bfdHashTableSize(ctx.symbols.size);
  const arrival = new Map([...ctx.symbols.keys()].map((name, i) => [name, i]));
  const commons = [...ctx.symbols.values()]
    .filter((s) => s.state === "common" && !s.collected)
    .map((symbol) => ({ symbol, bucket: Number(bfdHash(symbol.name) % BigInt(bucketCount)) }))
    .sort((a, b) => a.bucket - b.bucket || arrival.get(b.symbol.name)! - arrival.get(a.symbol.name)!);
  for (const { symbol } of commons) {
    bss.inputs.push({ file: symbol.definedBy!, common: symbol, address: 0, size: symbol.commonSize });
  }
}

/** BFD's default hash table size, doubled while the table is more than three quarters full. */
function bfdHashTableSize(entries: number): number {
  let size = 4051;
  while (entries > (size * 3) / 4) size *= 2;
  return size;
}

/** BFD's string hash (bfd_hash_hash) in 64-bit arithmetic, as on a 64-bit host. */
function bfdHash(name: string): bigint {
  const mask = (1n << 64n) - 1n;
  let hash = 0n;
  const mix = (c: bigint) => {
    hash = (hash + c + (c << 17n)) & mask;
    hash ^= hash >> 2n;
  };
  for (let i = 0; i < name.length; i++) mix(BigInt(name.charCodeAt(i) & 0xff));
  mix(BigInt(name.length));
  return hash;
}

/** Gives every output and input section its address and file offset, and drops empty output sections. */
export function assignAddresses(ctx: LinkContext): void {
  const outputs = ctx.outputs.filter((o) => o.inputs.length > 0);
  ctx.outputs.length = 0;
  ctx.outputs.push(...outputs);

  let address = IMAGE_BASE;
  let segmentAddress = IMAGE_BASE;
  let segmentOffset = HEADERS_SIZE;
  let fileEnd = HEADERS_SIZE;
  let inDataSegment = false;
  for (const output of outputs) {
    if ((output.flags & SHF_ALLOC) === 0) continue;
    for (const input of output.inputs) {
      if (input.merged && input.size === 0) continue;
      output.alignment = Math.max(output.alignment, inputAlignment(input.section, input.common?.commonAlign));
    }
    address = alignUp(address, output.alignment);
    if (!inDataSegment && DATA_SEGMENT_SECTIONS.has(output.name)) {
      // The writable segment starts at the first file offset past the previous segment that agrees with its address modulo SEGMENT_ALIGN.
      inDataSegment = true;
      segmentAddress = address;
      segmentOffset = fileEnd + ((address - fileEnd) % SEGMENT_ALIGN + SEGMENT_ALIGN) % SEGMENT_ALIGN;
    }
    output.address = address;
    output.fileOffset = segmentOffset + (address - segmentAddress);
    for (const input of output.inputs) {
      if (input.merged && input.size === 0) {
        // A merged section whose pieces all live in earlier sections takes no space and no alignment.
        input.address = address;
        input.file.placements[input.section!.index] = { output, address, merged: input.merged };
        continue;
      }
      address = alignUp(address, inputAlignment(input.section, input.common?.commonAlign));
      input.address = address;
      address += input.size;
      if (input.section) input.file.placements[input.section.index] = { output, address: input.address, merged: input.merged };
      else if (input.common) input.common.address = input.address;
    }
    output.size = address - output.address;
    if (output.type !== SHT_NOBITS) fileEnd = output.fileOffset + output.size;
  }
  placeDebugSections(outputs, fileEnd);
}

/** Places the non-loaded debug sections after the segments in the file; input addresses are offsets within the output. */
function placeDebugSections(outputs: OutputSection[], fileEnd: number): void {
  let offset = fileEnd;
  for (const output of outputs) {
    if (output.flags & SHF_ALLOC) continue;
    let size = 0;
    for (const input of output.inputs) {
      if (!(input.merged && input.size === 0)) {
        const alignment = inputAlignment(input.section, undefined);
        output.alignment = Math.max(output.alignment, alignment);
        size = alignUp(size, alignment);
      }
      input.address = size;
      size += input.size;
      input.file.placements[input.section!.index] = { output, address: input.address, merged: input.merged };
    }
    output.size = size;
    output.fileOffset = alignUp(offset, output.alignment);
    offset = output.fileOffset + size;
  }
}

function isConstructorArray(section: ElfSection): boolean {
  if (section.type === SHT_INIT_ARRAY || section.type === SHT_FINI_ARRAY || section.type === SHT_PREINIT_ARRAY) return true;
  return /^\.(init_array|fini_array|preinit_array|ctors|dtors)(\.|$)/.test(section.name);
}

function inputAlignment(section: ElfSection | undefined, commonAlign: number | undefined): number {
  return section ? section.addralign : (commonAlign ?? 1);
}

/** Sets the addresses of defined symbols and of the linker's own symbols. */
export function assignSymbolAddresses(ctx: LinkContext): void {
  for (const symbol of ctx.symbols.values()) {
    if (symbol.state !== "strong" && symbol.state !== "weak") continue;
    // Debug data that still refers to a collected definition reads 0, as it does for a discarded section.
    if (symbol.collected) continue;
    const file = symbol.definedBy!;
    const elfSymbol = file.elf.symbols[symbol.symbolIndex]!;
    symbol.address = symbolAddress(file, elfSymbol.sectionIndex, elfSymbol.value);
  }
  defineLinkerSymbols(ctx);
}

/** Returns the final address of a symbol defined at `value` in section `sectionIndex` of `file`. */
export function symbolAddress(file: InputFile, sectionIndex: number, value: number): number {
  // SHN_ABS symbols and symbols in sections the image does not load keep their value.
  return placedAddress(file, sectionIndex, value) ?? value;
}

function defineLinkerSymbols(ctx: LinkContext): void {
  const find = (name: string) => ctx.outputs.find((o) => o.name === name);
  const end = (o: OutputSection | undefined) => (o ? o.address + o.size : undefined);
  const loaded = ctx.outputs.filter((o) => o.flags & SHF_ALLOC);
  const imageEnd = end(loaded[loaded.length - 1]) ?? IMAGE_BASE;
  const fileBacked = loaded.filter((o) => o.type !== SHT_NOBITS);
  const dataEnd = end(fileBacked[fileBacked.length - 1]) ?? IMAGE_BASE;
  const bss = find(".bss");
  const values: Record<string, number> = {
    __image_start: IMAGE_BASE,
    _etext: end(find(".text")) ?? end(find(".multiboot")) ?? IMAGE_BASE,
    _edata: dataEnd,
    __bss_start: bss ? bss.address : dataEnd,
    __bss_end: bss ? bss.address + bss.size : dataEnd,
    _end: imageEnd,
  };
  for (const [name, address] of Object.entries(values)) ctx.symbol(name).address = address;
}
