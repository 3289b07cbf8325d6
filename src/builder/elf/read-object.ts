// Reader for ELF32 i386 relocatable objects (ET_REL), as our assembler and
// `gcc -m32 -c` write them. Every offset and size is bounds-checked, so a
// truncated or corrupted file yields one Diagnostic instead of an exception.
import type { Diagnostic } from "../diagnostic";
import { ByteReader, MalformedInputError, hex } from "./byte-reader";
import {
  ELF32_EHDR_SIZE,
  ELF32_REL_SIZE,
  ELF32_SHDR_SIZE,
  ELF32_SYM_SIZE,
  ELFCLASS32,
  ELFCLASS64,
  ELFDATA2LSB,
  ELF_MAGIC,
  EM_386,
  ET_EXEC,
  ET_REL,
  SHN_LORESERVE,
  SHN_UNDEF,
  SHN_XINDEX,
  SHT_GROUP,
  SHT_NOBITS,
  SHT_REL,
  SHT_RELA,
  SHT_SYMTAB,
  SHT_SYMTAB_SHNDX,
  STT_SECTION,
} from "./constants";

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  size: number;
  /** At least 1; the gABI lets 0 mean "no constraint". */
  addralign: number;
  entsize: number;
  link: number;
  info: number;
  /** File contents; empty for SHT_NOBITS. A view into the input bytes. */
  data: Uint8Array;
  /** REL entries that apply to this section, from the SHT_REL section whose sh_info names it. */
  relocations: ElfRelocation[];
}

export interface ElfRelocation {
  offset: number;
  type: number;
  symbolIndex: number;
}

export interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  /** STB_* from the high nibble of st_info. */
  binding: number;
  /** STT_* from the low nibble of st_info. */
  type: number;
  /** STV_* from st_other. */
  visibility: number;
  /** st_shndx: a section index, SHN_UNDEF, SHN_ABS or SHN_COMMON. */
  sectionIndex: number;
}

/** A section group (SHT_GROUP): its flags word, its signature symbol name and its member sections. */
export interface ElfGroup {
  flags: number;
  signature: string;
  members: number[];
}

export interface ElfObject {
  name: string;
  /** Indexed by section header index; entry 0 is the null section. */
  sections: ElfSection[];
  /** Indexed by symbol table index; entry 0 is the null symbol. Empty when the object has no symbol table. */
  symbols: ElfSymbol[];
  groups: ElfGroup[];
}

export type ReadObjectResult = { object: ElfObject; diagnostic?: undefined } | { object?: undefined; diagnostic: Diagnostic };

/** Offsets and sizes of the ELF32 header fields (gABI "ELF Header"). */
const EHDR = {
  ident: 0, // 16
  type: 16, // 2
  machine: 18, // 2
  version: 20, // 4
  entry: 24, // 4
  phoff: 28, // 4
  shoff: 32, // 4
  flags: 36, // 4
  ehsize: 40, // 2
  phentsize: 42, // 2
  phnum: 44, // 2
  shentsize: 46, // 2
  shnum: 48, // 2
  shstrndx: 50, // 2
  end: 52,
} as const;

/** Offsets of the ELF32 section header fields. */
const SHDR = {
  name: 0,
  type: 4,
  flags: 8,
  addr: 12,
  offset: 16,
  size: 20,
  link: 24,
  info: 28,
  addralign: 32,
  entsize: 36,
  end: 40,
} as const;

/** Offsets of the ELF32 symbol fields. */
const SYM = { name: 0, value: 4, size: 8, info: 12, other: 13, shndx: 14, end: 16 } as const;

if (EHDR.end !== ELF32_EHDR_SIZE || SHDR.end !== ELF32_SHDR_SIZE || SYM.end !== ELF32_SYM_SIZE) {
  throw new Error("internal error: ELF32 field tables do not match the gABI structure sizes");
}

const MACHINE_NAMES: Record<number, string> = { 3: "i386", 40: "ARM", 62: "x86-64", 183: "AArch64", 243: "RISC-V" };

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ELF_MAGIC.every((b, i) => bytes[i] === b);
}

export interface ReadObjectOptions {
  /** Also accept a linked executable (ET_EXEC), for readers of images such as the line table reader. */
  executable?: boolean;
}

