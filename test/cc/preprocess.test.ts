import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/builder/diagnostic";
import { tokenize } from "../../src/builder/cc/lexer";
import {
  HEADER_FILE_PREFIX,
  MAX_INCLUDE_DEPTH,
  PREDEFINED_MACROS,
  preprocess,
  tokensToText,
} from "../../src/builder/cc/preprocess";

const FIXED_DATE = new Date(2024, 0, 5, 1, 2, 3);

interface Result {
  text: string;
  diagnostics: string[];
}

/** Preprocesses main.c (plus other app files and headers) and renders text and diagnostics. */
function run(main: string, files: Record<string, string> = {}, headers: Record<string, string> = {}): Result {
  const diagnostics: Diagnostic[] = [];
  const tokens = preprocess("main.c", { "main.c": main, ...files }, headers, diagnostics, { date: FIXED_DATE });
  expect(tokens[tokens.length - 1].kind).toBe("eof");
  return { text: tokensToText(tokens), diagnostics: diagnostics.map(formatShort) };
}

function formatShort(d: Diagnostic): string {
  const notes = (d.notes ?? []).map((n) => ` [${n.file}:${n.line}:${n.column}: ${n.message}]`).join("");
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${notes}`;
}

/** Preprocesses and expects no diagnostics; returns the text. */
function text(main: string, files: Record<string, string> = {}, headers: Record<string, string> = {}): string {
  const result = run(main, files, headers);
  expect(result.diagnostics).toEqual([]);
  return result.text;
}

describe("macro expansion", () => {
  const cases: [string, string, string][] = [
    ["object-like", "#define N 10\nint a[N];", "int a[10];\n"],
    ["function-like", "#define MAX(a, b) ((a) > (b) ? (a) : (b))\nMAX(x, y+1)", "((x) > (y+1) ? (x) : (y+1))\n"],
    ["nested", "#define A B\n#define B C\n#define C 3\nA", "3\n"],
    ["self-reference", "#define foo foo + 1\nfoo", "foo + 1\n"],
    ["mutual reference", "#define a b\n#define b a\na b", "a b\n"],
    ["function name without parens", "#define f(x) x\nf + f(1)", "f + 1\n"],
    ["parens on the next line", "#define f(x) [x]\nf\n(1)", "[1]\n"],
    ["arguments span lines", "#define f(x, y) x y\nf(1,\n2)\nend", "1 2\nend\n"],
    ["empty argument", "#define f(x) [x]\nf()", "[]\n"],
    ["no parameters", "#define f() 42\nf()", "42\n"],
    ["nested parens in argument", "#define f(x) <x>\nf((a, b))", "<(a, b)>\n"],
    ["argument pre-expansion", "#define N 4\n#define f(x) x\nf(N)", "4\n"],
    ["rescan picks following tokens", "#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)", "2*9*g\n"],
    ["stringize", "#define s(x) #x\ns(a  +   b) s( \"q\\n\" ) s('\\'') s()", "\"a + b\" \"\\\"q\\\\n\\\"\" \"'\\\\''\" \"\"\n"],
    ["stringize keeps macro names", "#define N 1\n#define s(x) #x\ns(N)", "\"N\"\n"],
    ["two-level stringize", "#define N 1\n#define s(x) #x\n#define xs(x) s(x)\nxs(N)", "\"1\"\n"],
    ["paste", "#define cat(a, b) a ## b\ncat(x, y) cat(1, 2) cat(<, <=) cat(, z) cat(z, ) cat(,)", "xy 12 <<= z z\n"],
    ["paste makes a macro name", "#define xy 99\n#define cat(a, b) a ## b\ncat(x, y)", "99\n"],
    ["paste does not expand operands", "#define N 1\n#define cat(a, b) a ## b\ncat(N, 2)", "N2\n"],
    ["paste with stringize", "#define f(x) L ## #x\nf(a)", "L\"a\"\n"],
    ["variadic", "#define e(...) f(0, __VA_ARGS__)\ne(1, 2) e()", "f(0, 1, 2) f(0,)\n"],
    ["variadic after named", "#define p(fmt, ...) g(fmt, __VA_ARGS__)\np(\"a\", 1, (2, 3))", "g(\"a\", 1, (2, 3))\n"],
    ["GNU comma elision", "#define p(fmt, ...) g(fmt, ## __VA_ARGS__)\np(\"a\") p(\"b\", 1) p(\"c\",)", "g(\"a\") g(\"b\", 1) g(\"c\",)\n"],
    ["GNU comma elision, only parameter", "#define p(...) g(0, ## __VA_ARGS__)\np() p(1)", "g(0) g(0,1)\n"],
    ["GNU named variadic", "#define p(args...) g(args)\np(1, 2)", "g(1, 2)\n"],
    ["digraph directive", "%:define N 5\nN", "5\n"],
    ["spliced define", "#define LONG 1 + \\\n  2\nLONG", "1 + 2\n"],
    ["undef", "#define N 1\n#undef N\nN", "N\n"],
    ["separates tokens that would merge", "#define neg -1\n-neg", "- -1\n"],
    ["_Pragma is removed", "a _Pragma(\"GCC diagnostic push\") b", "a b\n"],
    ["null directive", "#\na", "a\n"],
    ["ident is ignored", "#ident \"v1\"\na", "a\n"],
  ];
  it.each(cases)("%s", (_name, source, expected) => {
    expect(text(source)).toBe(expected);
  });

  it("C11 6.10.3.5 example 3", () => {
    const source = [
      "#define x 3", "#define f(a) f(x * (a))", "#undef x", "#define x 2", "#define g f", "#define z z[0]",
      "#define h g(~", "#define m(a) a(w)", "#define w 0,1", "#define t(a) a", "#define p() int",
      "#define q(x) x", "#define r(x,y) x ## y", "#define str(x) # x",
      "f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);",
      "g(x+(3,4)-w) | h 5) & m",
      "(f)^m(m);",
      "p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };",
      "char c[2][6] = { str(hello), str() };",
    ].join("\n");
    expect(text(source).split("\n").filter((line) => line !== "")).toEqual([
      "f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);",
      "f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);",
      "int i[] = { 1, 23, 4, 5, };",
      "char c[2][6] = { \"hello\", \"\" };",
    ]);
  });

  it("C11 6.10.3.5 example 4", () => {
    const source = [
      "#define str(s) # s", "#define xstr(s) str(s)",
      "#define debug(s, t) printf(\"x\" # s \"= %d, x\" # t \"= %s\", \\", "  x ## s, x ## t)",
      "#define INCFILE(n) vers ## n", "#define glue(a, b) a ## b", "#define xglue(a, b) glue(a, b)",
      "#define HIGHLOW \"hello\"", "#define LOW LOW \", world\"",
      "debug(1, 2);",
      "fputs(str(strncmp(\"abc\\0d\", \"abc\", '\\4') // this goes away",
      "  == 0) str(: @\\n), s);",
      "xstr(INCFILE(2).h)",
      "glue(HIGH, LOW);",
      "xglue(HIGH, LOW)",
    ].join("\n");
    expect(text(source).split("\n").filter((line) => line !== "")).toEqual([
      "printf(\"x\" \"1\" \"= %d, x\" \"2\" \"= %s\", x1, x2);",
      "fputs(\"strncmp(\\\"abc\\\\0d\\\", \\\"abc\\\", '\\\\4') == 0\" \": @\\n\", s);",
      "\"vers2.h\"",
      "\"hello\";",
      "\"hello\" \", world\"",
    ]);
  });

  it("expanded tokens carry the invocation", () => {
    const diagnostics: Diagnostic[] = [];
    const tokens = preprocess("main.c", { "main.c": "#define f(x) (x + 1)\n  f(y)" }, {}, diagnostics);
    expect(tokens.map((t) => [t.text, t.line, t.column, t.expandedAt?.line, t.expandedAt?.column])).toEqual([
      ["(", 1, 14, 2, 3],
      ["y", 2, 5, undefined, undefined],
      ["+", 1, 17, 2, 3],
      ["1", 1, 19, 2, 3],
      [")", 1, 20, 2, 3],
      ["", 2, 7, undefined, undefined],
    ]);
    expect(tokens[0].atLineStart).toBe(true);
    expect(tokens[0].hasSpaceBefore).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  it("nested expansion points at the outermost invocation", () => {
    const tokens = preprocess("main.c", { "main.c": "#define A B\n#define B 7\nx A" }, {}, []);
    expect(tokens[1].text).toBe("7");
    expect(tokens[1].expandedAt).toEqual({ file: "main.c", line: 3, column: 3 });
  });

  it("output cap stops runaway expansion", () => {
    let source = "#define A0 x\n";
    for (let i = 1; i <= 20; i++) source += `#define A${i} A${i - 1} A${i - 1}\n`;
    source += "A20\n";
    const diagnostics: Diagnostic[] = [];
    preprocess("main.c", { "main.c": source }, {}, diagnostics, { maxExpansionTokens: 1000 });
    expect(diagnostics.map(formatShort)).toEqual([
      "main.c:22:1: error: macro expansion produced more than 1000 tokens; preprocessing stopped (check for macros that multiply their output) [main.c:2:12: expanded from the macro definition here]",
    ]);
  });
});

