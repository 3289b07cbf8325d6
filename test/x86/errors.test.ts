// Diagnostics: each bad input gets one error with the exact message and
// the line and column of the offending mnemonic, operand or token.
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/builder/x86";

interface Case {
  name: string;
  source: string;
  message: string;
  line: number;
  column: number;
}

const cases: Case[] = [
  { name: "unknown instruction", source: "\tmovq %rax, %rbx\n", message: "unknown instruction `movq`", line: 1, column: 2 },
  {
    name: "register size mismatch",
    source: "movl %ax, %ebx\n",
    message: "invalid operand size: `%ax` is 16-bit but `movl` needs a 32-bit operand here",
    line: 1,
    column: 6,
  },
  {
    name: "ambiguous memory size",
    source: "  mov $1, (%eax)\n",
    message: "ambiguous operand size for `mov`: add a size suffix (`movb`, `movw` or `movl`)",
    line: 1,
    column: 3,
  },
  { name: "junk after operands", source: "ret\nmovl %eax, %ebx %ecx\n", message: "junk at end of line: `%ecx`", line: 2, column: 17 },
  { name: "junk after directive", source: ".text foo\n", message: "subsections are not supported: write `.text` without an argument", line: 1, column: 7 },
  { name: "undefined backward label", source: "jmp 1b\n1:\n", message: "undefined local label `1b`: no `1:` before this line", line: 1, column: 5 },
  { name: "undefined forward label", source: "1: jmp 1f\n", message: "undefined local label `1f`", line: 1, column: 8 },
  { name: "undefined .L symbol", source: "jmp .L9\n", message: "undefined local symbol `.L9`", line: 1, column: 5 },
  { name: "unknown directive", source: ".org 0x100\n", message: "unknown directive `.org`", line: 1, column: 1 },
  { name: "unclosed macro", source: ".macro m\nnop\n", message: "`.macro` has no matching `.endm`", line: 1, column: 1 },
  { name: "unclosed conditional", source: ".if 1\nnop\n", message: "`.if` has no matching `.endif`", line: 1, column: 1 },
  { name: "stray endif", source: "nop\n.endif\n", message: "`.endif` without a matching `.if`", line: 2, column: 1 },
  { name: "recursive macro", source: ".macro m\nm\n.endm\nm\n", message: "macro expansion nested more than 100 deep: does a macro invoke itself?", line: 4, column: 1 },
  {
    name: "Intel syntax",
    source: ".intel_syntax noprefix\n",
    message: "Intel syntax is not supported: write AT&T syntax (`movl $1, %eax`)",
    line: 1,
    column: 1,
  },
  { name: "immediate out of range", source: "movb $300, %al\n", message: "value 300 does not fit in 8 bits", line: 1, column: 6 },
  { name: "wrong operand count", source: "ret $1, $2\n", message: "wrong number of operands for `ret`: expected 0 or 1", line: 1, column: 1 },
  { name: "invalid operands", source: "lea %eax, %ebx\n", message: "invalid operands for `lea`", line: 1, column: 5 },
  { name: "unknown register", source: "movl %rax, %eax\n", message: "unknown register `%rax`", line: 1, column: 6 },
  { name: "esp as index", source: "movl (%eax,%esp), %eax\n", message: "`%esp` cannot be an index register", line: 1, column: 6 },
  { name: "bad scale", source: "movl (%eax,%ebx,3), %eax\n", message: "invalid scale factor 3: use 1, 2, 4 or 8", line: 1, column: 6 },
  {
    name: "16-bit addressing",
    source: "movw (%bx), %ax\n",
    message: "16-bit addressing (`%bx`) is not supported; use 32-bit registers",
    line: 1,
    column: 6,
  },
  { name: "duplicate label", source: "a:\nnop\na:\n", message: "symbol `a` is already defined (first defined on line 1)", line: 3, column: 1 },
  { name: "short branch out of range", source: "1: .skip 200\nloop 1b\n", message: "branch displacement -202 does not fit in 8 bits", line: 2, column: 1 },
  { name: "non-constant alignment", source: ".p2align x\n", message: "the alignment must be a constant expression", line: 1, column: 10 },
  { name: "alignment not a power of 2", source: ".balign 3\n", message: "alignment 3 is not a power of 2", line: 1, column: 9 },
  { name: "data in .bss", source: ".bss\n.long 1\n", message: "non-zero data in section `.bss`: a section without file contents can contain only zeros (use .zero or .skip)", line: 0, column: 0 },
  { name: "unterminated string", source: '.ascii "abc\n', message: 'missing closing `"` in string', line: 1, column: 8 },
  { name: "adding two symbols", source: ".long a + b\na: b:\n", message: "cannot add two symbols", line: 1, column: 9 },
  {
    name: "difference across sections",
    source: ".data\nd: .long d - t\n.text\nt: nop\n",
    message: "cannot resolve `d - t`: the symbols are in different sections",
    line: 2,
    column: 10,
  },
  { name: "64-bit code", source: ".code64\n", message: "64-bit code (`.code64`) is not supported: the assembler emits 32-bit code only", line: 1, column: 1 },
  { name: "missing operand expression", source: "movl $, %eax\n", message: "expected an expression before `,`", line: 1, column: 7 },
];

describe("assembler diagnostics", () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = assemble(c.source, "bad.s");
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      expect(errors.map((d) => d.message)).toEqual([c.message]);
      expect([errors[0]!.line, errors[0]!.column]).toEqual([c.line, c.column]);
      expect(errors[0]!.file).toBe("bad.s");
      expect(result.object).toBeUndefined();
    });
  }

  it("operand diagnostic spans the operand", () => {
    const result = assemble("movl %ax, 4(%ebx,%ecx,2)\n", "bad.s");
    expect(result.diagnostics[0]!.length).toBe(3);
    const spanned = assemble("movb $300, 4(%ebx)\n", "bad.s");
    expect(spanned.diagnostics[0]!.column).toBe(6);
    expect(spanned.diagnostics[0]!.length).toBe(4);
  });

  it("truncated data is a warning", () => {
    const result = assemble(".byte 256\n", "warn.s");
    expect(result.diagnostics.map((d) => [d.severity, d.message])).toEqual([["warning", "value 256 truncated to 8 bits"]]);
    expect(result.object).toBeInstanceOf(Uint8Array);
  });

  it("errors are capped at 100", () => {
    const result = assemble("bogus\n".repeat(500), "many.s");
    expect(result.diagnostics.length).toBe(100);
    expect(result.diagnostics[99]!.message).toBe("unknown instruction `bogus` (stopping after 100 errors)");
  });

  it("keeps going after an error", () => {
    const result = assemble("bogus1\nnop\nbogus2\n", "two.s");
    expect(result.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      "1: unknown instruction `bogus1`",
      "3: unknown instruction `bogus2`",
    ]);
  });
});
