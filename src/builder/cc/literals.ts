// Values of number, character and string tokens (C11 6.4.4 and 6.4.5) for
// i386, where int and long are 32-bit, long long is 64-bit, and plain char
// is signed.
import { decimalToExtendedBytes } from "./float-format";
import type { Token } from "./token";

export type IntegerType = "int" | "unsigned int" | "long" | "unsigned long" | "long long" | "unsigned long long";

export type IntegerLiteral =
  | { value: bigint; type: IntegerType; /** For example "integer constant is so large that it is unsigned". */ warning?: string }
  | { error: string; /** The token is a floating constant, which the compiler does not support. */ isFloat?: boolean };

const MAX_VALUE: Record<IntegerType, bigint> = {
  "int": 0x7fff_ffffn,
  "unsigned int": 0xffff_ffffn,
  "long": 0x7fff_ffffn,
  "unsigned long": 0xffff_ffffn,
  "long long": 0x7fff_ffff_ffff_ffffn,
  "unsigned long long": 0xffff_ffff_ffff_ffffn,
};

type SizeSuffix = "" | "l" | "ll";

// C11 6.4.4.1p5: the candidate types in order, by suffix and by whether the
// constant is decimal. The first type that can represent the value is taken.
const CANDIDATES: Record<`${"" | "u"}${SizeSuffix}`, { decimal: IntegerType[]; other: IntegerType[] }> = {
  "": {
    decimal: ["int", "long", "long long"],
    other: ["int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long"],
  },
  "u": {
    decimal: ["unsigned int", "unsigned long", "unsigned long long"],
    other: ["unsigned int", "unsigned long", "unsigned long long"],
  },
  "l": {
    decimal: ["long", "long long"],
    other: ["long", "unsigned long", "long long", "unsigned long long"],
  },
  "ul": {
    decimal: ["unsigned long", "unsigned long long"],
    other: ["unsigned long", "unsigned long long"],
  },
  "ll": {
    decimal: ["long long"],
    other: ["long long", "unsigned long long"],
  },
  "ull": {
    decimal: ["unsigned long long"],
    other: ["unsigned long long"],
  },
};

/** The prefix BigInt() reads for each base. */
const BIGINT_PREFIX: Record<number, string> = { 2: "0b", 8: "0o", 10: "", 16: "0x" };

const FLOAT_ERROR = "floating-point constants are not supported yet";

/**
 * Reads a pp-number token as an integer constant: its value and its type
 * under C11 6.4.4.1. Binary constants (`0b101`, a GNU extension) follow
 * the octal and hexadecimal type list.
 */
export function parseIntegerLiteral(tok: Token): IntegerLiteral {
  const text = tok.text;
  if (isShortDecimal(text)) return { value: BigInt(Number(text)), type: "int" };
  const base = constantBase(text);
  const shortConstant = parseShortInteger(text, base);
  if (shortConstant !== undefined) return shortConstant;
  const digitsStart = base === 16 || base === 2 ? 2 : 0;

  if (isFloatingConstant(text, base)) return { error: FLOAT_ERROR, isFloat: true };

  let end = digitsStart;
  while (end < text.length && isDigitOfBase(text.charCodeAt(end), base)) end++;
  const digits = text.slice(digitsStart, end);
  const suffix = text.slice(end);

  if (base !== 10 && base !== 8 && digits.length === 0) {
    return { error: `invalid ${base === 16 ? "hexadecimal" : "binary"} constant '${text}': no digits after '${text.slice(0, 2)}'` };
  }
  const maxDigit = 0x30 + Math.min(base, 10) - 1;
  for (let i = 0; i < digits.length && base !== 16; i++) {
    if (digits.charCodeAt(i) > maxDigit) {
      const name = base === 8 ? "octal" : "binary";
      return { error: `invalid digit '${digits[i]}' in ${name} constant '${text}'` };
    }
  }

  const normalizedSuffix = suffix === "" ? "" : normalizeSuffix(suffix);
  if (normalizedSuffix === undefined) {
    return { error: `invalid suffix '${suffix}' on integer constant '${text}'; use u, l, ll or a combination such as ull` };
  }

  // Up to 13 digits the value stays below 2^53 in every base, so the double that parseInt returns is exact.
  const value = digits.length <= 13
    ? BigInt(digits === "" ? 0 : parseInt(digits, base))
    : BigInt(BIGINT_PREFIX[base] + digits);
  for (const type of CANDIDATES[normalizedSuffix][base === 10 ? "decimal" : "other"]) {
    if (value <= MAX_VALUE[type]) return { value, type };
  }
  if (value <= MAX_VALUE["unsigned long long"]) {
    // gcc gives such a decimal constant an unsigned type and warns.
    return { value, type: "unsigned long long", warning: `integer constant ${text} is so large that it is unsigned` };
  }
  return { error: `integer constant ${text} is too large: the maximum is 18446744073709551615 (unsigned long long)` };
}