/** Parses an ELF32 i386 relocatable object. `name` is how diagnostics name the file. */
export function readObject(name: string, bytes: Uint8Array, options: ReadObjectOptions = {}): ReadObjectResult {
  try {
    return { object: parseObject(name, new ByteReader(bytes), options.executable === true) };
  } catch (error) {
    if (!(error instanceof MalformedInputError)) throw error;
    return { diagnostic: fileError(name, error.message) };
  }
}

export function fileError(file: string, message: string): Diagnostic {
  return { file, line: 0, column: 0, length: 0, severity: "error", message };
}

function parseObject(name: string, reader: ByteReader, executable: boolean): ElfObject {
  checkHeader(reader, executable);
  const sections = readSectionHeaders(reader);
  const symbols = readSymbols(sections);
  attachRelocations(sections, symbols.length);
  const groups = readGroups(sections, symbols);
  return { name, sections, symbols, groups };
}

function checkHeader(reader: ByteReader, executable: boolean): void {
  if (!isElf(reader.bytes)) throw new MalformedInputError("not an ELF object or archive");
  reader.checkRange(0, ELF32_EHDR_SIZE, "ELF header");
  const elfClass = reader.u8(4);
  if (elfClass === ELFCLASS64) throw new MalformedInputError("64-bit ELF object; compile with -m32");
  if (elfClass !== ELFCLASS32) throw new MalformedInputError(`invalid ELF class ${elfClass}; expected 1 (ELFCLASS32)`);
  if (reader.u8(5) !== ELFDATA2LSB) throw new MalformedInputError("big-endian ELF object; expected little-endian i386");
  const machine = reader.u16(EHDR.machine);
  if (machine !== EM_386) {
    const machineName = MACHINE_NAMES[machine] ?? `machine ${machine}`;
    throw new MalformedInputError(`ELF object for ${machineName}, expected i386 (EM_386); compile with -m32 for x86`);
  }
  const type = reader.u16(EHDR.type);
  if (type !== ET_REL && !(executable && type === ET_EXEC)) {
    throw new MalformedInputError(`ELF file of type ${type} is not a relocatable object (ET_REL); pass the .o file, not a linked executable`);
  }
}

function readSectionHeaders(reader: ByteReader): ElfSection[] {
  const shoff = reader.u32(EHDR.shoff);
  const shentsize = reader.u16(EHDR.shentsize);
  let shnum = reader.u16(EHDR.shnum);
  let shstrndx = reader.u16(EHDR.shstrndx);
  if (shoff === 0) return [];
  if (shentsize !== ELF32_SHDR_SIZE) {
    throw new MalformedInputError(`invalid section header size ${shentsize}; expected ${ELF32_SHDR_SIZE}`);
  }
  // With 0xff00 or more sections, the counts move to the null section header.
  if (shnum === 0) shnum = reader.u32(shoff + SHDR.size);
  if (shstrndx === SHN_XINDEX) shstrndx = reader.u32(shoff + SHDR.link);
  reader.checkRange(shoff, shnum * ELF32_SHDR_SIZE, "section header table");

  const sections: ElfSection[] = [];
  const nameOffsets: number[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * ELF32_SHDR_SIZE;
    const type = reader.u32(at + SHDR.type);
    const offset = reader.u32(at + SHDR.offset);
    const size = reader.u32(at + SHDR.size);
    const what = `contents of section ${i}`;
    sections.push({
      index: i,
      name: "",
      type,
      flags: reader.u32(at + SHDR.flags),
      size,
      addralign: Math.max(1, reader.u32(at + SHDR.addralign)),
      entsize: reader.u32(at + SHDR.entsize),
      link: reader.u32(at + SHDR.link),
      info: reader.u32(at + SHDR.info),
      data: type === SHT_NOBITS || i === 0 ? new Uint8Array(0) : reader.slice(offset, size, what),
      relocations: [],
    });
    nameOffsets.push(reader.u32(at + SHDR.name));
  }
  nameSections(sections, nameOffsets, shstrndx);
  return sections;
}

function nameSections(sections: ElfSection[], nameOffsets: number[], shstrndx: number): void {
  if (sections.length === 0) return;
  const names = sections[shstrndx];
  if (shstrndx === 0 || names === undefined) {
    throw new MalformedInputError(`invalid section name table index ${shstrndx} (the file has ${sections.length} sections)`);
  }
  const table = new ByteReader(names.data);
  for (const section of sections) {
    if (section.index === 0) continue;
    section.name = table.cString(nameOffsets[section.index] ?? 0, names.data.length, `name of section ${section.index}`);
    if (section.addralign & (section.addralign - 1)) {
      throw new MalformedInputError(`section ${section.name} has alignment ${section.addralign}, which is not a power of two`);
    }
  }
}

