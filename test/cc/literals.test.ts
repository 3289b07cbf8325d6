import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/builder/cc/lexer";
import { decodeCharLiteral, decodeStringLiteral, parseIntegerLiteral } from "../../src/builder/cc/literals";
import type { Token } from "../../src/builder/cc/token";

function token(text: string): Token {
  const tokens = tokenize("t.c", text, []);
  expect(tokens.length).toBe(2);
  return tokens[0];
}

describe("parseIntegerLiteral", () => {
  const cases: [string, bigint, string][] = [
    ["0", 0n, "int"],
    ["42", 42n, "int"],
    ["017", 15n, "int"],
    ["0x1F", 31n, "int"],
    ["0b101", 5n, "int"],
    ["2147483647", 2147483647n, "int"],
    ["2147483648", 2147483648n, "long long"],
    ["0x7fffffff", 2147483647n, "int"],
    ["0x80000000", 2147483648n, "unsigned int"],
    ["020000000000", 2147483648n, "unsigned int"],
    ["0x100000000", 4294967296n, "long long"],
    ["0xffffffffffffffff", 18446744073709551615n, "unsigned long long"],
    ["9223372036854775807", 9223372036854775807n, "long long"],
    ["1u", 1n, "unsigned int"],
    ["4294967296U", 4294967296n, "unsigned long long"],
    ["1l", 1n, "long"],
    ["2147483648L", 2147483648n, "long long"],
    ["0x80000000l", 2147483648n, "unsigned long"],
    ["1ul", 1n, "unsigned long"],
    ["1LU", 1n, "unsigned long"],
    ["1uL", 1n, "unsigned long"],
    ["1ll", 1n, "long long"],
    ["0xffffffffffffffffLL", 18446744073709551615n, "unsigned long long"],
    ["1ULL", 1n, "unsigned long long"],
    ["1llu", 1n, "unsigned long long"],
    ["0u", 0n, "unsigned int"],
    ["07LL", 7n, "long long"],
    ["0x1e5u", 485n, "unsigned int"],
    ["4294967295u", 4294967295n, "unsigned int"],
    ["9999999999999", 9999999999999n, "long long"],
    ["99999999999999", 99999999999999n, "long long"],
    ["0xfffffffffffffU", 0xfffffffffffffn, "unsigned long long"],
    ["0x10000000000000", 0x10000000000000n, "long long"],
  ];
  it.each(cases)("%s", (text, value, type) => {
    expect(parseIntegerLiteral(token(text))).toEqual({ value, type });
  });

  it("decimal too large for long long", () => {
    expect(parseIntegerLiteral(token("9223372036854775808"))).toEqual({
      value: 9223372036854775808n,
      type: "unsigned long long",
      warning: "integer constant 9223372036854775808 is so large that it is unsigned",
    });
  });

  const errors: [string, string][] = [
    ["08", "invalid digit '8' in octal constant '08'"],
    ["0b12", "invalid digit '2' in binary constant '0b12'"],
    ["0x", "invalid hexadecimal constant '0x': no digits after '0x'"],
    ["1lL", "invalid suffix 'lL' on integer constant '1lL'; use u, l, ll or a combination such as ull"],
    ["1uu", "invalid suffix 'uu' on integer constant '1uu'; use u, l, ll or a combination such as ull"],
    ["1f", "invalid suffix 'f' on integer constant '1f'; use u, l, ll or a combination such as ull"],
    ["0xfg", "invalid suffix 'g' on integer constant '0xfg'; use u, l, ll or a combination such as ull"],
    ["18446744073709551616", "integer constant 18446744073709551616 is too large: the maximum is 18446744073709551615 (unsigned long long)"],
  ];
  it.each(errors)("error for %s", (text, error) => {
    expect(parseIntegerLiteral(token(text))).toEqual({ error });
  });

  it.each(["1.5", "1.", ".5", "1e3", "1E-3", "1.0f", "0x1p3", "0x1.8P-1", "09.5"])("floating %s", (text) => {
    expect(parseIntegerLiteral(token(text))).toEqual({ error: "floating-point constants are not supported yet", isFloat: true });
  });
});

