// The assembler's second pass: branch relaxation, fixup resolution and
// the ELF object. Passes, in order:
//   1. checkSymbols     report undefined local labels
//   2. relaxSection     pick short or near branches and place fragments
//   3. emitSection      concatenate fragments and resolve fixups into bytes or relocations
//   4. writeObject      hand sections, symbols and relocations to ObjectWriter
import {
  R_386_16,
  R_386_32,
  R_386_8,
  R_386_PC16,
  R_386_PC32,
  R_386_PC8,
  SHF_MERGE,
  SHF_STRINGS,
  SHT_NOBITS,
  SHT_PROGBITS,
  STB_GLOBAL,
  STB_LOCAL,
  STB_WEAK,
  STT_FILE,
  STT_NOTYPE,
  STT_OBJECT,
} from "../elf/constants";
import { ObjectWriter, type SectionHandle, type SymbolHandle } from "../elf/write-object";
import { MAX_SECTION_BYTES, type Assembler } from "./assembler";
import { evaluate, isEvaluationError, labelAddress } from "./expressions";
import { BRANCH_RELAXABLE, BRANCH_SHORT, BRANCH_TO_LABEL, ByteBuffer, emptyFixup, type AsmSymbol, type Fixup, type Section } from "./model";

/**
 * The relocations of a section, one column per field, without an object
 * per relocation: compiler output has one in about one instruction in ten.
 */
class RelocationList {
  length = 0;
  private offsets: Int32Array = new Int32Array(64);
  private types: Uint8Array = new Uint8Array(64);
  /** The symbol kept in each relocation, a section (its section symbol), or none (symbol index 0). */
  readonly targets: Array<AsmSymbol | Section | undefined> = [];

  push(offset: number, type: number, target: AsmSymbol | Section | undefined): void {
    const index = this.length;
    if (index === this.types.length) {
      const offsets = new Int32Array(2 * index);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const types = new Uint8Array(2 * index);
      types.set(this.types);
      this.types = types;
    }
    this.offsets[index] = offset;
    this.types[index] = type;
    this.targets.push(target);
    this.length = index + 1;
  }

  /** Appends every relocation of `other`, in order. */
  pushAll(other: RelocationList): void {
    for (let i = 0; i < other.length; i++) this.push(other.offsetAt(i), other.typeAt(i), other.targets[i]);
  }

  offsetAt(index: number): number {
    return this.offsets[index]!;
  }

  typeAt(index: number): number {
    return this.types[index]!;
  }
}

interface EmittedSection {
  section: Section;
  data: ByteBuffer;
  relocations: RelocationList;
  branchRelocations: RelocationList;
}

/** Finishes assembly: returns the object bytes, or undefined when errors were reported. */
export function finishObject(asm: Assembler): Uint8Array | undefined {
  checkSymbols(asm);
  if (asm.diagnostics.some((d) => d.severity === "error")) return undefined;
  placeLocalCommons(asm);
  // GNU as appends its line program to a `.debug_line` the source already has (gcc -g output declares an empty one).
  if (!asm.lines.isEmpty) asm.section(".debug_line", SHT_PROGBITS, 0, 0);
  if (!asm.lines.isEmpty && asm.lines.isVersion5) asm.section(".debug_line_str", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS, 1);
  for (const section of asm.sections) relaxSection(section);
  checkSectionSizes(asm);
  if (asm.diagnostics.some((d) => d.severity === "error")) return undefined;
  const emitted = asm.sections.map((section) => emitSection(asm, section));
  appendLineTable(asm, emitted);
  if (asm.diagnostics.some((d) => d.severity === "error")) return undefined;
  return writeObject(asm, emitted);
}

/** Reports sections whose fragments add up to more than MAX_SECTION_BYTES (each `.zero` alone is checked as it is read). */
function checkSectionSizes(asm: Assembler): void {
  for (const section of asm.sections) {
    if (section.size <= MAX_SECTION_BYTES) continue;
    const message = `section \`${section.name}\` is ${section.size} bytes, past the limit of ${MAX_SECTION_BYTES} bytes (${MAX_SECTION_BYTES >> 20} MiB)`;
    asm.diagnostics.push({ file: asm.file, line: 1, column: 1, length: 1, severity: "error", message });
  }
}

