// Diagnostics of the declaration, initializer, attribute and inline asm
// parts of the compiler: exact text, line and column, several per compile.
import { describe, expect, it } from "vitest";
import { compile, diagnosticLines } from "./compiler-test-utils";

const cases: { name: string; source: string; expected: string[] }[] = [
  {
    name: "missing return",
    source: "int f(int x) { if (x) return 1; }\n",
    expected: ["1:33: warning: control reaches end of non-void function"],
  },
  {
    name: "no warning after infinite loop",
    source: "int f(int c) { while (1) { if (c) return 1; } }\nint g(int c) { switch (c) { case 1: return 1; default: return 2; } }\n",
    expected: [],
  },
  {
    name: "loop with break falls through",
    source: "int f(int c) { for (;;) { if (c) break; } }\n",
    expected: ["1:43: warning: control reaches end of non-void function"],
  },
  {
    name: "noreturn call ends the flow",
    source: "void die(void) __attribute__((noreturn));\nint f(int c) { if (c) return 1; die(); }\n",
    expected: [],
  },
  {
    name: "unused variable",
    source: "int f(void) { int used = 1, unused; return used; }\n",
    expected: ["1:29: warning: unused variable 'unused'"],
  },
  {
    name: "unused attribute silences",
    source: "int f(void) { int spare __attribute__((unused)); return 0; }\n",
    expected: [],
  },
  {
    name: "implicit declaration",
    source: "int f(void) { return g(1); }\n",
    expected: ["1:22: warning: implicit declaration of function 'g'"],
  },
  {
    name: "incompatible pointer types",
    source: "int *f(char *c) { int *i = c; return i; }\n",
    expected: ["1:28: warning: initialization of 'int *' from incompatible pointer type 'char *'"],
  },
  {
    name: "static assertion",
    source: "_Static_assert(1 == 2, \"one is not two\");\nstruct s { int a; _Static_assert(sizeof(int) == 8, \"int\"); };\n",
    expected: [
      "1:16: error: static assertion failed: \"one is not two\"",
      "2:34: error: static assertion failed: \"int\"",
    ],
  },
  {
    name: "designator out of bounds and the next error",
    source: "int a[2] = { [5] = 1, 2 };\nstruct p { int x; };\nstruct p q = { .y = 1, .x = 2 };\n",
    expected: [
      "1:14: error: array index 5 in initializer exceeds array bounds (the array has 2 elements)",
      "3:17: error: 'struct p' has no member named 'y'",
    ],
  },
  {
    name: "asm output without =",
    source: "void f(void) { int r; asm(\"movl %1, %0\" : \"r\"(r) : \"r\"(1)); }\n",
    expected: ["1:43: error: output operand constraint lacks '=' (write \"=r\" or \"+r\")"],
  },
  {
    name: "asm unknown constraint",
    source: "void f(void) { asm(\"nop\" : : \"z\"(1)); }\n",
    expected: [
      "1:30: error: constraint 'z' in 'asm' is not supported; use one of a b c d S D A q r g m i n N I J K L M or an operand number",
    ],
  },
  {
    name: "asm clobbers frame pointer",
    source: "void f(void) { asm(\"nop\" ::: \"ebp\"); }\n",
    expected: ["1:30: error: 'asm' cannot clobber '%ebp': the compiler keeps the frame in it"],
  },
  {
    name: "asm undefined operand name",
    source: "void f(void) { int x; asm(\"movl %[nope], %0\" : \"=r\"(x)); }\n",
    expected: ["1:27: error: undefined named operand 'nope'"],
  },
  {
    name: "asm output not an lvalue",
    source: "void f(void) { asm(\"\" : \"=r\"(1)); }\n",
    expected: ["1:30: error: invalid lvalue in 'asm' output"],
  },
  {
    name: "asm out of registers",
    source:
      "void f(void) { int a, b, c, d, e, g, h; asm(\"\" : \"=r\"(a), \"=r\"(b), \"=r\"(c), \"=r\"(d), \"=r\"(e), \"=r\"(g), \"=r\"(h)); }\n",
    expected: ["1:104: error: 'asm' operand has impossible constraints: no free register left for it"],
  },
  {
    name: "asm immediate constraint needs a constant",
    source: "void f(int x) { asm(\"int %0\" : : \"N\"(x)); }\n",
    expected: ["1:38: error: impossible constraint in 'asm': the operand must be a constant"],
  },
  {
    name: "rejected and unknown attributes",
    source: "int o __attribute__((regparm(3)));\nint s __attribute__((frobnicate));\n",
    expected: [
      "1:22: error: attribute 'regparm' is not supported: it changes the calling convention",
      "2:22: warning: 'frobnicate' attribute directive ignored",
    ],
  },
  {
    name: "bad alignment",
    source: "int a __attribute__((aligned(3)));\n_Alignas(6) int b;\n",
    expected: [
      "1:22: error: requested alignment 3 is not a positive power of 2",
      "2:1: error: requested alignment 6 is not a positive power of 2",
    ],
  },
  {
    name: "K&R parameter declared twice and unknown",
    source: "int f(a) int a; int a; int b; { return a; }\n",
    expected: [
      "1:21: error: redefinition of parameter 'a'",
      "1:28: error: declaration for parameter 'b' but no such parameter",
    ],
  },
  {
    name: "implicit int warnings",
    source: "f(x) { return x; }\n",
    expected: ["1:1: warning: return type defaults to 'int'", "1:3: warning: type of 'x' defaults to 'int'"],
  },
  {
    name: "implicit int with a storage class",
    source: "static counter;\nconst *limit;\n",
    expected: [
      "1:1: warning: type defaults to 'int' in declaration of 'counter'",
      "2:1: warning: type defaults to 'int' in declaration of 'limit'",
      "1:8: warning: 'counter' defined but not used",
    ],
  },
  {
    name: "unused static function and object",
    source:
      "static int helper(void) { return 1; }\nstatic int table[2];\nstatic inline int quiet(void) { return 2; }\n" +
      "static int used_one(void) { return 3; }\nstatic int kept __attribute__((unused));\nint f(void) { return used_one(); }\n",
    expected: ["1:12: warning: 'helper' defined but not used", "2:12: warning: 'table' defined but not used"],
  },
  {
    name: "func outside function",
    source: "const char *p = __func__;\n",
    expected: ["1:17: error: '__func__' is not defined outside of function scope"],
  },
  {
    name: "offsetof unknown member",
    source: "struct s { int a; };\nint x = __builtin_offsetof(struct s, b);\n",
    expected: ["2:38: error: 'struct s' has no member named 'b'"],
  },
  {
    name: "typedef named like an Object method",
    source: "typedef int toString;\ntypedef int constructor;\ntoString f(constructor c) { toString t = c; return t; }\n",
    expected: [],
  },
];

