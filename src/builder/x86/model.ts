// The assembler's in-memory model: sections made of fragments, symbols and
// the fixups that tie them together. Fragments are GNU as's "frags": fixed
// bytes, relaxable branches and alignment padding, whose addresses are
// known only after relaxation. Fixed fragments and alignment padding are
// rows of a section's FragmentList. A branch is a row of its section's
// BranchList, placed after the fixed fragment that names it.
import type { EncodedInstruction } from "./encode";
import type { Resolved } from "./expressions";
import type { SourceCodes, SourcePosition } from "./lexer";

export type Expr =
  | { kind: "number"; value: number }
  | { kind: "symbol"; symbol: AsmSymbol; token: SourcePosition }
  | { kind: "unary"; op: string; operand: Expr; token: SourcePosition }
  | { kind: "binary"; op: string; left: Expr; right: Expr; token: SourcePosition };

/** An expression that names a symbol alone. */
export type SymbolExpr = Extract<Expr, { kind: "symbol" }>;

export interface AsmSymbol {
  name: string;
  /** Defined as a label: the index of its fixed fragment in its section's FragmentList, and its offset in it. -1 when not a label. */
  fragment: number;
  offset: number;
  section?: Section;
  /** Defined with `.set`, `.equ` or `=`. */
  equated?: Expr;
  /**
   * The value of `equated` after layout, stored by the first evaluate() of
   * the symbol that succeeds then. A chain of symbols each naming the one
   * before twice would otherwise take time exponential in its length.
   */
  valueAfterLayout?: Resolved;
  binding: "local" | "global" | "weak";
  /** `.local` was given (changes what `.comm` does). */
  declaredLocal: boolean;
  /** STT_* from `.type`, undefined for STT_NOTYPE. */
  type?: number;
  size?: Expr;
  /** STV_* from `.hidden` and friends. */
  visibility: number;
  common?: { size: number; alignment: number };
  /** Assembler-internal name (`.L…`, numeric local labels, `.`): not written unless a relocation needs it or `.globl` or `.weak` declares it. */
  temporary: boolean;
  /** Name shown in messages (`1f` rather than the internal instance name). */
  displayName: string;
  /** Index into Assembler.positions of the symbol's first reference, for "undefined" messages, or -1. */
  firstReference: number;
  /** Index into Assembler.positions of the symbol's definition, or -1. */
  definedAt: number;
  /** A relocation keeps this symbol, so it must be written even if temporary. */
  usedInRelocation: boolean;
  /**
   * The expression that replayed instructions refer to the symbol with,
   * made at the first one. Its token is REPLAYED_REFERENCE_TOKEN, which is
   * never reported: evaluate() reports a symbol expression's own token
   * only at its equate and level limits, which an operand's expression does
   * not reach at its top. Sharing it saves an expression per replay.
   */
  replayReference?: SymbolExpr;
}

/**
 * A field to fill in once symbols are known, as FixupList stores it. Its
 * line, column and length are those of the instruction or directive that
 * made it, for diagnostics.
 */
export interface Fixup extends SourcePosition {
  /** Offset of the field within its fragment. */
  offset: number;
  size: 1 | 2 | 4;
  pcRelative: boolean;
  expr: Expr;
  /** Added to the value of `expr`. */
  addend: number;
}

/**
 * The relaxable branches of a section, one column per field. Compiler
 * output has a branch in about one instruction in eight, and an object per
 * branch, kept until the object file is written, made every garbage
 * collection slower. Each branch follows the fixed fragment that
 * FragmentList.branch gives its index for. Its line, column and length
 * are the instruction's, for diagnostics.
 */
