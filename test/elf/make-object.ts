// A minimal ELF32 i386 relocatable object writer for tests, so linker tests
// can build exact inputs in memory without gcc.
import {
  ELF32_EHDR_SIZE,
  ELF32_REL_SIZE,
  ELF32_SHDR_SIZE,
  ELF32_SYM_SIZE,
  EM_386,
  ET_REL,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_INFO_LINK,
  SHF_MERGE,
  SHF_STRINGS,
  SHF_WRITE,
  SHN_ABS,
  SHN_COMMON,
  SHN_UNDEF,
  SHT_NOBITS,
  SHT_PROGBITS,
  SHT_REL,
  SHT_STRTAB,
  SHT_SYMTAB,
  STB_GLOBAL,
  STB_LOCAL,
  STT_NOTYPE,
} from "../../src/builder/elf/constants";

export interface TestSection {
  name: string;
  type?: number;
  flags?: number;
  align?: number;
  /** sh_entsize, for SHF_MERGE sections. */
  entsize?: number;
  /** Contents; for SHT_NOBITS only the length counts. */
  data: number[] | Uint8Array;
  relocations?: { offset: number; type: number; symbol: string }[];
}

export interface TestSymbol {
  name: string;
  /** Section name, or "UND", "ABS", "COMMON". */
  section: string;
  value?: number;
  size?: number;
  binding?: number;
  type?: number;
}

const SPECIAL_SECTIONS: Record<string, number> = { UND: SHN_UNDEF, ABS: SHN_ABS, COMMON: SHN_COMMON };

/** Standard flags for the usual section names. */
export function defaultFlags(name: string): number {
  if (name.startsWith(".text")) return SHF_ALLOC | SHF_EXECINSTR;
  if (name.startsWith(".data") || name.startsWith(".bss")) return SHF_ALLOC | SHF_WRITE;
  if (name.startsWith(".rodata.str")) return SHF_ALLOC | SHF_MERGE | SHF_STRINGS;
  if (name.startsWith(".rodata.cst")) return SHF_ALLOC | SHF_MERGE;
  if (name.startsWith(".rodata") || name === ".multiboot") return SHF_ALLOC;
  return 0;
}

/** The entry size gcc gives merge sections: 1 for `.rodata.str1.N`, N for `.rodata.cstN`. */
function defaultEntsize(name: string): number {
  const match = /^\.rodata\.(?:str(\d+)\.\d+|cst(\d+))$/.exec(name);
  return match ? Number(match[1] ?? match[2]) : 0;
}

/**
 * Writes an object with the given sections and symbols. Relocations name
 * symbols; a name equal to a section name refers to that section's symbol.
 */
