// Declaration specifiers, declarators, type names, struct/union and enum
// specifiers. Declarators follow C's inside-out reading: for `int (*fp)(int)`
// the suffix after the parentheses applies before the inner declarator.
import { SyntaxRecovery } from "../errors";
import type { Token } from "../token";
import {
  arrayOf, boolType, charType, completeRecord, doubleType, floatType, llongType, longDoubleType, longType, shortType, ucharType,
  ullongType, ulongType, ushortType, functionType, intType, isComplete, newRecordType,
  isVariableLengthArray, pointerTo, typeName, uintType, voidType, type Member, type RecordType, type Type,
} from "../types";
import { asmString, isAsmKeyword } from "./asm";
import { alignRecord, atAttribute, packRecord, parseAttributes, type Attributes } from "./attributes";
import type { Expr } from "../ast";
import { constantExpression, evaluateInteger } from "./constants";
import { assignment, expression } from "./expressions";
import { checkRuntimeArraySize, deferredParameterArray, variableLengthArray } from "./vla";
import { KEYWORDS, describe, type Parser } from "./parser";

export type StorageClass = "typedef" | "static" | "extern";

export interface DeclSpec {
  type: Type;
  storage: StorageClass | undefined;
  tok: Token;
  /** `__attribute__` lists among the specifiers, plus `_Alignas` as `aligned` and `_Noreturn` as `noreturn`. */
  attributes: Attributes;
  /** `inline` was written (a C99 inline definition unless `static` or `extern`). */
  isInline: boolean;
}

export interface ParamDecl {
  name: Token | undefined;
  type: Type;
}

export interface Declarator {
  type: Type;
  name: Token | undefined;
  /** Parameter names when the declarator's own suffix is a parameter list. */
  params: ParamDecl[] | undefined;
  /** `__attribute__` lists after the declarator. */
  attributes: Attributes;
  /** `asm("name")` after the declarator: the symbol to use instead of the C name. */
  asmLabel?: string;
}

const TYPE_KEYWORDS = new Set([
  "void", "_Bool", "char", "short", "int", "long", "signed", "unsigned", "__signed__", "__signed", "struct", "union",
  "enum", "const", "volatile", "restrict", "__restrict", "__restrict__", "__const", "__const__", "__volatile__", "__volatile",
  "float", "double",
  "typedef", "static", "extern", "inline", "__inline", "__inline__", "auto", "register", "_Noreturn",
  "_Complex", "_Atomic", "_Thread_local", "_Alignas", "__attribute__", "__attribute", "__extension__", "typeof",
  "__typeof__", "__typeof",
]);

const QUALIFIERS = new Set([
  "const", "volatile", "restrict", "__restrict", "__restrict__", "__const", "__const__", "__volatile__", "__volatile",
  "auto", "register", "__extension__",
]);

const INLINE_SPECIFIERS = new Set(["inline", "__inline", "__inline__"]);

// Maps, not object literals: a typedef may be named `toString` or `constructor`.
const UNSUPPORTED_SPECIFIERS = new Map([
  ["_Complex", "complex types are"],
  ["_Atomic", "_Atomic is"],
  ["_Thread_local", "thread-local storage is"],
]);

/** True when `tok` starts a type name or declaration. */
export function isTypeName(p: Parser, tok: Token = p.tok): boolean {
  if (tok.kind !== "identifier") return false;
  const text = tok.text;
  // `__typeof` and `__attribute` are type keywords that a declarator may still
  // declare as names, so names starting with `_` test for a keyword first.
  if (text.charCodeAt(0) === 0x5f) return TYPE_KEYWORDS.has(text) || p.lookup(text)?.kind === "typedef";
  // Other keywords can never be declared, so a name in scope needs no keyword test.
  const binding = p.lookup(text);
  if (binding !== undefined) return binding.kind === "typedef";
  return TYPE_KEYWORDS.has(text);
}

