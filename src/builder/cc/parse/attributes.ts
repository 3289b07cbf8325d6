// GNU `__attribute__((...))` lists. The attributes that change the object
// code (packed, aligned, section, weak) are collected for the declaration
// they belong to. The ones that only inform gcc's optimizer or warnings are
// accepted. The ones that would change the ABI or need runtime support are
// rejected with a precise error, and unknown ones get gcc's warning.
import { functionSymbolName, type FunctionSymbol, type Variable } from "../ast";
import type { Token } from "../token";
import { alignTo, layOutPackedRecord, type RecordType, type Type } from "../types";
import { constantExpression } from "./constants";
import { describe, type Parser } from "./parser";

export interface Attributes {
  packed?: boolean;
  /** `aligned(n)`, or 16 for a bare `aligned` (the largest alignment gcc -m32 uses). */
  aligned?: number;
  section?: string;
  weak?: boolean;
  used?: boolean;
  unused?: boolean;
  noreturn?: boolean;
  /** `noinline` or `noipa`: the optimiser keeps calls to the function. */
  noinline?: boolean;
}

/** Attributes that gcc uses for optimization or diagnostics only; the code is the same without them. */
const ACCEPTED = new Set([
  "always_inline", "gnu_inline", "artificial", "flatten", "noclone", "cold", "hot", "const",
  "pure", "format", "format_arg", "nonnull", "returns_nonnull", "malloc", "warn_unused_result", "deprecated",
  "unavailable", "nothrow", "leaf", "may_alias", "no_instrument_function", "optimize", "sentinel", "alloc_size",
  "visibility", "externally_visible", "no_reorder", "fallthrough", "access", "nonstring", "designated_init",
  "no_stack_protector", "no_sanitize", "no_sanitize_address", "no_sanitize_undefined", "warning", "error",
  "returns_twice", "transparent_union", "unused",
]);

/** Attributes whose meaning this compiler cannot provide, with what to do instead. */
const REJECTED: Record<string, string> = {
  regparm: "it changes the calling convention",
  stdcall: "it changes the calling convention",
  fastcall: "it changes the calling convention",
  thiscall: "it changes the calling convention",
  cdecl: "cdecl is already the only calling convention",
  constructor: "the library OS runs no constructors before main; call the function from main",
  destructor: "the library OS runs no destructors after main; call the function before exit",
  alias: "write a wrapper function instead",
  cleanup: "call the cleanup function explicitly",
  mode: "use the fixed-width types of <stdint.h>",
  vector_size: "vector types are not supported",
  naked: "write the function in a file-scope asm block",
  interrupt: "write the entry stub in assembly",
  ifunc: "write a function pointer instead",
  tls_model: "thread-local storage is not supported",
};

/** Parses any number of `__attribute__((...))` lists at the cursor and merges them into `into`. */
export function parseAttributes(p: Parser, into: Attributes = {}): Attributes {
  while (p.is("__attribute__") || p.is("__attribute")) {
    p.next();
    p.expect("(");
    p.expect("(");
    if (!p.is(")")) {
      do {
        if (p.is(",")) continue;
        attribute(p, into);
      } while (p.consume(","));
    }
    p.expect(")");
    p.expect(")");
  }
  return into;
}

export function atAttribute(p: Parser): boolean {
  return p.is("__attribute__") || p.is("__attribute");
}

function attribute(p: Parser, into: Attributes): void {
  const tok = p.tok;
  if (tok.kind !== "identifier") p.reporter.fail(tok, `expected an attribute name before ${describe(tok)}`);
  p.next();
  const name = tok.text.replace(/^__(.*)__$/, "$1");
  switch (name) {
    case "packed":
      into.packed = true;
      return;
    case "aligned":
      into.aligned = Math.max(into.aligned ?? 1, alignment(p, tok));
      return;
    case "section":
      into.section = sectionName(p, tok);
      return;
    case "weak":
      into.weak = true;
      return;
    case "used":
      into.used = true;
      return;
    case "unused":
      into.unused = true;
      return;
    case "noreturn":
      into.noreturn = true;
      return;
    case "noinline":
    case "noipa":
      into.noinline = true;
      return;
  }
  if (REJECTED[name] !== undefined) {
    skipArguments(p);
    p.reporter.error(tok, `attribute '${name}' is not supported: ${REJECTED[name]}`);
    return;
  }
  skipArguments(p);
  if (!ACCEPTED.has(name)) p.reporter.warning(tok, `'${name}' attribute directive ignored`);
}

function skipArguments(p: Parser): void {
  if (!p.is("(")) return;
  let depth = 0;
  do {
    if (p.is("(")) depth++;
    else if (p.is(")")) depth--;
    p.next();
  } while (depth > 0 && !p.atEof());
}