export class BranchList {
  count = 0;
  /**
   * The target of each branch: the symbol itself for a replayed jump to a
   * symbol by name, the commonest branch, else an expression. Read them
   * through targetSymbol and targetExpression.
   */
  readonly targets: Array<AsmSymbol | Expr> = [];
  /** The short and near encodings of each branch, with its target's field as their only fixup. */
  readonly shortForms: Array<EncodedInstruction<Expr>> = [];
  readonly nearForms: Array<EncodedInstruction<Expr>> = [];
  /** BRANCH_RELAXABLE, BRANCH_SHORT and BRANCH_TO_LABEL bits per branch, set by relaxation. */
  flags: Uint8Array = new Uint8Array(64);
  /**
   * The place of each relaxable branch's target: `targetOffsets[i]` bytes
   * into fragment `targetFragments[i]` of the section. Set by relaxation,
   * so that layout and emission need not read the target symbol again.
   */
  targetFragments: Int32Array = new Int32Array(0);
  targetOffsets: Float64Array = new Float64Array(0);
  /** The address of each branch in its section, set by layout. */
  addresses: Int32Array = new Int32Array(64);
  lines: Int32Array = new Int32Array(64);
  columns: Int32Array = new Int32Array(64);
  lengths: Int32Array = new Int32Array(64);

  /** Adds a branch and returns its index. */
  add(target: AsmSymbol | Expr, shortForm: EncodedInstruction<Expr>, nearForm: EncodedInstruction<Expr>, line: number, column: number, length: number): number {
    const index = this.count;
    if (index === this.flags.length) this.grow();
    this.targets.push(target);
    this.shortForms.push(shortForm);
    this.nearForms.push(nearForm);
    this.lines[index] = line;
    this.columns[index] = column;
    this.lengths[index] = length;
    this.count = index + 1;
    return index;
  }

  /** Returns the symbol that branch `index` targets by name alone, or undefined for another target. */
  targetSymbol(index: number): AsmSymbol | undefined {
    const target = this.targets[index]!;
    if (!("kind" in target)) return target;
    return target.kind === "symbol" ? target.symbol : undefined;
  }

  /** Returns the target of branch `index` as an expression. */
  targetExpression(index: number): Expr {
    const target = this.targets[index]!;
    if ("kind" in target) return target;
    return target.replayReference ?? { kind: "symbol", symbol: target, token: REPLAYED_REFERENCE_TOKEN };
  }

  /** Returns the form branch `index` takes at the current layout. */
  form(index: number): EncodedInstruction<Expr> {
    return (this.flags[index]! & BRANCH_SHORT) !== 0 ? this.shortForms[index]! : this.nearForms[index]!;
  }

  /** Returns the place of branch `index` in the source. */
  position(index: number): SourcePosition {
    return { line: this.lines[index]!, column: this.columns[index]!, length: this.lengths[index]! };
  }

  private grow(): void {
    const capacity = this.flags.length * 2;
    this.flags = withCapacity(this.flags, capacity);
    this.addresses = withCapacity(this.addresses, capacity);
    this.lines = withCapacity(this.lines, capacity);
    this.columns = withCapacity(this.columns, capacity);
    this.lengths = withCapacity(this.lengths, capacity);
  }
}

/**
 * The fixups of a section, one column per field of Fixup. A section keeps
 * its fixups until the object file is written, and compiler output has a
 * fixup in about one instruction in ten. An object per fixup made every
 * garbage collection slower.
 */
export class FixupList {
  length = 0;
  private offsets: Int32Array = new Int32Array(64);
  private sizes: Uint8Array = new Uint8Array(64);
  private pcRelative: Uint8Array = new Uint8Array(64);
  private addends: Float64Array = new Float64Array(64);
  private lines: Int32Array = new Int32Array(64);
  private columns: Int32Array = new Int32Array(64);
  private lengths: Int32Array = new Int32Array(64);
  private readonly exprs: Expr[] = [];

  /** Adds a fixup; `line`, `column` and `length` are the place of the statement that made it. */
  add(offset: number, size: 1 | 2 | 4, pcRelative: boolean, expr: Expr, addend: number, line: number, column: number, length: number): void {
    const index = this.length;
    if (index === this.sizes.length) this.grow();
    this.offsets[index] = offset;
    this.sizes[index] = size;
    this.pcRelative[index] = pcRelative ? 1 : 0;
    this.addends[index] = addend;
    this.lines[index] = line;
    this.columns[index] = column;
    this.lengths[index] = length;
    this.exprs.push(expr);
    this.length = index + 1;
  }