/** Parses attribute lists in a place where none of them has an effect, such as after a `*`. */
export function skipAttributes(p: Parser): void {
  parseAttributes(p);
}

const VOID = 1 << 0;
const BOOL = 1 << 2;
const CHAR = 1 << 4;
const SHORT = 1 << 6;
const INT = 1 << 8;
const LONG = 1 << 10;
const OTHER = 1 << 12;
const FLOAT = 1 << 15;
const DOUBLE = 1 << 16;
const SIGNED = 1 << 13;
const UNSIGNED = 1 << 14;

const SPECIFIER_BITS = new Map([
  ["void", VOID], ["_Bool", BOOL], ["char", CHAR], ["short", SHORT], ["int", INT], ["long", LONG],
  ["signed", SIGNED], ["__signed__", SIGNED], ["__signed", SIGNED], ["unsigned", UNSIGNED], ["float", FLOAT], ["double", DOUBLE],
]);

function typeFromSpecifierBits(bits: number): Type | undefined {
  switch (bits) {
    case VOID: return voidType;
    case BOOL: return boolType;
    case CHAR: case SIGNED + CHAR: return charType;
    case UNSIGNED + CHAR: return ucharType;
    case SHORT: case SHORT + INT: case SIGNED + SHORT: case SIGNED + SHORT + INT:
      return shortType;
    case UNSIGNED + SHORT: case UNSIGNED + SHORT + INT: return ushortType;
    case INT: case SIGNED: case SIGNED + INT: return intType;
    case UNSIGNED: case UNSIGNED + INT: return uintType;
    case LONG: case LONG + INT: case SIGNED + LONG: case SIGNED + LONG + INT: return longType;
    case UNSIGNED + LONG: case UNSIGNED + LONG + INT: return ulongType;
    case LONG + LONG: case LONG + LONG + INT: case SIGNED + LONG + LONG: case SIGNED + LONG + LONG + INT:
      return llongType;
    case UNSIGNED + LONG + LONG: case UNSIGNED + LONG + LONG + INT: return ullongType;
    case FLOAT: return floatType;
    case DOUBLE: return doubleType;
    case LONG + DOUBLE: return longDoubleType;
    default: return undefined;
  }
}

/*
 * declaration-specifiers = (storage-class-specifier | type-qualifier | function-specifier
 *                          | "struct" ... | "union" ... | "enum" ... | typedef-name
 *                          | "void" | "_Bool" | "char" | "short" | "int" | "long" | "signed" | "unsigned")+
 */
