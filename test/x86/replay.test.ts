// Repeated statements: the assembler encodes an instruction's text once and
// replays the encoding when the same text comes again. A replay must give
// the bytes, relocations, symbols and diagnostics that assembling the
// statement afresh gives, at the repeated statement's own line and column.
import { describe, expect, it } from "vitest";
import { Random } from "../../bench/cgen/generator";
import { assemble } from "../../src/builder/x86";
import { dumpObject, gnuAssemble, hasGnuAs, skipReason } from "./gnu";

function sectionHex(source: string, name = ".text"): string {
  const result = assemble(source, "t.s");
  expect(result.diagnostics).toEqual([]);
  return dumpObject(result.object!).sections.find((s) => s.name === name)!.data;
}

function errors(source: string): string[] {
  return assemble(source, "t.s").diagnostics.map((d) => `${d.line}:${d.column}:${d.length} ${d.severity} ${d.message}`);
}

describe("replayed statements", () => {
  it("repeats constant instructions", () => {
    expect(sectionHex("movl %eax, %ecx\nmovl %eax, %ecx\n\tmovl %eax, %ecx # comment\nmovl %eax, %ecx; movl %eax, %ecx\n")).toBe(
      "89c1".repeat(5),
    );
  });

  it("repeats symbolic instructions with relocations", () => {
    const result = assemble("movl $a, %eax\ncall f\nmovl $a, %eax\ncall f\n", "t.s");
    expect(result.diagnostics).toEqual([]);
    const dump = dumpObject(result.object!);
    expect(dump.sections.find((s) => s.name === ".text")!.data).toBe("b800000000e8fcffffffb800000000e8fcffffff");
    expect(dump.relocations[".text"]).toEqual(["0x1 type=1 a", "0x6 type=2 f", "0xb type=1 a", "0x10 type=2 f"]);
  });

  it("relaxes each replayed branch on its own", () => {
    // The first `jmp .L1` reaches its label in a short jump; the second is 202 bytes away and needs a near one.
    const source = ".L1:\njmp .L1\n.zero 200\njmp .L1\n";
    expect(sectionHex(source)).toBe(`ebfe${"00".repeat(200)}e931ffffff`);
  });

  it("shares a shape across symbol names", () => {
    const result = assemble("call f\ncall g\njmp .L1\njmp .L2\n.L1:\n.L2:\n", "t.s");
    expect(result.diagnostics).toEqual([]);
    const dump = dumpObject(result.object!);
    expect(dump.sections.find((s) => s.name === ".text")!.data).toBe("e8fcffffffe8fcffffffeb02eb00");
    expect(dump.relocations[".text"]).toEqual(["0x1 type=2 f", "0x6 type=2 g"]);
  });

  it("repeats symbols plus or minus a number", () => {
    const lines = ["movl a+4(,%eax,8), %eax", "pushl b-8", "movl $4+c, %eax"];
    const source = [...lines, ...lines.map((line) => line.replace(/\b([abc])\b/, "$1$1"))].join("\n") + "\n";
    const result = assemble(source, "t.s");
    expect(result.diagnostics).toEqual([]);
    const dump = dumpObject(result.object!);
    expect(dump.sections.find((s) => s.name === ".text")!.data).toBe("8b04c504000000ff35f8ffffffb804000000".repeat(2));
    expect(dump.relocations[".text"]).toEqual(["0x3 type=1 a", "0x9 type=1 b", "0xe type=1 c", "0x15 type=1 aa", "0x1b type=1 bb", "0x20 type=1 cc"]);
  });

  it("adds the number to a symbol equated later", () => {
    expect(sectionHex("movl $a+4, %eax\nmovl $b+4, %eax\n.set b, 5\n")).toBe("b804000000b809000000");
  });

  it("repeats numbers of every encoding class", () => {
    // Each line assembled alone is encoded afresh; in one source, later lines of a shape replay the first.
    const lines = [
      "addl $5, %ecx", "addl $100, %ecx", "addl $500, %ecx", "addl $-128, %ecx", "addl $-129, %ecx", "addl $128, %ecx",
      "addl $4294967295, %ecx", "addl $4294967040, %ecx", "addl $2147483648, %ecx", "addw $65535, %cx", "addw $65408, %cx",
      "addw $32768, %cx", "addb $255, %cl", "addb $-128, %cl", "movl $0, %eax", "movl $7, %eax", "movl $-7, %eax",
      "movl -8(%ebp), %eax", "movl -200(%ebp), %eax", "movl 0(%eax), %ecx", "movl 4(%eax), %ecx", "movl 0(%ebp), %ecx",
      "movl 127(%ebp), %ecx", "movl 128(%ebp), %ecx", "movl 1000, %eax", "movl 0, %ecx", "movl 5, %ecx",
      "shll $1, %eax", "shll $2, %eax", "shll $3, %eax", "int $3", "int $4", "pushl $1", "pushl $300",
      "movl $5, 8(%esp)", "movl $500, 800(%esp)", "leal (,%eax,4), %ecx", "leal (,%eax,8), %ecx", "leal 4(,%eax,8), %ecx",
      "movl $4, g", "movl $400, g", "movl $4, g+8", "cmpl $0, %eax", "cmpl $1, %eax", "cmpl $1000, %eax",
      "movl $2 * 2 - 2, %eax", "movl $5 * 2 - 2, %eax", "movl $2 , %eax", "movl $5 , %eax", "movl 2 (%eax), %ecx", "movl 5 (%eax), %ecx",
    ];
    const alone = lines.map((line) => sectionHex(`${line}\n`)).join("");
    expect(sectionHex(`${lines.join("\n")}\n${lines.join("\n")}\n`)).toBe(alone + alone);
  });

  it("reports a number out of range at every occurrence", () => {
    expect(errors("movb $5, %al\nmovb $300, %al\nmovb $300, %al\n")).toEqual([
      "2:6:4 error value 300 does not fit in 8 bits",
      "3:6:4 error value 300 does not fit in 8 bits",
    ]);
  });

  it("tells apart shapes with equal hashes", () => {
    // "Aa" and "BB" hash alike with multiplier 31, so these lines collide in the table.
    expect(sectionHex("movl $0xAa, %eax\nmovl $0xBB, %eax\nmovl $0xAa, %eax\nmovl $0xBB, %eax\n")).toBe(
      "b8aa000000b8bb000000".repeat(2),
    );
  });

  it("ignores blanks after the last operand", () => {
    expect(sectionHex("pushl %eax\npushl %eax \t\npushl\t%eax\n")).toBe("505050");
  });

  it("encodes `.` apart from symbols of the same shape", () => {
    expect(sectionHex("jmp .L1\n.L1:\njmp .\nmovl $x, %eax\nmovl $., %eax\n", ".text")).toBe("eb00ebfeb800000000b809000000");
  });

  it("encodes an equated symbol apart from others of the same shape", () => {
    expect(sectionHex("movl $a, %eax\n.set b, 5\nmovl $b, %eax\n")).toBe("b800000000b805000000");
  });

  it("encodes a symbol equated after its first use", () => {
    // As in GNU as 2.40, the forward reference gets the first value set after it.
    expect(sectionHex("movl $b, %eax\n.set b, 5\nmovl $b, %eax\n.set b, 6\nmovl $b, %eax\n")).toBe("b805000000b805000000b806000000");
  });

  it("lets a macro defined later replace an instruction", () => {
    expect(sectionHex("nop\n.macro nop\nint3\n.endm\nnop\n")).toBe("90cc");
  });

  it("skips instructions in inactive conditionals", () => {
    expect(sectionHex("nop\n.if 0\nnop\n.else\nint3\n.endif\nnop\n")).toBe("90cc90");
    expect(sectionHex("nop\n.if 1\n.if 0\nnop\n.endif\nint3\n.endif\nnop\n")).toBe("90cc90");
    expect(errors(".if 0\nfoo:\n.endif\nfoo:\n")).toEqual([]);
  });

  it("repeats instructions inside .rept", () => {
    expect(sectionHex("pushl %eax\n.rept 2\npushl %eax\ncall f\n.endr\ncall f\n")).toBe("50" + "50e8fcffffff".repeat(2) + "e8fcffffff");
  });

  it("reports lexer errors at every occurrence", () => {
    expect(errors("movl $09, %eax\nmovl $09, %eax\n")).toEqual([
      "1:7:2 error invalid number `09`",
      "2:7:2 error invalid number `09`",
    ]);
  });

  it("reports layout errors at every occurrence", () => {
    expect(errors("movb $a, %al\n  movb $a, %al\n.set a, 300\n")).toEqual([
      "1:1:4 error value 300 does not fit in 8 bits",
      "2:3:4 error value 300 does not fit in 8 bits",
    ]);
  });

  it("reports undefined local symbols at the first reference", () => {
    expect(errors("jmp .L9\njmp .L9\n")).toEqual(["1:5:3 error undefined local symbol `.L9`"]);
  });

  it("reports a symbol first named in a replay", () => {
    // Lines 4 and 5 replay the shapes of lines 1 and 2, so .L9 and .L8 are first named in a replay.
    expect(errors("movl $.L1, %eax\njmp .L1\n .L1:\n  movl $.L9, %eax\n\tjmp .L8\n")).toEqual([
      "4:9:3 error undefined local symbol `.L9`",
      "5:6:3 error undefined local symbol `.L8`",
    ]);
  });

  it("reports lexer and parser errors in source order", () => {
    expect(errors("nop\nmovl %zz, %eax\nnop\nmovl $09, %eax\n")).toEqual([
      "2:6:3 error unknown register `%zz`",
      "4:7:2 error invalid number `09`",
    ]);
  });

  it("repeats whole lines that name symbols", () => {
    // The third occurrence of each line is replayed as a whole line, without scanning its shape.
    const result = assemble("movl $5, g+8\ncall f\n".repeat(3), "t.s");
    expect(result.diagnostics).toEqual([]);
    const dump = dumpObject(result.object!);
    expect(dump.sections.find((s) => s.name === ".text")!.data).toBe("c7050800000005000000e8fcffffff".repeat(3));
    expect(dump.relocations[".text"]).toEqual(["0x2 type=1 g", "0xb type=2 f", "0x11 type=1 g", "0x1a type=2 f", "0x20 type=1 g", "0x29 type=2 f"]);
  });

  it("encodes a whole line apart once its symbol is equated", () => {
    // As in GNU as 2.40, the forward references get the first value set after them.
    const source = "movl $b, %eax\nmovl $b, %eax\n.set b, 5\nmovl $b, %eax\n.set b, 6\nmovl $b, %eax\n";
    expect(sectionHex(source)).toBe("b805000000".repeat(3) + "b806000000");
  });

  it("repeats a whole line after another symbol is equated", () => {
    const result = assemble("movl $b, %eax\nmovl $b, %eax\n.set c, 1\nmovl $b, %eax\n", "t.s");
    expect(result.diagnostics).toEqual([]);
    const dump = dumpObject(result.object!);
    expect(dump.sections.find((s) => s.name === ".text")!.data).toBe("b800000000".repeat(3));
    expect(dump.relocations[".text"]).toEqual(["0x1 type=1 b", "0x6 type=1 b", "0xb type=1 b"]);
  });

  it("reports errors of whole lines at their own column", () => {
    expect(errors("movb $a, %al\n  movb $a, %al\n\tmovb $a, %al\n.set a, 300\n")).toEqual([
      "1:1:4 error value 300 does not fit in 8 bits",
      "2:3:4 error value 300 does not fit in 8 bits",
      "3:2:4 error value 300 does not fit in 8 bits",
    ]);
  });

  it("repeats whole lines inside .rept", () => {
    expect(sectionHex("call f\ncall f\n.rept 2\ncall f\n.endr\ncall f\n")).toBe("e8fcffffff".repeat(5));
  });

  it("replays the same in sources that are not ASCII", () => {
    const body = "movl $a, %eax\ncall f\nmovl $5, 8(%esp)\njmp .L1\n".repeat(3) + ".L1:\n";
    const plain = assemble(`# cafe\n${body}`, "t.s");
    const accented = assemble(`# caf\u00e9\n${body}`, "t.s");
    expect(plain.diagnostics).toEqual([]);
    expect(accented.diagnostics).toEqual([]);
    expect(dumpObject(accented.object!)).toEqual(dumpObject(plain.object!));
    const faulty = "\tmovb $a, %al\n".repeat(3) + ".set a, 300\n";
    expect(errors(`# caf\u00e9\n${faulty}`)).toEqual(errors(`# cafe\n${faulty}`));
  });

  it("keeps line numbers after replayed lines", () => {
    expect(errors("nop\n# comment\n\nnop\nnop ; nop\n\tnop\n  bogus\n")).toEqual(["7:3:5 error unknown instruction `bogus`"]);
  });

  it("replays jumps whatever the blanks", () => {
    // The first `jne` is tokenized and the others replay it, but for the jump to the equated `x`. The lines vary blanks, case and comments.
    const source = ".set x, .L1\njne .L1\n\tjne\t.L2\njne  .L3 # c\n  jne .L4\nJNE .L4\njne x\n.L1:\n.L2:\n.L3:\n.L4:\n";
    expect(sectionHex(source)).toBe("750a75087506750475027500");
  });

  it("reports a jump's undefined symbol at its column", () => {
    expect(errors("jne .L1\n  jne\t.L9\n.L1:\n")).toEqual(["2:7:3 error undefined local symbol `.L9`"]);
  });

  it("keeps branch fixups at the replayed line", () => {
    const source = "jecxz .L1\n.zero 10\njecxz .L1\n.zero 200\n.L1:\n";
    expect(errors(source)).toEqual([
      "1:1:5 error branch displacement 212 does not fit in 8 bits",
      "3:1:5 error branch displacement 200 does not fit in 8 bits",
    ]);
  });
});