  /** Copies fixup `index` into `into` and returns `into`. */
  read(index: number, into: Fixup): Fixup {
    into.offset = this.offsets[index]!;
    into.size = this.sizes[index]! as 1 | 2 | 4;
    into.pcRelative = this.pcRelative[index] === 1;
    into.expr = this.exprs[index]!;
    into.addend = this.addends[index]!;
    into.line = this.lines[index]!;
    into.column = this.columns[index]!;
    into.length = this.lengths[index]!;
    return into;
  }

  private grow(): void {
    const capacity = this.sizes.length * 2;
    this.offsets = withCapacity(this.offsets, capacity);
    this.sizes = withCapacity(this.sizes, capacity);
    this.pcRelative = withCapacity(this.pcRelative, capacity);
    this.addends = withCapacity(this.addends, capacity);
    this.lines = withCapacity(this.lines, capacity);
    this.columns = withCapacity(this.columns, capacity);
    this.lengths = withCapacity(this.lengths, capacity);
  }
}

/** Returns a fixup object to read fixups of a FixupList into. */
export function emptyFixup(): Fixup {
  return { offset: 0, size: 1, pcRelative: false, expr: { kind: "number", value: 0 }, addend: 0, line: 0, column: 0, length: 0 };
}

/**
 * Source positions that diagnostics may need: where symbols were defined
 * and first referenced, one column per field. In a 137,000-line compiler
 * listing, about one statement in five defines a label or names a new
 * symbol, and an object per position, kept until the object file is
 * written, made every garbage collection slower.
 */
export class PositionList {
  length = 0;
  private lines: Int32Array = new Int32Array(64);
  private columns: Int32Array = new Int32Array(64);
  private lengths: Int32Array = new Int32Array(64);

  /** Adds a position and returns its index. */
  add(line: number, column: number, length: number): number {
    const index = this.length;
    if (index === this.lines.length) {
      const capacity = 2 * index;
      this.lines = withCapacity(this.lines, capacity);
      this.columns = withCapacity(this.columns, capacity);
      this.lengths = withCapacity(this.lengths, capacity);
    }
    this.lines[index] = line;
    this.columns[index] = column;
    this.lengths[index] = length;
    this.length = index + 1;
    return index;
  }

  /** Adds a copy of `position` and returns its index. */
  addPosition(position: SourcePosition): number {
    return this.add(position.line, position.column, position.length);
  }

  /** Returns position `index` as an object. */
  at(index: number): SourcePosition {
    return { line: this.lines[index]!, column: this.columns[index]!, length: this.lengths[index]! };
  }

  /** Returns the line of position `index`. */
  lineAt(index: number): number {
    return this.lines[index]!;
  }
}

/** The token of every replayed symbol reference (see AsmSymbol.replayReference), which no diagnostic reports. */
export const REPLAYED_REFERENCE_TOKEN: SourcePosition = { line: 0, column: 0, length: 0 };

/** Flags of BranchList: relaxation picks the branch's size, because its target is a label in the same section that cannot be preempted. */
export const BRANCH_RELAXABLE = 1;
/** Flags of BranchList: the branch takes its short form. */
export const BRANCH_SHORT = 2;
/** Flags of BranchList: the target of a relaxable branch is a label by name, without a number added or `.set`. */
export const BRANCH_TO_LABEL = 4;

/** Alignment padding, a fragment whose size layout picks. */
export interface AlignFragment {
  alignment: number;
  /** Fill byte, or undefined for the NOP pattern of code sections. */
  fill: number | undefined;
  /** Skip no more than this many bytes; 0 for no limit. */
  maxSkip: number;
  size: number;
}