export function declarationSpecifiers(p: Parser, allowStorage: boolean): DeclSpec {
  const first = p.tok;
  let bits = 0;
  let type: Type = intType;
  let storage: StorageClass | undefined;
  const attributes: Attributes = {};
  let isInline = false;

  while (isTypeName(p)) {
    const tok = p.tok;
    // A basic type keyword such as `int` is the most common specifier, and none of the checks below applies to it.
    const specifierBits = SPECIFIER_BITS.get(tok.text);
    if (specifierBits !== undefined) {
      bits += specifierBits;
      const resolved = typeFromSpecifierBits(bits);
      if (resolved === undefined) p.reporter.fail(tok, "two or more data types in declaration specifiers");
      type = resolved;
      p.next();
      continue;
    }
    if (INLINE_SPECIFIERS.has(tok.text)) {
      isInline = true;
      p.next();
      continue;
    }
    if (tok.text === "_Noreturn") {
      attributes.noreturn = true;
      p.next();
      continue;
    }
    if (tok.text === "_Alignas") {
      p.next();
      attributes.aligned = Math.max(attributes.aligned ?? 1, alignasValue(p, tok));
      continue;
    }
    if (tok.text === "typedef" || tok.text === "static" || tok.text === "extern") {
      if (!allowStorage) p.reporter.fail(tok, `storage class '${tok.text}' is not allowed here`);
      if (storage) p.reporter.fail(tok, "multiple storage classes in declaration specifiers");
      storage = tok.text;
      p.next();
      continue;
    }
    if (QUALIFIERS.has(tok.text)) {
      p.next();
      continue;
    }
    if (atAttribute(p)) {
      parseAttributes(p, attributes);
      continue;
    }
    const unsupported = UNSUPPORTED_SPECIFIERS.get(tok.text);
    if (unsupported && tok.text === "_Thread_local") {
      // The rest of the declaration still parses, so later uses of the name
      // are not reported as undeclared.
      p.reporter.error(tok, `${unsupported} not supported yet`);
      p.next();
      continue;
    }
    if (unsupported) p.reporter.fail(tok, `${unsupported} not supported yet`);

    const binding = p.lookup(tok.text);
    const isTypedefName = binding?.kind === "typedef";
    if (TYPEOF_KEYWORDS.has(tok.text)) {
      if (bits) p.reporter.fail(tok, "two or more data types in declaration specifiers");
      p.next();
      type = typeofSpecifier(p);
      bits += OTHER;
      continue;
    }
    if (tok.text === "struct" || tok.text === "union" || tok.text === "enum" || isTypedefName) {
      if (bits) break;
      p.next();
      if (tok.text === "struct" || tok.text === "union") type = p.nested(tok.text === "union" ? unionSpecifier : structSpecifier);
      else if (tok.text === "enum") type = enumSpecifier(p);
      else if (binding?.kind === "typedef") type = binding.type;
      bits += OTHER;
      continue;
    }

    p.internalError(`'${tok.text}' starts a type name but no type specifier handles it`);
  }

  if (bits === 0 && p.tok === first) p.reporter.fail(p.tok, `expected a type before ${describe(p.tok)}`);
  if (bits === 0) {
    const name = declaredName(p);
    p.reporter.warning(first, name ? `type defaults to 'int' in declaration of '${name}'` : "type defaults to 'int' in declaration");
  }
  return { type, storage, tok: first, attributes, isInline };
}

/** Reads ahead past `*` and `(` for the identifier that the declarator at the cursor declares, for a warning. */
function declaredName(p: Parser): string | undefined {
  for (let i = 0; i < 64; i++) {
    const tok = p.peek(i);
    if (tok.text === "*" || tok.text === "(" || QUALIFIERS.has(tok.text)) continue;
    return tok.kind === "identifier" && !KEYWORDS.has(tok.text) ? tok.text : undefined;
  }
  return undefined;
}

const TYPEOF_KEYWORDS = new Set(["typeof", "__typeof__", "__typeof"]);

// typeof-specifier = "typeof" "(" (type-name | expression) ")"
function typeofSpecifier(p: Parser): Type {
  p.expect("(");
  let type: Type;
  if (isTypeName(p)) {
    type = typeNameSyntax(p);
  } else {
    const e = expression(p);
    type = e.type;
    if (e.kind === "member" && e.member.bitField) p.reporter.error(e.tok, "'typeof' applied to a bit-field");
  }
  p.expect(")");
  return type;
}

// alignment-specifier = "_Alignas" "(" (type-name | constant-expression) ")"
function alignasValue(p: Parser, tok: Token): number {
  p.expect("(");
  const value = isTypeName(p) ? typeNameSyntax(p).align : constantExpression(p, "requested alignment");
  p.expect(")");
  if (value < 0 || (value & (value - 1)) !== 0) {
    p.reporter.error(tok, `requested alignment ${value} is not a positive power of 2`);
    return 1;
  }
  return Math.max(value, 1);
}

// pointer = ("*" type-qualifier*)*
function pointers(p: Parser, type: Type): Type {
  while (p.consume("*")) {
    type = pointerTo(type);
    while (QUALIFIERS.has(p.tok.text) || p.is("__attribute__")) {
      if (p.is("__attribute__")) skipAttributes(p);
      else p.next();
    }
  }
  return type;
}

