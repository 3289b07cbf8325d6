// Writes ELF32 i386 relocatable objects (ET_REL) with REL relocation
// sections, laid out as GNU as does: each section is followed by its
// `.rel` section, then `.symtab`, `.strtab` and `.shstrtab`. Local symbols
// come first in the symbol table, as the gABI requires.
import {
  ELF32_EHDR_SIZE,
  ELF32_REL_SIZE,
  ELF32_SHDR_SIZE,
  ELF32_SYM_SIZE,
  ELFCLASS32,
  ELFDATA2LSB,
  ELF_MAGIC,
  EM_386,
  ET_REL,
  EV_CURRENT,
  SHF_INFO_LINK,
  SHN_ABS,
  SHN_COMMON,
  SHN_UNDEF,
  SHT_NOBITS,
  SHT_REL,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_LOCAL,
  STT_FILE,
  STT_SECTION,
  STV_DEFAULT,
} from "./constants";

/** Handle of a section added to an ObjectWriter (not its final ELF index). */
export type SectionHandle = number;
/** Handle of a symbol added to an ObjectWriter (not its final symbol table index). */
export type SymbolHandle = number;

export interface ObjectSection {
  name: string;
  /** SHT_PROGBITS, SHT_NOBITS, SHT_NOTE, ... */
  type: number;
  flags: number;
  addralign: number;
  entsize?: number;
  /** Contents; for SHT_NOBITS only `size` counts. */
  data?: Uint8Array;
  /** Size of an SHT_NOBITS section. Ignored when `data` is given. */
  size?: number;
}

/** Where a symbol is defined: a section handle, or one of the special indexes. */
export type SymbolPlace = SectionHandle | "undefined" | "absolute" | "common";

export interface ObjectSymbol {
  name: string;
  value: number;
  size: number;
  /** STT_* */
  type: number;
  /** STB_* */
  binding: number;
  /** STV_*; default STV_DEFAULT. */
  visibility?: number;
  place: SymbolPlace;
}

export interface ObjectRelocation {
  offset: number;
  /** R_386_* */
  type: number;
  /** The symbol the relocation refers to; undefined means symbol index 0. */
  symbol?: SymbolHandle;
}

interface SectionEntry extends ObjectSection {
  relocations: ObjectRelocation[];
}

/** Builds an ELF32 relocatable object: add sections, symbols and relocations, then `write()`. */
export class ObjectWriter {
  private readonly sections: SectionEntry[] = [];
  private readonly symbols: ObjectSymbol[] = [];
  private readonly sectionSymbols = new Map<SectionHandle, SymbolHandle>();

  addSection(section: ObjectSection): SectionHandle {
    this.sections.push({ ...section, relocations: [] });
    return this.sections.length - 1;
  }

  addSymbol(symbol: ObjectSymbol): SymbolHandle {
    this.symbols.push(symbol);
    return this.symbols.length - 1;
  }

  /** Returns the STT_SECTION symbol of a section, adding it on first use. */
  sectionSymbol(section: SectionHandle): SymbolHandle {
    let handle = this.sectionSymbols.get(section);
    if (handle === undefined) {
      handle = this.addSymbol({
        name: "",
        value: 0,
        size: 0,
        type: STT_SECTION,
        binding: STB_LOCAL,
        place: section,
      });
      this.sectionSymbols.set(section, handle);
    }
    return handle;
  }

  addRelocation(section: SectionHandle, relocation: ObjectRelocation): void {
    const entry = this.sections[section];
    if (entry === undefined) throw new Error(`internal error: no section with handle ${section}`);
    entry.relocations.push(relocation);
  }