export interface Section {
  name: string;
  type: number;
  flags: number;
  alignment: number;
  entsize: number;
  fragments: FragmentList;
  /** The last fixed fragment, which bytes are appended to. */
  tail: OpenFragment;
  /** The bytes of all fixed fragments, one after another: each fixed fragment's bytes are a range of it. */
  fixedBytes: ByteBuffer;
  /** The fixups of all fixed fragments, one fragment after another. */
  fixups: FixupList;
  branches: BranchList;
  size: number;
}

/** A growable byte array. */
export class ByteBuffer {
  data: Uint8Array;
  length = 0;

  /** Makes an empty buffer with room for `capacity` bytes before it grows. */
  constructor(capacity = 64) {
    this.data = new Uint8Array(Math.max(1, capacity));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let capacity = this.data.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }

  push(byte: number): void {
    this.reserve(1);
    this.data[this.length++] = byte & 0xff;
  }

  append(bytes: ArrayLike<number>): void {
    this.appendRange(bytes, 0, bytes.length);
  }

  /** Appends the `count` bytes of `bytes` from `start`. */
  appendRange(bytes: ArrayLike<number>, start: number, count: number): void {
    this.reserve(count);
    const data = this.data;
    const length = this.length;
    // TypedArray.set and the view it takes have a fixed cost that outweighs a loop for an instruction's few bytes or the few between two branches.
    if (count <= 64 || !(bytes instanceof Uint8Array)) {
      for (let i = 0; i < count; i++) data[length + i] = bytes[start + i]!;
    } else {
      data.set(bytes.subarray(start, start + count), length);
    }
    this.length = length + count;
  }

  fill(count: number, byte: number): void {
    this.reserve(count);
    this.data.fill(byte & 0xff, this.length, this.length + count);
    this.length += count;
  }

  /** Writes `size` little-endian bytes of `value` at `offset`. */
  writeLittleEndian(offset: number, size: number, value: number): void {
    const data = this.data;
    if (size <= 4 && Number.isInteger(value)) {
      // For an integer, `>>>` (modulo 2^32) gives the same low four bytes as the division below, and faster.
      const bits = value >>> 0;
      for (let i = 0; i < size; i++) data[offset + i] = (bits >>> (8 * i)) & 0xff;
      return;
    }
    for (let i = 0; i < size; i++) data[offset + i] = Math.floor(value / 2 ** (8 * i)) & 0xff;
  }

  bytes(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * The fragments of a section in order, one column per field. Compiler
 * output has a fixed fragment after every branch, and an object per
 * fragment, kept until the object file is written, made every garbage
 * collection slower.
 *
 * A fixed fragment is a run of bytes between two variable fragments, with
 * the fixups in it, and maybe the branch that follows it. Its bytes are a
 * range of its section's fixedBytes, and its fixups a range of the
 * section's fixups. The last fragment is always fixed and open (see
 * OpenFragment): its ranges reach to the ends of both. Alignment padding
 * is an AlignFragment object, of which compiler output has few.
 */
export class FragmentList {
  count = 0;
  private kinds: Uint8Array = new Uint8Array(64);
  /** Fixed fragments: the start of the bytes. Alignment padding: the index in `alignments`. */
  private starts: Int32Array = new Int32Array(64);
  /** End of the bytes of each closed fixed fragment, -1 while open. */
  private ends: Int32Array = new Int32Array(64);
  private fixupStarts: Int32Array = new Int32Array(64);
  /** End of the fixups of each closed fixed fragment, -1 while open. */
  private fixupEnds: Int32Array = new Int32Array(64);
  /** The branch that follows each fixed fragment, an index into its section's branches, or -1 when there is none. */
  private branches: Int32Array = new Int32Array(64);
  /** The address of each fragment in its section, set by layout. */
  private addresses: Int32Array = new Int32Array(64);
  private readonly alignments: AlignFragment[] = [];

  constructor(
    private readonly bytes: ByteBuffer,
    private readonly fixups: FixupList,
  ) {}

  /** Adds an open fixed fragment whose bytes and fixups start at the ends of the section's, and returns its index. */
  addFixed(): number {
    const index = this.add(FRAGMENT_FIXED);
    this.starts[index] = this.bytes.length;
    this.ends[index] = -1;
    this.fixupStarts[index] = this.fixups.length;
    this.fixupEnds[index] = -1;
    this.branches[index] = -1;
    return index;
  }