/** How a declarator may name its identifier: always, never (type names), or optionally (parameters). */
export type DeclaratorMode = "named" | "abstract" | "optional";

/** True when the `(` at the cursor opens a nested declarator rather than a parameter list. */
function opensNestedDeclarator(p: Parser, mode: DeclaratorMode): boolean {
  const after = p.peek();
  if (after.text === "*" || after.text === "(" || after.text === "[") return true;
  if (mode === "abstract") return false;
  return after.kind === "identifier" && !isTypeName(p, after);
}

function skipParenthesized(p: Parser): void {
  let depth = 0;
  do {
    if (p.is("(")) depth++;
    else if (p.is(")")) depth--;
    p.next();
  } while (depth > 0 && !p.atEof());
}

/*
 * declarator = pointer ("(" declarator ")" | identifier) type-suffix
 * abstract-declarator = pointer ("(" abstract-declarator ")")? type-suffix
 */
export function declarator(p: Parser, base: Type, mode: DeclaratorMode = "named"): Declarator {
  return p.nested(() => declaratorAt(p, base, mode));
}

function declaratorAt(p: Parser, base: Type, mode: DeclaratorMode): Declarator {
  const type = pointers(p, base);
  if (p.is("(") && opensNestedDeclarator(p, mode)) {
    const start = p.position;
    skipParenthesized(p);
    const outer = typeSuffix(p, type);
    const end = p.position;
    p.position = start + 1;
    const inner = declarator(p, outer.type, mode);
    p.expect(")");
    p.position = end;
    if (isAsmKeyword(p.tok)) inner.asmLabel = asmLabelSyntax(p);
    parseAttributes(p, inner.attributes);
    return inner;
  }

  let name: Token | undefined;
  if (p.tok.kind === "identifier" && !KEYWORDS.has(p.tok.text)) {
    if (mode === "abstract") p.reporter.fail(p.tok, `unexpected identifier '${p.tok.text}' in a type name`);
    name = p.next();
  } else if (mode === "named") {
    p.reporter.fail(p.tok, `expected identifier or '(' before ${describe(p.tok)}`);
  }
  const suffix = typeSuffix(p, type);
  const asmLabel = isAsmKeyword(p.tok) ? asmLabelSyntax(p) : undefined;
  const attributes = parseAttributes(p);
  return { type: suffix.type, name, params: suffix.params, attributes, asmLabel };
}

/*
 * static-assert-declaration = "_Static_assert" "(" constant-expression ("," string-literal)? ")" ";"
 * The message is optional as in C2x and gcc.
 */
export function staticAssertion(p: Parser): void {
  p.next();
  p.expect("(");
  const tok = p.tok;
  const value = constantExpression(p, "expression in static assertion");
  let message: string | undefined;
  if (p.consume(",")) message = asmString(p, "the static assertion message").text;
  p.expect(")");
  p.expect(";");
  if (value === 0) p.reporter.error(tok, message === undefined ? "static assertion failed" : `static assertion failed: "${message}"`);
}

// asm-label = "asm" "(" string-literal+ ")"
function asmLabelSyntax(p: Parser): string {
  p.next();
  p.expect("(");
  const label = asmString(p, "the symbol name").text;
  p.expect(")");
  return label;
}

// type-name = declaration-specifiers abstract-declarator
export function typeNameSyntax(p: Parser): Type {
  const basic = basicTypeName(p);
  if (basic !== undefined) return basic;
  const spec = declarationSpecifiers(p, false);
  // Most type names, such as the `unsigned int` of a cast, end with their
  // specifiers. The empty declarator then leaves the type as it is, unless
  // the parser is at the nesting limit, which `declarator` reports.
  if (p.is(")") && !p.atNestingLimit()) return spec.type;
  return declarator(p, spec.type, "abstract").type;
}

/**
 * Parses a type name made of basic type keywords only and followed by `)`,
 * such as the `unsigned long` of a cast, which most type names are. Returns
 * undefined and consumes nothing for any other type name, which then takes
 * the general path with its diagnostics.
 */
