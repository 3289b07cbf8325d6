// C types with sizes and alignments as gcc -m32 lays them out for i386
// System V: char 1, short 2, int and long 4, long long 8, pointers 4,
// float 4, double 8, and long double 12 (the x87 80-bit format and 2 bytes
// of padding). Plain char is signed. Inside structs every type of 8 or more
// bytes is aligned to 4.
import type { Variable } from "./ast";
import type { Token } from "./token";

export type IntegerRank = "bool" | "char" | "short" | "int" | "long" | "longlong";

export interface VoidType {
  kind: "void";
  size: 1;
  align: 1;
}

export interface IntegerType {
  kind: "integer";
  rank: IntegerRank;
  unsigned: boolean;
  size: number;
  align: number;
}

export type FloatRank = "float" | "double" | "longdouble";

/** A floating type, computed on the x87 FPU. */
export interface FloatType {
  kind: "float";
  rank: FloatRank;
  size: number;
  align: 4;
}

export interface PointerType {
  kind: "pointer";
  base: Type;
  size: 4;
  align: 4;
}

export interface ArrayType {
  kind: "array";
  element: Type;
  /** Element count; undefined for an incomplete array such as `int a[]` and for a variable length array. */
  length: number | undefined;
  /** Size in bytes; 0 for a variable length array, whose size is only known at run time. */
  size: number;
  /** For a variable length array: the hidden local that contains its size in bytes, set where the type is declared. */
  sizeVariable?: Variable;
  align: number;
}

export interface FunctionType {
  kind: "function";
  returnType: Type;
  params: Type[];
  variadic: boolean;
  /** False for an old-style `int f()` declaration, whose calls are unchecked. */
  prototyped: boolean;
  size: 1;
  align: 1;
}

export interface Member {
  name: string;
  type: Type;
  /** Byte offset of the member, or of the storage unit that contains a bit-field. */
  offset: number;
  tok: Token;
  /**
   * A bit-field's width in bits and its position inside the storage unit
   * of `storageSize` bytes at `offset` that code reads and writes: 1, 2, 4
   * or 8, or 5 to 7 for an 8-byte type's field in a packed record.
   */
  bitField?: { width: number; bitOffset: number; storageSize: number };
}

/** A struct or union; one object per tag declaration, completed in place by its definition. */
export interface RecordType {
  kind: "struct";
  isUnion: boolean;
  tag: string | undefined;
  members: Member[];
  complete: boolean;
  size: number;
  align: number;
}

export type Type = VoidType | IntegerType | FloatType | PointerType | ArrayType | FunctionType | RecordType;

const INTEGER_SIZES: Record<IntegerRank, number> = { bool: 1, char: 1, short: 2, int: 4, long: 4, longlong: 8 };

function integer(rank: IntegerRank, unsigned: boolean): IntegerType {
  const size = INTEGER_SIZES[rank];
  // gcc -m32 aligns 8-byte integers to 4 inside structs and arrays.
  return { kind: "integer", rank, unsigned, size, align: Math.min(size, 4) };
}

export const voidType: VoidType = { kind: "void", size: 1, align: 1 };
export const boolType = integer("bool", true);
export const charType = integer("char", false);
export const ucharType = integer("char", true);
export const shortType = integer("short", false);
export const ushortType = integer("short", true);
export const intType = integer("int", false);
export const uintType = integer("int", true);
export const longType = integer("long", false);
export const ulongType = integer("long", true);
export const llongType = integer("longlong", false);
export const ullongType = integer("longlong", true);
export const floatType: FloatType = { kind: "float", rank: "float", size: 4, align: 4 };
export const doubleType: FloatType = { kind: "float", rank: "double", size: 8, align: 4 };
export const longDoubleType: FloatType = { kind: "float", rank: "longdouble", size: 12, align: 4 };

/** The signed and the unsigned type of each rank. The signed bool exists only so that every rank has both. */
const INTEGER_TYPES: Record<IntegerRank, readonly [IntegerType, IntegerType]> = {
  bool: [integer("bool", false), boolType],
  char: [charType, ucharType],
  short: [shortType, ushortType],
  int: [intType, uintType],
  long: [longType, ulongType],
  longlong: [llongType, ullongType],
};

/**
 * Returns the shared object of an integer type. Only record types are
 * changed after they are made, so integer types can be shared. Sharing
 * saves an allocation for every `unsigned long` in a declaration or cast,
 * and castTo then returns an operand of the same type unchanged instead
 * of copying it.
 */
