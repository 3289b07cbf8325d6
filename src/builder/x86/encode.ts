// The instruction encoder: picks the first table form that matches the
// operands, then emits prefixes, opcode, ModRM/SIB, displacement and
// immediates. Symbolic values become fixups for the caller to resolve.
import type { MemoryOperand, Operand, Value } from "./operands";
import { SEGMENT_PREFIXES, type Register } from "./registers";
import { INSTRUCTION_TABLE, PREFIXES, type Pattern, type Template } from "./table";

/** A field whose value the encoder could not know: a symbol, or any branch target. */
export interface Fixup<R> {
  /** Byte offset of the field within the instruction. */
  offset: number;
  size: 1 | 2 | 4;
  /**
   * The field contains `target - end of instruction` (branch targets). On
   * i386 the instruction ends right after such a field.
   */
  pcRelative: boolean;
  value: Value<R>;
}

export interface EncodedInstruction<R> {
  ok: true;
  bytes: Uint8Array;
  fixups: Fixup<R>[];
  /** The fields the encoder wrote constant values into, each with the operand value it wrote. */
  constants: ConstantField<R>[];
}

/** A field of an encoding that contains a constant: `size` little-endian bytes at `offset`. */
export interface ConstantField<R> {
  offset: number;
  size: 1 | 2 | 4;
  value: Value<R>;
}

export interface EncodeFailure {
  ok: false;
  message: string;
  /** Index of the operand the message is about, when there is one. */
  operand?: number;
}

export interface EncodeOptions {
  /** Prefix mnemonics written before the instruction on the same line (`lock`, `rep`, ...). */
  prefixes?: readonly string[];
  /** Size of a relative branch field: 1 (short) or 4 (near). Default: near when the instruction has a near form. */
  branchSize?: 1 | 4;
}

const SUFFIX_SIZES: ReadonlyArray<readonly [string, number]> = [["b", 8], ["w", 16], ["l", 32]];

/** A mnemonic's table forms and the operand size its suffix names. */
interface Lookup {
  templates: readonly Template[];
  suffix: number | undefined;
  /** Has both a short (rel8) and a near (rel32) form, so the assembler may relax it. */
  relaxable: boolean;
  hasNearForm: boolean;
}

/**
 * Builds the lookup of every mnemonic: the table's own names, then each
 * name with a b/w/l suffix unless the table has that spelling itself.
 */
function buildLookups(): ReadonlyMap<string, Lookup> {
  const lookups = new Map<string, Lookup>();
  for (const [name, templates] of INSTRUCTION_TABLE) {
    const forms = templates.map((t) => t.patterns.join(","));
    const relaxable = forms.includes("rel8") && forms.includes("rel32");
    const hasNearForm = templates.some((t) => t.relativeSize === 4);
    lookups.set(name, { templates, suffix: undefined, relaxable, hasNearForm });
  }
  for (const [name, exact] of [...lookups]) {
    for (const [letter, size] of SUFFIX_SIZES) {
      if (!lookups.has(name + letter)) lookups.set(name + letter, { ...exact, suffix: size });
    }
  }
  return lookups;
}

const LOOKUPS = buildLookups();

/** Tells whether a mnemonic names an instruction (with or without a size suffix). */
export function isInstruction(mnemonic: string): boolean {
  return LOOKUPS.has(mnemonic);
}

/** Tells whether a branch has both a short (rel8) and a near (rel32) form, so the assembler may relax it. */
export function isRelaxableBranch(mnemonic: string): boolean {
  return LOOKUPS.get(mnemonic)?.relaxable ?? false;
}

// Failures are ranked so that the message about the form that came
// closest to matching wins; a wrong operand count for every form ranks lowest.
const RANK_KIND = 1;
const RANK_SIZE = 2;
const RANK_RANGE = 3;

interface RankedFailure extends EncodeFailure {
  rank: number;
  /** The message is "invalid operands", built only if this failure is returned. */
  invalidOperands?: boolean;
}

