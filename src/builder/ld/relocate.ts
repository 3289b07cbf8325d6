// Copying input sections into the output sections and applying the i386 REL
// relocations. The math uses the psABI's letters: S is the symbol's address,
// A the addend read from the bytes being relocated, P the address of those
// bytes. Narrow relocations are range-checked.
import {
  R_386_16,
  R_386_32,
  R_386_8,
  R_386_GOT32,
  R_386_GOT32X,
  R_386_GOTOFF,
  R_386_GOTPC,
  R_386_NONE,
  R_386_PC16,
  R_386_PC32,
  R_386_PC8,
  R_386_PLT32,
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHN_ABS,
  SHN_UNDEF,
  SHT_NOBITS,
  STB_LOCAL,
  STT_SECTION,
} from "../elf/constants";
import type { ElfRelocation, ElfSection } from "../elf/read-object";
import { type InputFile, type LinkContext, type OutputSection, placedAddress } from "./context";
import { describePlace } from "./undefined";

/** Relocation types that need a GOT, named as the psABI names them. */
const PIC_RELOCATIONS: Record<number, string> = {
  [R_386_GOT32]: "R_386_GOT32",
  [R_386_GOT32X]: "R_386_GOT32X",
  [R_386_GOTOFF]: "R_386_GOTOFF",
  [R_386_GOTPC]: "R_386_GOTPC",
};

/** The psABI's names for types we reject, so the error can name them. */
const OTHER_RELOCATION_NAMES: Record<number, string> = {
  5: "R_386_COPY",
  6: "R_386_GLOB_DAT",
  7: "R_386_JMP_SLOT",
  8: "R_386_RELATIVE",
  14: "R_386_TLS_TPOFF",
  15: "R_386_TLS_IE",
  16: "R_386_TLS_GOTIE",
  17: "R_386_TLS_LE",
  18: "R_386_TLS_GD",
  19: "R_386_TLS_LDM",
  24: "R_386_TLS_GD_32",
  32: "R_386_TLS_LE_32",
  37: "R_386_TLS_TPOFF32",
  38: "R_386_SIZE32",
  42: "R_386_IRELATIVE",
};

/** Width in bytes, whether P is subtracted, and the allowed value range of each supported type. */
interface RelocationKind {
  name: string;
  width: 1 | 2 | 4;
  pcRelative: boolean;
  /** Inclusive range of S + A (- P); absent for 32-bit types, which wrap as ld's do. */
  range?: [number, number];
}

const RELOCATION_KINDS: Record<number, RelocationKind> = {
  [R_386_32]: { name: "R_386_32", width: 4, pcRelative: false },
  [R_386_PC32]: { name: "R_386_PC32", width: 4, pcRelative: true },
  // A static link has no PLT: the call goes straight to the function.
  [R_386_PLT32]: { name: "R_386_PLT32", width: 4, pcRelative: true },
  [R_386_16]: { name: "R_386_16", width: 2, pcRelative: false, range: [-0x8000, 0xffff] },
  [R_386_PC16]: { name: "R_386_PC16", width: 2, pcRelative: true, range: [-0x8000, 0x7fff] },
  [R_386_8]: { name: "R_386_8", width: 1, pcRelative: false, range: [-0x80, 0xff] },
  [R_386_PC8]: { name: "R_386_PC8", width: 1, pcRelative: true, range: [-0x80, 0x7f] },
};

const MAX_RELOCATION_ERRORS = 20;

/**
 * Fills each file-backed output section with its input sections' bytes.
 * Alignment gaps in code are filled with no-ops as GNU ld fills them on
 * i386 (`66 90` pairs, then one `90`), so a disassembly reads through them
 * and images compare equal byte for byte.
 */
export function copySections(ctx: LinkContext): void {
  for (const output of ctx.outputs) {
    if (output.type === SHT_NOBITS) continue;
    output.data = new Uint8Array(output.size);
    const code = (output.flags & SHF_EXECINSTR) !== 0;
    let filled = 0;
    for (const input of output.inputs) {
      const at = input.address - output.address;
      if (code) fillWithNops(output.data, filled, at);
      if (input.section && input.section.type !== SHT_NOBITS) output.data.set(input.mergedData ?? input.section.data, at);
      filled = Math.max(filled, at + input.size);
    }
  }
}

function fillWithNops(data: Uint8Array, from: number, to: number): void {
  let at = from;
  for (; at + 2 <= to; at += 2) {
    data[at] = 0x66;
    data[at + 1] = 0x90;
  }
  if (at < to) data[at] = 0x90;
}

/** Applies the relocations of every placed input section to the output contents. */
export function applyRelocations(ctx: LinkContext): void {
  const relocator = new Relocator(ctx);
  for (const output of ctx.outputs) {
    for (const input of output.inputs) {
      if (input.section && input.section.relocations.length > 0) {
        relocator.relocateSection(input.file, input.section, output, input.address);
      }
    }
  }
  relocator.finish();
}

class Relocator {
  private readonly ctx: LinkContext;
  private errorCount = 0;
  private readonly picReported = new Set<InputFile>();

  constructor(ctx: LinkContext) {
    this.ctx = ctx;
  }