describe("predefined macros", () => {
  it("values", () => {
    const names = ["__STDC__", "__STDC_HOSTED__", "__STDC_VERSION__", "__i386__", "__i386", "__ILP32__", "__CHAR_BIT__",
      "__SIZEOF_INT__", "__SIZEOF_LONG__", "__SIZEOF_POINTER__", "__BYTE_ORDER__", "__UKP__"];
    expect(text(names.join(" "))).toBe("1 0 201112L 1 1 1 8 4 4 4 1234 1\n");
  });

  it("no __GNUC__", () => {
    expect(text("#ifdef __GNUC__\ngnu\n#else\nnot_gnu\n#endif")).toBe("not_gnu\n");
    expect(PREDEFINED_MACROS).not.toHaveProperty("__GNUC__");
  });

  it("__FILE__ __LINE__ __DATE__ __TIME__", () => {
    expect(text("__FILE__ __LINE__\n\n__LINE__ __DATE__ __TIME__")).toBe("\"main.c\" 1\n\n3 \"Jan  5 2024\" \"01:02:03\"\n");
  });

  it("__LINE__ inside a macro is the invocation line", () => {
    expect(text("#define L __LINE__\n\nL")).toBe("3\n");
  });

  it("__FILE__ in a header", () => {
    expect(text("#include <h.h>", {}, { "h.h": "__FILE__" })).toBe(`"${HEADER_FILE_PREFIX}h.h"\n`);
  });

  it("__COUNTER__ counts up", () => {
    expect(text("__COUNTER__ __COUNTER__ __COUNTER__")).toBe("0 1 2\n");
  });

  it("defines option", () => {
    const diagnostics: Diagnostic[] = [];
    const tokens = preprocess("main.c", { "main.c": "DEBUG LEVEL" }, {}, diagnostics, { defines: { DEBUG: "1", LEVEL: "2 + 3" } });
    expect(tokensToText(tokens)).toBe("1 2 + 3\n");
  });
});