/** Encodes one instruction from its AT&T mnemonic and operands (AT&T order, sources first). */
export function encodeInstruction<R>(
  mnemonic: string,
  operands: readonly Operand<R>[],
  options: EncodeOptions = {},
): EncodedInstruction<R> | EncodeFailure {
  const found = LOOKUPS.get(mnemonic);
  if (found === undefined) return { ok: false, message: `unknown instruction \`${mnemonic}\`` };
  const branchSize = options.branchSize ?? (found.hasNearForm ? 4 : 1);

  let best: RankedFailure | undefined;
  for (const template of found.templates) {
    if (template.patterns.length !== operands.length) continue;
    if (template.relativeSize !== undefined && template.relativeSize !== branchSize) continue;
    const matched = matchTemplate(template, operands, found.suffix, mnemonic);
    if ("rank" in matched) {
      if (best === undefined || matched.rank > best.rank) best = matched;
      continue;
    }
    return emit(template, operands, matched.size, options.prefixes ?? []);
  }
  if (best === undefined) return { ok: false, message: operandCountMessage(mnemonic, found.templates) };
  if (best.invalidOperands === true) {
    const message = `invalid operands for \`${mnemonic}\``;
    return best.operand === undefined ? { ok: false, message } : { ok: false, message, operand: best.operand };
  }
  const { rank: _rank, ...failure } = best;
  return failure;
}

function operandCountMessage(mnemonic: string, templates: readonly Template[]): string {
  const counts = [...new Set(templates.map((t) => t.patterns.length))].sort();
  const words = counts.map(String);
  const expected = words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
  return `wrong number of operands for \`${mnemonic}\`: expected ${expected}`;
}

// Most forms tried for an instruction fail on an operand's kind, so these
// failures are shared objects whose message encodeInstruction builds only
// for the failure it returns.
const KIND_FAILURES: readonly RankedFailure[] = [0, 1, 2, 3].map((operand) => ({ ok: false, rank: RANK_KIND, message: "", operand, invalidOperands: true }));
const KIND_FAILURE_WITHOUT_OPERAND: RankedFailure = { ok: false, rank: RANK_KIND, message: "", invalidOperands: true };

function kindFailure(operand?: number): RankedFailure {
  if (operand === undefined) return KIND_FAILURE_WITHOUT_OPERAND;
  return KIND_FAILURES[operand] ?? { ok: false, rank: RANK_KIND, message: "", operand, invalidOperands: true };
}

interface MatchState {
  size: number | undefined;
  sizeFailure: RankedFailure | undefined;
}

function matchTemplate<R>(
  template: Template,
  operands: readonly Operand<R>[],
  suffix: number | undefined,
  mnemonic: string,
): { size: number | undefined } | RankedFailure {
  if (template.sizeClass === undefined && suffix !== undefined && suffix !== fixedSize(template)) {
    return { ok: false, rank: RANK_SIZE, message: `invalid operand size: \`${mnemonic}\` has no ${suffix}-bit form` };
  }
  const state: MatchState = { size: template.sizeClass === undefined ? undefined : suffix, sizeFailure: undefined };

  for (let i = 0; i < operands.length; i++) {
    const operand = operands[i]!;
    const pattern = template.patterns[i]!;
    if (!matchIndirection(template, operand)) return kindFailure(i);
    if (!matchOperand(pattern, operand, state, i, mnemonic)) return kindFailure(i);
    if (state.sizeFailure !== undefined) return state.sizeFailure;
  }

  if (template.sizeClass === "v") {
    if (state.size === undefined) state.size = template.defaultSize;
    if (state.size === 8) return { ok: false, rank: RANK_SIZE, message: `invalid operand size: \`${mnemonic}\` has no 8-bit form for these operands` };
  } else if (template.sizeClass === "b") {
    if (state.size !== undefined && state.size !== 8) return kindFailure();
  }
  if (template.sizeClass !== undefined && state.size === undefined) {
    return {
      ok: false,
      rank: RANK_SIZE,
      message: `ambiguous operand size for \`${mnemonic}\`: add a size suffix (\`${mnemonic}b\`, \`${mnemonic}w\` or \`${mnemonic}l\`)`,
    };
  }

  for (let i = 0; i < operands.length; i++) {
    const operand = operands[i]!;
    if (operand.kind !== "immediate") continue;
    const failure = checkImmediate(template.patterns[i]!, operand.value, state.size ?? 32, i);
    if (failure !== undefined) return failure;
  }
  return { size: state.size };
}