function basicTypeName(p: Parser): Type | undefined {
  if (p.atNestingLimit()) return undefined;
  let bits = 0;
  let type: Type | undefined;
  for (let offset = 0; ; offset++) {
    const tok = p.peek(offset);
    if (tok.kind === "punctuator" && tok.text === ")") {
      if (type !== undefined) p.position += offset;
      return type;
    }
    const specifierBits = tok.kind === "identifier" ? SPECIFIER_BITS.get(tok.text) : undefined;
    if (specifierBits === undefined) return undefined;
    bits += specifierBits;
    type = typeFromSpecifierBits(bits);
    if (type === undefined) return undefined;
  }
}

/** The largest object gcc -m32 accepts: PTRDIFF_MAX, 2^31 - 1 bytes. */
const MAX_OBJECT_BYTES = 0x7fffffff;

// type-suffix = "(" parameter-list ")" | "[" constant-expression? "]" type-suffix | ε
/** `outermost` is false for the inner dimensions of an array declarator, such as `[3]` in `int a[2][3]`. */
function typeSuffix(p: Parser, type: Type, outermost = true): { type: Type; params: ParamDecl[] | undefined } {
  if (p.is("(")) {
    const tok = p.next();
    const params = parameterList(p);
    if (type.kind === "array" || type.kind === "function") {
      p.reporter.fail(tok, `function cannot return ${type.kind === "array" ? "an array" : "a function"} type`);
    }
    const paramTypes = params.prototyped ? params.decls.map((d) => d.type) : [];
    const fnType = functionType(type, paramTypes, params.variadic, params.prototyped);
    return { type: fnType, params: params.decls };
  }
  if (p.is("[")) {
    const tok = p.next();
    // A parameter's `[static 4]` or `[const 4]` only documents the caller's array.
    while (p.is("static") || QUALIFIERS.has(p.tok.text)) p.next();
    let length: number | undefined;
    let runtimeLength: Expr | undefined;
    const sizeStart = p.position;
    if (p.parameterDepth > 0 && skipParameterArraySize(p)) {
      // A parameter `T a[n]` is adjusted to `T *`, so the outer size that names other parameters is never
      // needed. An inner one is evaluated where the parameters are in scope.
      if (!outermost) {
        const sizeEnd = p.position;
        p.expect("]");
        const element = p.nested(() => typeSuffix(p, type, false)).type;
        return { type: deferredParameterArray(p, tok, element, sizeStart, sizeEnd), params: undefined };
      }
    } else if (!p.is("]")) {
      const sizeTok = p.tok;
      const size = assignment(p);
      const value = evaluateInteger(size);
      if (value === undefined) {
        if (checkRuntimeArraySize(p, sizeTok, size)) runtimeLength = size;
      } else {
        if (value < 0) p.reporter.error(tok, `size of array is negative (${value})`);
        length = Math.max(0, value);
      }
    }
    const sizeEnd = p.position;
    p.expect("]");
    const element = p.nested(() => typeSuffix(p, type, false)).type;
    if (element.kind === "function") p.reporter.fail(tok, "declaration of an array of functions");
    if (!isComplete(element)) {
      p.reporter.fail(tok, `array has incomplete element type '${typeName(element)}'`);
    }
    if (p.parameterDepth > 0 && isVariableLengthArray(element) && length !== undefined) {
      // `[2]` in a parameter `int m[][2][n]`: its size too is computed where the parameters are in scope.
      const deferred = outermost ? arrayOf(element, length) : deferredParameterArray(p, tok, element, sizeStart, sizeEnd);
      return { type: deferred, params: undefined };
    }
    if (runtimeLength || (isVariableLengthArray(element) && length !== undefined)) {
      return { type: variableLengthArray(p, tok, element, runtimeLength ?? length!), params: undefined };
    }
    if (length !== undefined && element.size * length > MAX_OBJECT_BYTES) {
      p.reporter.error(tok, `size of array is too large (${element.size * length} bytes; the maximum on i386 is ${MAX_OBJECT_BYTES})`);
      length = 1;
    }
    return { type: arrayOf(element, length), params: undefined };
  }
  return { type, params: undefined };
}