// Labels alone and plain `.loc` statements are also read without tokens.
describe("untokenized labels and .loc", () => {
  it("reports a redefined label", () => {
    expect(errors("foo:\nnop\n  foo:  # again\n")).toEqual(["3:3:3 error symbol `foo` is already defined (first defined on line 1)"]);
  });

  it("reports a .loc file without .file", () => {
    expect(errors('.file 1 "a.c"\n.loc 1 2 3\nnop\n.loc 1 4\nnop\n.loc 2 5 6\nnop\n')).toEqual([
      '6:6:1 error file number 2 has no `.file 2 "name"` directive',
    ]);
  });

  it("reports .loc numbers out of range", () => {
    expect(errors(".loc 70000 2\nnop\n")).toEqual(["1:6:5 error the file number 70000 is out of range: expected 0 to 65535"]);
    expect(errors(".loc 0 2 3\nnop\n")).toEqual(['1:6:1 error file number 0 needs `.file 0 "directory" "name"` first']);
  });

  it("rejects a directive that starts with .loc", () => {
    expect(errors(".loc1 2 3\nnop\n")).toEqual(["1:1:5 error unknown directive `.loc1`"]);
  });

  it("matches .loc rows of tokenized options", () => {
    const file = '.file 1 "a.c"\n';
    const plain = assemble(`${file}.loc 1 2 3\nnop\n.loc 1 4\nnop\n`, "t.s");
    const tokenized = assemble(`${file}.loc 1 2 3 is_stmt 1\nnop\n.loc 1 4 is_stmt 1\nnop\n`, "t.s");
    expect(plain.diagnostics).toEqual([]);
    expect(tokenized.diagnostics).toEqual([]);
    const lines = (bytes: Uint8Array): string => dumpObject(bytes).sections.find((s) => s.name === ".debug_line")!.data;
    expect(lines(plain.object!)).toBe(lines(tokenized.object!));
  });
});

