// Name lookup, operator precedence and constants in the parser: the
// binding a name means after inner scopes end, the order of diagnostics
// in logical chains, and number spellings that repeat.
import { describe, expect, it } from "vitest";
import { diagnosticLines } from "./compiler-test-utils";

describe("scopes", () => {
  it("outer binding returns after block", () => {
    const lines = diagnosticLines("int f(void) { int *p = 0; { int p = 1; p = 2; } p = 3; return 0; }\n");
    expect(lines).toEqual(["1:51: warning: assignment to 'int *' from 'int' makes pointer from integer without a cast"]);
  });

  it("typedef returns after shadowing variable", () => {
    const lines = diagnosticLines("typedef int T;\nint f(void) { { int T = 1; T = 2; } T y = 3; return y; }\n");
    expect(lines).toEqual([]);
  });

  it("implicit declaration outlives its block", () => {
    const lines = diagnosticLines("int f(void) { { g(); } return g(); }\n");
    expect(lines).toEqual(["1:17: warning: implicit declaration of function 'g'"]);
  });

  it("for loop variable ends with loop", () => {
    const lines = diagnosticLines("int f(void) { for (int i = 0; i < 2; i++) ; return i; }\n");
    expect(lines).toEqual(["1:52: error: 'i' undeclared (first use in this function)"]);
  });

  it("__typeof stays a type keyword", () => {
    expect(diagnosticLines("int x, __typeof;\n")).toEqual([]);
    expect(diagnosticLines("int y;\n__typeof(y) z;\n")).toEqual([]);
  });
});

describe("binary operators", () => {
  // Each row must hold in C; the compiler rejects the array of size -1 otherwise.
  const identities = [
    "(1 | 2 ^ 3 & 4) == 3",
    "(1 + 2 * 3 - 8 / 4 % 3) == 5",
    "(1 << 2 + 1) == 8",
    "(1 < 2 == 1) == 1",
    "(6 & 3 == 3) == 0",
    "(0 || 1 && 0) == 0",
    "(1 || 0 && 0) == 1",
    "(2 && 3) == 1",
    "(1 | 0 && 2 ^ 2) == 0",
    "(5 >= 5 != 0 > 1) == 1",
    "(-8 >> 1 <= -4) == 1",
  ];

  for (const identity of identities) {
    it(`evaluates ${identity}`, () => {
      expect(diagnosticLines(`char check[(${identity}) ? 1 : -1];\n`)).toEqual([]);
    });
  }

  it("logical operands report left first", () => {
    const lines = diagnosticLines("struct s { int a; } v, w;\nint f(void) { return v && w; }\nint g(void) { return v || w; }\n");
    expect(lines).toEqual([
      "2:22: error: a condition requires a scalar operand, not 'struct s'",
      "2:27: error: a condition requires a scalar operand, not 'struct s'",
      "3:22: error: a condition requires a scalar operand, not 'struct s'",
      "3:27: error: a condition requires a scalar operand, not 'struct s'",
    ]);
  });
});

describe("constants and casts", () => {
  it("repeated large constant warns twice", () => {
    const lines = diagnosticLines("unsigned long long a = 18446744073709551615;\nunsigned long long b = 18446744073709551615;\n");
    expect(lines).toEqual([
      "1:24: warning: integer constant 18446744073709551615 is so large that it is unsigned",
      "2:24: warning: integer constant 18446744073709551615 is so large that it is unsigned",
    ]);
  });

  it("repeated constant keeps its type", () => {
    expect(diagnosticLines("long long c = 4294967296;\nchar d[sizeof(4294967296) == 8 ? 1 : -1];\n")).toEqual([]);
  });

  it("casts to basic types", () => {
    const source = "char a[(unsigned char)300 == 44 ? 1 : -1];\nchar b[(short int)65537 == 1 ? 1 : -1];\n" +
      "char c[(long unsigned int)-1 == 4294967295u ? 1 : -1];\nchar d[sizeof((unsigned long long)1) == 8 ? 1 : -1];\n";
    expect(diagnosticLines(source)).toEqual([]);
  });

  it("invalid basic cast is reported", () => {
    expect(diagnosticLines("int f(void) { return (long char)1; }\n")).toEqual([
      "1:28: error: two or more data types in declaration specifiers",
    ]);
  });
});
