// Encodings of instruction statements by their shape: the text with the
// names of symbols left out (see InstructionShape). Compiler output repeats
// the same shapes many times (`movl %eax, %ecx`, `jmp .L5`, `call f`), so
// the assembler encodes each shape once and replays the result.
//
// A shape is recorded only when replaying it gives exactly what assembling
// the statement again would give. The tokens are the same but for the
// names, and the lexer reported nothing. The encoding is the same, because
// every operand is a register, a number, or a symbol that is not equated
// with `.set`, alone or plus or minus a number, whose field is full width
// whatever the symbol is. A number slot's class decides the form and the
// field sizes (see numberClass), and a replay writes its value into its
// field. The side effects are the same, because each symbol is looked up
// afresh and the fixups carry the position of the statement being
// replayed, so diagnostics point at it.
import type { EncodedInstruction } from "./encode";
import type { AsmToken, InstructionShape, SourceCodes } from "./lexer";
import type { Expr, OpenFragment, SymbolExpr } from "./model";
import type { Operand, Value } from "./operands";

interface KnownBase {
  /** The mnemonic's spelling, which starts the statement and its key. */
  mnemonic: string;
}

/**
 * An instruction appended to the current fixed fragment. Fixup `i` refers
 * to the symbol in the shape's slot `fixups.slots[i]`, plus `fixups.addends[i]`.
 */
export interface KnownFixedInstruction extends KnownBase {
  kind: "fixed";
  encoded: EncodedInstruction<Expr>;
  fixups: ReferenceSlots;
  /** The field each number slot's value goes in, or undefined for a slot whose class has one value, which the bytes already hold. */
  numberFields: Array<NumberField | undefined>;
}

/** A field of an encoding: `size` little-endian bytes at `offset`. */
export interface NumberField {
  offset: number;
  size: 1 | 2 | 4;
}

/** The shape's slot of each reference and the number added to its symbol (negative for `symbol - number`). */
export interface ReferenceSlots {
  slots: number[];
  addends: number[];
}

/** A jump to the shape's only slot that becomes a branch fragment, short or near after relaxation. */
export interface KnownBranch extends KnownBase {
  kind: "branch";
  short: EncodedInstruction<Expr>;
  near: EncodedInstruction<Expr>;
}

export type KnownInstruction = KnownFixedInstruction | KnownBranch;

/**
 * Matches the references an instruction's encoding kept to the slots of
 * its shape, scanned from the statement's text that starts at `head`, and
 * returns the slot and addend of each reference. Returns undefined when a
 * replay could not reproduce the statement. That is the case when an
 * operand token is a string, `.` or a local label reference, or the
 * operands' identifiers are not exactly the slots (a prefix before the
 * mnemonic is a slot). It is also the case when a reference is not a
 * symbol of a token of its own, alone or plus or minus a number, or names
 * an equated symbol.
 */
export function slotsOfReferences(
  shape: InstructionShape,
  head: AsmToken,
  tokens: readonly AsmToken[],
  operandStart: number,
  end: number,
  references: readonly (Expr | undefined)[],
): ReferenceSlots | undefined {
  const identifiers: AsmToken[] = [];
  for (let i = operandStart; i < end; i++) {
    const token = tokens[i]!;
    if (token.kind === "identifier") {
      if (token.text === "." || shape.slotStart(identifiers.length) !== token.start - head.start) return undefined;
      identifiers.push(token);
    } else if (token.kind !== "register" && token.kind !== "number" && token.kind !== "punctuator") {
      return undefined;
    }
  }
  if (identifiers.length !== shape.slotCount || identifiers.length !== references.length) return undefined;
  const slots: number[] = [];
  const addends: number[] = [];
  for (const reference of references) {
    const split = reference === undefined ? undefined : symbolPlusNumber(reference);
    if (split === undefined || split.symbol.symbol.equated !== undefined) return undefined;
    const slot = identifiers.findIndex((token) => token === split.symbol.token);
    if (slot < 0 || slots.includes(slot)) return undefined;
    slots.push(slot);
    addends.push(split.addend);
  }
  return { slots, addends };
}