/**
 * Skips the size of an array parameter when it cannot be evaluated yet,
 * because it names a parameter (`int a[n]`) or is `*`; also skips C99's
 * `static` and qualifiers inside the brackets. Returns true if it skipped a size.
 */
function skipParameterArraySize(p: Parser): boolean {
  while (p.is("static") || QUALIFIERS.has(p.tok.text)) p.next();
  let depth = 0;
  let needsScope = p.is("*") && p.peek().text === "]";
  for (let i = 0; ; i++) {
    const tok = p.peek(i);
    if (tok.kind === "eof") return false;
    if (tok.text === "[" || tok.text === "(") depth++;
    if (tok.text === ")") depth--;
    if (tok.text === "]") {
      if (depth === 0) break;
      depth--;
    }
    if (tok.kind === "identifier" && !KEYWORDS.has(tok.text)) {
      const binding = p.lookup(tok.text);
      if (!binding || binding.kind === "variable") needsScope = true;
    }
  }
  if (!needsScope) return false;
  while (!p.is("]")) p.next();
  return true;
}

/*
 * parameter-list = "void" | parameter ("," parameter)* ("," "...")? | identifier-list | ε
 * An identifier list is an old-style (K&R) definition's: the function type
 * stays unprototyped and the names get their types from the declarations
 * before the body (see toplevel.ts).
 */
function parameterList(p: Parser): { decls: ParamDecl[]; variadic: boolean; prototyped: boolean } {
  if (p.consume(")")) return { decls: [], variadic: false, prototyped: false };
  if (p.tok.kind === "identifier" && !KEYWORDS.has(p.tok.text) && !isTypeName(p)) {
    const decls: ParamDecl[] = [];
    do decls.push({ name: p.expectIdentifier("a parameter name"), type: intType });
    while (p.consume(","));
    p.expect(")");
    return { decls, variadic: false, prototyped: false };
  }
  if (p.is("void") && p.peek().text === ")") {
    p.next();
    p.next();
    return { decls: [], variadic: false, prototyped: true };
  }
  const decls: ParamDecl[] = [];
  let variadic = false;
  for (;;) {
    if (p.consume("...")) {
      variadic = true;
      break;
    }
    if (!isTypeName(p)) p.reporter.fail(p.tok, `expected a parameter type before ${describe(p.tok)}`);
    if (p.parameterDepth === 0 && decls.length === 0) p.deferredArraySizes = [];
    p.parameterDepth++;
    try {
      const spec = declarationSpecifiers(p, false);
      decls.push(parameterDeclarator(p, spec.type));
    } finally {
      p.parameterDepth--;
    }
    if (!p.consume(",")) break;
  }
  p.expect(")");
  return { decls, variadic, prototyped: true };
}

/** A parameter's declarator, named or abstract, with array and function types adjusted to pointers. */
function parameterDeclarator(p: Parser, base: Type): ParamDecl {
  const d = declarator(p, base, "optional");
  let type = d.type;
  if (type.kind === "array") type = pointerTo(type.element);
  else if (type.kind === "function") type = pointerTo(type);
  if (type.kind === "void") p.reporter.fail(d.name ?? p.tok, "parameter has type 'void'");
  return { name: d.name, type };
}

// Named functions rather than a closure, which would make declarationSpecifiers allocate a context per call.
function structSpecifier(p: Parser): RecordType {
  return recordSpecifier(p, false);
}

function unionSpecifier(p: Parser): RecordType {
  return recordSpecifier(p, true);
}