/**
 * Tests for the most common constant: up to nine decimal digits without a
 * leading zero or a suffix, such as `1` or `255`. It is below 2^31, so its
 * type is int, and its digits need no further checks.
 */
function isShortDecimal(text: string): boolean {
  if (text.length > 9 || (text.charCodeAt(0) === 0x30 && text.length > 1)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** MAX_VALUE as numbers. The 64-bit maxima round up to 2^63 and 2^64, which still compare right with every value below 2^53. */
const MAX_NUMBER: Record<IntegerType, number> = {
  "int": 0x7fff_ffff,
  "unsigned int": 0xffff_ffff,
  "long": 0x7fff_ffff,
  "unsigned long": 0xffff_ffff,
  "long long": 2 ** 63,
  "unsigned long long": 2 ** 64,
};

/**
 * Reads a valid integer constant of at most 13 digits, such as `31u`,
 * `0xffU` or `7LL`, with number arithmetic and without slicing the
 * spelling. Up to 13 digits the value stays below 2^53 in every base, so
 * it is exact. Returns undefined for any other spelling, including every
 * invalid one, which parseIntegerLiteral then reads and reports.
 */
function parseShortInteger(text: string, base: number): IntegerLiteral | undefined {
  const digitsStart = base === 16 || base === 2 ? 2 : 0;
  const maxDigit = 0x30 + Math.min(base, 10) - 1;
  let value = 0;
  let end = digitsStart;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    let digit: number;
    if (c >= 0x30 && c <= maxDigit) digit = c - 0x30;
    else if (base === 16 && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) digit = (c | 0x20) - 0x61 + 10;
    else break;
    value = value * base + digit;
  }
  const digitCount = end - digitsStart;
  if (digitCount === 0 || digitCount > 13) return undefined;

  // The suffix: at most one u or U, and at most one l, L, ll or LL, in either order.
  let unsigned = false;
  let size: SizeSuffix = "";
  for (let at = end; at < text.length;) {
    const c = text.charCodeAt(at);
    if ((c | 0x20) === 0x75 && !unsigned) {
      unsigned = true;
      at++;
    } else if ((c | 0x20) === 0x6c && size === "") {
      const isDoubled = text.charCodeAt(at + 1) === c;
      size = isDoubled ? "ll" : "l";
      at += isDoubled ? 2 : 1;
    } else {
      // A dot, an exponent, a bad digit or an invalid suffix.
      return undefined;
    }
  }

  for (const type of CANDIDATES[`${unsigned ? "u" : ""}${size}`][base === 10 ? "decimal" : "other"]) {
    if (value <= MAX_NUMBER[type]) return { value: BigInt(value), type };
  }
  return undefined;
}

/** Returns the base that a constant's prefix selects: 16 for `0x`, 2 for `0b`, 8 for another leading `0`, else 10. */
function constantBase(text: string): number {
  if (text.charCodeAt(0) !== 0x30) return 10;
  const second = text.charCodeAt(1) | 0x20;
  if (second === 0x78) return 16;
  if (second === 0x62) return 2;
  return 8;
}

/**
 * Tests whether `c` is a digit of a constant in `base`: 0-9, and a-f or
 * A-F in base 16. Bases 2 and 8 take every decimal digit, so that a bad
 * digit is reported as such.
 */
function isDigitOfBase(c: number, base: number): boolean {
  if (c >= 0x30 && c <= 0x39) return true;
  const lower = c | 0x20;
  return base === 16 && lower >= 0x61 && lower <= 0x66;
}

function isFloatingConstant(text: string, base: number): boolean {
  if (base === 16) {
    // A hexadecimal floating constant has a dot or a binary exponent, such as 0x1.8p3; no hex digit is `p`.
    for (let i = 2; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2e || (c | 0x20) === 0x70) return true;
    }
    return false;
  }
  if (base === 2) return false;
  // A decimal or octal-looking constant with a dot or an exponent, such as 1.5, 1e3, 0.5 or 012e1.
  if (text.includes(".")) return true;
  let end = 0;
  while (end < text.length && isDigitOfBase(text.charCodeAt(end), 10)) end++;
  return end > 0 && (text.charCodeAt(end) | 0x20) === 0x65;
}

/**
 * Valid integer suffixes by spelling, with their CANDIDATES key. The u and
 * the l or ll come in either order and either case, but both letters of ll
 * share one case (`lL` is invalid).
 */
