// Assembler directives (`.text`, `.long`, `.globl`, `.p2align`, ...), with
// the meanings GNU as gives them on i386 ELF targets.
import {
  SHF_ALLOC,
  SHF_EXCLUDE,
  SHF_EXECINSTR,
  SHF_GNU_RETAIN,
  SHF_MERGE,
  SHF_STRINGS,
  SHF_TLS,
  SHF_WRITE,
  SHT_FINI_ARRAY,
  SHT_INIT_ARRAY,
  SHT_NOBITS,
  SHT_NOTE,
  SHT_PREINIT_ARRAY,
  SHT_PROGBITS,
  STT_COMMON,
  STT_FUNC,
  STT_NOTYPE,
  STT_OBJECT,
  STV_HIDDEN,
  STV_INTERNAL,
  STV_PROTECTED,
} from "../elf/constants";
import type { Assembler } from "./assembler";
import { ParseError, describeFound, parseExpression, type TokenCursor } from "./expressions";
import type { AsmToken } from "./lexer";
import { smallInteger, type Expr, type Section } from "./model";

type Handler = (asm: Assembler, cursor: TokenCursor, name: AsmToken) => void;

const SIMPLE_SECTIONS: Readonly<Record<string, string>> = {
  ".text": ".text",
  ".data": ".data",
  ".bss": ".bss",
  ".rodata": ".rodata",
};

const DATA_SIZES: Readonly<Record<string, 1 | 2 | 4 | 8>> = {
  ".byte": 1,
  ".short": 2,
  ".hword": 2,
  ".word": 2,
  ".value": 2,
  ".2byte": 2,
  ".long": 4,
  ".int": 4,
  ".4byte": 4,
  ".quad": 8,
  ".8byte": 8,
};

/** Directives accepted and ignored: location views, call-frame information and no-op mode switches. */
function isIgnored(name: string): boolean {
  return name === ".loc_view" || name.startsWith(".cfi_") || name === ".code32" || name === ".att_syntax";
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  ".section": (asm, cursor) => asm.switchTo(parseSectionDirective(asm, cursor)),
  ".pushsection": (asm, cursor) => {
    const section = parseSectionDirective(asm, cursor);
    asm.sectionStack.push({ current: asm.current, previous: asm.previous });
    asm.switchTo(section);
  },
  ".popsection": (asm, cursor, name) => {
    asm.expectEnd(cursor);
    const saved = asm.sectionStack.pop();
    if (saved === undefined) throw new ParseError("`.popsection` without a matching `.pushsection`", name);
    asm.current = saved.current;
    asm.previous = saved.previous;
  },
  ".previous": (asm, cursor) => {
    asm.expectEnd(cursor);
    asm.switchTo(asm.previous);
  },
  ".globl": (asm, cursor) => forEachSymbol(asm, cursor, (s) => (s.binding = s.binding === "weak" ? "weak" : "global")),
  ".global": (asm, cursor) => forEachSymbol(asm, cursor, (s) => (s.binding = s.binding === "weak" ? "weak" : "global")),
  ".weak": (asm, cursor) => forEachSymbol(asm, cursor, (s) => (s.binding = "weak")),
  ".local": (asm, cursor) =>
    forEachSymbol(asm, cursor, (s) => {
      s.binding = "local";
      s.declaredLocal = true;
    }),
  ".hidden": (asm, cursor) => forEachSymbol(asm, cursor, (s) => (s.visibility = STV_HIDDEN)),
  ".internal": (asm, cursor) => forEachSymbol(asm, cursor, (s) => (s.visibility = STV_INTERNAL)),
  ".protected": (asm, cursor) => forEachSymbol(asm, cursor, (s) => (s.visibility = STV_PROTECTED)),
  ".type": parseType,
  ".size": (asm, cursor) => {
    const symbol = asm.reference(expectIdentifier(cursor, "a symbol name"));
    cursor.expect(",");
    symbol.size = parseExpression(cursor, asm);
    asm.expectEnd(cursor);
  },
  ".set": parseSet,
  ".equ": parseSet,
  ".equiv": (asm, cursor) => {
    const name = cursor.peek();
    const existing = asm.symbols.get(name.text);
    if (existing !== undefined && asm.isDefined(existing)) throw new ParseError(`symbol \`${name.text}\` is already defined`, name);
    parseSet(asm, cursor);
  },
  ".comm": (asm, cursor) => parseCommon(asm, cursor, false),
  ".lcomm": (asm, cursor) => parseCommon(asm, cursor, true),
  ".ascii": (asm, cursor) => parseStrings(asm, cursor, false),
  ".asciz": (asm, cursor) => parseStrings(asm, cursor, true),
  ".string": (asm, cursor) => parseStrings(asm, cursor, true),
  ".zero": (asm, cursor, name) => parseSpace(asm, cursor, name, false),
  ".skip": (asm, cursor, name) => parseSpace(asm, cursor, name, true),
  ".space": (asm, cursor, name) => parseSpace(asm, cursor, name, true),
  ".fill": parseFill,
  ".align": (asm, cursor) => parseAlign(asm, cursor, false),
  ".balign": (asm, cursor) => parseAlign(asm, cursor, false),
  ".p2align": (asm, cursor) => parseAlign(asm, cursor, true),
  ".file": (asm, cursor) => {
    // `.file "name"` names the source; `.file N "name"` numbers a file of the line table.
    const token = cursor.peek();
    if (token.kind === "string") {
      cursor.next();
      asm.fileName = decodeString(token);
      asm.expectEnd(cursor);
      return;
    }
    asm.lines.defineFile(asm, cursor, decodeString);
  },
  ".loc": (asm, cursor, name) => asm.lines.location(asm, cursor, name),
  ".ident": (asm, cursor) => {
    const token = cursor.next();
    if (token.kind !== "string") throw new ParseError(`expected a string${describeFound(token)}`, token);
    // GNU as collects `.ident` strings in .comment, after one empty string.
    const comment = sectionByName(asm, ".comment");
    if (comment.tail.length === 0) comment.tail.push(0);
    comment.tail.append(new TextEncoder().encode(decodeString(token)));
    comment.tail.push(0);
    asm.expectEnd(cursor);
  },
  ".intel_syntax": (_asm, _cursor, name) => {
    throw new ParseError("Intel syntax is not supported: write AT&T syntax (`movl $1, %eax`)", name);
  },
  ".code16": (_asm, _cursor, name) => {
    throw new ParseError("16-bit code (`.code16`) is not supported: the assembler emits 32-bit code only", name);
  },
  ".code64": (_asm, _cursor, name) => {
    throw new ParseError("64-bit code (`.code64`) is not supported: the assembler emits 32-bit code only", name);
  },
};