const FIXED_SIZES: Readonly<Record<string, number>> = { r8: 8, rm8: 8, rr8: 8, r16: 16, rm16: 16, rr16: 16 };

/** The operand size a suffix must name for a form without a size class: that of its first sized operand, else 32. */
function fixedSize(template: Template): number {
  for (const p of template.patterns) {
    const size = FIXED_SIZES[p];
    if (size !== undefined) return size;
  }
  return 32;
}

function matchIndirection<R>(template: Template, operand: Operand<R>): boolean {
  if (operand.kind === "immediate") return true;
  // GNU as accepts `call %eax` without the `*`, but a memory operand without
  // it is a direct target.
  if (template.indirect) return operand.kind === "register" || operand.indirect === true;
  return operand.indirect !== true;
}

function isGeneral(operand: { kind: string; register?: Register }, size?: number): boolean {
  if (operand.kind !== "register" || operand.register === undefined) return false;
  return operand.register.kind === "general" && (size === undefined || operand.register.size === size);
}

/** Records the operation size an operand implies; a conflict with an earlier operand becomes state.sizeFailure. */
function recordSize(state: MatchState, size: number, register: Register | undefined, index: number, mnemonic: string): boolean {
  if (state.size === undefined) state.size = size;
  else if (state.size !== size) {
    state.sizeFailure = {
      ok: false,
      rank: RANK_SIZE,
      operand: index,
      message: `invalid operand size: \`%${register?.name}\` is ${size}-bit but \`${mnemonic}\` needs a ${state.size}-bit operand here`,
    };
  }
  return true;
}

function matchOperand<R>(pattern: Pattern, operand: Operand<R>, state: MatchState, index: number, mnemonic: string): boolean {
  const register = operand.kind === "register" ? operand.register : undefined;
  switch (pattern) {
    case "rb":
      return isGeneral(operand, 8) && recordSize(state, 8, register, index, mnemonic);
    case "rv":
    case "av":
      if (register === undefined || register.kind !== "general" || register.size === 8) return false;
      if (pattern === "av" && register.number !== 0) return false;
      return recordSize(state, register.size, register, index, mnemonic);
    case "rmb":
      return operand.kind === "memory" || (isGeneral(operand, 8) && recordSize(state, 8, register, index, mnemonic));
    case "rmv":
      if (operand.kind === "memory") return true;
      return isGeneral(operand) && register!.size !== 8 && recordSize(state, register!.size, register, index, mnemonic);
    case "ab":
      return isGeneral(operand, 8) && register!.number === 0 && recordSize(state, 8, register, index, mnemonic);
    case "r8":
    case "rr8":
      return isGeneral(operand, 8);
    case "r16":
    case "rr16":
      return isGeneral(operand, 16);
    case "r32":
    case "rr32":
      return isGeneral(operand, 32);
    case "rm8":
      return operand.kind === "memory" || isGeneral(operand, 8);
    case "rm16":
      return operand.kind === "memory" || isGeneral(operand, 16);
    case "rm32":
      return operand.kind === "memory" || isGeneral(operand, 32);
    case "m":
      return operand.kind === "memory";
    case "mo":
      return operand.kind === "memory" && !operand.base && !operand.index && operand.displacement !== undefined;
    case "ib":
    case "iv":
    case "is":
    case "i8":
    case "i16":
    case "i32":
    case "one":
    case "three":
      return operand.kind === "immediate";
    case "cl":
      return isGeneral(operand, 8) && register!.number === 1;
    case "dx":
      if (operand.kind === "memory") {
        return operand.base?.name === "dx" && !operand.index && !operand.displacement && !operand.segment;
      }
      return isGeneral(operand, 16) && register!.number === 2;
    case "sreg":
      return register?.kind === "segment";
    case "cr":
      return register?.kind === "control";
    case "dr":
      return register?.kind === "debug";
    case "st0":
      return register?.kind === "fpu" && register.number === 0;
    case "sti":
      return register?.kind === "fpu";
    case "rel8":
    case "rel32":
      return (
        operand.kind === "memory" &&
        !operand.base &&
        !operand.index &&
        !operand.segment &&
        operand.displacement !== undefined &&
        operand.indirect !== true
      );
    default:
      return register !== undefined && pattern === `%${register.name}`;
  }
}

