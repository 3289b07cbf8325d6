// Helpers for differential tests against GNU as: run `as --32` on a
// source, and dump an ELF32 relocatable object into a comparable form.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function toolWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return result.status === 0;
}

export const hasGnuAs = toolWorks("as", ["--32", "--version"]);
export const hasGnuLd = toolWorks("ld", ["-m", "elf_i386", "--version"]);
export const hasGcc = hasGnuAs && toolWorks("gcc", ["-m32", "--version"]);

export function skipReason(tool: string): string {
  return `skipped: ${tool} is not installed (install binutils and gcc-multilib to run this test)`;
}

/** Runs a command in a fresh temporary directory with the given files; returns the named output file. */
export function runInTempDir(files: Record<string, string | Uint8Array>, command: string, args: string[], output: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "ukp-x86-"));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const result = spawnSync(command, args, { cwd: dir, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
    return new Uint8Array(readFileSync(join(dir, output)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function gnuAssemble(source: string): Uint8Array {
  return runInTempDir({ "in.s": source }, "as", ["--32", "-o", "out.o", "in.s"], "out.o");
}

export interface SectionDump {
  name: string;
  type: number;
  flags: number;
  addralign: number;
  entsize: number;
  size: number;
  /** Hex bytes; empty for SHT_NOBITS. */
  data: string;
}

export interface ObjectDump {
  sections: SectionDump[];
  /** Per section name: "offset type symbol" lines, symbol named by its section for section symbols. */
  relocations: Record<string, string[]>;
  /** "name value size type binding visibility section" lines, sorted. */
  symbols: string[];
  /** Locals come before globals and sh_info is the first global. */
  symbolOrderValid: boolean;
  raw: Uint8Array;
}

const SKIPPED_SECTIONS = new Set([".symtab", ".strtab", ".shstrtab"]);
const SPECIAL_SECTION_INDEXES: Readonly<Record<number, string>> = { 0: "UND", 0xfff1: "ABS", 0xfff2: "COM" };

/** Reads an ELF32 i386 relocatable object into a dump where GNU as and our output compare equal. */
export function dumpObject(bytes: Uint8Array): ObjectDump {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u16 = (at: number): number => view.getUint16(at, true);
  const shoff = u32(32);
  const shnum = u16(48);
  const shstrndx = u16(50);
  const headers = Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * 40;
    return {
      nameOffset: u32(at), type: u32(at + 4), flags: u32(at + 8), offset: u32(at + 16), size: u32(at + 20),
      link: u32(at + 24), info: u32(at + 28), addralign: u32(at + 32), entsize: u32(at + 36), name: "",
    };
  });
  const cString = (at: number): string => {
    let end = at;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(at, end));
  };
  const shstr = headers[shstrndx]!;
  for (const h of headers) h.name = cString(shstr.offset + h.nameOffset);

  // GNU as leaves out .symtab when there are no symbols; we always write
  // one (with only the null symbol), which readers may rely on.
  const symtab = headers.find((h) => h.type === 2) ?? { offset: 0, size: 0, link: 0, info: 1 };
  const strtab = headers[symtab.link]!;
  const symbols: Array<{ name: string; line: string; binding: number }> = [];
  for (let at = symtab.offset + 16; at < symtab.offset + symtab.size; at += 16) {
    const info = bytes[at + 12]!;
    const shndx = u16(at + 14);
    const type = info & 0xf;
    const section = SPECIAL_SECTION_INDEXES[shndx] ?? headers[shndx]!.name;
    const name = type === 3 ? section : cString(strtab.offset + u32(at));
    const line = `${name} value=${u32(at + 4)} size=${u32(at + 8)} type=${type} bind=${info >> 4} vis=${bytes[at + 13]} section=${section}`;
    symbols.push({ name, line, binding: info >> 4 });
  }
  const firstGlobal = symbols.findIndex((s) => s.binding !== 0);
  const localsFirst = firstGlobal < 0 || symbols.slice(firstGlobal).every((s) => s.binding !== 0);
  const infoMatches = symtab.info === (firstGlobal < 0 ? symbols.length + 1 : firstGlobal + 1);

  const relocations: Record<string, string[]> = {};
  for (const h of headers) {
    if (h.type !== 9) continue;
    const target = headers[h.info]!.name;
    const lines: string[] = [];
    for (let at = h.offset; at < h.offset + h.size; at += 8) {
      const info = u32(at + 4);
      const symbolIndex = info >>> 8;
      const symbolName = symbolIndex === 0 ? "<none>" : symbols[symbolIndex - 1]!.name;
      lines.push(`0x${u32(at).toString(16)} type=${info & 0xff} ${symbolName}`);
    }
    relocations[target] = lines;
  }

  const sections = headers
    .slice(1)
    .filter((h) => !SKIPPED_SECTIONS.has(h.name) && h.type !== 9)
    .map((h) => ({
      name: h.name,
      type: h.type,
      flags: h.flags,
      addralign: h.addralign,
      entsize: h.entsize,
      size: h.size,
      data: h.type === 8 ? "" : Buffer.from(bytes.subarray(h.offset, h.offset + h.size)).toString("hex"),
    }));
  return {
    sections,
    relocations,
    symbols: symbols.map((s) => s.line).sort(),
    symbolOrderValid: localsFirst && infoMatches,
    raw: bytes,
  };
}
