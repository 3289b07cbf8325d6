// C types with sizes and alignments as gcc -m32 lays them out (i386 System V:
// char 1, short 2, int and long 4, pointers 4, plain char signed).
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

export interface PointerType {
  kind: "pointer";
  base: Type;
  size: 4;
  align: 4;
}

export interface ArrayType {
  kind: "array";
  element: Type;
  /** Element count; undefined for an incomplete array such as `int a[]`. */
  length: number | undefined;
  size: number;
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
  offset: number;
  tok: Token;
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

export type Type = VoidType | IntegerType | PointerType | ArrayType | FunctionType | RecordType;

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

export function integerType(rank: IntegerRank, unsigned: boolean): IntegerType {
  return integer(rank, unsigned);
}

export function pointerTo(base: Type): PointerType {
  return { kind: "pointer", base, size: 4, align: 4 };
}

export function arrayOf(element: Type, length: number | undefined): ArrayType {
  return { kind: "array", element, length, size: element.size * (length ?? 0), align: element.align };
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

export function isPointer(t: Type): t is PointerType {
  return t.kind === "pointer";
}

export function isScalar(t: Type): boolean {
  return t.kind === "integer" || t.kind === "pointer";
}

export function isRecord(t: Type): t is RecordType {
  return t.kind === "struct";
}

/** True when an object of the type has a known size (not void, an incomplete struct or `T[]`). */
export function isComplete(t: Type): boolean {
  if (t.kind === "void" || t.kind === "function") return false;
  if (t.kind === "struct") return t.complete;
  if (t.kind === "array") return t.length !== undefined && isComplete(t.element);
  return true;
}

export function alignTo(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Lays out the members as gcc -m32 does and marks the record complete. */
export function completeRecord(record: RecordType, members: Member[]): void {
  let offset = 0;
  let align = 1;
  for (const member of members) {
    align = Math.max(align, member.type.align);
    if (record.isUnion) {
      member.offset = 0;
      offset = Math.max(offset, member.type.size);
    } else {
      offset = alignTo(offset, member.type.align);
      member.offset = offset;
      offset += member.type.size;
    }
  }
  record.members = members;
  record.align = align;
  record.size = alignTo(offset, align);
  record.complete = true;
}

export function findMember(record: RecordType, name: string): Member | undefined {
  return record.members.find((m) => m.name === name);
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