describe("decodeCharLiteral", () => {
  const cases: [string, number][] = [
    ["'a'", 97],
    ["'\\n'", 10],
    ["'\\0'", 0],
    ["'\\''", 39],
    ["'\"'", 34],
    ["'\\\\'", 92],
    ["'\\x41'", 65],
    ["'\\101'", 65],
    ["'\\177'", 127],
    ["'\\200'", -128],
    ["'\\xff'", -1],
    ["'\\e'", 27],
    ["'ab'", 0x6162],
    ["'abcd'", 0x61626364],
    ["'abcde'", 0x62636465],
    ["'\\xff\\xff\\xff\\xff'", -1],
    ["'é'", 0xc3a9],
  ];
  it.each(cases)("%s", (text, value) => {
    expect(decodeCharLiteral(token(text))).toEqual({ value });
  });

  const errors: [string, string][] = [
    ["''", "empty character constant ''; write '\\0' for a null character"],
    ["'\\x100'", "hex escape sequence '\\x100' out of range: the maximum is \\xff"],
    ["'\\400'", "octal escape sequence '\\400' out of range: the maximum is \\377"],
    ["'\\q'", "unknown escape sequence '\\q'; write '\\\\' for a backslash"],
    ["'\\x'", "\\x used with no following hex digits"],
    ["L'a'", "wide character constants (L'…') are not supported yet; use a plain '…' constant"],
    ["u'a'", "wide character constants (u'…') are not supported yet; use a plain '…' constant"],
  ];
  it.each(errors)("error for %s", (text, error) => {
    expect(decodeCharLiteral(token(text))).toEqual({ error });
  });

  it("unterminated", () => {
    const tok = tokenize("t.c", "'ab", [])[0];
    expect(decodeCharLiteral(tok)).toEqual({ error: "missing terminating ' character" });
  });
});

describe("decodeStringLiteral", () => {
  const cases: [string, number[]][] = [
    ['""', []],
    ['"abc"', [97, 98, 99]],
    ['"\\n\\t\\r\\a\\b\\f\\v\\\\\\\'\\"\\?"', [10, 9, 13, 7, 8, 12, 11, 92, 39, 34, 63]],
    ['"\\0\\12\\1234"', [0, 10, 83, 52]],
    ['"\\x41\\x4a\\x00"', [65, 74, 0]],
    ['"\\e[1m"', [27, 91, 49, 109]],
    ['"é€😀"', [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]],
    ['"\\u00e9\\U0001F600"', [0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]],
    ['u8"é"', [0xc3, 0xa9]],
    ["\"it's\"", [105, 116, 39, 115]],
  ];
  it.each(cases)("%s", (text, bytes) => {
    expect(decodeStringLiteral(token(text))).toEqual({ bytes: Uint8Array.from(bytes) });
  });

  const errors: [string, string][] = [
    ['"\\x100"', "hex escape sequence '\\x100' out of range: the maximum is \\xff"],
    ['"a\\qb"', "unknown escape sequence '\\q'; write '\\\\' for a backslash"],
    ['"\\u12"', "incomplete universal character name '\\u12': \\u needs 4 hex digits"],
    ['"\\ud800"', "'\\ud800' is not a valid universal character"],
    ['"\\u0041"', "'\\u0041' is not a valid universal character"],
    ['L"a"', 'wide string literals (L"…") are not supported yet; use a plain or u8 string literal'],
    ['u"a"', 'wide string literals (u"…") are not supported yet; use a plain or u8 string literal'],
    ['U"a"', 'wide string literals (U"…") are not supported yet; use a plain or u8 string literal'],
    ['"\ud800"', "literal contains an unpaired UTF-16 surrogate U+D800, which has no UTF-8 encoding"],
  ];
  it.each(errors)("error for %s", (text, error) => {
    expect(decodeStringLiteral(token(text))).toEqual({ error });
  });

  it("unterminated", () => {
    const tok = tokenize("t.c", '"ab\\"', [])[0];
    expect(decodeStringLiteral(tok)).toEqual({ error: 'missing terminating " character' });
  });
});