/** `aligned(n)` takes a power of two; a bare `aligned` means the target's largest useful alignment, 16 bytes. */
function alignment(p: Parser, tok: Token): number {
  if (!p.consume("(")) return 16;
  const value = constantExpression(p, "requested alignment");
  p.expect(")");
  if (value <= 0 || (value & (value - 1)) !== 0) {
    p.reporter.error(tok, `requested alignment ${value} is not a positive power of 2`);
    return 1;
  }
  if (value > 1 << 28) p.reporter.error(tok, `requested alignment ${value} exceeds the maximum 2^28`);
  return value;
}

function sectionName(p: Parser, tok: Token): string {
  p.expect("(");
  const nameTok = p.tok;
  if (nameTok.kind !== "string") p.reporter.fail(nameTok, "section attribute argument not a string constant");
  p.next();
  p.expect(")");
  const name = nameTok.text.slice(1, -1);
  if (!/^[A-Za-z0-9_.$]+$/.test(name)) {
    p.reporter.error(tok, `section name '${name}' is not valid: use letters, digits, '_', '.' and '$'`);
  }
  return name;
}

/**
 * Lays out a `packed` record again: every member at the next byte with no
 * padding, alignment 1 (unless `aligned` raises it later), as gcc does.
 * Bit-fields are packed across storage units as gcc does; only a bit-field
 * whose bits span more bytes than its declared type is rejected.
 */
export function packRecord(p: Parser, record: RecordType): void {
  const unreachable = layOutPackedRecord(record);
  if (unreachable) {
    p.reporter.error(unreachable.tok, `bit-field '${unreachable.name}' of a packed struct spans more bytes than its type, which is not supported`);
  }
}

/** Raises a record's alignment to `align` and pads its size to a multiple of it. */
export function alignRecord(record: RecordType, align: number): void {
  record.align = Math.max(record.align, align);
  record.size = alignTo(record.size, record.align);
}

/** Applies a function declaration's attributes (and `_Noreturn`) to its symbol. */
export function applyFunctionAttributes(
  p: Parser, fn: FunctionSymbol, attributes: Attributes, asmLabel: string | undefined, name: Token,
): void {
  if (asmLabel !== undefined && asmLabel !== functionSymbolName(fn)) {
    if (fn.isDefined || fn.asmName !== undefined) p.reporter.error(name, `asm label '${asmLabel}' for '${fn.name}' comes after its first use or another label`);
    else fn.asmName = asmLabel;
  }
  if (attributes.section !== undefined) fn.section = attributes.section;
  if (attributes.weak) fn.isWeak = true;
  if (attributes.noreturn) fn.isNoreturn = true;
  if (attributes.noinline) fn.isNoinline = true;
  if (attributes.used || attributes.unused) fn.isReferenced = true;
  if (attributes.packed) p.reporter.warning(name, "'packed' attribute ignored for a function");
}

/** Applies a variable declaration's attributes and `asm("symbol")` label. */
export function applyVariableAttributes(
  p: Parser, variable: Variable, attributes: Attributes, asmLabel: string | undefined, name: Token,
): void {
  if (asmLabel !== undefined) {
    if (variable.isLocal) {
      p.reporter.error(name, `local register variables such as '${name.text}' in asm("${asmLabel}") are not supported; pass the value to an asm operand instead`);
    }
    else variable.asmName = asmLabel;
  }
  if (attributes.aligned !== undefined) variable.align = Math.max(variable.align ?? 1, attributes.aligned);
  if (attributes.section !== undefined) {
    if (variable.isLocal) p.reporter.error(name, `section attribute cannot be specified for local variables`);
    else variable.section = attributes.section;
  }
  if (attributes.weak) {
    if (variable.isLocal || (variable.isStatic && !variable.isExtern)) p.reporter.error(name, `weak declaration of '${name.text}' must be public`);
    else variable.isWeak = true;
  }
  if (attributes.unused || attributes.used) variable.isReferenced = true;
  if (attributes.packed) p.reporter.warning(name, `'packed' attribute ignored for the variable '${name.text}'`);
}

/**
 * Returns the type that a typedef with `aligned(n)` names: a copy with the
 * larger alignment. Records are not copied, because their identity is their type.
 */
export function alignedTypedef(p: Parser, name: Token, type: Type, aligned: number | undefined): Type {
  if (aligned === undefined || aligned <= type.align) return type;
  if (type.kind === "struct") {
    p.reporter.error(name, "an 'aligned' attribute on a typedef of a struct or union is not supported; put it on the struct definition");
    return type;
  }
  return { ...type, align: aligned } as Type;
}