  /** Adds alignment padding after the last fragment, which must be closed. */
  addAlignment(fragment: AlignFragment): void {
    const index = this.add(FRAGMENT_ALIGN);
    this.starts[index] = this.alignments.length;
    this.alignments.push(fragment);
  }

  /** Ends the ranges of the open fixed fragment `index`, which `branch` (or -1 for none) follows. */
  close(index: number, branch: number): void {
    if (this.kinds[index] !== FRAGMENT_FIXED || this.ends[index] >= 0) throw new Error("internal error: closing a fragment that is not open");
    this.ends[index] = this.bytes.length;
    this.fixupEnds[index] = this.fixups.length;
    this.branches[index] = branch;
  }

  /** Tells whether fragment `index` is fixed, rather than alignment padding. */
  isFixed(index: number): boolean {
    return this.kinds[index] === FRAGMENT_FIXED;
  }

  get hasAlignment(): boolean {
    return this.alignments.length > 0;
  }

  /** Returns the alignment padding that fragment `index` is. */
  alignment(index: number): AlignFragment {
    return this.alignments[this.starts[index]!]!;
  }

  /** Returns the offset of fixed fragment `index`'s bytes in the section's fixedBytes. */
  start(index: number): number {
    return this.starts[index]!;
  }

  /** Returns the end of fixed fragment `index`'s bytes in the section's fixedBytes. */
  end(index: number): number {
    const end = this.ends[index]!;
    return end < 0 ? this.bytes.length : end;
  }

  /** Returns the index of fixed fragment `index`'s first fixup in the section's fixups. */
  fixupStart(index: number): number {
    return this.fixupStarts[index]!;
  }

  /** Returns the index past fixed fragment `index`'s last fixup in the section's fixups. */
  fixupEnd(index: number): number {
    const end = this.fixupEnds[index]!;
    return end < 0 ? this.fixups.length : end;
  }

  /** Returns the branch that follows fixed fragment `index`, or -1. */
  branch(index: number): number {
    return this.branches[index]!;
  }

  /** Returns the address of fragment `index` in its section, once layout has set it. */
  address(index: number): number {
    return this.addresses[index]!;
  }

  setAddress(index: number, address: number): void {
    this.addresses[index] = address;
  }

  private add(kind: number): number {
    const index = this.count;
    if (index === this.kinds.length) {
      const capacity = 2 * index;
      this.kinds = withCapacity(this.kinds, capacity);
      this.starts = withCapacity(this.starts, capacity);
      this.ends = withCapacity(this.ends, capacity);
      this.fixupStarts = withCapacity(this.fixupStarts, capacity);
      this.fixupEnds = withCapacity(this.fixupEnds, capacity);
      this.branches = withCapacity(this.branches, capacity);
      this.addresses = withCapacity(this.addresses, capacity);
    }
    this.kinds[index] = kind;
    this.count = index + 1;
    return index;
  }
}

const FRAGMENT_FIXED = 0;
const FRAGMENT_ALIGN = 1;

/**
 * The open fixed fragment of a section, the last of its FragmentList,
 * which bytes and fixups are appended to. A section has one, which moves
 * on to each new fixed fragment.
 */
export class OpenFragment {
  /** The index of the fragment in its section's FragmentList. */
  index = 0;
  /** The offset of the fragment's bytes in the section's buffer. */
  private start = 0;

  constructor(
    private readonly buffer: ByteBuffer,
    private readonly sectionFixups: FixupList,
  ) {}

  /** Moves on to fixed fragment `index`, whose bytes start at the end of the section's buffer. */
  moveTo(index: number): void {
    this.index = index;
    this.start = this.buffer.length;
  }

  get length(): number {
    return this.buffer.length - this.start;
  }

