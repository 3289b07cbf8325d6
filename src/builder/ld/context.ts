// The state the link passes share: the loaded objects, the global symbol
// table and the output sections.
import type { Diagnostic } from "../diagnostic";
import type { ElfObject, ElfSection } from "../elf/read-object";

/** An object taking part in the link: a command-line object or an archive member pulled in. */
export interface InputFile {
  elf: ElfObject;
  /** `main.o`, or `libos.a(boot.o)` for an archive member. */
  displayName: string;
  /** Position among the inputs, then among the archive's members; sorts the files into output order. */
  inputIndex: number;
  memberIndex: number;
  /** Sections of discarded COMDAT group copies, by section index. */
  discarded: Set<number>;
  /** Placement of each kept allocated section, by section index. */
  placements: (Placement | undefined)[];
  /** The global symbol each non-local ELF symbol resolved to, by symbol index. */
  globals: (GlobalSymbol | undefined)[];
}

export interface Placement {
  output: OutputSection;
  address: number;
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

export function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

/** Compares files in output order: command-line position, then archive member position. */
export function compareFiles(a: InputFile, b: InputFile): number {
  return a.inputIndex - b.inputIndex || a.memberIndex - b.memberIndex;
}