describe("conditional groups", () => {
  const truthCases: [string, boolean][] = [
    ["1", true],
    ["0", false],
    ["UNDEFINED_NAME", false],
    ["UNDEFINED_NAME == 0", true],
    ["defined N", true],
    ["defined(N) && !defined(M)", true],
    ["defined ( N )", true],
    ["N == 5 && N * 2 == 10", true],
    ["(1 + 2) * 3 == 9", true],
    ["-1 < 0", true],
    ["-1 > 0u", true],
    ["0x7fffffffffffffff + 1 < 0", true],
    ["18446744073709551615 == -1", true],
    ["~0u == 18446744073709551615u", true],
    ["1 << 63 < 0", true],
    ["-1 >> 63 == -1", true],
    ["1 << 64 == 0", true],
    ["1 >> -1 == 2", true],
    ["-7 / 2 == -3 && -7 % 2 == -1", true],
    ["7 % -2 == 1", true],
    ["'a' == 97", true],
    ["'\\xff' < 0", true],
    ["1 ? 2 : (1 / 0)", true],
    ["0 && 1 / 0", false],
    ["1 || 1 / 0", true],
    ["(0, 1)", true],
    ["(1, 0)", false],
    ["1 ? 0u - 1 : -1 > 0", true],
    ["!0 + !5 == 1", true],
    ["(3 & 5) == 1 && (3 | 5) == 7 && (3 ^ 5) == 6", true],
    ["2 >= 2 && 2 <= 2 && 3 != 2 && 3 > 2", true],
    ["F(2) == 3", true],
  ];
  it.each(truthCases)("#if %s", (condition, expected) => {
    const source = `#define N 5\n#define F(x) (x + 1)\n#if ${condition}\nyes\n#else\nno\n#endif`;
    expect(text(source).trim()).toBe(expected ? "yes" : "no");
  });

  it("elif chains", () => {
    const source = (n: number) => `#define N ${n}\n#if N == 1\none\n#elif N == 2\ntwo\n#elif N == 3\nthree\n#else\nother\n#endif`;
    expect(text(source(1)).trim()).toBe("one");
    expect(text(source(2)).trim()).toBe("two");
    expect(text(source(3)).trim()).toBe("three");
    expect(text(source(4)).trim()).toBe("other");
  });

  it("nested groups", () => {
    const source = "#if 0\n#if 1\nno\n#else\nno\n#endif\n#elif 1\n#ifdef X\nno\n#elif 1\nyes\n#endif\n#endif";
    expect(text(source).trim()).toBe("yes");
  });

  it("ifdef and ifndef", () => {
    expect(text("#define X\n#ifdef X\na\n#endif\n#ifndef X\nb\n#endif\n#ifndef Y\nc\n#endif").replace(/\n+/g, " ").trim()).toBe("a c");
  });

  it("skipped groups are not checked", () => {
    expect(text("#if 0\ndon't @ $ `\n#bogus\n#endif\nok").trim()).toBe("ok");
  });

  it("elif after a taken group is not evaluated", () => {
    expect(text("#if 1\na\n#elif 1/0\nb\n#endif").trim()).toBe("a");
  });

  it("macro that expands to defined", () => {
    expect(text("#define X\n#define HAS_X defined(X)\n#if HAS_X\nyes\n#endif").trim()).toBe("yes");
  });
});