/**
 * Finds the field of the encoding that contains each number slot's value:
 * the slot's operand must be that number alone, an immediate or a
 * displacement, and the encoder must have written it into a field or
 * into nothing. Returns undefined when a slot does not meet that, so the
 * shape cannot be replayed. The operands are in `parsed`, their tokens
 * in the statement's text that starts at `head`.
 */
export function numberFieldsOf(
  shape: InstructionShape,
  head: AsmToken,
  parsed: ReadonlyArray<{ operand: Operand<Expr>; first: AsmToken; last: AsmToken }>,
  encoded: EncodedInstruction<Expr>,
): Array<NumberField | undefined> | undefined {
  const fields: Array<NumberField | undefined> = [];
  for (let k = 0; k < shape.numberCount; k++) {
    const offset = shape.numberStart(k);
    const at = parsed.find((p) => p.first.start - head.start <= offset && offset <= p.last.start - head.start);
    if (at === undefined) return undefined;
    const operand = at.operand;
    let value: Value<Expr> | undefined;
    if (operand.kind === "immediate") value = operand.value;
    else if (operand.kind === "memory") value = operand.displacement;
    if (value === undefined || value.reference !== undefined || value.constant !== shape.numberValue(k)) return undefined;
    const field = encoded.constants.find((f) => f.value === value);
    if (field !== undefined) {
      fields.push({ offset: field.offset, size: field.size });
    } else {
      // A displacement of 0 or the 1 of a shift by one has no field. Only a class of one value (0, 1 or 3) may lack one.
      const value = shape.numberValue(k);
      if (value !== 0 && value !== 1 && value !== 3) return undefined;
      fields.push(undefined);
    }
  }
  return fields;
}

/**
 * Splits `symbol`, `symbol + number`, `number + symbol` and `symbol - number`
 * into the symbol and the number, which evaluate() adds to it. Returns
 * undefined for any other expression.
 */
function symbolPlusNumber(expr: Expr): { symbol: SymbolExpr; addend: number } | undefined {
  if (expr.kind === "symbol") return { symbol: expr, addend: 0 };
  if (expr.kind !== "binary") return undefined;
  const { op, left, right } = expr;
  if (op === "+" && left.kind === "symbol" && right.kind === "number") return { symbol: left, addend: right.value };
  if (op === "+" && left.kind === "number" && right.kind === "symbol") return { symbol: right, addend: left.value };
  if (op === "-" && left.kind === "symbol" && right.kind === "number") return { symbol: left, addend: -right.value };
  return undefined;
}

interface TableEntry {
  hash: number;
  key: string;
  instruction: KnownInstruction;
  /** The next entry whose shape has the same hash. */
  next: TableEntry | undefined;
}

/** Initial number of buckets in KnownInstructionTable, a power of two. */
const INITIAL_BUCKETS = 1024;

/**
 * Known instructions by shape: a hash table on the shape's hash, with a
 * chain per bucket. Entries compare their key with the statement's text
 * in place, so looking a statement up builds no string.
 */
export class KnownInstructionTable {
  private buckets: Array<TableEntry | undefined> = new Array<TableEntry | undefined>(INITIAL_BUCKETS).fill(undefined);
  size = 0;

  get(shape: InstructionShape): KnownInstruction | undefined {
    const buckets = this.buckets;
    for (let entry = buckets[shape.hash & (buckets.length - 1)]; entry !== undefined; entry = entry.next) {
      if (entry.hash === shape.hash && shape.hasKey(entry.key)) return entry.instruction;
    }
    return undefined;
  }

  set(shape: InstructionShape, instruction: KnownInstruction): void {
    const index = shape.hash & (this.buckets.length - 1);
    for (let entry = this.buckets[index]; entry !== undefined; entry = entry.next) {
      if (entry.hash === shape.hash && shape.hasKey(entry.key)) {
        entry.instruction = instruction;
        return;
      }
    }
    this.buckets[index] = { hash: shape.hash, key: shape.key(), instruction, next: this.buckets[index] };
    this.size++;
    if (this.size > this.buckets.length) this.grow();
  }