export function runDirective(asm: Assembler, name: AsmToken, cursor: TokenCursor): void {
  const directive = name.text.toLowerCase();
  if (isIgnored(directive)) return;
  const simple = SIMPLE_SECTIONS[directive];
  if (simple !== undefined) {
    if (!cursor.atEnd()) throw new ParseError(`subsections are not supported: write \`${directive}\` without an argument`, cursor.peek());
    asm.switchTo(sectionByName(asm, simple));
    return;
  }
  const size = DATA_SIZES[directive];
  if (size !== undefined) {
    parseData(asm, cursor, size);
    return;
  }
  const handler = HANDLERS[directive];
  if (handler === undefined) throw new ParseError(`unknown directive \`${name.text}\``, name);
  handler(asm, cursor, name);
}

function expectIdentifier(cursor: TokenCursor, expected: string): AsmToken {
  const token = cursor.next();
  if (token.kind !== "identifier") throw new ParseError(`expected ${expected}${describeFound(token)}`, token);
  return token;
}

function forEachSymbol(asm: Assembler, cursor: TokenCursor, apply: (symbol: ReturnType<Assembler["reference"]>) => void): void {
  do {
    apply(asm.reference(expectIdentifier(cursor, "a symbol name")));
  } while (cursor.accept(","));
  asm.expectEnd(cursor);
}

function decodeString(token: AsmToken): string {
  return new TextDecoder().decode(Uint8Array.from(token.bytes ?? []));
}

// ---- sections ----

interface SectionDefaults {
  type: number;
  flags: number;
  entsize: number;
}

