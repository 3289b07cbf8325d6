import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/builder/diagnostic";
import { lex, MAX_REPORTED_PROBLEMS, tokenize } from "../../src/builder/cc/lexer";
import type { Token } from "../../src/builder/cc/token";

/** Renders tokens compactly: kind, text, line:column/length, B at line start, S after space. */
function show(tokens: Token[]): string[] {
  return tokens.map((t) => {
    const flags = (t.atLineStart ? "B" : "") + (t.hasSpaceBefore ? "S" : "");
    return `${t.kind} ${t.text} ${t.line}:${t.column}/${t.length}${flags ? " " + flags : ""}`;
  });
}

function texts(source: string): string[] {
  const diagnostics: Diagnostic[] = [];
  const tokens = tokenize("t.c", source, diagnostics);
  expect(diagnostics).toEqual([]);
  return tokens.slice(0, -1).map((t) => t.text);
}

function diagnosticsOf(source: string): string[] {
  const diagnostics: Diagnostic[] = [];
  tokenize("t.c", source, diagnostics);
  return diagnostics.map((d) => `${d.line}:${d.column}/${d.length} ${d.severity}: ${d.message}`);
}

describe("lexer", () => {
  it("positions and flags", () => {
    const diagnostics: Diagnostic[] = [];
    const tokens = tokenize("t.c", "int x;\n  y = 'a' + \"s\";", diagnostics);
    expect(show(tokens)).toEqual([
      "identifier int 1:1/3 B",
      "identifier x 1:5/1 S",
      "punctuator ; 1:6/1",
      "identifier y 2:3/1 BS",
      "punctuator = 2:5/1 S",
      "char 'a' 2:7/3 S",
      "punctuator + 2:11/1 S",
      "string \"s\" 2:13/3 S",
      "punctuator ; 2:16/1",
      "eof  2:17/0",
    ]);
    expect(tokens[0].file).toBe("t.c");
    expect(diagnostics).toEqual([]);
  });

  it("empty input", () => {
    expect(show(tokenize("t.c", "", []))).toEqual(["eof  1:1/0 B"]);
  });

  const punctuatorCases: [string, string[]][] = [
    ["a->b", ["a", "->", "b"]],
    ["x<<=y>>=z", ["x", "<<=", "y", ">>=", "z"]],
    ["f(a, ...)", ["f", "(", "a", ",", "...", ")"]],
    ["a..b", ["a", ".", ".", "b"]],
    ["#define x(a) #a ## b", ["#", "define", "x", "(", "a", ")", "#", "a", "##", "b"]],
    ["i+++j", ["i", "++", "+", "j"]],
    ["a&&b||c!=d==e<=f>=g", ["a", "&&", "b", "||", "c", "!=", "d", "==", "e", "<=", "f", ">=", "g"]],
    ["*= /= %= += -= &= ^= |=", ["*=", "/=", "%=", "+=", "-=", "&=", "^=", "|="]],
    ["[](){}.&*+-~!/%<>^|?:;=,#", "[ ] ( ) { } . & * + - ~ ! / % < > ^ | ? : ; = , #".split(" ")],
    ["<: :> <% %> %: %:%:", ["[", "]", "{", "}", "#", "##"]],
  ];
  it.each(punctuatorCases)("punctuators in %j", (source, expected) => {
    expect(texts(source)).toEqual(expected);
  });

  const numberCases: [string, string[]][] = [
    ["0x1e+1", ["0x1e+1"]],
    ["1e+5 1E-5 0x1p-3 0x1P+3", ["1e+5", "1E-5", "0x1p-3", "0x1P+3"]],
    [".5 1. 1.2.3", [".5", "1.", "1.2.3"]],
    ["123abc_ 12ull", ["123abc_", "12ull"]],
    ["1+2", ["1", "+", "2"]],
    ["a.b .x", ["a", ".", "b", ".", "x"]],
  ];
  it.each(numberCases)("pp-numbers in %j", (source, expected) => {
    expect(texts(source)).toEqual(expected);
  });

  it("identifiers with $ and digits", () => {
    expect(texts("$x _a1 a$b9")).toEqual(["$x", "_a1", "a$b9"]);
  });

  it("literal prefixes", () => {
    const tokens = tokenize("t.c", `L"a" u"b" U"c" u8"d" L'e' u'f' U'g' u8'h' Lx`, []);
    expect(tokens.map((t) => `${t.kind} ${t.text}`)).toEqual([
      "string L\"a\"", "string u\"b\"", "string U\"c\"", "string u8\"d\"",
      "char L'e'", "char u'f'", "char U'g'", "identifier u8", "char 'h'", "identifier Lx", "eof ",
    ]);
  });

  it("escaped quotes inside literals", () => {
    expect(texts(`'\\'' "a\\"b" "\\\\" '"'`)).toEqual([`'\\''`, `"a\\"b"`, `"\\\\"`, `'"'`]);
  });

  it("comments are whitespace", () => {
    const tokens = tokenize("t.c", "a/* x\n y */b // c\nc/**/d", []);
    expect(show(tokens)).toEqual([
      "identifier a 1:1/1 B",
      "identifier b 2:6/1 S",
      "identifier c 3:1/1 B",
      "identifier d 3:6/1 S",
      "eof  3:7/0",
    ]);
  });

  it("line splices", () => {
    const tokens = tokenize("t.c", "ab\\\ncd x\\\r\n=1 // c \\\n still comment\n\"s\\\nt\"", []);
    expect(show(tokens)).toEqual([
      "identifier abcd 1:1/2 B",
      "identifier x 2:4/1 S",
      "punctuator = 3:1/1",
      "number 1 3:2/1",
      "string \"st\" 5:1/2 B",
      "eof  6:3/0",
    ]);
  });

  it("splices that continue a token", () => {
    const tokens = tokenize("t.c", "1\\\n2 +\\\n= -\\\n> ..\\\n. u8\\\n\"s\" //\\\nx\ny", []);
    expect(show(tokens)).toEqual([
      "number 12 1:1/1 B",
      "punctuator += 2:3/1 S",
      "punctuator -> 3:3/1 S",
      "punctuator ... 4:3/2 S",
      "string u8\"s\" 5:3/2 S",
      "identifier y 8:1/1 B",
      "eof  8:2/0",
    ]);
  });

  it("positions after multi-line comments", () => {
    const tokens = tokenize("t.c", "a /* 1\n2\r\n3 */ b\rc /* x */ d\n  e", []);
    expect(show(tokens)).toEqual([
      "identifier a 1:1/1 B",
      "identifier b 3:6/1 S",
      "identifier c 4:1/1 B",
      "identifier d 4:11/1 S",
      "identifier e 5:3/1 BS",
      "eof  5:4/0",
    ]);
  });

  it("splice inside a comment terminator", () => {
    expect(texts("/* a *\\\n/ b")).toEqual(["b"]);
  });

  it("spaced splice warns once", () => {
    expect(diagnosticsOf("a \\  \nb \\ \nc")).toEqual(["1:3/1 warning: backslash and newline separated by space"]);
    expect(texts("#define X 1 \\\n+ 2")).toEqual(["#", "define", "X", "1", "+", "2"]);
  });

  it("CRLF line endings", () => {
    const tokens = tokenize("t.c", "a\r\n b\r\n\r\nc", []);
    expect(show(tokens)).toEqual(["identifier a 1:1/1 B", "identifier b 2:2/1 BS", "identifier c 4:1/1 B", "eof  4:2/0"]);
  });

  it("unterminated literals and comment", () => {
    expect(diagnosticsOf("x = \"abc\ny = 'q\n/* open")).toEqual([
      "1:5/4 error: missing terminating \" character",
      "2:5/2 error: missing terminating ' character",
      "3:1/2 error: unterminated comment",
    ]);
  });

  it("unterminated string token runs to line end", () => {
    const tokens = tokenize("t.c", "\"abc\nx", []);
    expect(show(tokens)).toEqual(["string \"abc 1:1/4 B", "identifier x 2:1/1 B", "eof  2:2/0"]);
  });

  it("invalid characters", () => {
    expect(diagnosticsOf("a @ b ` \\ é€ c")).toEqual([
      "1:3/1 error: invalid character '@' in program",
      "1:7/1 error: invalid character '`' in program",
      "1:9/1 error: invalid character '\\' in program",
      "1:11/2 error: invalid character U+00E9 'é' in program; only ASCII is allowed outside comments and literals",
    ]);
  });

  it("invalid tokens kept as problems", () => {
    const result = lex("t.c", "a @ 'x");
    expect(show(result.tokens)).toEqual([
      "identifier a 1:1/1 B", "punctuator @ 1:3/1 S", "char 'x 1:5/2 S", "eof  1:7/0",
    ]);
    expect([...result.problems.keys()].map((t) => t.text)).toEqual(["@", "'x"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("null characters", () => {
    const diagnostics: Diagnostic[] = [];
    const tokens = tokenize("t.c", "a\0b\0\0c", diagnostics);
    expect(tokens.map((t) => t.text)).toEqual(["a", "b", "c", ""]);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(["1:2 null character ignored"]);
  });

  it("unpaired surrogates", () => {
    const diagnostics: Diagnostic[] = [];
    const tokens = tokenize("t.c", "a \ud800 b \"\udc00\"", diagnostics);
    expect(tokens.map((t) => t.kind)).toEqual(["identifier", "punctuator", "identifier", "string", "eof"]);
    expect(diagnostics.map((d) => d.message)).toEqual(["invalid character U+D800 in program"]);
  });

  it("caps reported problems", () => {
    const diagnostics: Diagnostic[] = [];
    tokenize("t.c", "@ ".repeat(500), diagnostics);
    expect(diagnostics.length).toBe(MAX_REPORTED_PROBLEMS + 1);
    expect(diagnostics[MAX_REPORTED_PROBLEMS].message).toBe("too many invalid tokens in t.c; the rest are not reported");
  });

  it("never throws on random input", () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 20; round++) {
      let text = "";
      const alphabet = "ab1.e+-'\"\\\n\r/*#<>%:@ \0\t";
      for (let i = 0; i < 2000; i++) {
        text += random() < 0.9 ? alphabet[Math.floor(random() * alphabet.length)] : String.fromCharCode(Math.floor(random() * 0x10000));
      }
      const tokens = tokenize("r.c", text, []);
      expect(tokens[tokens.length - 1].kind).toBe("eof");
      for (const t of tokens) {
        expect(t.line).toBeGreaterThanOrEqual(1);
        expect(t.column).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("5 MB input", () => {
    const unit = "int f(void) { return x->y + 0x1fu * 'a'; } /* c */ // d\n";
    const text = unit.repeat(Math.ceil(5_000_000 / unit.length));
    const tokens = tokenize("big.c", text, []);
    expect(tokens.length).toBe(text.length / unit.length * 16 + 1);
    expect(tokens[tokens.length - 2].line).toBe(text.length / unit.length);
  });
});