// Replay stops once any macro is defined, because a macro may replace a mnemonic. So the same
// source after an unused macro is assembled statement by statement.
const REPLAY_OFF = ".macro replay_off\n.endm\n";

const MNEMONICS = ["jmp", "jmp", "je", "jne", "jl", "jge", "jb", "ja", "jz", "js", "jle", "jg", "jbe", "jo"];
const OTHER_LINES = ["movl\t$1, %eax", "addl\t%ecx, %eax", "cmpl\t$0, %eax", "ret", "nop", "movl\t4(%esp), %edx", "call\tf"];

/**
 * Returns a random source of jumps and labels. It has named, `.L` and
 * numeric labels, jumps with varied blanks and case, and `.set` aliases of
 * labels and numbers. Padding and alignment move jumps across the rel8
 * limit, and there are externals, section switches, `.loc` rows and jumps
 * inside `.rept`. Some targets are never defined, so some sources fail.
 */
function jumpSource(random: Random): string {
  const labels = Array.from({ length: 3 + random.below(20) }, (_, i) => random.pick([`.L${i}`, `l${i}`, `_x${i}`]));
  const aliases: string[] = [];
  const defined = new Set<string>();
  const lines = ['\t.file\t1 "t.c"', "f:"];
  const target = (): string => {
    const kind = random.below(10);
    if (kind < 6) return random.pick(labels);
    if (kind < 7) return `${1 + random.below(2)}${random.pick(["f", "b"])}`;
    if (kind < 8) return random.pick(["ext1", "ext2"]);
    return aliases.length > 0 ? random.pick(aliases) : random.pick(labels);
  };
  for (let n = 20 + random.below(120); n > 0; n--) {
    const kind = random.below(100);
    const label = random.pick(labels);
    if (kind < 15 && !defined.has(label)) {
      defined.add(label);
      lines.push(`${label}:`);
    } else if (kind < 20) {
      lines.push(`${1 + random.below(2)}:`);
    } else if (kind < 55) {
      const mnemonic = random.chance(0.05) ? random.pick(MNEMONICS).toUpperCase() : random.pick(MNEMONICS);
      lines.push(random.pick([`\t${mnemonic}\t${target()}`, `\t${mnemonic} ${target()}`, `  ${mnemonic}  ${target()}`, `${mnemonic}\t${target()} # c`]));
    } else if (kind < 68) {
      lines.push(`\t.fill\t${random.pick([1, 3, 40, 100, 125, 126, 127, 128, 130])},1,0x90`);
    } else if (kind < 71) {
      lines.push(`\t.p2align\t${1 + random.below(5)}`);
    } else if (kind < 75) {
      const alias = `al${aliases.length}`;
      aliases.push(alias);
      lines.push(`\t.set\t${alias}, ${random.chance(0.8) ? random.pick(labels) : random.below(200)}`);
    } else if (kind < 78) {
      lines.push(random.pick(["\t.data", "\t.text", "\t.text"]));
    } else if (kind < 80) {
      lines.push(`\t.loc\t1 ${1 + random.below(50)}`);
    } else if (kind < 82) {
      lines.push(`\t.rept ${1 + random.below(3)}`, `\t${random.pick(MNEMONICS)}\t${target()}`, "\t.fill 20,1,0x90", "\t.endr");
    } else {
      lines.push(`\t${random.pick(OTHER_LINES)}`);
    }
  }
  lines.push("\t.text");
  for (const label of labels) if (!defined.has(label) && random.chance(0.9)) lines.push(`${label}:`);
  lines.push("1:", "2:", "\tret", "");
  return lines.join("\n");
}