/** Returns the attributes GNU as gives a section from its name alone. */
function defaultsForName(name: string): SectionDefaults {
  const has = (prefix: string): boolean => name === prefix || name.startsWith(`${prefix}.`);
  if (has(".text") || has(".init") || has(".fini")) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, entsize: 0 };
  if (has(".data") || name === ".data1") return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, entsize: 0 };
  if (has(".bss")) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, entsize: 0 };
  if (has(".rodata") || name === ".rodata1") return { type: SHT_PROGBITS, flags: SHF_ALLOC, entsize: 0 };
  if (has(".init_array")) return { type: SHT_INIT_ARRAY, flags: SHF_ALLOC | SHF_WRITE, entsize: 4 };
  if (has(".fini_array")) return { type: SHT_FINI_ARRAY, flags: SHF_ALLOC | SHF_WRITE, entsize: 4 };
  if (has(".preinit_array")) return { type: SHT_PREINIT_ARRAY, flags: SHF_ALLOC | SHF_WRITE, entsize: 4 };
  if (name === ".comment") return { type: SHT_PROGBITS, flags: SHF_MERGE | SHF_STRINGS, entsize: 1 };
  if (has(".note")) return { type: SHT_NOTE, flags: 0, entsize: 0 };
  return { type: SHT_PROGBITS, flags: 0, entsize: 0 };
}

export function sectionByName(asm: Assembler, name: string): Section {
  const defaults = defaultsForName(name);
  return asm.section(name, defaults.type, defaults.flags, defaults.entsize);
}

const FLAG_BITS: Readonly<Record<string, number>> = {
  a: SHF_ALLOC,
  w: SHF_WRITE,
  x: SHF_EXECINSTR,
  M: SHF_MERGE,
  S: SHF_STRINGS,
  T: SHF_TLS,
  e: SHF_EXCLUDE,
  R: SHF_GNU_RETAIN,
};

const SECTION_TYPES: Readonly<Record<string, number>> = {
  progbits: SHT_PROGBITS,
  nobits: SHT_NOBITS,
  note: SHT_NOTE,
  init_array: SHT_INIT_ARRAY,
  fini_array: SHT_FINI_ARRAY,
  preinit_array: SHT_PREINIT_ARRAY,
};

/** `.section NAME[, "FLAGS"[, @TYPE[, ENTSIZE]]]` */
function parseSectionDirective(asm: Assembler, cursor: TokenCursor): Section {
  const first = cursor.peek();
  if (first.kind === "end") throw new ParseError("expected a section name", first);
  let name: string;
  if (first.kind === "string") {
    cursor.next();
    name = decodeString(first);
  } else {
    // Section names may contain characters that are not symbol characters (`.note.GNU-stack`).
    while (!cursor.atEnd() && !cursor.isPunctuator(",")) cursor.next();
    name = asm.source.slice(first.start, cursor.peek().start).trim();
  }
  const existing = asm.sections.find((s) => s.name === name);
  if (!cursor.accept(",")) {
    asm.expectEnd(cursor);
    return existing ?? sectionByName(asm, name);
  }

  const flagsToken = cursor.next();
  if (flagsToken.kind !== "string") throw new ParseError(`expected a flags string such as "ax"${describeFound(flagsToken)}`, flagsToken);
  const defaults = defaultsForName(name);
  let flags = 0;
  for (const c of decodeString(flagsToken)) {
    const bit = FLAG_BITS[c];
    if (bit === undefined) throw new ParseError(`unsupported section flag \`${c}\`: use a combination of a, w, x, M, S, T, e, R`, flagsToken);
    flags |= bit;
  }
  let type = defaults.type;
  let entsize = defaults.entsize;
  if (cursor.accept(",")) {
    const marker = cursor.next();
    let typeName: AsmToken = marker;
    if (marker.kind === "punctuator" && marker.text === "@") typeName = cursor.next();
    const known = SECTION_TYPES[typeName.kind === "string" ? decodeString(typeName) : typeName.text];
    if (known === undefined) throw new ParseError(`unknown section type \`${typeName.text}\`: use @progbits, @nobits, @note, @init_array or @fini_array`, typeName);
    type = known;
    if (cursor.accept(",")) {
      const sizeToken = cursor.peek();
      entsize = asm.requireConstant(parseExpression(cursor, asm), sizeToken, "the entry size") ?? 0;
    }
  }
  if ((flags & SHF_MERGE) !== 0 && entsize === 0) throw new ParseError("a mergeable section (flag M) needs an entry size after its type", flagsToken);
  asm.expectEnd(cursor);
  return existing ?? asm.section(name, type, flags, entsize);
}

// ---- symbols ----

const SYMBOL_TYPES: Readonly<Record<string, number>> = {
  function: STT_FUNC,
  STT_FUNC: STT_FUNC,
  object: STT_OBJECT,
  STT_OBJECT: STT_OBJECT,
  notype: STT_NOTYPE,
  STT_NOTYPE: STT_NOTYPE,
  common: STT_COMMON,
  STT_COMMON: STT_COMMON,
};