/** Encodes the rows of `.loc` directives at their final addresses into the emitted `.debug_line`. */
function appendLineTable(asm: Assembler, emitted: EmittedSection[]): void {
  const table = asm.lines.encode(asm);
  if (table === undefined) return;
  const target = emitted.find((e) => e.section.name === ".debug_line");
  if (target === undefined) throw new Error("internal error: .debug_line was not created before layout");
  const base = target.data.length;
  target.data.append(table.bytes);
  target.section.size = target.data.length;
  const strings = emitted.find((e) => e.section.name === ".debug_line_str");
  const stringsBase = strings?.data.length ?? 0;
  for (const r of table.relocations) {
    if (r.section !== "strings") {
      target.relocations.push(base + r.offset, R_386_32, r.section);
      continue;
    }
    if (strings === undefined) throw new Error("internal error: .debug_line_str was not created before layout");
    // The field contains an offset into this object's strings, which follow the section's existing contents.
    target.data.writeLittleEndian(base + r.offset, 4, stringsBase + readLittleEndian32(table.bytes, r.offset));
    target.relocations.push(base + r.offset, R_386_32, strings.section);
  }
  if (strings !== undefined && table.strings !== undefined) {
    strings.data.append(table.strings);
    strings.section.size = strings.data.length;
  }
}

function readLittleEndian32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
}

function checkSymbols(asm: Assembler): void {
  for (const symbol of asm.symbols.values()) {
    if (!isTemporaryLocal(symbol) || asm.isDefined(symbol) || symbol.firstReference < 0) continue;
    const kind = symbol.name.startsWith(".L") ? "local symbol" : "local label";
    asm.error(asm.positions.at(symbol.firstReference), `undefined ${kind} \`${symbol.displayName}\``);
  }
}

function placeLocalCommons(asm: Assembler): void {
  const bss = asm.sections.find((s) => s.name === ".bss")!;
  const tail = bss.tail;
  for (const { symbol, size, alignment } of asm.localCommons) {
    tail.fill((alignment - (tail.length % alignment)) % alignment, 0);
    bss.alignment = Math.max(bss.alignment, alignment);
    symbol.fragment = tail.index;
    symbol.offset = tail.length;
    symbol.section = bss;
    tail.fill(size, 0);
  }
}

// ---- relaxation ----

/**
 * The branches that relaxation picks the size of. Entry `i` is branch
 * `indices[i]` of the section, and `shortLengths[i]` is the length of its
 * short form, whose end the displacement counts from.
 */
interface RelaxableBranches {
  count: number;
  indices: Int32Array;
  shortLengths: Uint8Array;
}

/**
 * Finds the relaxable branches of a section: those whose target is a label
 * in the same section that the linker cannot replace (not weak). GNU as
 * treats global labels the same way when not assembling for a shared
 * library. Sets each branch's flags and the place of its target:
 * relaxable ones start short.
 */
function relaxableBranches(section: Section): RelaxableBranches {
  const list = section.branches;
  const relaxable: RelaxableBranches = { count: 0, indices: new Int32Array(list.count), shortLengths: new Uint8Array(list.count) };
  list.targetFragments = new Int32Array(list.count);
  list.targetOffsets = new Float64Array(list.count);
  for (let index = 0; index < list.count; index++) {
    const named = list.targetSymbol(index);
    let symbol: AsmSymbol | undefined;
    let constant = 0;
    const toLabel = named !== undefined && named.equated === undefined;
    if (toLabel) {
      // The common case, a label by name, without the result object evaluate() makes.
      symbol = named;
    } else {
      const result = evaluate(list.targetExpression(index), false);
      if (!isEvaluationError(result) && result.minus === undefined) {
        symbol = result.symbol;
        constant = result.constant;
      }
    }
    if (symbol === undefined || symbol.section !== section || symbol.fragment < 0 || symbol.binding === "weak") {
      list.flags[index] = 0;
      continue;
    }
    list.flags[index] = BRANCH_RELAXABLE | BRANCH_SHORT | (toLabel ? BRANCH_TO_LABEL : 0);
    list.targetFragments[index] = symbol.fragment;
    list.targetOffsets[index] = symbol.offset + constant;
    const entry = relaxable.count++;
    relaxable.indices[entry] = index;
    relaxable.shortLengths[entry] = list.shortForms[index]!.bytes.length;
  }
  return relaxable;
}

