// The lower layers used without assembly text: the instruction encoder
// with symbolic values, and the ELF object writer.
import { describe, expect, it } from "vitest";
import { R_386_32, R_386_PC32, SHF_ALLOC, SHF_EXECINSTR, SHT_PROGBITS, STB_GLOBAL, STB_LOCAL, STT_FUNC, STT_NOTYPE } from "../../src/builder/elf/constants";
import {
  ObjectWriter,
  encodeInstruction,
  findRegister,
  type EncodeOptions,
  type EncodedInstruction,
  type Operand,
} from "../../src/builder/x86";
import { dumpObject, hasGnuLd, runInTempDir, skipReason } from "./gnu";

const eax = findRegister("eax")!;
const ebp = findRegister("ebp")!;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** Encodes an instruction that must encode, failing the test with the encoder's message otherwise. */
function encode(mnemonic: string, operands: Operand<string>[], options: EncodeOptions = {}): EncodedInstruction<string> {
  const result = encodeInstruction(mnemonic, operands, options);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("encodeInstruction", () => {
  it("encodes register and memory operands", () => {
    const operands: Operand<string>[] = [
      { kind: "memory", base: ebp, scale: 1, displacement: { constant: -8 } },
      { kind: "register", register: eax },
    ];
    expect(hex(encode("movl", operands).bytes)).toBe("8b45f8");
  });

  it("returns a fixup for a symbolic immediate", () => {
    const result = encode("movl", [
      { kind: "immediate", value: { constant: 4, reference: "table" } },
      { kind: "register", register: eax },
    ]);
    expect(hex(result.bytes)).toBe("b800000000");
    expect(result.fixups).toEqual([{ offset: 1, size: 4, pcRelative: false, value: { constant: 4, reference: "table" } }]);
  });

  it("encodes short and near branches on request", () => {
    const target: Operand<string>[] = [{ kind: "memory", scale: 1, displacement: { constant: 0, reference: "loop" } }];
    const short = encode("jne", target, { branchSize: 1 });
    const near = encode("jne", target, { branchSize: 4 });
    expect(hex(short.bytes)).toBe("7500");
    expect(short.fixups).toEqual([{ offset: 1, size: 1, pcRelative: true, value: { constant: 0, reference: "loop" } }]);
    expect(hex(near.bytes)).toBe("0f8500000000");
    expect(near.fixups[0]!.offset).toBe(2);
    expect(near.fixups[0]!.size).toBe(4);
  });

  it("puts prefixes in GNU as order", () => {
    expect(hex(encode("movsw", [], { prefixes: ["rep"] }).bytes)).toBe("66f3a5");
  });

  it("reports failures with the operand index", () => {
    const result = encodeInstruction("movl", [
      { kind: "register", register: findRegister("ax")! },
      { kind: "register", register: eax },
    ]);
    expect(result).toEqual({
      ok: false,
      operand: 0,
      message: "invalid operand size: `%ax` is 16-bit but `movl` needs a 32-bit operand here",
    });
    expect(encodeInstruction("frobnicate", [])).toEqual({ ok: false, message: "unknown instruction `frobnicate`" });
  });
});

describe("ObjectWriter", () => {
  function buildObject(): Uint8Array {
    const writer = new ObjectWriter();
    // _start: call helper; movl $_start, %eax; ret
    const text = writer.addSection({
      name: ".text",
      type: SHT_PROGBITS,
      flags: SHF_ALLOC | SHF_EXECINSTR,
      addralign: 16,
      data: Uint8Array.from([0xe8, 0xfc, 0xff, 0xff, 0xff, 0xb8, 0, 0, 0, 0, 0xc3]),
    });
    const helper = writer.addSymbol({ name: "helper", value: 0, size: 0, type: STT_NOTYPE, binding: STB_GLOBAL, place: "undefined" });
    writer.addSymbol({ name: "_start", value: 0, size: 11, type: STT_FUNC, binding: STB_GLOBAL, place: text });
    writer.addSymbol({ name: "local_mark", value: 10, size: 0, type: STT_NOTYPE, binding: STB_LOCAL, place: text });
    writer.addRelocation(text, { offset: 1, type: R_386_PC32, symbol: helper });
    writer.addRelocation(text, { offset: 6, type: R_386_32, symbol: writer.sectionSymbol(text) });
    return writer.write();
  }

  it("writes sections, symbols and relocations", () => {
    const dump = dumpObject(buildObject());
    expect(dump.sections.map((s) => [s.name, s.addralign, s.size])).toEqual([[".text", 16, 11]]);
    expect(dump.relocations).toEqual({ ".text": ["0x1 type=2 helper", "0x6 type=1 .text"] });
    expect(dump.symbols).toEqual([
      ".text value=0 size=0 type=3 bind=0 vis=0 section=.text",
      "_start value=0 size=11 type=2 bind=1 vis=0 section=.text",
      "helper value=0 size=0 type=0 bind=1 vis=0 section=UND",
      "local_mark value=10 size=0 type=0 bind=0 vis=0 section=.text",
    ]);
    expect(dump.symbolOrderValid).toBe(true);
  });

  if (!hasGnuLd) console.log(`ObjectWriter link: ${skipReason("GNU ld (ld -m elf_i386)")}`);
  it.skipIf(!hasGnuLd)("links with GNU ld", () => {
    const image = runInTempDir(
      { "a.o": buildObject() },
      "ld",
      ["-m", "elf_i386", "-static", "-nostdlib", "--defsym=helper=0x200000", "-Ttext=0x100000", "-o", "a.elf", "a.o"],
      "a.elf",
    );
    // The call lands on helper, and the immediate is _start's address.
    const code = image.subarray(0x1000, 0x100b);
    const view = new DataView(code.buffer, code.byteOffset);
    expect(view.getInt32(1, true)).toBe(0x200000 - 0x100005);
    expect(view.getUint32(6, true)).toBe(0x100000);
  });
});