  /** Doubles the buckets, keeping chains short. */
  private grow(): void {
    const old = this.buckets;
    const buckets = new Array<TableEntry | undefined>(old.length * 2).fill(undefined);
    for (let first of old) {
      while (first !== undefined) {
        const entry = first;
        first = entry.next;
        const index = entry.hash & (buckets.length - 1);
        entry.next = buckets[index];
        buckets[index] = entry;
      }
    }
    this.buckets = buckets;
  }
}

/** Initial number of slots in KnownLineTable, a power of two. */
const INITIAL_LINE_SLOTS = 4096;

/**
 * A known instruction that names symbols, with the expressions that name
 * them (see Assembler.appendKnownInstruction), for replaying a line of it
 * without scanning its shape or looking its symbols up.
 */
export interface KnownLineReferences {
  instruction: KnownFixedInstruction;
  /** The expression of each slot of the shape, in slot order: each names its symbol alone. */
  references: SymbolExpr[];
  /** Assembler.equateCount when the line was recorded, while none of its symbols was equated. */
  equateCount: number;
}

/**
 * The encodings of known instructions by the whole text of a line that
 * contains one of them and nothing else. An entry stores the bytes, with
 * the values of number slots written in, and the references of an
 * instruction that names symbols. A lookup hashes and compares the line in
 * place in the source, so it builds no string. With a Map, slicing and hashing each
 * line took about an eighth of assemble()'s time on compiler output (CPU
 * profile of a 137,000-line listing).
 *
 * Open addressing with linear probing. Each entry is one record in a pool
 * of bytes: a header (see the RECORD_ constants), the line's codes, then
 * its bytes. So a lookup that finds a line reads the slot and one place in
 * the pool. Codes are stored as bytes, so a line with a code above 255 is
 * not stored. Against a Uint8Array source, a key is compared four codes
 * at a time through DataViews. On the repeated lines of the listing
 * above, that took about 0.6 of the time of comparing code by code (Node
 * 20, a microbenchmark).
 */
export class KnownLineTable {
  /**
   * Two numbers per slot: the entry + 1 (0 for an empty slot) and the
   * entry's hash. Keeping the hash next to the entry lets a probe skip an
   * entry of another hash without reading it, and lets the table grow
   * without hashing the lines again.
   */
  private slots = new Int32Array(2 * INITIAL_LINE_SLOTS);
  private slotCount = INITIAL_LINE_SLOTS;
  private entryCount = 0;
  private readonly references: KnownLineReferences[] = [];
  /** The records, one after another. An entry is the offset of its record. */
  private pool = new Uint8Array(INITIAL_LINE_SLOTS * 32);
  private poolView = new DataView(this.pool.buffer);
  private poolLength = 0;
  /** The source codes find() compared last, and a DataView of them when they are bytes. */
  private viewedText: SourceCodes | undefined;
  private textView: DataView | undefined;