describe("include", () => {
  it("quoted include searches the including file's directory first", () => {
    const files = {
      "lib/x.h": "#include \"y.h\"\nx_h",
      "lib/y.h": "lib_y_h",
      "y.h": "root_y_h",
    };
    expect(text("#include \"lib/x.h\"\n#include \"y.h\"", files).split("\n").filter(Boolean)).toEqual(["lib_y_h", "x_h", "root_y_h"]);
  });

  it("quoted include falls back to headers", () => {
    expect(text("#include \"stdio.h\"", {}, { "stdio.h": "header" })).toBe("header\n");
  });

  it("angled include prefers headers", () => {
    expect(text("#include <a.h>\n#include \"a.h\"", { "a.h": "app" }, { "a.h": "header" }).split("\n").filter(Boolean)).toEqual(["header", "app"]);
  });

  it("library header reused across runs", () => {
    // The preprocessor keeps lexed library headers between runs and must lex a header again when its text changes.
    expect(text("#include <cached.h>", {}, { "cached.h": "first" })).toBe("first\n");
    expect(text("#include <cached.h>", {}, { "cached.h": "second" })).toBe("second\n");
    expect(text("#include <cached.h>", {}, { "cached.h": "second" })).toBe("second\n");
  });

  it("library header problems reported every run", () => {
    const headers = { "bad.h": "ok @ ok" };
    for (let attempt = 0; attempt < 2; attempt++) {
      const diagnostics = run("#include <bad.h>", {}, headers).diagnostics;
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toContain(`${HEADER_FILE_PREFIX}bad.h:1:4: error`);
    }
  });

  it("angled include with a path", () => {
    expect(text("#include <sys/io.h>", {}, { "sys/io.h": "#include \"types.h\"\nio", "sys/types.h": "types" }).split("\n").filter(Boolean))
      .toEqual(["types", "io"]);
  });

  it("computed include", () => {
    expect(text("#define H \"a.h\"\n#include H", { "a.h": "a" })).toBe("a\n");
  });

  it("pragma once", () => {
    expect(text("#include \"a.h\"\n#include \"a.h\"", { "a.h": "#pragma once\nonce" })).toBe("once\n");
  });

  it("include guard", () => {
    const guarded = "#ifndef A_H\n#define A_H\nguarded\n#endif";
    expect(text("#include \"a.h\"\n#include \"a.h\"", { "a.h": guarded }).trim()).toBe("guarded");
  });

  it("guard-like headers that are not guards", () => {
    const withElse = "#ifndef A\n#define A\none\n#else\ntwo\n#endif";
    expect(text("#include \"a.h\"\n#include \"a.h\"", { "a.h": withElse }).split("\n").filter(Boolean)).toEqual(["one", "two"]);
    const withTail = "#ifndef B\n#define B\n#endif\ntail";
    expect(text("#include \"b.h\"\n#include \"b.h\"", { "b.h": withTail }).split("\n").filter(Boolean)).toEqual(["tail", "tail"]);
    const undefinedAgain = "#ifndef C\n#define C\nc\n#endif";
    expect(text("#include \"c.h\"\n#undef C\n#include \"c.h\"", { "c.h": undefinedAgain }).split("\n").filter(Boolean)).toEqual(["c", "c"]);
  });

  it("header tokens carry the header name", () => {
    const tokens = preprocess("main.c", { "main.c": "#include <h.h>" }, { "h.h": "\n  int" }, []);
    expect(tokens[0].file).toBe(`${HEADER_FILE_PREFIX}h.h`);
    expect(tokens[0].line).toBe(2);
    expect(tokens[0].column).toBe(3);
  });

  it("missing file", () => {
    expect(run("#include \"nope.h\"\n#include <sys/nope.h>", { "lib/a.h": "" }).diagnostics).toEqual([
      "main.c:1:10: error: include file 'nope.h' not found; searched: app file nope.h, library OS header nope.h",
      "main.c:2:10: error: include file 'sys/nope.h' not found; searched: library OS header sys/nope.h, app file sys/nope.h",
    ]);
  });

  it("missing file from a subdirectory", () => {
    expect(run("#include \"lib/a.h\"", { "lib/a.h": "#include \"b.h\"" }).diagnostics).toEqual([
      "lib/a.h:1:10: error: include file 'b.h' not found; searched: app file lib/b.h, app file b.h, library OS header b.h",
    ]);
  });

  it("include cycle", () => {
    const result = run("#include \"a.h\"", { "a.h": "#include \"b.h\"", "b.h": "#include \"a.h\"" });
    expect(result.diagnostics).toEqual([
      `b.h:1:10: error: #include nested more than ${MAX_INCLUDE_DEPTH} levels deep; include cycle: a.h -> b.h -> a.h; add an include guard or #pragma once`,
    ]);
  });

  it("bad include forms", () => {
    expect(run("#include\n#include foo\n#include <a.h").diagnostics).toEqual([
      "main.c:1:2: error: #include expects \"FILENAME\" or <FILENAME>",
      "main.c:2:10: error: #include expects \"FILENAME\" or <FILENAME>",
      "main.c:3:10: error: #include expects \"FILENAME\" or <FILENAME>",
    ]);
  });

  it("missing main file", () => {
    const diagnostics: Diagnostic[] = [];
    const tokens = preprocess("nope.c", {}, {}, diagnostics);
    expect(tokens.map((t) => t.kind)).toEqual(["eof"]);
    expect(diagnostics.map(formatShort)).toEqual(["nope.c:0:0: error: file 'nope.c' not found among the app's files"]);
  });
});