describe("replayed statements against assembly without replay", () => {
  it("matches on random jumps and labels", () => {
    const random = new Random(2026);
    for (let i = 0; i < 60; i++) {
      const source = jumpSource(random);
      const replayed = assemble(source, "t.s");
      const fresh = assemble(REPLAY_OFF + source, "t.s");
      // REPLAY_OFF adds two lines before the source.
      const shifted = fresh.diagnostics.map((d) => ({ ...d, line: d.line - 2 }));
      expect(replayed.diagnostics, source).toEqual(shifted);
      expect(replayed.object, source).toEqual(fresh.object);
    }
  });
});

describe("replayed statements against GNU as", () => {
  if (!hasGnuAs) console.log(`replayed statements: ${skipReason("GNU as (as --32)")}`);

  it.skipIf(!hasGnuAs)("matches on a repetitive function", () => {
    const body = ["pushl %ebp", "movl %esp, %ebp", "movl $g, %eax", "call f", "testl %eax, %eax", "je .L2", "jmp .L3", ".L2:", "addl $4, %esp", ".L3:"];
    const source = Array.from({ length: 30 }, (_, i) => body.map((line) => line.replace(/\.L(\d)/g, `.L$1_${i}`)).join("\n")).join("\n") + "\nret\n";
    const ours = assemble(source, "t.s");
    expect(ours.diagnostics).toEqual([]);
    const { raw: _a, ...expected } = dumpObject(gnuAssemble(source));
    const { raw: _b, ...actual } = dumpObject(ours.object!);
    expect(actual).toEqual(expected);
  });
});