function layOut(section: Section): void {
  const fragments = section.fragments;
  const branches = section.branches;
  const addresses = branches.addresses;
  let address = 0;
  for (let index = 0; index < fragments.count; index++) {
    fragments.setAddress(index, address);
    if (fragments.isFixed(index)) {
      address += fragments.end(index) - fragments.start(index);
      const branch = fragments.branch(index);
      if (branch >= 0) {
        addresses[branch] = address;
        address += branches.form(branch).bytes.length;
      }
      continue;
    }
    const fragment = fragments.alignment(index);
    const padding = (fragment.alignment - (address % fragment.alignment)) % fragment.alignment;
    fragment.size = fragment.maxSkip > 0 && padding > fragment.maxSkip ? 0 : padding;
    address += fragment.size;
  }
  section.size = address;
}

/** Tells whether relaxable branch `entry` is short and its target out of rel8 range at the current layout. */
function isOutOfRange(section: Section, relaxable: RelaxableBranches, entry: number): boolean {
  const branches = section.branches;
  const index = relaxable.indices[entry]!;
  if ((branches.flags[index]! & BRANCH_SHORT) === 0) return false;
  const end = branches.addresses[index]! + relaxable.shortLengths[entry]!;
  const displacement = section.fragments.address(branches.targetFragments[index]!) + branches.targetOffsets[index]! - end;
  return displacement < -128 || displacement > 127;
}

/**
 * Starts every relaxable branch short, then grows the first one (in address
 * order) whose target is out of rel8 range and lays the section out again,
 * until all fit. Growing one branch at a time matters: alignment padding
 * (with a maximum skip) can make a later branch fit again once an earlier
 * one grows, and GNU as, which walks the section in order, keeps such a
 * branch short. Branches only grow, so this ends. A section without
 * alignment padding takes the faster path described below.
 * NOTE: GNU as 2.40 does not always agree. On random input with two
 * `.p2align 5` between a backward jump and its label, and jumps before
 * them that grow, it left that jump near although it fits in rel8. This
 * picks short there, and the cause is not traced.
 */
function relaxSection(section: Section): void {
  const relaxable = relaxableBranches(section);
  const flags = section.branches.flags;
  const hasAlignment = section.fragments.hasAlignment;
  // Without alignment padding every growth only lengthens distances, so a
  // branch out of range stays out of range. Growing all of them per pass
  // then reaches the same result as one at a time, in a few passes instead
  // of one pass per grown branch.
  const growAllAtOnce = !hasAlignment;
  for (;;) {
    layOut(section);
    if (growAllAtOnce) {
      // Each pass checks only the branches still short, which later passes can grow: those move to the front.
      let short = 0;
      for (let entry = 0; entry < relaxable.count; entry++) {
        if (isOutOfRange(section, relaxable, entry)) {
          flags[relaxable.indices[entry]!]! &= ~BRANCH_SHORT;
          continue;
        }
        relaxable.indices[short] = relaxable.indices[entry]!;
        relaxable.shortLengths[short] = relaxable.shortLengths[entry]!;
        short++;
      }
      if (short === relaxable.count) return;
      relaxable.count = short;
      continue;
    }
    let entry = 0;
    while (entry < relaxable.count && !isOutOfRange(section, relaxable, entry)) entry++;
    if (entry === relaxable.count) return;
    flags[relaxable.indices[entry]!]! &= ~BRANCH_SHORT;
  }
}

// ---- emission ----

// NOP sequences GNU as 2.40 pads i386 code with, measured with `as --32`.
// Padding is the 7-byte form repeated, then one shorter form. Padding of
// more than 20 bytes starts with a jump over the rest.
const NOPS: ReadonlyArray<readonly number[]> = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x8d, 0x76, 0x00],
  [0x8d, 0x74, 0x26, 0x00],
  [0x8d, 0x74, 0x26, 0x00, 0x90],
  [0x8d, 0xb6, 0x00, 0x00, 0x00, 0x00],
  [0x8d, 0xb4, 0x26, 0x00, 0x00, 0x00, 0x00],
];
const MAX_NOP_PADDING_WITHOUT_JUMP = 20;

function emitNops(out: ByteBuffer, count: number): void {
  let remaining = count;
  if (remaining > MAX_NOP_PADDING_WITHOUT_JUMP) {
    if (remaining - 2 <= 127) {
      out.append([0xeb, remaining - 2]);
      remaining -= 2;
    } else {
      out.append([0xe9]);
      out.fill(4, 0);
      out.writeLittleEndian(out.length - 4, 4, remaining - 5);
      remaining -= 5;
    }
  }
  while (remaining > 7) {
    out.append(NOPS[7]!);
    remaining -= 7;
  }
  out.append(NOPS[remaining]!);
}