function rangeFailure(value: number, bits: number, operand: number): RankedFailure {
  return { ok: false, rank: RANK_RANGE, operand, message: `value ${value} does not fit in ${bits} bits` };
}

function fitsBits(value: number, bits: number): boolean {
  return value >= -(2 ** (bits - 1)) && value < 2 ** bits;
}

/** Reads a constant as a signed value of the operation size, as the CPU will sign-extend an imm8. */
function signedOfSize(value: number, size: number): number {
  if (size === 16) return ((value & 0xffff) << 16) >> 16;
  if (size === 8) return ((value & 0xff) << 24) >> 24;
  return value | 0;
}

/** A failure with no message of its own: the form does not take this immediate, another form may. */
function softFailure(operand: number): RankedFailure {
  return { ok: false, rank: RANK_KIND, operand, message: "" };
}

function checkImmediate<R>(pattern: Pattern, value: Value<R>, size: number, operand: number): RankedFailure | undefined {
  const symbolic = value.reference !== undefined;
  const c = value.constant;
  switch (pattern) {
    case "one":
      return !symbolic && c === 1 ? undefined : softFailure(operand);
    case "three":
      return !symbolic && c === 3 ? undefined : softFailure(operand);
    case "is":
      if (symbolic || !fitsBits(c, size)) return softFailure(operand);
      return signedOfSize(c, size) >= -128 && signedOfSize(c, size) <= 127 ? undefined : softFailure(operand);
    case "ib":
    case "i8":
      return symbolic || fitsBits(c, 8) ? undefined : rangeFailure(c, 8, operand);
    case "i16":
      return symbolic || fitsBits(c, 16) ? undefined : rangeFailure(c, 16, operand);
    case "i32":
      return symbolic || fitsBits(c, 32) ? undefined : rangeFailure(c, 32, operand);
    case "iv":
      return symbolic || fitsBits(c, size) ? undefined : rangeFailure(c, size, operand);
    default:
      throw new Error(`internal error: immediate operand matched pattern ${pattern}`);
  }
}

function immediateSize(pattern: Pattern, size: number): number {
  switch (pattern) {
    case "ib":
    case "i8":
    case "is":
      return 1;
    case "i16":
      return 2;
    case "i32":
      return 4;
    case "iv":
      return size / 8;
    case "one":
    case "three":
      return 0;
    default:
      throw new Error(`internal error: no immediate size for pattern ${pattern}`);
  }
}

const REG_FIELD_PATTERNS = new Set<string>(["rb", "rv", "r8", "r16", "r32", "sreg", "cr", "dr"]);
const RM_FIELD_PATTERNS = new Set<string>(["rmb", "rmv", "rm8", "rm16", "rm32", "rr8", "rr16", "rr32", "m"]);

class Output<R> {
  readonly bytes: number[] = [];
  readonly fixups: Fixup<R>[] = [];
  readonly constants: ConstantField<R>[] = [];

  field(value: Value<R>, size: 1 | 2 | 4, pcRelative: boolean): void {
    if (value.reference !== undefined || pcRelative) {
      this.fixups.push({ offset: this.bytes.length, size, pcRelative, value });
      for (let i = 0; i < size; i++) this.bytes.push(0);
      return;
    }
    this.constants.push({ offset: this.bytes.length, size, value });
    const c = value.constant;
    // For an integer, `>>>` (modulo 2^32) gives the same bytes as the division, and faster.
    if (Number.isInteger(c)) for (let i = 0; i < size; i++) this.bytes.push(((c >>> 0) >>> (8 * i)) & 0xff);
    else for (let i = 0; i < size; i++) this.bytes.push(Math.floor(c / 2 ** (8 * i)) & 0xff);
  }
}