/** `.type NAME, @function` (also `%function`, `"function"`, `STT_FUNC`). */
function parseType(asm: Assembler, cursor: TokenCursor): void {
  const symbol = asm.reference(expectIdentifier(cursor, "a symbol name"));
  cursor.expect(",");
  let token = cursor.next();
  if (token.kind === "punctuator" && token.text === "@") token = cursor.next();
  const name = token.kind === "string" ? decodeString(token) : token.text;
  const type = SYMBOL_TYPES[name];
  if (type === undefined) throw new ParseError(`unsupported symbol type \`${name}\`: use @function, @object or @notype`, token);
  symbol.type = type;
  asm.expectEnd(cursor);
}

/** `.set NAME, EXPR` and `.equ NAME, EXPR` */
function parseSet(asm: Assembler, cursor: TokenCursor): void {
  const name = expectIdentifier(cursor, "a symbol name");
  cursor.expect(",");
  asm.assign(name, parseExpression(cursor, asm));
  asm.expectEnd(cursor);
}

/** `.comm NAME, SIZE[, ALIGN]` and `.lcomm NAME, SIZE[, ALIGN]` */
function parseCommon(asm: Assembler, cursor: TokenCursor, local: boolean): void {
  const nameToken = expectIdentifier(cursor, "a symbol name");
  const symbol = asm.reference(nameToken);
  cursor.expect(",");
  const sizeToken = cursor.peek();
  const size = asm.requireConstant(parseExpression(cursor, asm), sizeToken, "the size");
  let alignment: number | undefined;
  if (cursor.accept(",")) {
    const alignToken = cursor.peek();
    alignment = asm.requireConstant(parseExpression(cursor, asm), alignToken, "the alignment");
    if (alignment !== undefined && (alignment <= 0 || (alignment & (alignment - 1)) !== 0)) {
      throw new ParseError(`alignment ${alignment} is not a power of 2`, alignToken);
    }
  }
  asm.expectEnd(cursor);
  if (size === undefined) return;
  if (asm.isDefined(symbol)) throw new ParseError(`symbol \`${nameToken.text}\` is already defined`, nameToken);

  if (local || symbol.declaredLocal) {
    // GNU as allocates local common symbols in a second .bss subsection,
    // which follows everything else in .bss; layout.ts places them there.
    symbol.definedAt = asm.positions.addPosition(nameToken);
    symbol.type ??= STT_OBJECT;
    symbol.size ??= { kind: "number", value: size };
    asm.localCommons.push({ symbol, size, alignment: alignment ?? (local ? 1 : defaultCommonAlignment(size)) });
    return;
  }
  symbol.common = { size, alignment: alignment ?? defaultCommonAlignment(size) };
  symbol.definedAt = asm.positions.addPosition(nameToken);
  if (symbol.binding === "local") symbol.binding = "global";
}

/** Without an explicit alignment, GNU as aligns a common symbol to its size's largest power of 2, at most 16. */
function defaultCommonAlignment(size: number): number {
  let alignment = 1;
  while (alignment < 16 && alignment * 2 <= size) alignment *= 2;
  return alignment;
}

// ---- data ----

function parseData(asm: Assembler, cursor: TokenCursor, size: 1 | 2 | 4 | 8): void {
  do {
    const token = cursor.peek();
    const expr = parseExpression(cursor, asm);
    if (size !== 8) {
      asm.emitValue(expr, size, token);
      continue;
    }
    const value = asm.requireConstant(expr, token, "a `.quad` value (64-bit relocations do not exist on i386)");
    const big = BigInt.asUintN(64, exactInteger(token, expr) ?? BigInt(value ?? 0));
    for (let i = 0n; i < 8n; i++) asm.emitBytes([Number((big >> (8n * i)) & 0xffn)]);
  } while (cursor.accept(","));
  asm.expectEnd(cursor);
}

/** Returns a literal's exact value, for `.quad` constants beyond 2^53 that a double would round. */
function exactInteger(token: AsmToken, expr: Expr): bigint | undefined {
  if (expr.kind !== "number" || token.kind !== "number" || token.value !== expr.value || token.text.startsWith("'")) return undefined;
  const text = token.text.toLowerCase();
  if (/^0[0-7]+$/.test(text)) return BigInt(`0o${text.slice(1)}`);
  return BigInt(text);
}