  /**
   * Returns the entry of the `length` codes of `text` at `start`, whose
   * hash is `hash` (see Lexer.peekLine), or -1 when the line is not
   * in the table.
   */
  find(text: SourceCodes, start: number, length: number, hash: number): number {
    const slots = this.slots;
    const mask = this.slotCount - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot]! - 1;
      if (entry < 0) return -1;
      if (slots[2 * slot + 1] === hash && this.keyMatches(entry, text, start, length)) return entry;
    }
  }

  /** Returns a view of the bytes of entry `entry`. */
  bytesOf(entry: number): Uint8Array {
    const view = this.poolView;
    const start = entry + RECORD_HEADER + view.getInt32(entry + RECORD_KEY_LENGTH, true);
    return this.pool.subarray(start, start + view.getInt32(entry + RECORD_BYTE_COUNT, true));
  }

  /** Appends the bytes of entry `entry` to `fragment`. */
  appendBytes(entry: number, fragment: OpenFragment): void {
    const view = this.poolView;
    const start = entry + RECORD_HEADER + view.getInt32(entry + RECORD_KEY_LENGTH, true);
    fragment.appendRange(this.pool, start, view.getInt32(entry + RECORD_BYTE_COUNT, true));
  }

  /** Returns the instruction and references of entry `entry`, or undefined for an instruction that names no symbol. */
  referencesOf(entry: number): KnownLineReferences | undefined {
    const index = this.poolView.getInt32(entry + RECORD_REFERENCES, true);
    return index === 0 ? undefined : this.references[index - 1];
  }

  /**
   * Stores the first `byteCount` of `bytes`, and `references`, for the
   * line; the line must not be in the table yet. A line with a code
   * above 255 is not stored.
   */
  set(text: SourceCodes, start: number, length: number, hash: number, bytes: ArrayLike<number>, byteCount: number, references?: KnownLineReferences): void {
    if (!(text instanceof Uint8Array)) {
      for (let k = 0; k < length; k++) if (text[start + k]! > 0xff) return;
    }
    const size = RECORD_HEADER + length + byteCount;
    if (this.poolLength + size > this.pool.length) {
      const grown = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + size));
      grown.set(this.pool.subarray(0, this.poolLength));
      this.pool = grown;
      this.poolView = new DataView(grown.buffer);
    }
    const pool = this.pool;
    const view = this.poolView;
    const entry = this.poolLength;
    if (references !== undefined) this.references.push(references);
    view.setInt32(entry + RECORD_KEY_LENGTH, length, true);
    view.setInt32(entry + RECORD_BYTE_COUNT, byteCount, true);
    view.setInt32(entry + RECORD_REFERENCES, references === undefined ? 0 : this.references.length, true);
    const key = entry + RECORD_HEADER;
    for (let k = 0; k < length; k++) pool[key + k] = text[start + k]!;
    for (let k = 0; k < byteCount; k++) pool[key + length + k] = bytes[k]!;
    this.poolLength += size;
    this.entryCount++;
    // At most half full, so probes stay short.
    if (2 * this.entryCount > this.slotCount) this.grow();
    place(this.slots, this.slotCount, entry, hash);
  }

  private keyMatches(entry: number, text: SourceCodes, start: number, length: number): boolean {
    const poolView = this.poolView;
    if (poolView.getInt32(entry + RECORD_KEY_LENGTH, true) !== length) return false;
    const pool = this.pool;
    const key = entry + RECORD_HEADER;
    let k = 0;
    if (text !== this.viewedText) {
      this.viewedText = text;
      this.textView = text instanceof Uint8Array ? new DataView(text.buffer, text.byteOffset, text.byteLength) : undefined;
    }
    const textView = this.textView;
    if (textView !== undefined) {
      for (; k + 4 <= length; k += 4) {
        if (poolView.getInt32(key + k, true) !== textView.getInt32(start + k, true)) return false;
      }
    }
    for (; k < length; k++) {
      if (pool[key + k] !== text[start + k]) return false;
    }
    return true;
  }

  /** Doubles the slots and places every entry again. */
  private grow(): void {
    const old = this.slots;
    const slotCount = this.slotCount * 2;
    const slots = new Int32Array(2 * slotCount);
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (old[2 * slot] !== 0) place(slots, slotCount, old[2 * slot]! - 1, old[2 * slot + 1]!);
    }
    this.slots = slots;
    this.slotCount = slotCount;
  }
}

/** Puts `entry` of hash `hash` in the first free slot of its probe sequence. */
function place(slots: Int32Array, slotCount: number, entry: number, hash: number): void {
  const mask = slotCount - 1;
  let slot = hash & mask;
  while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
  slots[2 * slot] = entry + 1;
  slots[2 * slot + 1] = hash;
}

/**
 * The header of a KnownLineTable record, three little-endian 32-bit
 * numbers: the length of the line, the count of bytes, and the index + 1
 * of the references, or 0 for none.
 */
const RECORD_KEY_LENGTH = 0;
const RECORD_BYTE_COUNT = 4;
const RECORD_REFERENCES = 8;
const RECORD_HEADER = 12;