const INTEGER_SUFFIXES = new Map<string, keyof typeof CANDIDATES>();
for (const unsigned of ["", "u", "U"]) {
  for (const size of ["", "l", "L", "ll", "LL"]) {
    const key = `${unsigned === "" ? "" : "u"}${size.toLowerCase() as SizeSuffix}` as const;
    INTEGER_SUFFIXES.set(unsigned + size, key);
    INTEGER_SUFFIXES.set(size + unsigned, key);
  }
}

/** Maps a suffix to the CANDIDATES key, or undefined when it is not a valid integer suffix. */
function normalizeSuffix(suffix: string): keyof typeof CANDIDATES | undefined {
  return INTEGER_SUFFIXES.get(suffix);
}

export type FloatLiteralType = "float" | "double" | "long double";

export type FloatLiteral =
  | { value: number; type: FloatLiteralType; /** A decimal long double constant's exact bytes. */ extended?: Uint8Array }
  | { error: string };

/**
 * Reads a pp-number token as a floating constant (C11 6.4.4.2): decimal
 * (`1.5`, `1e-3`, `.5f`) or hexadecimal (`0x1.8p3`), with an optional
 * suffix f/F (float) or l/L (long double). The value is the nearest double.
 */
export function parseFloatLiteral(tok: Token): FloatLiteral {
  const text = tok.text;
  const match = /^(.*?)([fFlL]?)$/.exec(text)!;
  const body = match[1];
  const suffix = match[2].toLowerCase();
  let type: FloatLiteralType = "double";
  if (suffix === "f") type = "float";
  else if (suffix === "l") type = "long double";
  let value: number;
  if (/^0[xX]/.test(body)) {
    const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(body);
    if (!hex || hex[1] + (hex[2] ?? "") === "") {
      return { error: `invalid hexadecimal floating constant '${text}': it needs hex digits and a binary exponent such as p0` };
    }
    const digits = hex[1] + (hex[2] ?? "");
    // The digits as an exact integer, then scaled: the only rounding is the final conversion to a double.
    const mantissa = BigInt("0x" + digits);
    const exponent = Number(hex[3]) - 4 * (hex[2] ?? "").length;
    value = scaleByPowerOfTwo(mantissa, exponent);
  } else {
    if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(body)) {
      return { error: `invalid floating constant '${text}'` };
    }
    // NOTE: a float constant is rounded to double first and then to float, which differs from gcc's single rounding in rare halfway cases.
    value = Number(body);
    if (type === "long double") {
      const extended = decimalToExtendedBytes(body);
      if (extended) return { value, type, extended };
    }
  }
  return { value: type === "float" ? Math.fround(value) : value, type };
}

function scaleByPowerOfTwo(mantissa: bigint, exponent: number): number {
  if (mantissa === 0n) return 0;
  // Keep 64 significant bits so that Number() rounds once, to nearest.
  const extra = mantissa.toString(2).length - 64;
  if (extra > 0) {
    const sticky = (mantissa & ((1n << BigInt(extra)) - 1n)) !== 0n ? 1n : 0n;
    mantissa = (mantissa >> BigInt(extra)) | sticky;
    exponent += extra;
  }
  return Number(mantissa) * 2 ** exponent;
}

/** True when a pp-number token is a floating constant rather than an integer constant. */
export function isFloatLiteral(text: string): boolean {
  return isFloatingConstant(text, constantBase(text));
}

/**
 * Reads a character constant as the `int` it denotes. A one-byte constant
 * is sign-extended, because plain char is signed ('\xff' is -1). A constant
 * of several bytes (for example 'ab', or 'é', which is two bytes in UTF-8)
 * is computed as gcc does: each byte shifts the value left by 8 bits and
 * the result keeps its low 32 bits.
 */
export function decodeCharLiteral(tok: Token): { value: number } | { error: string } {
  const text = tok.text;
  if (text[0] !== "'") {
    const prefix = text.slice(0, text.indexOf("'"));
    return { error: `wide character constants (${prefix}'…') are not supported yet; use a plain '…' constant` };
  }
  if (text.length < 2 || !closesLiteral(text, "'")) {
    return { error: "missing terminating ' character" };
  }
  const decoded = decodeBody(text.slice(1, -1), "'");
  if ("error" in decoded) return decoded;
  const bytes = decoded.bytes;
  if (bytes.length === 0) return { error: "empty character constant ''; write '\\0' for a null character" };
  if (bytes.length === 1) return { value: (bytes[0] << 24) >> 24 };
  let value = 0;
  for (const byte of bytes) value = ((value << 8) | byte) | 0;
  return { value };
}

/**
 * Decodes a string literal token to its bytes: the UTF-8 encoding of the
 * source characters with escapes replaced. No null terminator is added, so
 * adjacent literals can be concatenated before it is.
 */