  /** Adds a fixup of a field at `offset` from the fragment's start (see FixupList.add). */
  addFixup(offset: number, size: 1 | 2 | 4, pcRelative: boolean, expr: Expr, addend: number, line: number, column: number, length: number): void {
    this.sectionFixups.add(offset, size, pcRelative, expr, addend, line, column, length);
  }

  push(byte: number): void {
    this.buffer.push(byte);
  }

  append(bytes: ArrayLike<number>): void {
    this.buffer.appendRange(bytes, 0, bytes.length);
  }

  /** Appends the `count` bytes of `bytes` from `start`. */
  appendRange(bytes: ArrayLike<number>, start: number, count: number): void {
    this.buffer.appendRange(bytes, start, count);
  }

  fill(count: number, byte: number): void {
    this.buffer.fill(count, byte);
  }

  /** Writes `size` little-endian bytes of `value` at `offset` from the fragment's start. */
  writeLittleEndian(offset: number, size: number, value: number): void {
    this.buffer.writeLittleEndian(this.start + offset, size, value);
  }
}

/** Initial number of slots in SymbolTable, a power of two. */
const INITIAL_SYMBOL_SLOTS = 1024;

/**
 * The symbols by name, in the order they were created, which is the order
 * of the object's symbol table. A lookup can take the name as a range of
 * the source text, so looking up a name in a statement slices no string.
 * Compiler output names a symbol in about one statement in four.
 *
 * Open addressing with linear probing, at most half full.
 */
export class SymbolTable {
  /**
   * Two numbers per slot: symbol index + 1 (0 for an empty slot) and the
   * hash of its name, so that a probe skips a symbol of another hash
   * without reading it.
   */
  private slots = new Int32Array(2 * INITIAL_SYMBOL_SLOTS);
  private slotCount = INITIAL_SYMBOL_SLOTS;
  private readonly symbols: AsmSymbol[] = [];
  /** The names of all symbols, one after another, as UTF-16 codes: a lookup compares with them without reading the symbols. */
  private names = new Uint16Array(16 * INITIAL_SYMBOL_SLOTS);
  private namesLength = 0;
  /** The start of each symbol's name in `names`, and the start of the next one's after it. */
  private nameStarts: Int32Array = new Int32Array(INITIAL_SYMBOL_SLOTS + 1);
  /** The hash of each symbol's name, kept for placing the symbols again when the slots grow. */
  private hashes: Int32Array = new Int32Array(INITIAL_SYMBOL_SLOTS);

  /** Returns the symbol named `name`, or undefined. */
  get(name: string): AsmSymbol | undefined {
    const hash = hashName(name, 0, name.length);
    const length = name.length;
    const slots = this.slots;
    const mask = this.slotCount - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = slots[2 * slot]! - 1;
      if (index < 0) return undefined;
      if (slots[2 * slot + 1] !== hash) continue;
      const nameStart = this.nameStarts[index]!;
      if (this.nameStarts[index + 1]! - nameStart !== length) continue;
      const names = this.names;
      let k = 0;
      while (k < length && names[nameStart + k] === name.charCodeAt(k)) k++;
      if (k === length) return this.symbols[index];
    }
  }

  /** Returns the symbol named by the codes of a text from `start` to `end`, or undefined. */
  find(codes: SourceCodes, start: number, end: number): AsmSymbol | undefined {
    return this.findHashed(codes, start, end, hashCodes(codes, start, end));
  }