function emit<R>(
  template: Template,
  operands: readonly Operand<R>[],
  size: number | undefined,
  prefixes: readonly string[],
): EncodedInstruction<R> | EncodeFailure {
  const out = new Output<R>();
  let memory: MemoryOperand<R> | undefined;
  let memoryIndex = -1;
  let rmIsMemory = false;
  for (let i = 0; i < operands.length; i++) {
    const operand = operands[i]!;
    if (operand.kind !== "memory") continue;
    if (memory === undefined) {
      memory = operand;
      memoryIndex = i;
    }
    if (RM_FIELD_PATTERNS.has(template.patterns[i]!)) rmIsMemory = true;
  }
  const memoryFailure = memory === undefined ? undefined : checkAddress(memory, memoryIndex);
  if (memoryFailure !== undefined) return memoryFailure;

  const segment = memory === undefined ? undefined : overriddenSegment(memory);
  if (segment !== undefined) out.bytes.push(SEGMENT_PREFIXES[segment.number]!);
  const slots = prefixes.length === 0 ? NO_PREFIXES : prefixSlots(prefixes);
  if (slots.address !== undefined) out.bytes.push(slots.address);
  const dataPrefix =
    template.sizeClass === "v" && size === 16 && !template.noDataPrefix && !(template.noDataPrefixForMemory && rmIsMemory);
  if (dataPrefix || slots.data !== undefined) out.bytes.push(0x66);
  if (slots.repeat !== undefined) out.bytes.push(slots.repeat);
  if (slots.lock !== undefined) out.bytes.push(slots.lock);

  const opcode = template.opcode;
  for (let i = 0; i < opcode.length - 1; i++) out.bytes.push(opcode[i]!);
  let last = opcode[opcode.length - 1]!;
  if (template.plusRegister) {
    const index = template.patterns.findIndex(isPlusRegisterPattern);
    const operand = operands[index];
    if (operand?.kind !== "register") throw new Error(`internal error: +r form of ${template.mnemonic} without a register`);
    last += operand.register.number;
  }
  out.bytes.push(last);

  if (template.modrm !== undefined) {
    const failure = emitModRM(out, template, operands);
    if (failure !== undefined) return failure;
  }
  emitTrailingFields(out, template, operands, size ?? 32);
  // The constructor copies an array directly; Uint8Array.from walks it through an iterator.
  return { ok: true, bytes: new Uint8Array(out.bytes), fixups: out.fixups, constants: out.constants };
}

function isPlusRegisterPattern(p: Pattern): boolean {
  return p === "rv" || p === "rb" || p === "r32" || p === "sti";
}

const NO_PREFIXES: { address?: number; data?: number; repeat?: number; lock?: number } = Object.freeze({});

function prefixSlots(prefixes: readonly string[]): { address?: number; data?: number; repeat?: number; lock?: number } {
  const slots: { address?: number; data?: number; repeat?: number; lock?: number } = {};
  for (const name of prefixes) {
    const byte = PREFIXES.get(name);
    if (byte === undefined) throw new Error(`internal error: unknown prefix ${name}`);
    if (byte === 0x67) slots.address = byte;
    else if (byte === 0x66) slots.data = byte;
    else if (byte === 0xf0) slots.lock = byte;
    else slots.repeat = byte;
  }
  return slots;
}

/** Returns the segment override to emit, or undefined when it is the addressing mode's default (GNU as drops those). */
function overriddenSegment<R>(memory: MemoryOperand<R>): Register | undefined {
  const segment = memory.segment;
  if (segment === undefined) return undefined;
  const stackBased = memory.base !== undefined && (memory.base.number === 4 || memory.base.number === 5);
  const defaultSegment = stackBased ? "ss" : "ds";
  return segment.name === defaultSegment ? undefined : segment;
}

function checkAddressRegister(r: Register | undefined, operand: number): EncodeFailure | undefined {
  if (r === undefined) return undefined;
  if (r.kind !== "general") return { ok: false, operand, message: `\`%${r.name}\` cannot be used in an address` };
  if (r.size !== 32) return { ok: false, operand, message: `16-bit addressing (\`%${r.name}\`) is not supported; use 32-bit registers` };
  return undefined;
}