function emitSection(asm: Assembler, section: Section): EmittedSection {
  const out = new ByteBuffer(section.size);
  const emitted: EmittedSection = { section, data: out, relocations: new RelocationList(), branchRelocations: new RelocationList() };
  // Each fixup is read into this one object in turn; resolveFixup keeps no reference to it.
  const scratch = emptyFixup();
  const fragments = section.fragments;
  for (let index = 0; index < fragments.count; index++) {
    const base = out.length;
    if (fragments.isFixed(index)) {
      const start = fragments.start(index);
      out.appendRange(section.fixedBytes.data, start, fragments.end(index) - start);
      const fixupEnd = fragments.fixupEnd(index);
      for (let i = fragments.fixupStart(index); i < fixupEnd; i++) {
        const fixup = section.fixups.read(i, scratch);
        resolveFixup(asm, emitted, base + fixup.offset, fixup);
      }
      const branch = fragments.branch(index);
      if (branch >= 0) emitBranch(asm, emitted, branch);
      continue;
    }
    const fragment = fragments.alignment(index);
    if (fragment.fill === undefined) emitNops(out, fragment.size);
    else out.fill(fragment.size, fragment.fill);
  }
  // GNU as creates the fixups of relaxed branches after all others, so
  // their relocations come last; keeping that order keeps objects identical.
  emitted.relocations.pushAll(emitted.branchRelocations);
  if (out.length !== section.size) throw new Error(`internal error: section ${section.name} emitted ${out.length} bytes, laid out ${section.size}`);
  if (section.type === SHT_NOBITS) checkNoBits(asm, emitted);
  return emitted;
}

/** Emits branch `index` of the section in the form relaxation picked. */
function emitBranch(asm: Assembler, emitted: EmittedSection, index: number): void {
  const branches = emitted.section.branches;
  const encoded = branches.form(index);
  const flags = branches.flags[index]!;
  const relaxable = (flags & BRANCH_RELAXABLE) !== 0;
  const base = emitted.data.length;
  emitted.data.append(encoded.bytes);
  const field = encoded.fixups[0];
  if (field === undefined || encoded.fixups.length !== 1) throw new Error("internal error: branch without exactly one target field");
  const place = base + field.offset;
  if (relaxable && (flags & BRANCH_TO_LABEL) !== 0) {
    // The common case, a relaxed branch to a label by name in this section,
    // takes resolveFixup's path for it without a fixup object: the field is
    // the label's address, as relaxation found it, less the field's end. A
    // value out of range goes on to resolveFixup, which reports it.
    const displacement = emitted.section.fragments.address(branches.targetFragments[index]!) + branches.targetOffsets[index]! - field.size - place;
    const half = field.size === 1 ? 0x80 : 0x8000;
    if (field.size === 4 || (displacement >= -half && displacement < half)) {
      emitted.data.writeLittleEndian(place, field.size, displacement);
      return;
    }
  }
  const { line, column, length } = branches.position(index);
  const fixup: Fixup = { offset: field.offset, size: field.size, pcRelative: true, expr: branches.targetExpression(index), addend: 0, line, column, length };
  resolveFixup(asm, emitted, place, fixup, relaxable, emitted.branchRelocations);
}

function checkNoBits(asm: Assembler, emitted: EmittedSection): void {
  const bytes = emitted.data.bytes();
  const fixups = emitted.section.fixups;
  if (bytes.some((b) => b !== 0) || fixups.length > 0) {
    // The section's first fixup is the first one of its first fixed fragment with any.
    const token = fixups.length > 0 ? fixups.read(0, emptyFixup()) : undefined;
    const message = `non-zero data in section \`${emitted.section.name}\`: a section without file contents can contain only zeros (use .zero or .skip)`;
    if (token !== undefined) asm.error(token, message);
    else asm.diagnostics.push({ file: asm.file, line: 0, column: 0, length: 0, severity: "error", message });
  }
}

function relocationType(size: number, pcRelative: boolean): number {
  if (size === 4) return pcRelative ? R_386_PC32 : R_386_32;
  if (size === 2) return pcRelative ? R_386_PC16 : R_386_16;
  return pcRelative ? R_386_PC8 : R_386_8;
}

