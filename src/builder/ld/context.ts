// The state the link passes share: the loaded objects, the global symbol
// table and the output sections.
import type { Diagnostic } from "../diagnostic";
import type { LineTable } from "../elf/dwarf-line";
import type { ElfObject, ElfSection } from "../elf/read-object";

/** An object taking part in the link: a command-line object or an archive member pulled in. */
export interface InputFile {
  elf: ElfObject;
  /** `main.o`, or `libos.a(boot.o)` for an archive member. */
  displayName: string;
  /** The archive and member names of an archive member. */
  archive?: string;
  member?: string;
  /** `app` for a command-line object, else the member's library OS component or the archive name. */
  component: string;
  /** For an archive member: the undefined symbol it was loaded to define. */
  loadedFor?: GlobalSymbol;
  /** Position among the inputs, then the member's place in load order (0 for an object); sorts the files into output order. */
  inputIndex: number;
  memberIndex: number;
  /** Sections of discarded COMDAT group copies, by section index. */
  discarded: Set<number>;
  /** Allocated sections that garbage collection removed, by section index. */
  collected: Set<number>;
  /** Placement of each kept allocated section, by section index. */
  placements: (Placement | undefined)[];
  /** The global symbol each non-local ELF symbol resolved to, by symbol index. */
  globals: (GlobalSymbol | undefined)[];
  /** The object's DWARF line table, decoded on first use by error messages. */
  lineTable?: LineTable;
}

export interface Placement {
  output: OutputSection;
  address: number;
  /** For a merged section: where each of its pieces went; `address` is then unused. */
  merged?: MergedOffsets;
}

/** The places of the pieces (strings or constants) of one merged input section. */
export interface MergedOffsets {
  /** Start offset of each piece in the input section, ascending. */
  inputStarts: number[];
  /** The input that stores each piece's one copy, and the piece's offset in that input's merged contents. */
  pieces: { holder: OutputInput; offset: number }[];
}

export type SymbolState =
  | "undefined"
  /** Defined with STB_GLOBAL. */
  | "strong"
  /** Defined with STB_WEAK. */
  | "weak"
  /** A tentative definition (SHN_COMMON) not yet allocated in .bss. */
  | "common"
  /** Defined by the linker after layout (`_end`, `__bss_start`, ...). */
  | "linker";

export interface GlobalSymbol {
  name: string;
  state: SymbolState;
  /** The object whose definition won, and that definition's index in its symbol table. */
  definedBy?: InputFile;
  symbolIndex: number;
  /** True once a STB_GLOBAL reference (or the entry point) requires a definition. */
  strongReference: boolean;
  /** The first object whose STB_GLOBAL reference required the symbol; absent for the entry point. */
  referencedBy?: InputFile;
  /** True when garbage collection removed the section that defines the symbol (or its COMMON allocation). */
  collected: boolean;
  /** Size and alignment of the largest tentative definition, for COMMON allocation. */
  commonSize: number;
  commonAlign: number;
  /** Final virtual address, set by layout. Undefined weak symbols stay at 0. */
  address: number;
  size: number;
}

export interface OutputSection {
  name: string;
  /** SHT_PROGBITS or SHT_NOBITS. */
  type: number;
  flags: number;
  alignment: number;
  address: number;
  size: number;
  /** File offset of the contents; for .bss, where they would start. */
  fileOffset: number;
  /** Index in the image's section header table. */
  headerIndex: number;
  inputs: OutputInput[];
  /** Contents after relocation; empty for SHT_NOBITS. */
  data: Uint8Array;
}

/** An input section placed in an output section; `section` is absent for a COMMON symbol allocation. */
export interface OutputInput {
  file: InputFile;
  section?: ElfSection;
  /** For a merged section: the contents that replace its own, the pieces no earlier section of its class holds. */
  mergedData?: Uint8Array;
  /** For a merged section: where each of its pieces went. */
  merged?: MergedOffsets;
  /** COMMON symbol allocated here, when `section` is absent. */
  common?: GlobalSymbol;
  address: number;
  size: number;
}

export interface LinkPassTiming {
  pass: string;
  ms: number;
}

export class LinkContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly files: InputFile[] = [];
  readonly symbols = new Map<string, GlobalSymbol>();
  readonly outputs: OutputSection[] = [];
  readonly timings: LinkPassTiming[] = [];
  readonly entryName: string;

  constructor(entryName: string) {
    this.entryName = entryName;
  }

  error(file: string, message: string, notes?: string[]): void {
    const diagnostic: Diagnostic = { file, line: 0, column: 0, length: 0, severity: "error", message };
    if (notes && notes.length > 0) {
      diagnostic.notes = notes.map((note) => ({ file: "", line: 0, column: 0, length: 0, severity: "note", message: note }));
    }
    this.diagnostics.push(diagnostic);
  }

  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  /** Returns the symbol table entry for `name`, creating an undefined one on first sight. */
  symbol(name: string): GlobalSymbol {
    let symbol = this.symbols.get(name);
    if (symbol === undefined) {
      symbol = {
        name,
        state: "undefined",
        symbolIndex: 0,
        strongReference: false,
        collected: false,
        commonSize: 0,
        commonAlign: 1,
        address: 0,
        size: 0,
      };
      this.symbols.set(name, symbol);
    }
    return symbol;
  }

  /** Runs one pass and records how long it took. */
  timed(pass: string, run: () => void): void {
    const start = performance.now();
    run();
    this.timings.push({ pass, ms: performance.now() - start });
  }
}

/** Symbols the linker defines after layout; inputs may reference them but not define them. */
export const LINKER_SYMBOLS = ["__image_start", "_etext", "_edata", "__bss_start", "__bss_end", "_end"] as const;

/** Maps `offset` in a merged input section to the address of the same byte in the piece's one copy. */
export function mergedAddress(merged: MergedOffsets, offset: number): number {
  const starts = merged.inputStarts;
  let low = 0;
  let high = starts.length - 1;
  if (high < 0) return 0;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  const piece = merged.pieces[low]!;
  return piece.holder.address + piece.offset + (offset - starts[low]!);
}

/** Returns the final address of `offset` in section `sectionIndex` of `file`, or undefined when the image does not hold the section. */
export function placedAddress(file: InputFile, sectionIndex: number, offset: number): number | undefined {
  const placement = file.placements[sectionIndex];
  if (placement === undefined) return undefined;
  if (placement.merged) return mergedAddress(placement.merged, offset) >>> 0;
  return (placement.address + offset) >>> 0;
}

export function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

/** Compares files in output order: command-line position, then archive member position. */
export function compareFiles(a: InputFile, b: InputFile): number {
  return a.inputIndex - b.inputIndex || a.memberIndex - b.memberIndex;
}