/*
 * struct-or-union-specifier = identifier? "{" struct-declaration* "}" | identifier
 * struct-declaration = declaration-specifiers declarator ("," declarator)* ";"
 */
function recordSpecifier(p: Parser, isUnion: boolean): RecordType {
  const keyword = isUnion ? "union" : "struct";
  const keywordTok = p.peek(-1);
  const attributes = parseAttributes(p);
  let tagTok: Token | undefined;
  if (p.tok.kind === "identifier" && !KEYWORDS.has(p.tok.text)) tagTok = p.next();

  if (tagTok && !p.is("{")) {
    const existing = p.lookupTag(tagTok.text);
    if (existing && (p.is(";") ? p.scope.ownTag(tagTok.text) === existing : true)) {
      if (existing.keyword !== keyword) p.reporter.error(tagTok, `'${tagTok.text}' defined as wrong kind of tag`);
      if (existing.type.kind === "struct") return existing.type;
    }
    const record = newRecordType(isUnion, tagTok.text);
    p.scope.setTag(tagTok.text, { keyword, type: record, tok: tagTok });
    return record;
  }

  let record: RecordType;
  const sameScope = tagTok ? p.scope.ownTag(tagTok.text) : undefined;
  if (sameScope && sameScope.type.kind === "struct" && !sameScope.type.complete && sameScope.keyword === keyword) {
    record = sameScope.type;
  } else {
    if (sameScope && tagTok) p.reporter.error(tagTok, `redefinition of '${keyword} ${tagTok.text}'`);
    record = newRecordType(isUnion, tagTok?.text);
    if (tagTok) p.scope.setTag(tagTok.text, { keyword, type: record, tok: tagTok });
  }

  p.expect("{");
  completeRecord(record, recordMembers(p));
  parseAttributes(p, attributes);
  if (attributes.packed) packRecord(p, record);
  if (attributes.aligned) alignRecord(record, attributes.aligned);
  return record;
}

/*
 * struct-declaration = declaration-specifiers (struct-declarator ("," struct-declarator)*)? ";"
 * struct-declarator = declarator | declarator? ":" constant-expression
 * A declaration of a struct or union type with no declarator is an anonymous
 * member (C11), whose own members are reached as if they were this record's.
 */
function recordMembers(p: Parser): Member[] {
  const members: Member[] = [];
  while (!p.consume("}")) {
    if (p.atEof()) p.reporter.fail(p.tok, `expected '}' before end of input`);
    try {
      if (p.is("_Static_assert")) {
        staticAssertion(p);
        continue;
      }
      const spec = declarationSpecifiers(p, false);
      if (p.is(";")) {
        anonymousMember(p, spec, members);
        p.next();
        continue;
      }
      do {
        const member = memberDeclarator(p, spec.type, members, spec.attributes.aligned);
        if (member) members.push(member);
      } while (p.consume(","));
      p.expect(";");
    } catch (e) {
      if (!(e instanceof SyntaxRecovery)) throw e;
      p.skipToSync();
    }
  }
  return members;
}

function anonymousMember(p: Parser, spec: DeclSpec, members: Member[]): void {
  const type = spec.type;
  if (type.kind !== "struct" || type.tag !== undefined) {
    p.reporter.warning(spec.tok, "declaration does not declare anything");
    return;
  }
  for (const inner of type.members) {
    if (inner.name !== "" && members.some((m) => m.name === inner.name)) {
      p.reporter.error(inner.tok, `duplicate member '${inner.name}'`);
    }
  }
  members.push({ name: "", type, offset: 0, tok: spec.tok });
}