function checkAddress<R>(memory: MemoryOperand<R>, operand: number): EncodeFailure | undefined {
  const { base, index } = memory;
  if (base !== undefined && base.name === "dx" && index === undefined) return undefined;
  const failure = checkAddressRegister(base, operand) ?? checkAddressRegister(index, operand);
  if (failure !== undefined) return failure;
  if (index !== undefined && index.number === 4) return { ok: false, operand, message: "`%esp` cannot be an index register" };
  const scale = memory.scale;
  if (scale !== 1 && scale !== 2 && scale !== 4 && scale !== 8) return { ok: false, operand, message: `invalid scale factor ${memory.scale}: use 1, 2, 4 or 8` };
  const d = memory.displacement;
  if (d !== undefined && d.reference === undefined && !fitsBits(d.constant, 32)) {
    return { ok: false, operand, message: `displacement ${d.constant} does not fit in 32 bits` };
  }
  return undefined;
}

function emitModRM<R>(out: Output<R>, template: Template, operands: readonly Operand<R>[]): EncodeFailure | undefined {
  let regField = typeof template.modrm === "number" ? template.modrm : -1;
  let rm: Operand<R> | undefined;
  for (let i = 0; i < template.patterns.length; i++) {
    const p = template.patterns[i]!;
    const operand = operands[i]!;
    if (REG_FIELD_PATTERNS.has(p) && template.modrm === "r" && operand.kind === "register") {
      regField = operand.register.number;
      if (template.sameRegister) rm = operand;
    } else if (RM_FIELD_PATTERNS.has(p)) rm = operand;
  }
  if (regField < 0 || rm === undefined) throw new Error(`internal error: ModRM form of ${template.mnemonic} lacks an operand`);
  if (rm.kind === "register") {
    out.bytes.push(0xc0 | (regField << 3) | rm.register.number);
    return undefined;
  }
  if (rm.kind !== "memory") throw new Error(`internal error: immediate in the r/m field of ${template.mnemonic}`);
  emitAddress(out, regField, rm);
  return undefined;
}

const SCALE_BITS: Readonly<Record<number, number>> = { 1: 0, 2: 1, 4: 2, 8: 3 };

function emitAddress<R>(out: Output<R>, regField: number, memory: MemoryOperand<R>): void {
  const { base, index } = memory;
  const displacement: Value<R> = memory.displacement ?? { constant: 0 };
  const reg = regField << 3;
  if (base === undefined && index === undefined) {
    out.bytes.push(reg | 0b101);
    out.field(displacement, 4, false);
    return;
  }
  // mod: 0 = no displacement, 1 = disp8, 2 = disp32. A base of %ebp has no
  // mod-0 form (that encoding means "disp32, no base"), so it takes a disp8 of 0.
  let mod: number;
  if (base === undefined) mod = 0;
  else if (displacement.reference !== undefined) mod = 2;
  else if (displacement.constant === 0 && base.number !== 5) mod = 0;
  else mod = signedOfSize(displacement.constant, 32) >= -128 && signedOfSize(displacement.constant, 32) <= 127 ? 1 : 2;

  if (index === undefined && base!.number !== 4) {
    out.bytes.push((mod << 6) | reg | base!.number);
  } else {
    out.bytes.push((mod << 6) | reg | 0b100);
    const indexBits = index === undefined ? 0b100 : index.number;
    const baseBits = base === undefined ? 0b101 : base.number;
    out.bytes.push((SCALE_BITS[memory.scale]! << 6) | (indexBits << 3) | baseBits);
  }
  if (base === undefined || mod === 2) out.field(displacement, 4, false);
  else if (mod === 1) out.field(displacement, 1, false);
}

function emitTrailingFields<R>(out: Output<R>, template: Template, operands: readonly Operand<R>[], size: number): void {
  const count = template.patterns.length;
  for (let k = 0; k < count; k++) {
    const i = template.swapImmediates ? count - 1 - k : k;
    const pattern = template.patterns[i]!;
    const operand = operands[i]!;
    if (pattern === "mo" && operand.kind === "memory") out.field(operand.displacement!, 4, false);
    else if ((pattern === "rel8" || pattern === "rel32") && operand.kind === "memory") {
      out.field(operand.displacement!, pattern === "rel8" ? 1 : 4, true);
    } else if (operand.kind === "immediate") {
      const bytes = immediateSize(pattern, size);
      if (bytes > 0) out.field(operand.value, bytes as 1 | 2 | 4, false);
    }
  }
}