describe("line control", () => {
  it("#line renumbers and renames", () => {
    const tokens = preprocess("main.c", { "main.c": "a\n#line 100 \"gen.y\"\nb\nc __LINE__ __FILE__" }, {}, []);
    expect(tokens.map((t) => `${t.text}@${t.file}:${t.line}`)).toEqual([
      "a@main.c:1", "b@gen.y:100", "c@gen.y:101", "101@gen.y:101", "\"gen.y\"@gen.y:101", "@main.c:4",
    ]);
  });

  it("#line errors", () => {
    expect(run("#line x\n#line 0\n#line 5 name").diagnostics).toEqual([
      "main.c:1:7: error: #line expects a positive line number, but found 'x'",
      "main.c:2:7: error: line number 0 out of range: use 1 to 2147483647",
      "main.c:3:9: error: invalid file name name in #line; write it as a string such as \"name.c\"",
    ]);
  });
});

describe("preprocessor diagnostics", () => {
  const cases: [string, string, string[]][] = [
    ["unterminated if", "#if 1\na\n#ifdef X\n#endif", ["main.c:1:2: error: unterminated #if opened on line 1; add a matching #endif"]],
    ["unterminated in header", "#include \"a.h\"\n#endif", [
      "a.h:2:2: error: unterminated #ifndef opened on line 2; add a matching #endif",
      "main.c:2:2: error: #endif without #if",
    ]],
    ["else after else", "#if 0\n#else\n#else\n#endif", ["main.c:3:2: error: #else after #else [main.c:2:2: the first #else is here]"]],
    ["elif after else", "#if 0\n#else\n#elif 1\n#endif", ["main.c:3:2: error: #elif after #else [main.c:2:2: #else is here]"]],
    ["stray endif", "#endif", ["main.c:1:2: error: #endif without #if"]],
    ["stray else", "#else", ["main.c:1:2: error: #else without #if"]],
    ["stray elif", "#elif 1", ["main.c:1:2: error: #elif without #if"]],
    ["unknown directive", "#inclde <a.h>\nx", ["main.c:1:2: error: invalid preprocessing directive #inclde"]],
    ["error directive", "#error need \"X\" set", ["main.c:1:2: error: #error need \"X\" set"]],
    ["warning directive", "#warning old API", ["main.c:1:2: warning: #warning old API"]],
    ["if without expression", "#if\n#endif", ["main.c:1:2: error: #if with no expression"]],
    ["division by zero", "#if 1 / 0\n#endif", ["main.c:1:7: error: division by zero in #if"]],
    ["missing paren", "#if (1\n#endif", ["main.c:1:5: error: missing ')' in #if expression"]],
    ["missing operator", "#if 1 2\n#endif", ["main.c:1:7: error: missing binary operator before token '2'"]],
    ["string in if", "#if \"a\"\n#endif", ["main.c:1:5: error: token '\"a\"' is not valid in preprocessor expressions"]],
    ["float in if", "#if 1.0\n#endif", ["main.c:1:5: error: floating constant in preprocessor expression"]],
    ["defined without name", "#if defined\n#endif", ["main.c:1:5: error: operator 'defined' requires an identifier"]],
    ["defined missing paren", "#if defined(X\n#endif", ["main.c:1:13: error: missing ')' after 'defined'"]],
    ["question without colon", "#if 1 ? 2\n#endif", ["main.c:1:7: error: '?' without following ':' in #if expression"]],
    ["ifdef without name", "#ifdef\n#endif", ["main.c:1:2: error: no macro name given in #ifdef directive"]],
    ["ifdef number", "#ifdef 3\n#endif", ["main.c:1:8: error: macro names must be identifiers, but '3' is not"]],
    ["extra tokens", "#ifdef A B\n#endif C", [
      "main.c:1:10: warning: extra tokens at end of #ifdef directive",
      "main.c:2:8: warning: extra tokens at end of #endif directive",
    ]],
    ["define without name", "#define", ["main.c:1:2: error: no macro name given in #define directive"]],
    ["define defined", "#define defined 1", ["main.c:1:9: error: 'defined' cannot be used as a macro name"]],
    ["missing paren in params", "#define f(a, b", ["main.c:1:14: error: missing ')' or ',' in macro parameter list"]],
    ["bad parameter", "#define f(1) x", ["main.c:1:11: error: expected a parameter name in the macro parameter list, found '1'"]],
    ["duplicate parameter", "#define f(a, a) x", ["main.c:1:14: error: duplicate macro parameter 'a'"]],
    ["parameter after ellipsis", "#define f(..., a) x", ["main.c:1:14: error: missing ')' after '...' in macro parameter list"]],
    ["hash without parameter", "#define f(a) #b", ["main.c:1:14: error: '#' is not followed by a macro parameter in the definition of 'f'"]],
    ["paste at start", "#define f(a) ## a", ["main.c:1:14: error: '##' cannot appear at either end of a macro expansion"]],
    ["paste at end", "#define X a ##", ["main.c:1:13: error: '##' cannot appear at either end of a macro expansion"]],
    ["VA_ARGS outside variadic", "#define f(a) __VA_ARGS__", ["main.c:1:14: error: __VA_ARGS__ can only appear in the expansion of a variadic macro declared with '...'"]],
    ["redefinition", "#define X 1\n#define X 2\n#define X 2", ["main.c:2:9: warning: macro 'X' redefined [main.c:1:9: previous definition is here]"]],
    ["missing whitespace", "#define X+1", ["main.c:1:10: warning: missing whitespace after the macro name 'X'"]],
    ["too few arguments", "#define f(a, b) a\nf(1)", ["main.c:2:1: error: macro 'f' requires 2 arguments, but only 1 given"]],
    ["too many arguments", "#define f(a) a\nf(1, 2)", ["main.c:2:1: error: macro 'f' passed 2 arguments, but takes just 1"]],
    ["too few variadic", "#define f(a, b, ...) a\nf(1)", ["main.c:2:1: error: macro 'f' requires at least 2 arguments, but only 1 given"]],
    ["unterminated arguments", "#define f(a) a\nf(1, (2)", ["main.c:2:1: error: unterminated argument list invoking macro 'f'; add the missing ')'"]],
    ["bad paste", "#define cat(a, b) a ## b\n  cat(+, /)", ["main.c:2:3: error: pasting '+' and '/' does not give a valid preprocessing token [main.c:1:21: expanded from the macro definition here]"]],
    ["invalid character in active text", "a @ b", ["main.c:1:3: error: invalid character '@' in program"]],
    ["invalid character through a macro", "#define AT @\nAT AT", ["main.c:1:12: error: invalid character '@' in program", "main.c:1:12: error: invalid character '@' in program"]],
    ["stringized invalid character", "#define s(x) #x\ns(@)", []],
    ["unterminated char in define", "#define Q 'a\nQ", ["main.c:1:11: error: missing terminating ' character"]],
    ["error apostrophe", "#error don't", ["main.c:1:2: error: #error don't"]],
    ["bad _Pragma", "_Pragma(x)", ["main.c:1:1: error: _Pragma takes a parenthesized string literal, as in _Pragma(\"once\")"]],
  ];
  it.each(cases)("%s", (_name, source, expected) => {
    const files = { "a.h": "\n#ifndef A\n" };
    expect(run(source, files).diagnostics).toEqual(expected);
  });

  it("deep nesting is reported, not a crash", () => {
    const deepParens = "#if " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n#endif";
    expect(run(deepParens).diagnostics).toEqual(["main.c:1:205: error: #if expression nested more than 200 levels deep"]);
    const deepArguments = "#define f(x) x\n" + "f(".repeat(5000) + "1" + ")".repeat(5000);
    expect(run(deepArguments).diagnostics).toEqual([
      "main.c:2:401: error: macro invocations nested more than 200 levels deep in arguments; preprocessing stopped",
    ]);
  });

  it("keeps going after errors", () => {
    const result = run("#foo\n#define N 3\n#else\nN");
    expect(result.text).toBe("3\n");
    expect(result.diagnostics.length).toBe(2);
  });

  it("never throws on random input", () => {
    let seed = 99;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ["#define ", "#if ", "#ifdef ", "#else\n", "#endif\n", "#include ", "\"a.h\"", "<b.h>", "f(", ")", ",",
      "##", "#", "x", "f", "__VA_ARGS__", "...", "\n", " ", "defined", "1", "/", "0", "'", "\"", "@", "\\\n", "#undef ", "(x)"];
    for (let round = 0; round < 200; round++) {
      let source = "";
      for (let i = 0; i < 60; i++) source += pieces[Math.floor(random() * pieces.length)];
      const diagnostics: Diagnostic[] = [];
      const tokens = preprocess("main.c", { "main.c": source, "a.h": source.slice(0, 30) }, { "b.h": "#include <b.h>" }, diagnostics,
        { maxExpansionTokens: 100_000 });
      expect(tokens[tokens.length - 1].kind).toBe("eof");
    }
  });
});