  write(): Uint8Array {
    // Section header indexes: null, then each section followed by its .rel
    // section when it has relocations, then the three tables.
    const sectionIndex: number[] = [];
    const relIndex: number[] = [];
    let next = 1;
    for (const s of this.sections) {
      sectionIndex.push(next++);
      relIndex.push(s.relocations.length > 0 ? next++ : 0);
    }
    const symtabIndex = next++;
    const strtabIndex = next++;
    const shstrtabIndex = next++;
    const sectionCount = next;

    const { symtab, strtab, symbolIndex, firstGlobal } = this.buildSymbolTable(sectionIndex);

    const shstrtab = new StringTable();
    const headers: SectionHeader[] = [nullHeader()];
    for (let i = 0; i < this.sections.length; i++) {
      const s = this.sections[i]!;
      const data = s.data ?? new Uint8Array(0);
      headers.push({
        name: shstrtab.add(s.name),
        type: s.type,
        flags: s.flags,
        offset: 0,
        size: s.type === SHT_NOBITS ? (s.data?.length ?? s.size ?? 0) : data.length,
        link: 0,
        info: 0,
        addralign: s.addralign,
        entsize: s.entsize ?? 0,
        body: s.type === SHT_NOBITS ? undefined : data,
      });
      if (s.relocations.length > 0) {
        headers.push({
          name: shstrtab.add(`.rel${s.name}`),
          type: SHT_REL,
          flags: SHF_INFO_LINK,
          offset: 0,
          size: s.relocations.length * ELF32_REL_SIZE,
          link: symtabIndex,
          info: sectionIndex[i]!,
          addralign: 4,
          entsize: ELF32_REL_SIZE,
          body: encodeRelocations(s.relocations, symbolIndex),
        });
      }
    }
    headers.push({
      name: shstrtab.add(".symtab"),
      type: SHT_SYMTAB,
      flags: 0,
      offset: 0,
      size: symtab.length,
      link: strtabIndex,
      info: firstGlobal,
      addralign: 4,
      entsize: ELF32_SYM_SIZE,
      body: symtab,
    });
    headers.push(stringTableHeader(shstrtab.add(".strtab"), strtab.bytes()));
    const shstrtabName = shstrtab.add(".shstrtab");
    headers.push(stringTableHeader(shstrtabName, shstrtab.bytes()));
    if (headers.length !== sectionCount) throw new Error("internal error: section header count mismatch");

    // File layout: ELF header, section bodies (each at its alignment), then
    // the section header table.
    let offset = ELF32_EHDR_SIZE;
    for (const h of headers) {
      if (h.body === undefined) continue;
      offset = alignUp(offset, Math.max(1, h.addralign));
      h.offset = offset;
      offset += h.body.length;
    }
    for (const h of headers) if (h.body === undefined && h.type !== 0) h.offset = offset;
    const shoff = alignUp(offset, 4);
    const out = new Uint8Array(shoff + sectionCount * ELF32_SHDR_SIZE);
    const view = new DataView(out.buffer);

    writeElfHeader(view, shoff, sectionCount, shstrtabIndex);
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i]!;
      if (h.body !== undefined) out.set(h.body, h.offset);
      writeSectionHeader(view, shoff + i * ELF32_SHDR_SIZE, h);
    }
    return out;
  }

  private buildSymbolTable(sectionIndex: number[]): {
    symtab: Uint8Array;
    strtab: StringTable;
    symbolIndex: number[];
    firstGlobal: number;
  } {
    const order: number[] = [];
    this.symbols.forEach((s, i) => {
      if (s.type === STT_FILE && s.binding === STB_LOCAL) order.push(i);
    });
    this.symbols.forEach((s, i) => {
      if (s.binding === STB_LOCAL && s.type !== STT_FILE) order.push(i);
    });
    const firstGlobal = order.length + 1;
    this.symbols.forEach((s, i) => {
      if (s.binding !== STB_LOCAL) order.push(i);
    });

    const strtab = new StringTable();
    const symtab = new Uint8Array((order.length + 1) * ELF32_SYM_SIZE);
    const view = new DataView(symtab.buffer);
    const symbolIndex = new Array<number>(this.symbols.length);
    order.forEach((handle, position) => {
      const s = this.symbols[handle]!;
      const index = position + 1;
      symbolIndex[handle] = index;
      const at = index * ELF32_SYM_SIZE;
      view.setUint32(at, s.name === "" ? 0 : strtab.add(s.name), true);
      view.setUint32(at + 4, s.value >>> 0, true);
      view.setUint32(at + 8, s.size >>> 0, true);
      view.setUint8(at + 12, (s.binding << 4) | s.type);
      view.setUint8(at + 13, s.visibility ?? STV_DEFAULT);
      view.setUint16(at + 14, placeIndex(s.place, sectionIndex), true);
    });
    return { symtab, strtab, symbolIndex, firstGlobal };
  }
}

