// Code generation: the exact listing of small functions, the ABI details
// (stack alignment at calls, struct return through a hidden pointer),
// and that every listing assembles with GNU as.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "./compiler-test-utils";

function assemblyOf(source: string): string {
  const result = compile(source);
  expect(result.diagnostics).toEqual([]);
  return result.assembly;
}

const gasAvailable = spawnSync("as", ["--version"], { stdio: "ignore" }).status === 0;
if (!gasAvailable) console.log("skipping GNU as checks: 'as' is not installed");

describe("code generation", () => {
  it("simple function listing", () => {
    expect(assemblyOf("int add(int a, int b)\n{\n\treturn a + b;\n}\n")).toBe(
      [
        "\t.file\t1 \"t.c\"",
        "\t.text",
        "\t.globl\tadd",
        "\t.type\tadd, @function",
        "add:",
        "\t.loc 1 2 1",
        "# t.c:2: {",
        "\tpushl\t%ebp",
        "\tmovl\t%esp, %ebp",
        "\tsubl\t$8, %esp",
        "\t.loc 1 3 2",
        "# t.c:3: return a + b;",
        "\tmovl\t8(%ebp), %eax",
        "\tpushl\t%eax",
        "\tmovl\t12(%ebp), %eax",
        "\tmovl\t%eax, %ecx",
        "\tpopl\t%eax",
        "\taddl\t%ecx, %eax",
        "\tjmp\t.LG0",
        "\t.loc 1 4 1",
        "# t.c:4: }",
        ".LG0:",
        "\tleave",
        "\tret",
        "\t.size\tadd, .-add",
        "",
      ].join("\n"),
    );
  });

  it("globals, statics and strings in their sections", () => {
    const asm = assemblyOf('int g = 5;\nstatic int s __attribute__((unused));\nchar *msg = "hi\\n";\nint *p = &g;\n');
    expect(asm).toBe(
      [
        "\t.data",
        "\t.globl\tg",
        "\t.align\t4",
        "\t.type\tg, @object",
        "\t.size\tg, 4",
        "g:",
        "\t.long\t5",
        "\t.globl\tmsg",
        "\t.align\t4",
        "\t.type\tmsg, @object",
        "\t.size\tmsg, 4",
        "msg:",
        "\t.long\t.LC0",
        "\t.globl\tp",
        "\t.align\t4",
        "\t.type\tp, @object",
        "\t.size\tp, 4",
        "p:",
        "\t.long\tg",
        "\t.bss",
        "\t.align\t4",
        "\t.type\ts, @object",
        "\t.size\ts, 4",
        "s:",
        "\t.zero\t4",
        "\t.section\t.rodata",
        ".LC0:",
        '\t.string\t"hi\\n"',
        "",
      ].join("\n"),
    );
  });

  it("main returns 0 at its closing brace", () => {
    expect(assemblyOf("int main(void) { }\n")).toContain("\tmovl\t$0, %eax\n.LG0:\n\tleave\n\tret\n");
  });

  it("calls keep esp 16-byte aligned", () => {
    const asm = assemblyOf("int f(int, int, int);\nint g(void) { return f(1, 2, 3); }\n");
    expect(asm).toContain("\tsubl\t$4, %esp\n\tmovl\t$3, %eax\n\tpushl\t%eax\n");
    expect(asm).toContain("\tcall\tf\n\taddl\t$16, %esp\n");
  });

  it("struct return uses a hidden pointer", () => {
    const asm = assemblyOf("struct p { int x, y; };\nstruct p make(void) { struct p r; r.x = 1; r.y = 2; return r; }\n");
    expect(asm).toContain("\tmovl\t8(%ebp), %ecx\n");
    expect(asm).toContain("\tret\t$4\n");
  });

  it("unsigned division and comparison", () => {
    const asm = assemblyOf("unsigned f(unsigned a, unsigned b) { return a / b + (a < b); }\n");
    expect(asm).toContain("\txorl\t%edx, %edx\n\tdivl\t%ecx\n");
    expect(asm).toContain("\tsetb\t%al\n");
  });

  it("signed char loads sign-extend", () => {
    const asm = assemblyOf("char c; unsigned char u; int f(void) { return c + u; }\n");
    expect(asm).toContain("\tmovsbl\t(%eax), %eax\n");
    expect(asm).toContain("\tmovzbl\t(%eax), %eax\n");
  });

  it.skipIf(!gasAvailable)("listings assemble with GNU as", () => {
    const dir = mkdtempSync(join(tmpdir(), "ukp-cc-"));
    try {
      const asm = assemblyOf(
        "struct s { int a; char b[6]; };\nstruct s table[2] = {{1, \"x\"}, {2}};\nstatic int count;\n" +
          "int f(struct s v, int *p) { static int calls; calls++; count += v.a; return p[1] + v.b[0]; }\n",
      );
      writeFileSync(join(dir, "t.s"), asm);
      execFileSync("as", ["--32", "-o", join(dir, "t.o"), join(dir, "t.s")]);
      const symbols = execFileSync("nm", [join(dir, "t.o")], { encoding: "utf8" });
      expect(symbols).toMatch(/ D table\n/);
      expect(symbols).toMatch(/ T f\n/);
      expect(symbols).toMatch(/ b count\n/);
      expect(symbols).toMatch(/ b calls\.0\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
