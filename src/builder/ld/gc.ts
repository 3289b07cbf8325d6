// Garbage collection of sections, as `ld --gc-sections` does it: an
// allocated input section stays in the image only when the entry point or a
// kept root reaches it through relocations. Roots are the section that
// defines the entry symbol and every section the image needs whether or not
// code refers to it: `.multiboot`, constructor and destructor arrays, and
// sections marked SHF_GNU_RETAIN (`__attribute__((used))` with gcc 11+).
// With the library OS built with -ffunction-sections -fdata-sections, every
// function and variable main does not reach leaves the image.
import {
  SHF_ALLOC,
  SHF_GNU_RETAIN,
  SHN_LORESERVE,
  SHN_UNDEF,
  SHT_FINI_ARRAY,
  SHT_INIT_ARRAY,
  SHT_PREINIT_ARRAY,
  STB_LOCAL,
} from "../elf/constants";
import type { ElfSection } from "../elf/read-object";
import type { InputFile, LinkContext } from "./context";
import { isDropped } from "./layout";

/** Section names that are kept like `KEEP(*(...))` in a GNU ld script. */
const KEPT_PREFIXES = [".multiboot", ".init_array", ".fini_array", ".preinit_array", ".ctors", ".dtors", ".init", ".fini"];

function isKeptRoot(section: ElfSection): boolean {
  if (section.flags & SHF_GNU_RETAIN) return true;
  if (section.type === SHT_INIT_ARRAY || section.type === SHT_FINI_ARRAY || section.type === SHT_PREINIT_ARRAY) return true;
  return KEPT_PREFIXES.some((prefix) => section.name === prefix || section.name.startsWith(`${prefix}.`));
}

/** Allocated sections that the image could hold; sections layout drops anyway (.eh_frame, notes) do not count. */
function isCollectable(file: InputFile, section: ElfSection): boolean {
  return section.index !== 0 && (section.flags & SHF_ALLOC) !== 0 && !file.discarded.has(section.index) && !isDropped(section);
}

/**
 * Marks every allocated section reachable from the roots and records the
 * others in each file's `collected` set. Symbols those sections define are
 * flagged `collected`, and so are undefined symbols that no kept section
 * refers to.
 */
export function collectGarbage(ctx: LinkContext): void {
  const live = new Map<InputFile, Set<number>>(ctx.files.map((file) => [file, new Set<number>()]));
  /** Globals that a kept section refers to. */
  const referenced = new Set<string>([ctx.entryName]);
  const work: [InputFile, number][] = [];
  const mark = (file: InputFile, sectionIndex: number) => {
    if (sectionIndex === SHN_UNDEF || sectionIndex >= SHN_LORESERVE) return;
    const section = file.elf.sections[sectionIndex];
    const set = live.get(file)!;
    if (section === undefined || !isCollectable(file, section) || set.has(sectionIndex)) return;
    set.add(sectionIndex);
    work.push([file, sectionIndex]);
  };
  const markGlobal = (name: string) => {
    referenced.add(name);
    const symbol = ctx.symbols.get(name);
    if (symbol === undefined || symbol.definedBy === undefined) return;
    if (symbol.state === "strong" || symbol.state === "weak") {
      mark(symbol.definedBy, symbol.definedBy.elf.symbols[symbol.symbolIndex]!.sectionIndex);
    }
  };

  markGlobal(ctx.entryName);
  for (const file of ctx.files) {
    for (const section of file.elf.sections) if (isCollectable(file, section) && isKeptRoot(section)) mark(file, section.index);
  }
  while (work.length > 0) {
    const [file, sectionIndex] = work.pop()!;
    for (const relocation of file.elf.sections[sectionIndex]!.relocations) {
      const symbol = file.elf.symbols[relocation.symbolIndex];
      if (symbol === undefined || relocation.symbolIndex === 0) continue;
      if (symbol.binding === STB_LOCAL) mark(file, symbol.sectionIndex);
      else markGlobal(symbol.name);
    }
  }

  for (const file of ctx.files) {
    const kept = live.get(file)!;
    for (const section of file.elf.sections) {
      if (isCollectable(file, section) && !kept.has(section.index)) file.collected.add(section.index);
    }
  }
  for (const symbol of ctx.symbols.values()) {
    // Like ld, forget undefined symbols that no kept section uses (so they are not reported); ld keeps every COMMON symbol.
    if (symbol.state === "undefined") {
      symbol.collected = !referenced.has(symbol.name);
    }
    else if ((symbol.state === "strong" || symbol.state === "weak") && symbol.definedBy) {
      symbol.collected = symbol.definedBy.collected.has(symbol.definedBy.elf.symbols[symbol.symbolIndex]!.sectionIndex);
    }
  }
}