export function integerType(rank: IntegerRank, unsigned: boolean): IntegerType {
  return INTEGER_TYPES[rank][unsigned ? 1 : 0];
}

export function pointerTo(base: Type): PointerType {
  return { kind: "pointer", base, size: 4, align: 4 };
}

export function arrayOf(element: Type, length: number | undefined): ArrayType {
  return { kind: "array", element, length, size: element.size * (length ?? 0), align: element.align };
}

/** Makes a variable length array type whose size in bytes is stored in `sizeVariable` at run time. */
export function variableLengthArrayOf(element: Type, sizeVariable: Variable): ArrayType {
  return { kind: "array", element, length: undefined, size: 0, align: element.align, sizeVariable };
}

export function isVariableLengthArray(t: Type): boolean {
  return t.kind === "array" && t.sizeVariable !== undefined;
}

export function functionType(returnType: Type, params: Type[], variadic: boolean, prototyped: boolean): FunctionType {
  return { kind: "function", returnType, params, variadic, prototyped, size: 1, align: 1 };
}

export function newRecordType(isUnion: boolean, tag: string | undefined): RecordType {
  return { kind: "struct", isUnion, tag, members: [], complete: false, size: 0, align: 1 };
}

export function isInteger(t: Type): t is IntegerType {
  return t.kind === "integer";
}

export function isFloat(t: Type): t is FloatType {
  return t.kind === "float";
}

/** True for the 8-byte integer types, whose values live in %edx:%eax. */
export function isWide(t: Type): boolean {
  return t.kind === "integer" && t.size === 8;
}

export function isArithmetic(t: Type): t is IntegerType | FloatType {
  return t.kind === "integer" || t.kind === "float";
}

export function isPointer(t: Type): t is PointerType {
  return t.kind === "pointer";
}

export function isScalar(t: Type): boolean {
  return t.kind === "integer" || t.kind === "float" || t.kind === "pointer";
}

export function isRecord(t: Type): t is RecordType {
  return t.kind === "struct";
}

/** True when an object of the type has a known size (not void, an incomplete struct or `T[]`). */
export function isComplete(t: Type): boolean {
  if (t.kind === "void" || t.kind === "function") return false;
  if (t.kind === "struct") return t.complete;
  if (t.kind === "array") return (t.length !== undefined || t.sizeVariable !== undefined) && isComplete(t.element);
  return true;
}