function parseStrings(asm: Assembler, cursor: TokenCursor, terminate: boolean): void {
  do {
    const token = cursor.next();
    if (token.kind !== "string") throw new ParseError(`expected a string${describeFound(token)}`, token);
    asm.emitBytes(token.bytes ?? []);
    if (terminate) asm.emitBytes([0]);
  } while (cursor.accept(","));
  asm.expectEnd(cursor);
}

/** `.skip COUNT[, FILL]`, `.space COUNT[, FILL]` and `.zero COUNT` */
function parseSpace(asm: Assembler, cursor: TokenCursor, name: AsmToken, allowFill: boolean): void {
  const countToken = cursor.peek();
  const count = asm.requireConstant(parseExpression(cursor, asm), countToken, "the size");
  let fill = 0;
  if (allowFill && cursor.accept(",")) {
    const fillToken = cursor.peek();
    fill = asm.requireConstant(parseExpression(cursor, asm), fillToken, "the fill value") ?? 0;
  }
  asm.expectEnd(cursor);
  if (count === undefined) return;
  if (count < 0) throw new ParseError(`${name.text} size ${count} is negative`, countToken);
  asm.checkGrowth(count, countToken);
  asm.current.tail.fill(count, fill);
}

/** `.fill REPEAT[, SIZE[, VALUE]]`: REPEAT copies of VALUE, each SIZE bytes (at most 8) little-endian. */
function parseFill(asm: Assembler, cursor: TokenCursor): void {
  const repeatToken = cursor.peek();
  const repeat = asm.requireConstant(parseExpression(cursor, asm), repeatToken, "the repeat count") ?? 0;
  let size = 1;
  let value = 0;
  if (cursor.accept(",")) {
    const sizeToken = cursor.peek();
    if (!cursor.isPunctuator(",")) size = asm.requireConstant(parseExpression(cursor, asm), sizeToken, "the size") ?? 1;
    if (size < 0 || size > 8) throw new ParseError(`.fill size ${size} is out of range: use 0 to 8`, sizeToken);
    if (cursor.accept(",")) {
      const valueToken = cursor.peek();
      value = asm.requireConstant(parseExpression(cursor, asm), valueToken, "the fill value") ?? 0;
    }
  }
  asm.expectEnd(cursor);
  if (repeat < 0) throw new ParseError(`.fill repeat count ${repeat} is negative`, repeatToken);
  asm.checkGrowth(repeat * size, repeatToken);
  const unit = new Array<number>(size).fill(0);
  for (let i = 0; i < Math.min(size, 4); i++) unit[i] = Math.floor(value / 2 ** (8 * i)) & 0xff;
  for (let i = 0; i < repeat; i++) asm.emitBytes(unit);
}

/**
 * `.align N[, FILL[, MAX]]` and `.balign` take a byte count; `.p2align P`
 * takes a power of 2. Without FILL, code sections are padded with NOPs.
 */
function parseAlign(asm: Assembler, cursor: TokenCursor, powerOfTwo: boolean): void {
  const amountToken = cursor.peek();
  const amount = asm.requireConstant(parseExpression(cursor, asm), amountToken, "the alignment") ?? 0;
  let fill: number | undefined;
  let maxSkip = 0;
  if (cursor.accept(",")) {
    if (!cursor.isPunctuator(",") && !cursor.atEnd()) {
      const fillToken = cursor.peek();
      fill = asm.requireConstant(parseExpression(cursor, asm), fillToken, "the fill value");
    }
    if (cursor.accept(",")) {
      const maxToken = cursor.peek();
      maxSkip = asm.requireConstant(parseExpression(cursor, asm), maxToken, "the maximum skip") ?? 0;
    }
  }
  asm.expectEnd(cursor);
  const alignment = powerOfTwo ? smallInteger(2 ** amount) : amount;
  if (alignment === 0) return;
  if (!Number.isInteger(alignment) || alignment < 0 || (alignment & (alignment - 1)) !== 0 || (powerOfTwo && amount > 30)) {
    throw new ParseError(`alignment ${amount} is not a power of 2`, amountToken);
  }
  const section = asm.current;
  section.alignment = Math.max(section.alignment, alignment);
  if (fill === undefined && (section.flags & SHF_EXECINSTR) === 0) fill = 0;
  asm.appendAlignment({ alignment, fill, maxSkip, size: 0 });
}