function readSymbols(sections: ElfSection[]): ElfSymbol[] {
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  if (symtab === undefined) return [];
  if (sections.some((s) => s.type === SHT_SYMTAB_SHNDX)) {
    throw new MalformedInputError("extended section indices (SHT_SYMTAB_SHNDX) are not supported");
  }
  if (symtab.entsize !== ELF32_SYM_SIZE) {
    throw new MalformedInputError(`symbol table ${symtab.name} has entry size ${symtab.entsize}; expected ${ELF32_SYM_SIZE}`);
  }
  const strtab = sections[symtab.link];
  if (symtab.link === 0 || strtab === undefined) {
    throw new MalformedInputError(`symbol table ${symtab.name} links to invalid string table section ${symtab.link}`);
  }
  const table = new ByteReader(symtab.data);
  const strings = new ByteReader(strtab.data);
  const count = Math.floor(symtab.data.length / ELF32_SYM_SIZE);
  const symbols: ElfSymbol[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * ELF32_SYM_SIZE;
    const nameOffset = table.u32(at + SYM.name);
    const info = table.u8(at + SYM.info);
    const sectionIndex = table.u16(at + SYM.shndx);
    if (sectionIndex !== SHN_UNDEF && sectionIndex < SHN_LORESERVE && sectionIndex >= sections.length) {
      throw new MalformedInputError(`symbol ${i} refers to section ${sectionIndex}, but the file has ${sections.length} sections`);
    }
    symbols.push({
      name: i === 0 || nameOffset === 0 ? "" : strings.cString(nameOffset, strtab.data.length, `name of symbol ${i}`),
      value: table.u32(at + SYM.value),
      size: table.u32(at + SYM.size),
      binding: info >> 4,
      type: info & 0xf,
      visibility: table.u8(at + SYM.other) & 0x3,
      sectionIndex,
    });
  }
  return symbols;
}

function attachRelocations(sections: ElfSection[], symbolCount: number): void {
  for (const rel of sections) {
    if (rel.type === SHT_RELA) {
      throw new MalformedInputError(`RELA relocation section ${rel.name} is not supported; i386 objects use REL (compile with gcc -m32)`);
    }
    if (rel.type !== SHT_REL) continue;
    const target = sections[rel.info];
    if (rel.info === 0 || target === undefined) {
      throw new MalformedInputError(`relocation section ${rel.name} applies to invalid section ${rel.info}`);
    }
    if (rel.entsize !== ELF32_REL_SIZE) {
      throw new MalformedInputError(`relocation section ${rel.name} has entry size ${rel.entsize}; expected ${ELF32_REL_SIZE}`);
    }
    const table = new ByteReader(rel.data);
    for (let at = 0; at + ELF32_REL_SIZE <= rel.data.length; at += ELF32_REL_SIZE) {
      const offset = table.u32(at);
      const info = table.u32(at + 4);
      const symbolIndex = info >>> 8;
      if (symbolIndex >= symbolCount) {
        throw new MalformedInputError(`relocation at ${target.name}+${hex(offset)} refers to symbol ${symbolIndex}, but the symbol table has ${symbolCount}`);
      }
      target.relocations.push({ offset, type: info & 0xff, symbolIndex });
    }
  }
}

function readGroups(sections: ElfSection[], symbols: ElfSymbol[]): ElfGroup[] {
  const groups: ElfGroup[] = [];
  for (const section of sections) {
    if (section.type !== SHT_GROUP) continue;
    const signature = symbols[section.info];
    if (signature === undefined) {
      throw new MalformedInputError(`section group ${section.name} names invalid signature symbol ${section.info}`);
    }
    const words = new ByteReader(section.data);
    const members: number[] = [];
    for (let at = 4; at + 4 <= section.data.length; at += 4) {
      const member = words.u32(at);
      if (member === 0 || member >= sections.length) {
        throw new MalformedInputError(`section group ${section.name} lists invalid section ${member}`);
      }
      members.push(member);
    }
    // A group whose signature is a section symbol takes the section's name as its signature.
    const name = signature.type === STT_SECTION && signature.name === "" ? (sections[signature.sectionIndex]?.name ?? "") : signature.name;
    groups.push({ flags: words.u32(0), signature: name, members });
  }
  return groups;
}
