// A readelf-style reader and dumper for linked images, written separately
// from the linker so tests check the bytes the linker wrote, not its own
// data structures.

export interface DumpedSection {
  name: string;
  type: number;
  flags: number;
  address: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
}

export interface DumpedSegment {
  type: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  align: number;
}

export interface DumpedSymbol {
  name: string;
  value: number;
  size: number;
  bind: number;
  type: number;
  shndx: number;
}

export interface Image {
  bytes: Uint8Array;
  type: number;
  machine: number;
  entry: number;
  segments: DumpedSegment[];
  sections: DumpedSection[];
  symbols: DumpedSymbol[];
}

function cString(bytes: Uint8Array, at: number): string {
  let end = at;
  while (bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(at, end));
}

export function parseImage(bytes: Uint8Array): Image {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const phoff = u32(28);
  const shoff = u32(32);
  const segments: DumpedSegment[] = [];
  for (let i = 0; i < u16(44); i++) {
    const at = phoff + i * 32;
    segments.push({ type: u32(at), offset: u32(at + 4), vaddr: u32(at + 8), paddr: u32(at + 12), filesz: u32(at + 16), memsz: u32(at + 20), flags: u32(at + 24), align: u32(at + 28) });
  }
  const raw: (DumpedSection & { nameOffset: number })[] = [];
  for (let i = 0; i < u16(48); i++) {
    const at = shoff + i * 40;
    raw.push({ nameOffset: u32(at), name: "", type: u32(at + 4), flags: u32(at + 8), address: u32(at + 12), offset: u32(at + 16), size: u32(at + 20), link: u32(at + 24), info: u32(at + 28), align: u32(at + 32), entsize: u32(at + 36) });
  }
  const shstr = raw[u16(50)]!;
  const sections = raw.map(({ nameOffset, ...s }) => ({ ...s, name: cString(bytes, shstr.offset + nameOffset) }));
  const symbols: DumpedSymbol[] = [];
  const symtab = sections.find((s) => s.type === 2);
  if (symtab) {
    const strtab = sections[symtab.link]!;
    for (let at = symtab.offset + 16; at < symtab.offset + symtab.size; at += 16) {
      symbols.push({ name: cString(bytes, strtab.offset + u32(at)), value: u32(at + 4), size: u32(at + 8), bind: bytes[at + 12]! >> 4, type: bytes[at + 12]! & 0xf, shndx: u16(at + 14) });
    }
  }
  return { bytes, type: u16(16), machine: u16(18), entry: u32(24), segments, sections, symbols };
}

/** Reads `length` bytes at a virtual address through the PT_LOAD segments, as a loader would place them. */
export function readAt(image: Image, address: number, length: number): number[] {
  const out: number[] = [];
  for (let a = address; a < address + length; a++) {
    const segment = image.segments.find((s) => a >= s.vaddr && a < s.vaddr + s.memsz);
    if (!segment) throw new Error(`address 0x${a.toString(16)} is outside every segment`);
    const inFile = a - segment.vaddr < segment.filesz;
    out.push(inFile ? image.bytes[segment.offset + a - segment.vaddr]! : 0);
  }
  return out;
}

export function readU32(image: Image, address: number): number {
  const [a, b, c, d] = readAt(image, address, 4);
  return (a! | (b! << 8) | (c! << 16) | (d! << 24)) >>> 0;
}

export function symbolValue(image: Image, name: string): number {
  const found = image.symbols.filter((s) => s.name === name);
  if (found.length !== 1) throw new Error(`expected one symbol ${name}, found ${found.length}`);
  return found[0]!.value;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const FLAG_LETTERS: [number, string][] = [[1, "W"], [2, "A"], [4, "X"]];
const SECTION_TYPES: Record<number, string> = { 0: "NULL", 1: "PROGBITS", 2: "SYMTAB", 3: "STRTAB", 8: "NOBITS" };
const BINDS = ["LOCAL", "GLOBAL", "WEAK"];
const TYPES = ["NOTYPE", "OBJECT", "FUNC", "SECTION", "FILE"];

/** Dumps headers, sections, segments, loaded section bytes and symbols (sorted by value, then name) in a stable text form. */
export function dumpImage(image: Image): string {
  const lines = [`type ${image.type} machine ${image.machine} entry 0x${hex(image.entry, 8)} size ${image.bytes.length}`, "", "sections:"];
  image.sections.forEach((s, i) => {
    const flags = FLAG_LETTERS.filter(([bit]) => s.flags & bit).map(([, l]) => l).join("");
    lines.push(`  [${i}] ${s.name.padEnd(11)} ${(SECTION_TYPES[s.type] ?? String(s.type)).padEnd(8)} ${hex(s.address, 8)} off ${hex(s.offset, 6)} size ${hex(s.size, 6)} ${flags.padEnd(3)} link ${s.link} info ${s.info} align ${s.align}`);
  });
  lines.push("", "segments:");
  for (const p of image.segments) {
    const flags = `${p.flags & 4 ? "R" : " "}${p.flags & 2 ? "W" : " "}${p.flags & 1 ? "X" : " "}`;
    lines.push(`  LOAD off ${hex(p.offset, 6)} vaddr ${hex(p.vaddr, 8)} paddr ${hex(p.paddr, 8)} filesz ${hex(p.filesz, 6)} memsz ${hex(p.memsz, 6)} ${flags} align ${p.align}`);
  }
  lines.push("", "contents:");
  for (const s of image.sections) {
    if (s.type !== 1 || (s.flags & 2) === 0) continue;
    for (let at = 0; at < s.size; at += 16) {
      const row = [...image.bytes.subarray(s.offset + at, s.offset + Math.min(s.size, at + 16))].map((b) => hex(b, 2)).join(" ");
      lines.push(`  ${s.name.padEnd(11)} ${hex(s.address + at, 8)}  ${row}`);
    }
  }
  lines.push("", "symbols:");
  const sorted = [...image.symbols].sort((a, b) => a.value - b.value || a.name.localeCompare(b.name));
  for (const s of sorted) {
    const shndx = s.shndx === 0xfff1 ? "ABS" : s.shndx === 0 ? "UND" : String(s.shndx);
    lines.push(`  ${hex(s.value, 8)} ${String(s.size).padStart(5)} ${TYPES[s.type]!.padEnd(6)} ${BINDS[s.bind]!.padEnd(6)} ${shndx.padStart(3)} ${s.name}`);
  }
  return `${lines.join("\n")}\n`;
}