  relocateSection(file: InputFile, section: ElfSection, output: OutputSection, sectionAddress: number): void {
    if (output.type === SHT_NOBITS) {
      this.error(file, `section \`${section.name}\` has relocations but no file contents (SHT_NOBITS)`);
      return;
    }
    const view = new DataView(output.data.buffer, output.data.byteOffset, output.data.byteLength);
    const base = sectionAddress - output.address;
    for (const relocation of section.relocations) {
      if (relocation.type === R_386_NONE) continue;
      const kind = this.kindOf(file, section, relocation);
      if (kind === undefined) continue;
      if (relocation.offset + kind.width > section.size) {
        this.error(file, `relocation ${kind.name} at ${section.name}+0x${relocation.offset.toString(16)} extends past the end of the section (${section.size} bytes)`);
        continue;
      }
      const at = base + relocation.offset;
      const A = readAddend(view, at, kind.width);
      const S = this.symbolValue(file, section, relocation, A);
      if (S === undefined) continue;
      const P = sectionAddress + relocation.offset;
      const value = kind.pcRelative ? S + A - P : S + A;
      if (kind.range && (value < kind.range[0] || value > kind.range[1])) {
        this.rangeError(file, section, relocation, kind, value);
        continue;
      }
      writeField(view, at, kind.width, value);
    }
  }

  finish(): void {
    if (this.errorCount > MAX_RELOCATION_ERRORS) {
      this.ctx.error("", `${this.errorCount - MAX_RELOCATION_ERRORS} more relocation errors not shown`);
    }
  }

  private kindOf(file: InputFile, section: ElfSection, relocation: ElfRelocation): RelocationKind | undefined {
    const kind = RELOCATION_KINDS[relocation.type];
    if (kind) return kind;
    const picName = PIC_RELOCATIONS[relocation.type];
    if (picName !== undefined) {
      if (!this.picReported.has(file)) {
        this.picReported.add(file);
        this.error(file, `position-independent code is not supported; compile with -fno-pic (found ${picName} in ${section.name})`);
      }
      return undefined;
    }
    const name = OTHER_RELOCATION_NAMES[relocation.type];
    const described = name ? `${relocation.type} (${name})` : `${relocation.type}`;
    this.error(file, `unsupported relocation type ${described} at ${section.name}+0x${relocation.offset.toString(16)}`);
    return undefined;
  }

  /**
   * Returns S for a relocation, or undefined after reporting why there is
   * none. A section symbol of a merged section has no single address: the
   * piece that `symbol + A` points into decides it, so S is chosen to make
   * S + A land on that piece's new place.
   */
  private symbolValue(file: InputFile, section: ElfSection, relocation: ElfRelocation, A: number): number | undefined {
    if (relocation.symbolIndex === 0) return 0;
    const symbol = file.elf.symbols[relocation.symbolIndex]!;
    if (symbol.binding !== STB_LOCAL) {
      const global = file.globals[relocation.symbolIndex]!;
      // A required symbol that stayed undefined was reported already; an undefined weak one is 0.
      if (global.state === "undefined") return global.strongReference ? undefined : 0;
      if (global.collected) return 0;
      return global.address;
    }
    if (symbol.sectionIndex === SHN_UNDEF) return 0;
    if (symbol.sectionIndex === SHN_ABS) return symbol.value;
    const placement = file.placements[symbol.sectionIndex];
    // Debug data may describe code the link dropped, such as a discarded COMDAT copy, so S is 0 there.
    if (placement === undefined && (section.flags & SHF_ALLOC) === 0) return 0;
    if (placement === undefined) {
      const target = file.elf.sections[symbol.sectionIndex]!;
      const name = symbol.type === STT_SECTION ? target.name : symbol.name;
      this.error(
        file,
        `relocation at ${section.name}+0x${relocation.offset.toString(16)} refers to \`${name}\` in section \`${target.name}\`, which the linker discards`,
      );
      return undefined;
    }
    if (placement.merged && symbol.type === STT_SECTION) {
      return (placedAddress(file, symbol.sectionIndex, symbol.value + A)! - A) >>> 0;
    }
    return placedAddress(file, symbol.sectionIndex, symbol.value)!;
  }

  private rangeError(file: InputFile, section: ElfSection, relocation: ElfRelocation, kind: RelocationKind, value: number): void {
    const symbol = file.elf.symbols[relocation.symbolIndex]!;
    const name = symbol.type === STT_SECTION ? file.elf.sections[symbol.sectionIndex]?.name : symbol.name;
    const [low, high] = kind.range!;
    this.error(
      file,
      `relocation ${kind.name} against \`${name}\` out of range: ${value} is not in [${low}, ${high}]`,
      [`at ${section.name}+0x${relocation.offset.toString(16)} in ${describePlace(file, section.index, relocation.offset)}`],
    );
  }

  private error(file: InputFile, message: string, notes?: string[]): void {
    this.errorCount++;
    if (this.errorCount <= MAX_RELOCATION_ERRORS) this.ctx.error(file.displayName, message, notes);
  }
}

function readAddend(view: DataView, at: number, width: 1 | 2 | 4): number {
  if (width === 4) return view.getInt32(at, true);
  if (width === 2) return view.getInt16(at, true);
  return view.getInt8(at);
}

function writeField(view: DataView, at: number, width: 1 | 2 | 4, value: number): void {
  if (width === 4) view.setUint32(at, value >>> 0, true);
  else if (width === 2) view.setUint16(at, value & 0xffff, true);
  else view.setUint8(at, value & 0xff);
}