/**
 * Tells whether `symbol` is a temporary (`.L` or numeric label) of local
 * binding, which is written only when a relocation needs it. `.globl` or
 * `.weak` makes a temporary an ordinary symbol, as in GNU as 2.40.
 */
function isTemporaryLocal(symbol: AsmSymbol): boolean {
  return symbol.temporary && symbol.binding === "local";
}

function isLocalLabel(symbol: AsmSymbol): boolean {
  return symbol.binding === "local" && symbol.fragment >= 0;
}

/**
 * Writes one field. The value is `S + A` (absolute) or `S + A - P`
 * (pc-relative), with S the symbol, A the addend and P the field's address.
 * What the linker must still add becomes a REL relocation whose addend is
 * stored in the field, as GNU as does for i386. A relaxed branch
 * (`resolvedBranch`) reaches a global label in its own section directly.
 * Relocations go to `relocations`, the section's own list unless given.
 */
function resolveFixup(
  asm: Assembler,
  emitted: EmittedSection,
  place: number,
  fixup: Fixup,
  resolvedBranch = false,
  relocations = emitted.relocations,
): void {
  const section = emitted.section;
  const expr = fixup.expr;
  let resultConstant = 0;
  let symbol: AsmSymbol | undefined;
  let minus: AsmSymbol | undefined;
  if (expr.kind === "symbol" && expr.symbol.equated === undefined) {
    // A symbol by name, the common case, without the result object evaluate() makes.
    symbol = expr.symbol;
  } else {
    const result = evaluate(expr, true);
    if (isEvaluationError(result)) {
      asm.error(result.token ?? fixup, result.error);
      return;
    }
    resultConstant = result.constant;
    symbol = result.symbol;
    minus = result.minus;
  }
  const constant = resultConstant + fixup.addend;
  let pcRelative = fixup.pcRelative;
  // A pc-relative field measures from the end of the instruction, which on
  // i386 is the end of the field.
  let addend = pcRelative ? constant - fixup.size : constant;
  if (minus !== undefined) {
    const minusAddress = minus.section === section ? labelAddress(minus) : undefined;
    if (minusAddress === undefined || pcRelative) {
      asm.error(fixup, `cannot resolve \`${symbol?.displayName} - ${minus.displayName}\`: the symbols are in different sections`);
      return;
    }
    // S + c - M is S + (c + P - M) - P: a pc-relative relocation.
    pcRelative = true;
    addend = constant + place - minusAddress;
  }

  const signed = pcRelative && !symbol;
  if (symbol === undefined) {
    if (pcRelative) relocations.push(place, relocationType(fixup.size, true), undefined);
    writeField(asm, emitted.data, place, fixup, addend, signed);
    return;
  }
  if (!asm.isDefined(symbol) && isTemporaryLocal(symbol)) return;
  if (pcRelative && symbol.section === section && (isLocalLabel(symbol) || resolvedBranch)) {
    writeField(asm, emitted.data, place, fixup, labelAddress(symbol)! + addend - place, true);
    return;
  }
  const type = relocationType(fixup.size, pcRelative);
  // GNU as keeps a local symbol in a mergeable section when the addend is
  // not zero, because the linker may move the string the symbol names.
  const keepSymbol = !isLocalLabel(symbol) || ((symbol.section!.flags & SHF_MERGE) !== 0 && constant !== 0);
  if (keepSymbol) {
    symbol.usedInRelocation = true;
    relocations.push(place, type, symbol);
    writeField(asm, emitted.data, place, fixup, addend, signed);
  } else {
    relocations.push(place, type, symbol.section);
    writeField(asm, emitted.data, place, fixup, addend + labelAddress(symbol)!, signed);
  }
}

function writeField(asm: Assembler, data: ByteBuffer, place: number, fixup: Fixup, value: number, signed: boolean): void {
  const bits = fixup.size * 8;
  if (fixup.size < 4) {
    const half = fixup.size === 1 ? 0x80 : 0x8000;
    const fits = value >= -half && value < (signed ? half : 2 * half);
    if (!fits) {
      const kind = fixup.pcRelative ? "branch displacement" : "value";
      asm.error(fixup, `${kind} ${value} does not fit in ${bits} bits`);
      return;
    }
  }
  data.writeLittleEndian(place, fixup.size, value);
}

// ---- object ----

const BINDINGS = { local: STB_LOCAL, global: STB_GLOBAL, weak: STB_WEAK } as const;