export function makeObject(sections: TestSection[], symbols: TestSymbol[]): Uint8Array {
  const shstr = new Strings();
  const str = new Strings();
  const sectionIndex = new Map(sections.map((s, i) => [s.name, i + 1]));

  // Symbols: null, one STT_SECTION per section, then locals, then globals.
  const sectionSymbols = sections.map((s, i) => ({ name: "", value: 0, size: 0, info: 3, shndx: i + 1, key: s.name }));
  const ordered = [...symbols].sort((a, b) => Number((a.binding ?? STB_GLOBAL) !== STB_LOCAL) - Number((b.binding ?? STB_GLOBAL) !== STB_LOCAL));
  const named = ordered.map((s) => ({
    name: s.name,
    value: s.value ?? 0,
    size: s.size ?? 0,
    info: ((s.binding ?? STB_GLOBAL) << 4) | (s.type ?? STT_NOTYPE),
    shndx: SPECIAL_SECTIONS[s.section] ?? sectionIndex.get(s.section)!,
    key: s.name,
  }));
  const allSymbols = [{ name: "", value: 0, size: 0, info: 0, shndx: 0, key: "" }, ...sectionSymbols, ...named];
  const firstGlobal = allSymbols.findIndex((s, i) => i > 0 && s.info >> 4 !== STB_LOCAL);
  const symbolIndex = new Map<string, number>();
  allSymbols.forEach((s, i) => {
    if (i > 0 && !symbolIndex.has(s.key)) symbolIndex.set(s.key, i);
  });

  const symtab = new Uint8Array(allSymbols.length * ELF32_SYM_SIZE);
  const symView = new DataView(symtab.buffer);
  allSymbols.forEach((s, i) => {
    const at = i * ELF32_SYM_SIZE;
    symView.setUint32(at, str.add(s.name), true);
    symView.setUint32(at + 4, s.value, true);
    symView.setUint32(at + 8, s.size, true);
    symView.setUint8(at + 12, s.info);
    symView.setUint16(at + 14, s.shndx, true);
  });

  interface Out { name: string; type: number; flags: number; align: number; data: Uint8Array; size: number; link: number; info: number; entsize: number }
  const out: Out[] = sections.map((s) => {
    const data = s.data instanceof Uint8Array ? s.data : new Uint8Array(s.data);
    const type = s.type ?? (s.name.startsWith(".bss") ? SHT_NOBITS : SHT_PROGBITS);
    return { name: s.name, type, flags: s.flags ?? defaultFlags(s.name), align: s.align ?? 1, data: type === SHT_NOBITS ? new Uint8Array(0) : data, size: data.length, link: 0, info: 0, entsize: s.entsize ?? defaultEntsize(s.name) };
  });
  const symtabIndex = out.length + 1 + sections.filter((s) => s.relocations?.length).length;
  sections.forEach((s, i) => {
    if (!s.relocations?.length) return;
    const rel = new Uint8Array(s.relocations.length * ELF32_REL_SIZE);
    const view = new DataView(rel.buffer);
    s.relocations.forEach((r, j) => {
      const index = symbolIndex.get(r.symbol);
      if (index === undefined) throw new Error(`test object: unknown relocation symbol ${r.symbol}`);
      view.setUint32(j * 8, r.offset, true);
      view.setUint32(j * 8 + 4, (index << 8) | r.type, true);
    });
    out.push({ name: `.rel${s.name}`, type: SHT_REL, flags: SHF_INFO_LINK, align: 4, data: rel, size: rel.length, link: symtabIndex, info: i + 1, entsize: ELF32_REL_SIZE });
  });
  out.push({ name: ".symtab", type: SHT_SYMTAB, flags: 0, align: 4, data: symtab, size: symtab.length, link: symtabIndex + 1, info: firstGlobal < 0 ? allSymbols.length : firstGlobal, entsize: ELF32_SYM_SIZE });
  const strtab = str.bytes();
  out.push({ name: ".strtab", type: SHT_STRTAB, flags: 0, align: 1, data: strtab, size: strtab.length, link: 0, info: 0, entsize: 0 });
  const nameOffsets = [...out.map((s) => shstr.add(s.name)), shstr.add(".shstrtab")];
  const shstrtab = shstr.bytes();
  out.push({ name: ".shstrtab", type: SHT_STRTAB, flags: 0, align: 1, data: shstrtab, size: shstrtab.length, link: 0, info: 0, entsize: 0 });

  let offset = ELF32_EHDR_SIZE;
  const offsets = out.map((s) => {
    offset = Math.ceil(offset / 4) * 4;
    const at = offset;
    offset += s.data.length;
    return at;
  });
  const shoff = Math.ceil(offset / 4) * 4;
  const bytes = new Uint8Array(shoff + (out.length + 1) * ELF32_SHDR_SIZE);
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  view.setUint16(16, ET_REL, true);
  view.setUint16(18, EM_386, true);
  view.setUint32(20, 1, true);
  view.setUint32(32, shoff, true);
  view.setUint16(40, ELF32_EHDR_SIZE, true);
  view.setUint16(46, ELF32_SHDR_SIZE, true);
  view.setUint16(48, out.length + 1, true);
  view.setUint16(50, out.length, true);
  out.forEach((s, i) => {
    bytes.set(s.data, offsets[i]!);
    const at = shoff + (i + 1) * ELF32_SHDR_SIZE;
    view.setUint32(at, nameOffsets[i]!, true);
    view.setUint32(at + 4, s.type, true);
    view.setUint32(at + 8, s.flags, true);
    view.setUint32(at + 16, offsets[i]!, true);
    view.setUint32(at + 20, s.size, true);
    view.setUint32(at + 24, s.link, true);
    view.setUint32(at + 28, s.info, true);
    view.setUint32(at + 32, s.align, true);
    view.setUint32(at + 36, s.entsize, true);
  });
  return bytes;
}

class Strings {
  private readonly offsets = new Map<string, number>();
  private text = "\0";

  add(name: string): number {
    if (name === "") return 0;
    let offset = this.offsets.get(name);
    if (offset === undefined) {
      offset = this.text.length;
      this.offsets.set(name, offset);
      this.text += `${name}\0`;
    }
    return offset;
  }

  bytes(): Uint8Array {
    return new TextEncoder().encode(this.text);
  }
}

/** Encodes the 12-byte multiboot v1 header, by default with flags 0x3 and a valid checksum. */
export function multibootHeader(flags = 0x3, checksum = (-(0x1badb002 + flags)) >>> 0): number[] {
  const words = [0x1badb002, flags, checksum];
  return words.flatMap((w) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24]);
}

/**
 * Builds a boot object: `.multiboot` with a valid header and `_start` (a
 * `hlt` loop) in `.text`; with `callMain`, `_start` first calls `main`, so
 * garbage collection keeps what main reaches.
 */
export function bootObject(callMain = false): Uint8Array {
  const call = callMain ? [0xe8, 0xfc, 0xff, 0xff, 0xff] : [];
  return makeObject(
    [
      { name: ".multiboot", align: 4, data: multibootHeader() },
      {
        name: ".text",
        align: 16,
        data: [...call, 0xfa, 0xf4, 0xeb, 0xfd],
        relocations: callMain ? [{ offset: 1, type: 2, symbol: "main" }] : [],
      },
    ],
    [{ name: "_start", section: ".text", size: call.length + 4, type: 2 }, ...(callMain ? [{ name: "main", section: "UND" }] : [])],
  );
}