export function decodeStringLiteral(tok: Token): { bytes: Uint8Array } | { error: string } {
  let text = tok.text;
  if (text.startsWith("u8\"")) text = text.slice(2);
  if (text[0] !== "\"") {
    const prefix = text.slice(0, text.indexOf("\""));
    return { error: `wide string literals (${prefix}"…") are not supported yet; use a plain or u8 string literal` };
  }
  if (text.length < 2 || !closesLiteral(text, "\"")) return { error: "missing terminating \" character" };
  return decodeBody(text.slice(1, -1), "\"");
}

/** Checks whether the literal `text`, which starts with `quote`, ends with an unescaped `quote`. */
function closesLiteral(text: string, quote: string): boolean {
  if (!text.endsWith(quote)) return false;
  let backslashes = 0;
  for (let i = text.length - 2; i >= 1 && text[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 0;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  "n": 0x0a, "t": 0x09, "r": 0x0d, "a": 0x07, "b": 0x08, "f": 0x0c, "v": 0x0b,
  "\\": 0x5c, "'": 0x27, "\"": 0x22, "?": 0x3f,
  // GNU extension: ESC, for terminal colour codes on the serial console.
  "e": 0x1b, "E": 0x1b,
};

/** Decodes the characters between the quotes of a char or string literal. */
function decodeBody(body: string, quote: string): { bytes: Uint8Array } | { error: string } {
  const out: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body.charCodeAt(i);
    if (c !== 0x5c) {
      const codePoint = body.codePointAt(i)!;
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
        return { error: `literal contains an unpaired UTF-16 surrogate U+${codePoint.toString(16).toUpperCase()}, which has no UTF-8 encoding` };
      }
      if (String.fromCharCode(c) === quote) return { error: `unescaped ${quote} inside the literal; write \\${quote}` };
      appendUtf8(out, codePoint);
      i += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    const escape = decodeEscape(body, i);
    if ("error" in escape) return escape;
    out.push(...escape.bytes);
    i = escape.end;
  }
  return { bytes: Uint8Array.from(out) };
}

/** Decodes the escape sequence whose backslash is at `start`. */
function decodeEscape(body: string, start: number): { bytes: number[]; end: number } | { error: string } {
  const letter = body[start + 1];
  if (letter === undefined) return { error: "incomplete escape sequence '\\' at the end of the literal" };
  if (letter in SIMPLE_ESCAPES) return { bytes: [SIMPLE_ESCAPES[letter]], end: start + 2 };

  if (letter >= "0" && letter <= "7") {
    let end = start + 1;
    while (end < start + 4 && body[end] >= "0" && body[end] <= "7") end++;
    const value = parseInt(body.slice(start + 1, end), 8);
    if (value > 0xff) return { error: `octal escape sequence '${body.slice(start, end)}' out of range: the maximum is \\377` };
    return { bytes: [value], end };
  }

  if (letter === "x") {
    let end = start + 2;
    while (end < body.length && /[0-9a-fA-F]/.test(body[end])) end++;
    const spelling = body.slice(start, end);
    if (end === start + 2) return { error: "\\x used with no following hex digits" };
    const value = BigInt("0x" + body.slice(start + 2, end));
    if (value > 0xffn) return { error: `hex escape sequence '${spelling}' out of range: the maximum is \\xff` };
    return { bytes: [Number(value)], end };
  }

  if (letter === "u" || letter === "U") {
    const count = letter === "u" ? 4 : 8;
    const hex = body.slice(start + 2, start + 2 + count);
    const spelling = body.slice(start, start + 2 + count);
    if (!new RegExp(`^[0-9a-fA-F]{${count}}$`).test(hex)) {
      return { error: `incomplete universal character name '${spelling}': \\${letter} needs ${count} hex digits` };
    }
    const codePoint = parseInt(hex, 16);
    const basic = codePoint === 0x24 || codePoint === 0x40 || codePoint === 0x60;
    if ((codePoint < 0xa0 && !basic) || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) {
      return { error: `'${spelling}' is not a valid universal character` };
    }
    const bytes: number[] = [];
    appendUtf8(bytes, codePoint);
    return { bytes, end: start + 2 + count };
  }

  const shown = body.codePointAt(start + 1)!;
  return { error: `unknown escape sequence '\\${String.fromCodePoint(shown)}'; write '\\\\' for a backslash` };
}

function appendUtf8(out: number[], codePoint: number): void {
  if (codePoint < 0x80) {
    out.push(codePoint);
  } else if (codePoint < 0x800) {
    out.push(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f));
  } else if (codePoint < 0x10000) {
    out.push(0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f));
  } else {
    out.push(
      0xf0 | (codePoint >> 18),
      0x80 | ((codePoint >> 12) & 0x3f),
      0x80 | ((codePoint >> 6) & 0x3f),
      0x80 | (codePoint & 0x3f),
    );
  }
}