function writeObject(asm: Assembler, emitted: EmittedSection[]): Uint8Array | undefined {
  const writer = new ObjectWriter();
  const handles = new Map<Section, SectionHandle>();
  for (const { section, data } of emitted) {
    const handle = writer.addSection({
      name: section.name,
      type: section.type,
      flags: section.flags,
      addralign: section.alignment,
      entsize: section.entsize,
      data: section.type === SHT_NOBITS ? undefined : data.bytes(),
      size: section.size,
    });
    handles.set(section, handle);
  }
  if (asm.fileName !== undefined) {
    writer.addSymbol({ name: asm.fileName, value: 0, size: 0, type: STT_FILE, binding: STB_LOCAL, place: "absolute" });
  }
  const symbolHandles = new Map<AsmSymbol, SymbolHandle>();
  for (const symbol of asm.symbols.values()) {
    const handle = addSymbol(asm, writer, handles, symbol);
    if (handle !== undefined) symbolHandles.set(symbol, handle);
  }

  for (const { section, relocations } of emitted) {
    const handle = handles.get(section)!;
    for (let i = 0; i < relocations.length; i++) {
      const target = relocations.targets[i];
      let symbol: SymbolHandle | undefined;
      if (target === undefined) symbol = undefined;
      else if ("fragments" in target) symbol = writer.sectionSymbol(handles.get(target)!);
      else symbol = symbolHandles.get(target);
      if (target !== undefined && symbol === undefined) throw new Error("internal error: relocation against a symbol that was not written");
      writer.addRelocation(handle, { offset: relocations.offsetAt(i), type: relocations.typeAt(i), symbol });
    }
  }
  if (asm.diagnostics.some((d) => d.severity === "error")) return undefined;
  return writer.write();
}

function addSymbol(
  asm: Assembler,
  writer: ObjectWriter,
  handles: Map<Section, SectionHandle>,
  symbol: AsmSymbol,
): SymbolHandle | undefined {
  if (isTemporaryLocal(symbol) && !symbol.usedInRelocation) return undefined;
  const binding = BINDINGS[symbol.binding];
  const base = { name: symbol.name, binding, visibility: symbol.visibility };
  const size = symbolSize(asm, symbol);

  if (symbol.common !== undefined) {
    return writer.addSymbol({ ...base, value: symbol.common.alignment, size: symbol.common.size, type: symbol.type ?? STT_OBJECT, place: "common" });
  }
  if (symbol.fragment >= 0) {
    return writer.addSymbol({ ...base, value: labelAddress(symbol)!, size, type: symbol.type ?? STT_NOTYPE, place: handles.get(symbol.section!)! });
  }
  if (symbol.equated !== undefined) {
    const value = evaluate(symbol.equated, true);
    if (isEvaluationError(value) || value.minus !== undefined) {
      const token = asm.positions.at(symbol.definedAt);
      asm.error(token, isEvaluationError(value) ? value.error : `cannot resolve the value of \`${symbol.displayName}\``);
      return undefined;
    }
    const target = value.symbol;
    if (target === undefined) {
      return writer.addSymbol({ ...base, value: value.constant, size, type: symbol.type ?? STT_NOTYPE, place: "absolute" });
    }
    if (target.fragment < 0) {
      asm.error(asm.positions.at(symbol.definedAt), `\`${symbol.displayName}\` is set to undefined symbol \`${target.displayName}\`: define it or use it directly`);
      return undefined;
    }
    return writer.addSymbol({
      ...base,
      value: labelAddress(target)! + value.constant,
      size,
      type: symbol.type ?? target.type ?? STT_NOTYPE,
      place: handles.get(target.section!)!,
    });
  }
  // Undefined: written when a relocation uses it or it was declared global or weak.
  if (!symbol.usedInRelocation && symbol.binding === "local") return undefined;
  return writer.addSymbol({ ...base, binding: symbol.binding === "weak" ? STB_WEAK : STB_GLOBAL, value: 0, size: 0, type: symbol.type ?? STT_NOTYPE, place: "undefined" });
}

function symbolSize(asm: Assembler, symbol: AsmSymbol): number {
  if (symbol.size === undefined) return 0;
  const result = evaluate(symbol.size, true);
  if (isEvaluationError(result) || result.symbol !== undefined || result.minus !== undefined) {
    asm.error(asm.positions.at(symbol.definedAt >= 0 ? symbol.definedAt : symbol.firstReference), `the size of \`${symbol.displayName}\` must be a constant expression`);
    return 0;
  }
  return result.constant;
}