interface SectionHeader {
  name: number;
  type: number;
  flags: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
  /** Bytes stored in the file; undefined for SHT_NULL and SHT_NOBITS. */
  body: Uint8Array | undefined;
}

function nullHeader(): SectionHeader {
  return { name: 0, type: 0, flags: 0, offset: 0, size: 0, link: 0, info: 0, addralign: 0, entsize: 0, body: undefined };
}

function stringTableHeader(name: number, body: Uint8Array): SectionHeader {
  return { name, type: SHT_STRTAB, flags: 0, offset: 0, size: body.length, link: 0, info: 0, addralign: 1, entsize: 0, body };
}

function placeIndex(place: SymbolPlace, sectionIndex: number[]): number {
  if (place === "undefined") return SHN_UNDEF;
  if (place === "absolute") return SHN_ABS;
  if (place === "common") return SHN_COMMON;
  const index = sectionIndex[place];
  if (index === undefined) throw new Error(`internal error: symbol refers to unknown section handle ${place}`);
  return index;
}

function encodeRelocations(relocations: ObjectRelocation[], symbolIndex: number[]): Uint8Array {
  const body = new Uint8Array(relocations.length * ELF32_REL_SIZE);
  const view = new DataView(body.buffer);
  relocations.forEach((r, i) => {
    const symbol = r.symbol === undefined ? 0 : symbolIndex[r.symbol];
    if (symbol === undefined) throw new Error(`internal error: relocation refers to unknown symbol handle ${r.symbol}`);
    view.setUint32(i * ELF32_REL_SIZE, r.offset >>> 0, true);
    view.setUint32(i * ELF32_REL_SIZE + 4, ((symbol << 8) | r.type) >>> 0, true);
  });
  return body;
}

function writeElfHeader(view: DataView, shoff: number, shnum: number, shstrndx: number): void {
  ELF_MAGIC.forEach((b, i) => view.setUint8(i, b));
  view.setUint8(4, ELFCLASS32);
  view.setUint8(5, ELFDATA2LSB);
  view.setUint8(6, EV_CURRENT);
  view.setUint16(16, ET_REL, true);
  view.setUint16(18, EM_386, true);
  view.setUint32(20, EV_CURRENT, true);
  view.setUint32(24, 0, true); // e_entry
  view.setUint32(28, 0, true); // e_phoff
  view.setUint32(32, shoff, true);
  view.setUint32(36, 0, true); // e_flags
  view.setUint16(40, ELF32_EHDR_SIZE, true);
  view.setUint16(42, 0, true); // e_phentsize
  view.setUint16(44, 0, true); // e_phnum
  view.setUint16(46, ELF32_SHDR_SIZE, true);
  view.setUint16(48, shnum, true);
  view.setUint16(50, shstrndx, true);
}

function writeSectionHeader(view: DataView, at: number, h: SectionHeader): void {
  view.setUint32(at, h.name, true);
  view.setUint32(at + 4, h.type >>> 0, true);
  view.setUint32(at + 8, h.flags >>> 0, true);
  view.setUint32(at + 12, 0, true); // sh_addr
  view.setUint32(at + 16, h.offset, true);
  view.setUint32(at + 20, h.size, true);
  view.setUint32(at + 24, h.link, true);
  view.setUint32(at + 28, h.info, true);
  view.setUint32(at + 32, h.addralign, true);
  view.setUint32(at + 36, h.entsize, true);
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

/** An ELF string table: offset 0 is the empty string, each name is added once. */
class StringTable {
  private readonly offsets = new Map<string, number>();
  private readonly chunks: Uint8Array[] = [new Uint8Array(1)];
  private length = 1;
  private readonly encoder = new TextEncoder();

  add(name: string): number {
    const known = this.offsets.get(name);
    if (known !== undefined) return known;
    const offset = this.length;
    const bytes = this.encoder.encode(name);
    this.chunks.push(bytes, new Uint8Array(1));
    this.length += bytes.length + 1;
    this.offsets.set(name, offset);
    return offset;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