export function alignTo(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/**
 * Lays out the members as gcc -m32 does and marks the record complete. A
 * bit-field goes at the next free bit, unless it would then cross the end
 * of a unit of its type's size starting at a boundary of its type's
 * alignment. Then it starts at the next such boundary. A zero-width bit-field only
 * moves the next member to that boundary. Unnamed bit-fields do not raise
 * the record's alignment.
 */
export function completeRecord(record: RecordType, members: Member[]): void {
  let bitPosition = 0;
  let size = 0;
  let align = 1;
  for (const member of members) {
    const unitBits = member.type.align * 8;
    if (member.bitField) {
      const width = member.bitField.width;
      let start = record.isUnion ? 0 : bitPosition;
      if (width === 0 || (start % unitBits) + width > member.type.size * 8) start = alignTo(start, unitBits);
      member.offset = Math.floor(start / unitBits) * member.type.align;
      member.bitField.bitOffset = start - member.offset * 8;
      member.bitField.storageSize = member.type.size;
      if (member.name !== "") align = Math.max(align, member.type.align);
      bitPosition = start + width;
      size = Math.max(size, record.isUnion ? member.type.size : Math.ceil(bitPosition / 8));
      continue;
    }
    align = Math.max(align, member.type.align);
    member.offset = record.isUnion ? 0 : alignTo(Math.ceil(bitPosition / 8), member.type.align);
    bitPosition = (member.offset + member.type.size) * 8;
    size = Math.max(size, member.offset + member.type.size);
  }
  record.members = members;
  record.align = align;
  record.size = alignTo(size, align);
  record.complete = true;
}

/**
 * Lays out a record declared with `__attribute__((packed))` as gcc -m32
 * does: every member at the next byte, every bit-field at the next bit,
 * alignment 1. A zero-width bit-field still moves to a boundary of its
 * type's alignment. Returns a bit-field that the code generator cannot
 * reach with an access no wider than its type (such as a 32-bit field
 * starting at bit 1 of a byte), if any.
 */
export function layOutPackedRecord(record: RecordType): Member | undefined {
  let bitPosition = 0;
  let size = 0;
  let unreachable: Member | undefined;
  for (const member of record.members) {
    const start = record.isUnion ? 0 : bitPosition;
    if (member.bitField) {
      const width = member.bitField.width;
      const fieldStart = width === 0 ? alignTo(start, member.type.align * 8) : start;
      member.offset = Math.floor(fieldStart / 8);
      member.bitField.bitOffset = fieldStart % 8;
      const bits = member.bitField.bitOffset + width;
      if (bits <= 8) member.bitField.storageSize = 1;
      else if (bits <= 16) member.bitField.storageSize = 2;
      else if (bits <= 32) member.bitField.storageSize = 4;
      else member.bitField.storageSize = Math.ceil(bits / 8);
      if (bits > member.type.size * 8) unreachable ??= member;
      bitPosition = fieldStart + width;
    } else {
      member.offset = Math.ceil(start / 8);
      bitPosition = (member.offset + member.type.size) * 8;
    }
    size = Math.max(size, Math.ceil(bitPosition / 8));
  }
  record.size = size;
  record.align = 1;
  return unreachable;
}

/**
 * Finds a member by name, looking inside anonymous struct and union members.
 * A member found inside one is returned as a copy whose offset counts from
 * the start of `record`.
 */
export function findMember(record: RecordType, name: string): Member | undefined {
  for (const member of record.members) {
    if (member.name === name) return member;
    if (member.name === "" && member.type.kind === "struct" && !member.bitField) {
      const inner = findMember(member.type, name);
      if (inner) return { ...inner, offset: member.offset + inner.offset };
    }
  }
  return undefined;
}

/** Structural type equality, as C's "compatible type" for the cases this compiler supports. */
export function sameType(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "void":
      return true;
    case "integer":
      return b.kind === "integer" && a.rank === b.rank && a.unsigned === b.unsigned;
    case "float":
      return b.kind === "float" && a.rank === b.rank;
    case "pointer":
      return b.kind === "pointer" && sameType(a.base, b.base);
    case "array":
      return (
        b.kind === "array" &&
        sameType(a.element, b.element) &&
        (a.length === undefined || b.length === undefined || a.length === b.length)
      );
    case "function":
      if (b.kind !== "function" || !sameType(a.returnType, b.returnType)) return false;
      if (!a.prototyped || !b.prototyped) return true;
      return (
        a.variadic === b.variadic &&
        a.params.length === b.params.length &&
        a.params.every((p, i) => sameType(p, b.params[i]))
      );
    case "struct":
      return false;
  }
}

/** Spells a type as C source does, for diagnostics: `int *`, `struct point`, `char [4]`. */
export function typeName(t: Type): string {
  switch (t.kind) {
    case "void":
      return "void";
    case "integer":
      return integerName(t);
    case "float":
      return t.rank === "longdouble" ? "long double" : t.rank;
    case "pointer":
      return declaratorName(t.base, "*");
    case "array":
      return declaratorName(t, "");
    case "function":
      return declaratorName(t, "");
    case "struct":
      return `${t.isUnion ? "union" : "struct"} ${t.tag ?? "<anonymous>"}`;
  }
}

function integerName(t: IntegerType): string {
  const base = { bool: "_Bool", char: "char", short: "short", int: "int", long: "long", longlong: "long long" }[t.rank];
  if (t.rank === "bool") return base;
  return t.unsigned ? `unsigned ${base}` : base;
}

function declaratorName(t: Type, inner: string): string {
  if (t.kind === "pointer") return declaratorName(t.base, `*${inner}`);
  if (t.kind === "array") {
    const wrapped = inner.startsWith("*") ? `(${inner})` : inner;
    return declaratorName(t.element, `${wrapped}[${t.length ?? ""}]`);
  }
  if (t.kind === "function") {
    const wrapped = inner.startsWith("*") ? `(${inner})` : inner;
    const params = t.params.map(typeName);
    if (t.variadic) params.push("...");
    if (t.prototyped && params.length === 0) params.push("void");
    return declaratorName(t.returnType, `${wrapped}(${params.join(", ")})`);
  }
  const base = typeName(t);
  if (inner === "") return base;
  return inner.startsWith("*") ? `${base} ${inner}` : `${base}${inner}`;
}
