// Writer of the executable: an ELF32 ET_EXEC image with one PT_LOAD segment
// for .multiboot, .text and .rodata (R X) and one for .data and .bss (R W),
// followed by .symtab, .strtab, .shstrtab and the section header table.
// Segments are aligned to SEGMENT_ALIGN in the file, not to pages, which keeps
// small images at a few KiB; multiboot loaders copy by p_paddr and p_offset.
import {
  ELF32_EHDR_SIZE,
  ELF32_PHDR_SIZE,
  ELF32_SHDR_SIZE,
  ELF32_SYM_SIZE,
  ELFCLASS32,
  ELFDATA2LSB,
  ELF_MAGIC,
  EM_386,
  ET_EXEC,
  EV_CURRENT,
  PF_R,
  PF_W,
  PF_X,
  PT_LOAD,
  SHF_ALLOC,
  SHT_NOBITS,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_LOCAL,
} from "../elf/constants";
import { type LinkContext, type OutputSection, alignUp } from "./context";
import type { OutputSymbol } from "./image-symbols";
import { DATA_SEGMENT_SECTIONS, HEADERS_SIZE, SEGMENT_ALIGN } from "./layout";

/** Offsets of the ELF32 program header fields. */
const PHDR = { type: 0, offset: 4, vaddr: 8, paddr: 12, filesz: 16, memsz: 20, flags: 24, align: 28, end: 32 } as const;
if (PHDR.end !== ELF32_PHDR_SIZE) throw new Error("internal error: program header table is not 32 bytes");

interface Segment {
  sections: OutputSection[];
  flags: number;
}

interface SectionHeader {
  name: string;
  type: number;
  flags: number;
  address: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  alignment: number;
  entsize: number;
}

/** Numbers the output sections in the section header table, starting at 1. */
export function assignSectionIndices(ctx: LinkContext): void {
  ctx.outputs.forEach((output, i) => (output.headerIndex = i + 1));
}

/** Serialises the linked image; `entry` is the entry point address. */
export function writeImage(ctx: LinkContext, entry: number, symbols: OutputSymbol[]): Uint8Array {
  const segments = buildSegments(ctx.outputs);
  let fileEnd = HEADERS_SIZE;
  for (const output of ctx.outputs) {
    if (output.type !== SHT_NOBITS) fileEnd = Math.max(fileEnd, output.fileOffset + output.size);
  }

  const { symtab, strtab, firstGlobal } = encodeSymbols(symbols);
  const shstrtab = new StringTable();
  const headers: SectionHeader[] = ctx.outputs.map((o) => ({
    name: o.name,
    type: o.type,
    flags: o.flags,
    address: o.address,
    offset: o.fileOffset,
    size: o.size,
    link: 0,
    info: 0,
    alignment: o.alignment,
    entsize: 0,
  }));
  const symtabIndex = headers.length + 1;
  const symtabOffset = alignUp(fileEnd, 4);
  const strtabOffset = symtabOffset + symtab.length;
  const shstrtabOffset = strtabOffset + strtab.length;
  headers.push(
    { name: ".symtab", type: SHT_SYMTAB, flags: 0, address: 0, offset: symtabOffset, size: symtab.length, link: symtabIndex + 1, info: firstGlobal, alignment: 4, entsize: ELF32_SYM_SIZE },
    { name: ".strtab", type: SHT_STRTAB, flags: 0, address: 0, offset: strtabOffset, size: strtab.length, link: 0, info: 0, alignment: 1, entsize: 0 },
  );
  const shstrtabHeader: SectionHeader = { name: ".shstrtab", type: SHT_STRTAB, flags: 0, address: 0, offset: shstrtabOffset, size: 0, link: 0, info: 0, alignment: 1, entsize: 0 };
  headers.push(shstrtabHeader);
  const nameOffsets = headers.map((h) => shstrtab.add(h.name));
  const shstrtabBytes = shstrtab.bytes();
  shstrtabHeader.size = shstrtabBytes.length;

  const shoff = alignUp(shstrtabOffset + shstrtabBytes.length, 4);
  const image = new Uint8Array(shoff + (headers.length + 1) * ELF32_SHDR_SIZE);
  const view = new DataView(image.buffer);
  writeElfHeader(view, entry, segments.length, shoff, headers.length + 1, headers.length);
  segments.forEach((segment, i) => writeProgramHeader(view, ELF32_EHDR_SIZE + i * ELF32_PHDR_SIZE, segment));
  for (const output of ctx.outputs) if (output.type !== SHT_NOBITS) image.set(output.data, output.fileOffset);
  image.set(symtab, symtabOffset);
  image.set(strtab, strtabOffset);
  image.set(shstrtabBytes, shstrtabOffset);
  headers.forEach((header, i) => writeSectionHeader(view, shoff + (i + 1) * ELF32_SHDR_SIZE, header, nameOffsets[i]!));
  return image;
}