/** `aligned` is an alignment from `_Alignas` or an attribute among the specifiers. */
function memberDeclarator(p: Parser, base: Type, members: Member[], aligned: number | undefined): Member | undefined {
  const d = p.is(":") ? { type: base, name: undefined, attributes: {} as Attributes } : declarator(p, base);
  const nameTok = d.name ?? p.tok;
  const name = d.name?.text ?? "";
  if (p.is(":")) return bitField(p, d.type, nameTok, name);
  if (isVariableLengthArray(d.type)) {
    p.reporter.error(nameTok, `field '${name}' has a variable length array type, which is not supported in a struct or union`);
    return undefined;
  }
  const isFlexible = d.type.kind === "array" && d.type.length === undefined;
  if (!isComplete(d.type) && !isFlexible) {
    p.reporter.error(nameTok, `field '${name}' has incomplete type '${typeName(d.type)}'`);
    return undefined;
  }
  if (members.some((m) => m.name === name)) p.reporter.error(nameTok, `duplicate member '${name}'`);
  const align = Math.max(aligned ?? 1, d.attributes.aligned ?? 1);
  if (align <= d.type.align) return { name, type: d.type, offset: 0, tok: nameTok };
  if (d.type.kind === "struct") {
    p.reporter.error(nameTok, `an alignment on the struct or union member '${name}' is not supported; align its type instead`);
    return { name, type: d.type, offset: 0, tok: nameTok };
  }
  // A copy of the member's type with the raised alignment: the layout reads member.type.align.
  return { name, type: { ...d.type, align } as Type, offset: 0, tok: nameTok };
}

/** `type name : width`, with the checks gcc makes on the type and the width. */
function bitField(p: Parser, type: Type, nameTok: Token, name: string): Member | undefined {
  const colon = p.expect(":");
  const width = constantExpression(p, "bit-field width");
  const shown = name === "" ? "<anonymous>" : name;
  if (type.kind !== "integer") {
    p.reporter.error(nameTok, `bit-field '${shown}' has invalid type '${typeName(type)}'`);
    return undefined;
  }
  if (width < 0) {
    p.reporter.error(colon, `negative width in bit-field '${shown}'`);
    return undefined;
  }
  if (width > type.size * 8) {
    p.reporter.error(colon, `width of '${shown}' exceeds its type (${width} bits, the maximum is ${type.size * 8})`);
    return undefined;
  }
  if (width === 0 && name !== "") {
    p.reporter.error(colon, `zero width for bit-field '${name}'`);
    return undefined;
  }
  return { name, type, offset: 0, tok: nameTok, bitField: { width, bitOffset: 0, storageSize: type.size } };
}

/*
 * enum-specifier = identifier? "{" enumerator ("," enumerator)* ","? "}" | identifier
 * enumerator = identifier ("=" constant-expression)?
 */
function enumSpecifier(p: Parser): Type {
  let tagTok: Token | undefined;
  if (p.tok.kind === "identifier" && !KEYWORDS.has(p.tok.text)) tagTok = p.next();
  if (tagTok && !p.is("{")) {
    const existing = p.lookupTag(tagTok.text);
    if (!existing) p.reporter.fail(tagTok, `enum '${tagTok.text}' is used before its definition`);
    if (existing.keyword !== "enum") p.reporter.error(tagTok, `'${tagTok.text}' defined as wrong kind of tag`);
    return existing.type;
  }
  p.expect("{");
  let value = 0;
  let anyNegative = false;
  const constants: { name: Token; value: number }[] = [];
  do {
    if (p.is("}")) break;
    const name = p.expectIdentifier("an enumerator name");
    if (p.consume("=")) value = constantExpression(p, "enumerator value");
    if (value < 0) anyNegative = true;
    constants.push({ name, value });
    if (p.scope.ownBinding(name.text)) p.reporter.error(name, `redeclaration of '${name.text}'`);
    p.declare(name.text, { kind: "enumConstant", value, type: intType });
    value = (value + 1) | 0;
  } while (p.consume(","));
  p.expect("}");
  // gcc gives an enumeration with no negative constant the type unsigned int.
  const type = anyNegative ? intType : uintType;
  if (tagTok) p.scope.setTag(tagTok.text, { keyword: "enum", type, tok: tagTok });
  return type;
}