describe("tokensToText", () => {
  it("keeps source lines", () => {
    expect(text("int a;\n\nint b; int c;\n")).toBe("int a;\n\nint b; int c;\n");
  });

  it("shrinks long gaps", () => {
    expect(text("a" + "\n".repeat(20) + "b")).toBe("a\n\nb\n");
  });

  it("empty output", () => {
    expect(text("#define X\n")).toBe("");
  });
});

// Differential test against gcc's preprocessor on tricky macro inputs. The
// token sequences must match; whitespace is ignored.
const gccAvailable = (() => {
  try {
    execFileSync("gcc", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!gccAvailable) console.log("gcc not found: skipping the differential preprocessor tests against gcc -E");

const differentialCases: [string, string][] = [
  ["C11 example 3", "#define x 3\n#define f(a) f(x * (a))\n#undef x\n#define x 2\n#define g f\n#define z z[0]\n#define h g(~\n#define m(a) a(w)\n#define w 0,1\n#define t(a) a\n#define p() int\n#define q(x) x\n#define r(x,y) x ## y\n#define str(x) # x\nf(y+1) + f(f(z)) % t(t(g)(0) + t)(1);\ng(x+(3,4)-w) | h 5) & m\n(f)^m(m);\np() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };\nchar c[2][6] = { str(hello), str() };\n"],
  ["C11 example 4", "#define str(s) # s\n#define xstr(s) str(s)\n#define debug(s, t) printf(\"x\" # s \"= %d, x\" # t \"= %s\", \\\n x ## s, x ## t)\n#define INCFILE(n) vers ## n\n#define glue(a, b) a ## b\n#define xglue(a, b) glue(a, b)\n#define HIGHLOW \"hello\"\n#define LOW LOW \", world\"\ndebug(1, 2);\nfputs(str(strncmp(\"abc\\0d\", \"abc\", '\\4') // this goes away\n == 0) str(: @\\n), s);\nxstr(INCFILE(2).h)\nglue(HIGH, LOW);\nxglue(HIGH, LOW)\n"],
  ["C11 example 5", "#define t(x,y,z) x ## y ## z\nint j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),\n t(10,,), t(,11,), t(,,12), t(,,) };\n"],
  ["C11 example 7", "#define debug(...) fprintf(stderr, __VA_ARGS__)\n#define showlist(...) puts(#__VA_ARGS__)\n#define report(test, ...) ((test)?puts(#test):\\\n printf(__VA_ARGS__))\ndebug(\"Flag\");\ndebug(\"X = %d\\n\", x);\nshowlist(The first, second, and third items.);\nreport(x>y, \"x is %d but y is %d\", x, y);\n"],
  ["C11 6.10.3.4 example", "#define OBJ_LIKE (1-1)\n#define OBJ_LIKE /* white space */ (1-1) /* other */\n#define FUNC_LIKE(a) ( a )\n#define FUNC_LIKE( a )( /* note the white space */ \\\n a /* other stuff on this line\n */ )\nOBJ_LIKE FUNC_LIKE(3)\n"],
  ["hideset through arguments", "#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)\n"],
  ["self reference via argument", "#define foo(x) bar x\nfoo(foo) (2)\n#define m() m\nm()()\n"],
  ["nested blue paint", "#define a a b\n#define b a\na\nb\n#define AA BB\n#define BB AA\nAA BB\n"],
  ["comma elision", "#define e(fmt, ...) f(fmt, ## __VA_ARGS__)\ne(1) e(1,) e(1, 2, 3)\n"],
  ["paste and rescan", "#define cat(a, b) a ## b\n#define xcat(a, b) cat(a, b)\n#define ab done\n#define one 1\ncat(a, b) xcat(o, ne) cat(o, ne) xcat(cat(a, b), c)\n"],
  ["stringize edge cases", "#define s(x) #x\n#define xs(x) s(x)\ns(  a   b  ) s(\"\\\"\") s('\"') s(\\n) xs(__LINE__) s(a\n b)\n"],
  ["conditional arithmetic", "#if (-1 >> 1) == -1 && (1u << 31) == 2147483648 && -9223372036854775807 - 1 < 0 && 0xffffffffffffffff == -1\nyes1\n#endif\n#if (0 ? 1/0 : 2) == 2 && 'z' - 'a' == 25 && (1, 2) == 2\nyes2\n#endif\n"],
  ["function-like across lines", "#define f(x, y) <x y>\nf\n\n(\n1\n,\n2\n)\n#define g(x, y) [x|y]\ng((a,b),\n c)\n"],
  ["directives inside arguments", "#define f(x) [x]\nf(1\n#ifdef A\n2\n#else\n3\n#endif\n)\n"],
  ["__LINE__ in multi-line invocation", "#define L(x) __LINE__ x\nL(\na\n)\nL(__LINE__\n)\n"],
  ["empty expansions", "#define E\n#define f(x) x\nE a E b f() f(E) c E\n"],
];

describe("differential against gcc -E", () => {
  const predefines = Object.entries(PREDEFINED_MACROS)
    .filter(([name]) => !["__STDC__", "__STDC_HOSTED__", "__STDC_VERSION__"].includes(name))
    .map(([name, value]) => `-D${name}=${value}`);

  it.skipIf(!gccAvailable).each(differentialCases)("%s", (_name, source) => {
    const directory = mkdtempSync(join(tmpdir(), "ukp-pp-"));
    try {
      const path = join(directory, "main.c");
      writeFileSync(path, source);
      const output = execFileSync("gcc", ["-E", "-P", "-std=gnu11", "-undef", "-nostdinc", "-ffreestanding", ...predefines, path], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
      const expected = tokenize("gcc.i", output, []).map((t) => t.text);
      const diagnostics: Diagnostic[] = [];
      const ours = preprocess("main.c", { "main.c": source }, {}, diagnostics).map((t) => t.text);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(ours).toEqual(expected);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
