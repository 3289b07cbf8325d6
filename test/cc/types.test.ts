// Type sizes, alignments and struct layout as gcc -m32 computes them,
// checked through sizeof and offsets in compiled global initializers.
import { describe, expect, it } from "vitest";
import { compile } from "./compiler-test-utils";

/** Compiles `int value = EXPR;` and returns the `.long` the compiler emits for it. */
function constantOf(declarations: string, expr: string): number {
  const result = compile(`${declarations}\nint value = ${expr};\n`);
  expect(result.diagnostics).toEqual([]);
  const match = /^value:\n\t\.(?:long|zero)\t(-?\d+)/m.exec(result.assembly);
  if (!match) throw new Error(`no data for value in:\n${result.assembly}`);
  return result.assembly.includes("value:\n\t.zero") ? 0 : Number(match[1]);
}

const sizes: [string, string, number][] = [
  ["char", "sizeof(char)", 1],
  ["short", "sizeof(short)", 2],
  ["int", "sizeof(int)", 4],
  ["long", "sizeof(long)", 4],
  ["pointer", "sizeof(char *)", 4],
  ["array of int", "sizeof(int[5])", 20],
  ["2d array", "sizeof(char[3][7])", 21],
  ["padded struct", "sizeof(struct { char c; int i; })", 8],
  ["short-aligned struct", "sizeof(struct { char c; short s; char d; })", 6],
  ["char struct", "sizeof(struct { char a, b, c; })", 3],
  ["union", "sizeof(union { char c[5]; int i; })", 8],
  ["int alignment", "_Alignof(int)", 4],
  ["short alignment", "_Alignof(short)", 2],
];

describe("type sizes", () => {
  for (const [name, expr, expected] of sizes) {
    it(name, () => {
      expect(constantOf("", expr)).toBe(expected);
    });
  }
});

describe("struct layout", () => {
  const decl = "struct s { char a; short b; char c; int d; char e[3]; struct { char x; int y; } in; };";
  const offsets: [string, number][] = [["a", 0], ["b", 2], ["c", 4], ["d", 8], ["e", 12], ["in", 16], ["in.y", 20]];
  for (const [member, expected] of offsets) {
    it(`offset of ${member}`, () => {
      expect(constantOf(decl, `(int)&((struct s *)0)->${member}`)).toBe(expected);
    });
  }
  it("total size", () => {
    expect(constantOf(decl, "sizeof(struct s)")).toBe(24);
  });
});

describe("constant folding", () => {
  const values: [string, number][] = [
    ["-7 / 2", -3],
    ["-7 % 2", -1],
    ["(unsigned)-7 / 2", 2147483644],
    ["-1 >> 1", -1],
    ["(int)(0xffffffffu >> 1)", 2147483647],
    ["-1 < 0u", 0],
    ["(char)200", -56],
    ["(unsigned char)-1", 255],
    ["1 ? 2 : 3", 2],
    ["0 && 1 / 0", 0],
  ];
  for (const [expr, expected] of values) {
    it(expr, () => {
      expect(constantOf("", expr)).toBe(expected);
    });
  }
});
