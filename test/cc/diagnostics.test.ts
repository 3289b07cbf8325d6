// Compiler diagnostics: exact messages and positions, recovery after a
// syntax error, and the cap on the number of errors.
import { describe, expect, it } from "vitest";
import { MAX_ERRORS } from "../../src/builder/cc/errors";
import { compile, diagnosticLines } from "./compiler-test-utils";

const cases: { name: string; source: string; expected: string[] }[] = [
  {
    name: "undeclared identifier",
    source: "int main(void) {\n  return missing + 1;\n}\n",
    expected: ["2:10: error: 'missing' undeclared (first use in this function)"],
  },
  {
    name: "too few arguments",
    source: "int f(int a, int b);\nint main(void) { return f(1); }\n",
    expected: ["2:26: error: too few arguments to function 'f' (expected 2, have 1)"],
  },
  {
    name: "too many arguments",
    source: "int f(int a);\nint main(void) { return f(1, 2); }\n",
    expected: ["2:30: error: too many arguments to function 'f' (expected 1, have 2)"],
  },
  {
    name: "argument errors in nested calls",
    source: "int f(int a);\nint g(int a, int b);\nint k();\nvoid v(void);\nint main(void) { return g(f(1, 2), f(v())) + f(g(1, 2, 3)) + k(1, k(v())); }\n",
    expected: [
      "5:32: error: too many arguments to function 'f' (expected 1, have 2)",
      "5:38: error: incompatible types when passing argument 1 of function 'f' as type 'int' from type 'void'",
      "5:56: error: too many arguments to function 'g' (expected 2, have 3)",
      "5:69: error: invalid use of void expression",
    ],
  },
  {
    name: "call after a syntax error in arguments",
    source: "int f(int a, int b);\nint main(void) { f(1, ); return f(1, 2, 3); }\n",
    expected: [
      "2:23: error: expected expression before ')' token",
      "2:41: error: too many arguments to function 'f' (expected 2, have 3)",
    ],
  },
  {
    name: "assignment to non-lvalue",
    source: "int main(void) { int x; 3 = x; return 0; }\n",
    expected: ["1:27: error: lvalue required as left operand of assignment"],
  },
  {
    name: "assignment to array",
    source: "int main(void) { int a[2], b[2]; a = b; return 0; }\n",
    expected: ["1:36: error: assignment to expression with array type"],
  },
  {
    name: "missing semicolon",
    source: "int main(void) {\n  int a = 1\n  return a;\n}\n",
    expected: ["3:3: error: expected ';' before 'return'"],
  },
  {
    name: "unknown member has no cascade",
    source: "struct s { int x; };\nint main(void) { struct s v; v.y = 1; return 0; }\n",
    expected: ["2:32: error: 'struct s' has no member named 'y'"],
  },
  {
    name: "complex types not supported",
    source: "_Complex double z;\n",
    expected: ["1:1: error: complex types are not supported yet"],
  },
  {
    name: "bit-field wider than its type",
    source: "struct s { int x : 33; };\n",
    expected: ["1:18: error: width of 'x' exceeds its type (33 bits, the maximum is 32)"],
  },
  {
    name: "va_start in a fixed-argument function",
    source: "int f(int a) { __builtin_va_list ap; __builtin_va_start(ap, a); return 0; }\n",
    expected: ["1:38: error: 'va_start' used in function with fixed arguments"],
  },
  {
    name: "variable length array at file scope",
    source: "int n = 3;\nint g[n];\n",
    expected: ["2:7: error: array size is not an integer constant expression (variable length arrays are allowed only inside functions)"],
  },
  {
    name: "initialized variable length array",
    source: "int h(int m) { int v[m] = { 1 }; return v[0]; }\n",
    expected: ["1:25: error: variable-sized object 'v' may not be initialized"],
  },
  {
    name: "non-integer parameter array size",
    source: "int f(double n, int m[2][n]) { return m[1][0]; }\n",
    expected: ["1:25: error: size of array has non-integer type 'double'"],
  },
  {
    name: "packed bit-field past its type",
    source: "struct __attribute__((packed)) s { char c : 1; int x : 32; };\n",
    expected: ["1:52: error: bit-field 'x' of a packed struct spans more bytes than its type, which is not supported"],
  },
  {
    name: "variable length array member",
    source: "int f(int n) { struct { int a[n]; } s; return sizeof s; }\n",
    expected: ["1:29: error: field 'a' has a variable length array type, which is not supported in a struct or union"],
  },
  {
    name: "static variable length array",
    source: "int f(int n) { static int t[n]; return t[0]; }\n",
    expected: ["1:27: error: storage size of 't' isn't constant: a static variable cannot be a variable length array"],
  },
  {
    name: "address of a bit-field",
    source: "struct s { int x : 3; };\nint *f(struct s *q) { return &q->x; }\n",
    expected: ["2:30: error: cannot take address of bit-field 'x'"],
  },
  {
    name: "floating operand of '%'",
    source: "double f(double a) { return a % 2; }\n",
    expected: ["1:31: error: invalid operands to binary '%' (have 'double' and 'int')"],
  },
  {
    name: "union is accepted",
    source: "union u { int i; char c; };\nint main(void) { union u v; v.i = 0; return v.c; }\n",
    expected: [],
  },
  {
    name: "implicit declaration warning",
    source: "int main(void) { return helper(2); }\nint helper(int x) { return x; }\n",
    expected: ["1:25: warning: implicit declaration of function 'helper'"],
  },
  {
    name: "break outside loop",
    source: "int main(void) { break; return 0; }\n",
    expected: ["1:18: error: break statement not within a loop or switch"],
  },
  {
    name: "undefined goto label",
    source: "int main(void) { goto out; }\n",
    expected: ["1:23: error: label 'out' used but not defined"],
  },
  {
    name: "duplicate case",
    source: "int main(void) { switch (1) { case 1: case 1: break; } return 0; }\n",
    expected: ["1:39: error: duplicate case value 1"],
  },
  {
    name: "pointer from integer warning",
    source: "int main(void) { int *p = 5; return 0; }\n",
    expected: [
      "1:27: warning: initialization of 'int *' from 'int' makes pointer from integer without a cast",
      "1:23: warning: unused variable 'p'",
    ],
  },
  {
    name: "conflicting types",
    source: "int f(int);\nchar f(int x) { return x; }\n",
    expected: ["2:6: error: conflicting types for 'f'; have 'char(int)', previous declaration has 'int(int)'"],
  },
  {
    name: "asm goto not supported",
    source: "int main(void) { __asm__ goto(\"jmp %l0\" :::: out); out: return 0; }\n",
    expected: ["1:26: error: 'asm goto' is not supported"],
  },
  {
    name: "non-constant global initializer",
    source: "int f(void);\nint x = f();\n",
    expected: ["2:9: error: initializer element is not constant"],
  },
  {
    name: "several errors recovered",
    source: "int main(void) {\n  int a = ;\n  a = b;\n  return a +;\n}\n",
    expected: [
      "2:11: error: expected expression before ';' token",
      "3:7: error: 'b' undeclared (first use in this function)",
      "4:13: error: expected expression before ';' token",
    ],
  },
];

describe("compiler diagnostics", () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(diagnosticLines(c.source)).toEqual(c.expected);
    });
  }

  it("errors leave the assembly empty", () => {
    const result = compile("int main(void) { return x; }\n");
    expect(result.assembly).toBe("");
  });

  it("error count is capped", () => {
    const body = Array.from({ length: 40 }, (_, i) => `  v${i} = 1;`).join("\n");
    const lines = diagnosticLines(`int main(void) {\n${body}\n}\n`);
    expect(lines).toHaveLength(MAX_ERRORS + 1);
    expect(lines[MAX_ERRORS]).toBe(`${MAX_ERRORS + 1}:3: error: too many errors (${MAX_ERRORS}), stopping now`);
  });
});