  /** Returns the symbol named by the codes from `start` to `end`, whose hashCodes() is `hash`, or undefined. */
  findHashed(codes: SourceCodes, start: number, end: number, hash: number): AsmSymbol | undefined {
    const length = end - start;
    const slots = this.slots;
    const mask = this.slotCount - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = slots[2 * slot]! - 1;
      if (index < 0) return undefined;
      if (slots[2 * slot + 1] !== hash) continue;
      const nameStart = this.nameStarts[index]!;
      if (this.nameStarts[index + 1]! - nameStart !== length) continue;
      const names = this.names;
      let k = 0;
      while (k < length && names[nameStart + k] === codes[start + k]) k++;
      if (k === length) return this.symbols[index];
    }
  }

  /**
   * Adds a symbol whose name is not in the table yet. A caller that has
   * the name's hashCodes() passes it as `hash`.
   */
  add(symbol: AsmSymbol, hash = hashName(symbol.name, 0, symbol.name.length)): void {
    const name = symbol.name;
    const index = this.symbols.length;
    if (this.namesLength + name.length > this.names.length) {
      this.names = withCapacity(this.names.subarray(0, this.namesLength), Math.max(2 * this.names.length, this.namesLength + name.length));
    }
    if (index + 2 > this.nameStarts.length) this.nameStarts = withCapacity(this.nameStarts, 2 * this.nameStarts.length);
    if (index + 1 > this.hashes.length) this.hashes = withCapacity(this.hashes, 2 * this.hashes.length);
    this.hashes[index] = hash;
    // Locals, because V8 reloads fields in a loop that stores into a typed array.
    const names = this.names;
    const namesStart = this.namesLength;
    for (let k = 0; k < name.length; k++) names[namesStart + k] = name.charCodeAt(k);
    this.namesLength = namesStart + name.length;
    this.nameStarts[index + 1] = this.namesLength;
    this.symbols.push(symbol);
    if (2 * this.symbols.length > this.slotCount) this.grow();
    else this.place(this.slots, this.slotCount, index);
  }

  /** Puts `next` in the place of `symbol`, which must be in the table under the same name. */
  replace(symbol: AsmSymbol, next: AsmSymbol): void {
    const name = symbol.name;
    const hash = hashName(name, 0, name.length);
    const slots = this.slots;
    const mask = this.slotCount - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = slots[2 * slot]! - 1;
      if (index < 0) throw new Error(`internal error: symbol \`${symbol.displayName}\` is not in the symbol table`);
      if (this.symbols[index] === symbol) {
        this.symbols[index] = next;
        return;
      }
    }
  }

  /** Returns every symbol, in the order they were added. */
  values(): readonly AsmSymbol[] {
    return this.symbols;
  }

  private place(slots: Int32Array, slotCount: number, index: number): void {
    const mask = slotCount - 1;
    const hash = this.hashes[index]!;
    let slot = hash & mask;
    while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = index + 1;
    slots[2 * slot + 1] = hash;
  }

  /** Doubles the slots and places every symbol again. */
  private grow(): void {
    const slotCount = 2 * this.slotCount;
    const slots = new Int32Array(2 * slotCount);
    for (let index = 0; index < this.symbols.length; index++) this.place(slots, slotCount, index);
    this.slots = slots;
    this.slotCount = slotCount;
  }
}

/**
 * Returns `value` as a small integer (a V8 Smi) when it is a 32-bit
 * integer, and `value` itself otherwise, so the result always equals
 * `value`. V8 stores a field that has held only small integers unboxed.
 * Storing a boxed number there, even 4.0, turns the field into a boxed
 * double for every object of that shape. Each object then allocates a
 * box, the old shape is retired, and objects made with it are converted
 * one by one when next read. Numbers read from fields that once held a
 * large value (a number token, an expression's constant) come back
 * boxed, so the constants that directives and operands take pass through
 * this before they reach bytes, fragments and symbols.
 */
export function smallInteger(value: number): number {
  return (value | 0) === value ? value | 0 : value;
}

/** Returns a copy of `array` with room for `capacity` elements, the ones past its length zero. */
function withCapacity<T extends Int32Array | Uint8Array | Uint16Array | Float64Array>(array: T, capacity: number): T {
  const grown = new (array.constructor as new (length: number) => T)(capacity);
  grown.set(array);
  return grown;
}

/** Returns the hash of the name in `codes` from `start` to `end`, the same as hashName gives the name as a string. */
export function hashCodes(codes: SourceCodes, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + codes[i]!) | 0;
  return foldHash(hash);
}

function hashName(text: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return foldHash(hash);
}

/** Folds the high bits of a hash into the low ones, which the table indexes by. */
function foldHash(hash: number): number {
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}