describe("front-end diagnostics", () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(diagnosticLines(c.source)).toEqual(c.expected);
    });
  }

  it("long operator chain is an error", () => {
    const lines = diagnosticLines(`int f(void) { return 1${"+1".repeat(2500)}; }\n`);
    expect(lines).toEqual([
      "1:4021: error: expression is too long: more than 2000 '+' operators in a row; split it into several statements",
    ]);
  });

  it("50,000 unary minus signs hit the nesting limit", () => {
    const lines = diagnosticLines(`int f(void) { return ${"-".repeat(50_000)}1; }\n`);
    expect(lines[0]).toBe("1:532: error: nesting is too deep (the limit is 256 levels)");
  });

  it("asm emits the constraint's registers", () => {
    const { assembly } = compile(
      "unsigned char inb(unsigned short port) { unsigned char v; asm volatile(\"inb %1, %0\" : \"=a\"(v) : \"Nd\"(port)); return v; }\n" +
        "void outb(unsigned short port, unsigned char v) { asm volatile(\"outb %0, %1\" : : \"a\"(v), \"Nd\"(port)); }\n" +
        "void io_wait(void) { asm volatile(\"outb %%al, $0x80\" : : \"a\"(0)); }\n",
    );
    expect(assembly).toContain("inb %dx, %al");
    expect(assembly).toContain("outb %al, %dx");
    expect(assembly).toContain("outb %al, $0x80");
  });

  it("section and weak directives", () => {
    const { assembly } = compile(
      "int hook __attribute__((section(\".data.hooks\"))) = 1;\nextern void maybe(void) __attribute__((weak));\n" +
        "__attribute__((weak)) int fallback(void) { return maybe ? 1 : 0; }\n",
    );
    expect(assembly).toContain("\t.section\t.data.hooks,\"aw\",@progbits");
    expect(assembly).toContain("\t.weak\tfallback");
    expect(assembly).toContain("\t.weak\tmaybe");
  });

  it("loc directives per statement", () => {
    const { assembly } = compile("int f(int a)\n{\n\tint b = a;\n\treturn b;\n}\n");
    expect(assembly).toContain("\t.file\t1 \"t.c\"");
    expect(assembly).toContain("\t.loc 1 3 6");
    expect(assembly).toContain("\t.loc 1 4 2");
  });
});

describe("warning cap", () => {
  it("reports 50 warnings then one note", () => {
    let source = "";
    for (let i = 0; i < 60; i++) source += `static int v${i} = ${i};\n`;
    source += "int main(void) { return 0; }\n";
    const lines = diagnosticLines(source);
    expect(lines.length).toBe(51);
    expect(lines[0]).toBe("1:12: warning: 'v0' defined but not used");
    expect(lines[49]).toBe("50:12: warning: 'v49' defined but not used");
    expect(lines[50]).toBe("51:12: note: too many warnings (50); further warnings are not shown");
  });
});