function buildSegments(outputs: OutputSection[]): Segment[] {
  const loaded = outputs.filter((o) => o.flags & SHF_ALLOC);
  const text = loaded.filter((o) => !DATA_SEGMENT_SECTIONS.has(o.name));
  const data = loaded.filter((o) => DATA_SEGMENT_SECTIONS.has(o.name));
  const segments: Segment[] = [];
  if (text.length > 0) segments.push({ sections: text, flags: PF_R | PF_X });
  if (data.length > 0) segments.push({ sections: data, flags: PF_R | PF_W });
  return segments;
}

function writeElfHeader(view: DataView, entry: number, phnum: number, shoff: number, shnum: number, shstrndx: number): void {
  ELF_MAGIC.forEach((byte, i) => view.setUint8(i, byte));
  view.setUint8(4, ELFCLASS32);
  view.setUint8(5, ELFDATA2LSB);
  view.setUint8(6, EV_CURRENT);
  view.setUint16(16, ET_EXEC, true);
  view.setUint16(18, EM_386, true);
  view.setUint32(20, EV_CURRENT, true);
  view.setUint32(24, entry, true);
  view.setUint32(28, phnum > 0 ? ELF32_EHDR_SIZE : 0, true);
  view.setUint32(32, shoff, true);
  view.setUint32(36, 0, true);
  view.setUint16(40, ELF32_EHDR_SIZE, true);
  view.setUint16(42, ELF32_PHDR_SIZE, true);
  view.setUint16(44, phnum, true);
  view.setUint16(46, ELF32_SHDR_SIZE, true);
  view.setUint16(48, shnum, true);
  view.setUint16(50, shstrndx, true);
}

function writeProgramHeader(view: DataView, at: number, segment: Segment): void {
  const first = segment.sections[0]!;
  const last = segment.sections[segment.sections.length - 1]!;
  const fileBacked = segment.sections.filter((s) => s.type !== SHT_NOBITS);
  const lastFileBacked = fileBacked[fileBacked.length - 1];
  const filesz = lastFileBacked ? lastFileBacked.address + lastFileBacked.size - first.address : 0;
  view.setUint32(at + PHDR.type, PT_LOAD, true);
  view.setUint32(at + PHDR.offset, first.fileOffset, true);
  view.setUint32(at + PHDR.vaddr, first.address, true);
  view.setUint32(at + PHDR.paddr, first.address, true);
  view.setUint32(at + PHDR.filesz, filesz, true);
  view.setUint32(at + PHDR.memsz, last.address + last.size - first.address, true);
  view.setUint32(at + PHDR.flags, segment.flags, true);
  view.setUint32(at + PHDR.align, SEGMENT_ALIGN, true);
}

function writeSectionHeader(view: DataView, at: number, header: SectionHeader, nameOffset: number): void {
  view.setUint32(at, nameOffset, true);
  view.setUint32(at + 4, header.type, true);
  view.setUint32(at + 8, header.flags, true);
  view.setUint32(at + 12, header.address, true);
  view.setUint32(at + 16, header.offset, true);
  view.setUint32(at + 20, header.size, true);
  view.setUint32(at + 24, header.link, true);
  view.setUint32(at + 28, header.info, true);
  view.setUint32(at + 32, header.alignment, true);
  view.setUint32(at + 36, header.entsize, true);
}

/** Encodes .symtab and .strtab; locals must come first, as the gABI requires. */
function encodeSymbols(symbols: OutputSymbol[]): { symtab: Uint8Array; strtab: Uint8Array; firstGlobal: number } {
  const strings = new StringTable();
  const symtab = new Uint8Array((symbols.length + 1) * ELF32_SYM_SIZE);
  const view = new DataView(symtab.buffer);
  let firstGlobal = symbols.length + 1;
  symbols.forEach((symbol, i) => {
    const index = i + 1;
    if (symbol.binding !== STB_LOCAL && firstGlobal > index) firstGlobal = index;
    if (symbol.binding === STB_LOCAL && firstGlobal <= index) {
      throw new Error(`internal error: local symbol ${symbol.name} follows a global in the output symbol table`);
    }
    const at = index * ELF32_SYM_SIZE;
    view.setUint32(at, strings.add(symbol.name), true);
    view.setUint32(at + 4, symbol.address >>> 0, true);
    view.setUint32(at + 8, symbol.size, true);
    view.setUint8(at + 12, (symbol.binding << 4) | symbol.type);
    view.setUint16(at + 14, symbol.sectionIndex, true);
  });
  return { symtab, strtab: strings.bytes(), firstGlobal };
}

/** A string table in ELF form: a leading NUL, then each distinct string NUL-terminated. */
class StringTable {
  private readonly offsets = new Map<string, number>();
  private readonly parts: string[] = [""];
  private length = 1;

  add(text: string): number {
    if (text === "") return 0;
    let offset = this.offsets.get(text);
    if (offset === undefined) {
      offset = this.length;
      this.offsets.set(text, offset);
      this.parts.push(text);
      this.length += text.length + 1;
    }
    return offset;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 1;
    for (const text of this.parts.slice(1)) {
      for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i) & 0xff;
      at += text.length + 1;
    }
    return out;
  }
}
