// Instruction selection from the allocated IR to AT&T assembly. Two-address
// x86 forms are chosen by where the allocator put the operands: `lea` for
// an addition into a third register, `imul` with an immediate, `test` for a
// comparison with zero. A compare-and-branch terminator becomes `cmp` and
// one `jcc`, and a jump to the next block in the layout is left out.
import type { FunctionDefinition } from "../ast";
import type { Emitter, Listing } from "../codegen/emitter";
import type { Token } from "../token";
import {
  EAX, ECX, EDX, REGISTERS, type Address, type BinaryOpcode, type Block, type Condition, type Instruction, type IrFunction, type Terminator, type Value,
  type VReg,
} from "./ir";
import type { Allocation } from "./regalloc";

const BYTE = ["%al", "%cl", "%dl", "%bl"];
const WORD = ["%ax", "%cx", "%dx", "%bx", "%si", "%di"];
const CALLEE_SAVED = [3, 4, 5];
const CALLEE_SAVED_MASK = (1 << 3) | (1 << 4) | (1 << 5);
/*
 * The operand texts of register-to-register instructions, `%src, %dst`, at
 * [src * REGISTERS.length + dst]. Sharing them spares building a string
 * for the most common operands.
 */
const REGISTER_PAIRS = pairs(REGISTERS);
const BYTE_PAIRS = pairs(BYTE);
const WORD_PAIRS = pairs(WORD);
/** The ends of lines that write to a register, `, %reg` and the newline, by register number: one write in place of three. */
const TO_REGISTER = REGISTERS.map((register) => `, ${register}\n`);
/** Register sources followed by the comma, `%reg, `, for the stores of 4, 2 and 1 bytes. */
const LONG_SOURCE = REGISTERS.map((register) => `${register}, `);
const WORD_SOURCE = WORD.map((register) => `${register}, `);
const BYTE_SOURCE = BYTE.map((register) => `${register}, `);

function pairs(sources: readonly string[]): string[] {
  return sources.flatMap((source) => REGISTERS.map((target) => `${source}, ${target}`));
}

/** Returns the sign- or zero-extending move from a byte or a word: `movsbl`, `movswl`, `movzbl` or `movzwl`. */
function extendMnemonic(signed: boolean, size: 1 | 2): string {
  if (signed) return size === 1 ? "movsbl" : "movswl";
  return size === 1 ? "movzbl" : "movzwl";
}

const SWAPPED: Record<Condition, Condition> = { e: "e", ne: "ne", l: "g", g: "l", le: "ge", ge: "le", b: "a", a: "b", be: "ae", ae: "be" };
const NEGATED: Record<Condition, Condition> = { e: "ne", ne: "e", l: "ge", ge: "l", le: "g", g: "le", b: "ae", ae: "b", be: "a", a: "be" };

/*
 * Mnemonics by condition and by opcode, looked up instead of built as
 * `j${cc}` or `${opcode}l` for every instruction.
 */
const JUMP = conditionTable((cc) => `j${cc}`);
const JUMP_UNLESS = conditionTable((cc) => `j${NEGATED[cc]}`);
const SET = conditionTable((cc) => `set${cc}`);
const LONG: Record<Extract<BinaryOpcode, "and" | "or" | "xor" | "shl" | "shr" | "sar">, string> = { and: "andl", or: "orl", xor: "xorl", shl: "shll", shr: "shrl", sar: "sarl" };

function conditionTable(mnemonic: (cc: Condition) => string): Record<Condition, string> {
  const table = {} as Record<Condition, string>;
  for (const cc of Object.keys(NEGATED) as Condition[]) table[cc] = mnemonic(cc);
  return table;
}

export function emitIr(out: Emitter, def: FunctionDefinition, fn: IrFunction, alloc: Allocation): void {
  new Selection(out, def, fn, alloc).run();
}

class Selection {
  /** The label number of each block reached by a jump, by block id, or -1 for a block entered only by falling through. */
  private readonly labels: Int32Array;
  private readonly saved: number[] = [];
  private frameSize = 0;
  private spillBase = 0;
  /** The token of the last `line` marker passed to out.sourceLine(). */
  private lastMarker: Token | undefined;

  constructor(
    private readonly out: Emitter,
    private readonly def: FunctionDefinition,
    private readonly fn: IrFunction,
    private readonly alloc: Allocation,
  ) {
    this.labels = new Int32Array(fn.blockIds).fill(-1);
  }

  run(): void {
    const { out, def, fn, alloc } = this;
    // The scan stops once every callee-saved register is known to be used.
    const registerOf = alloc.registerOf;
    let used = 0;
    for (let v = 0; v < registerOf.length && used !== CALLEE_SAVED_MASK; v++) {
      const r = registerOf[v];
      if (r >= 0) used |= (1 << r) & CALLEE_SAVED_MASK;
    }
    for (const r of CALLEE_SAVED) if (used & (1 << r)) this.saved.push(r);
    // Spill slots and saved registers go below the front end's frame, keeping %esp 16-byte aligned.
    // The outgoing argument area sits at the bottom, at (%esp).
    const extra = (alloc.spillSlots + this.saved.length) * 4 + fn.outgoingBytes;
    this.spillBase = -def.frameSize;
    this.frameSize = def.frameSize + Math.ceil(extra / 16) * 16;
    // Only blocks reached by a jump get a label; the rest are entered by falling through.
    for (let i = 0; i < fn.blocks.length; i++) {
      const t = fn.blocks[i].term!, next = fn.blocks[i + 1];
      switch (t.op) {
        case "jmp":
          if (t.target !== next) this.labelTarget(t.target);
          break;
        case "br":
          if (t.then !== next) this.labelTarget(t.then);
          if (t.otherwise !== next) this.labelTarget(t.otherwise);
          break;
        case "table":
          for (const target of t.targets) this.labelTarget(target);
          this.labelTarget(t.otherwise);
          break;
      }
    }

    out.beginFunction(def);
    this.earlyReturn();
    out.ins("pushl", "%ebp");
    out.ins("movl", "%esp, %ebp");
    if (this.frameSize > 0) out.ins("subl", `$${this.frameSize}, %esp`);
    this.saved.forEach((r, i) => out.ins("movl", `${REGISTERS[r]}, ${this.savedSlot(i)}(%ebp)`));
    for (let i = 0; i < fn.blocks.length; i++) this.block(fn.blocks[i], fn.blocks[i + 1]);
    out.endFunction(def);
  }

  /**
   * Emits a test before the prologue for a function that starts with
   * `if (param cc constant) return param-or-constant;` (the base case of a
   * recursion): that return then runs without a frame, in %eax. The full
   * code after the label repeats the test.
   */
  private earlyReturn(): void {
    const { fn, out } = this;
    const entry = fn.blocks[0], t = entry.term!;
    if (this.def.resultPointer || t.op !== "br" || t.a.kind !== "reg" || t.b.kind !== "imm") return;
    const body = entry.insts.filter((inst) => inst.op !== "line");
    const load = body[0];
    if (body.length !== 1 || load.op !== "load" || load.dst !== t.a.reg || load.size !== 4 || !isParameter(load.address)) return;
    const returns = (b: Block) => {
      const r = b.term!;
      return b !== entry && b.insts.every((inst) => inst.op === "line") && r.op === "ret" && r.high === undefined &&
        (r.value === undefined || r.value.kind === "imm" || (r.value.kind === "reg" && r.value.reg === load.dst));
    };
    const early = returns(t.then) ? t.then : returns(t.otherwise) ? t.otherwise : undefined;
    if (!early) return;
    const full = out.newLabelNumber();
    // At entry the return address is at (%esp), so a parameter at d(%ebp) is at d - 4(%esp).
    out.ins("movl", `${load.address.disp - 4}(%esp), %eax`);
    out.ins(t.b.value === 0 ? "testl" : "cmpl", t.b.value === 0 ? "%eax, %eax" : `$${t.b.value}, %eax`);
    out.jump(early === t.then ? JUMP_UNLESS[t.cc] : JUMP[t.cc], full);
    const value = (early.term as Extract<Terminator, { op: "ret" }>).value;
    if (value?.kind === "imm") this.move(value, EAX);
    out.ins("ret");
    out.placeLabel(full);
  }

  /** Gives `b` a label, in the order of first reference. */
  private labelTarget(b: Block): void {
    if (this.labels[b.id] < 0) this.labels[b.id] = this.out.newLabelNumber();
  }

  private label(b: Block): number {
    const label = this.labels[b.id];
    if (label < 0) throw new Error(`internal error: jump to block ${b.id}, which has no label`);
    return label;
  }

  private savedSlot(i: number): number {
    return this.spillBase - 4 * (this.alloc.spillSlots + i + 1);
  }

  private r(v: VReg): number {
    const r = this.alloc.registerOf[v];
    if (r < 0) throw new Error(`internal error: virtual register ${v} has no register`);
    return r;
  }

  private reg(v: VReg): string {
    return REGISTERS[this.r(v)];
  }

  private value(v: Value): string {
    if (v.kind === "reg") return this.reg(v.reg);
    if (v.kind === "imm") return `$${v.value}`;
    return `$${symbolic(v.name, v.offset)}`;
  }

  /** Emits `mnemonic value, %dst`. */
  private valueToRegister(mnemonic: string, v: Value, dst: number): void {
    if (v.kind === "reg") {
      this.out.ins(mnemonic, REGISTER_PAIRS[this.r(v.reg) * REGISTERS.length + dst]);
      return;
    }
    const lines = this.out.startInstruction(mnemonic);
    this.writeConstant(lines, v);
    lines.write(TO_REGISTER[dst]);
  }

  /** Emits `mnemonic $value, %dst`. */
  private immediateToRegister(mnemonic: string, value: number, dst: number): void {
    const lines = this.out.startInstruction(mnemonic);
    lines.byte(DOLLAR);
    lines.writeInteger(value);
    lines.write(TO_REGISTER[dst]);
  }

  /** Emits `leal disp(%base), %dst`, an addition of a constant into another register. */
  private leaDisplacement(disp: number, base: number, dst: number): void {
    const lines = this.out.startInstruction("leal");
    lines.writeInteger(disp);
    lines.byte(0x28);
    lines.write(REGISTERS[base]);
    lines.byte(0x29);
    lines.write(TO_REGISTER[dst]);
  }

  /** Emits `mnemonic address, %dst`. */
  private memoryToRegister(mnemonic: string, a: Address, dst: number): void {
    const lines = this.out.startInstruction(mnemonic);
    this.writeAddress(lines, a);
    lines.write(TO_REGISTER[dst]);
  }

  /** Emits `mnemonic source, address`, where `source` is a register and its comma, such as `%eax, `, or a constant. */
  private toMemory(mnemonic: string, source: Value | string, a: Address): void {
    const lines = this.out.startInstruction(mnemonic);
    if (typeof source === "string") lines.write(source);
    else {
      this.writeConstant(lines, source);
      lines.write(", ");
    }
    this.writeAddress(lines, a);
    lines.byte(NEWLINE);
  }

  /** Emits `mnemonic address` for a single memory operand. */
  private memoryOperand(mnemonic: string, a: Address): void {
    const lines = this.out.startInstruction(mnemonic);
    this.writeAddress(lines, a);
    lines.byte(NEWLINE);
  }

  /** Writes `$value` or `$symbol+offset` for a value that is not in a register. */
  private writeConstant(lines: Listing, v: Value): void {
    lines.byte(DOLLAR);
    if (v.kind === "imm") lines.writeInteger(v.value);
    else if (v.kind === "sym") writeSymbolic(lines, v.name, v.offset);
    else throw new Error(`internal error: virtual register ${v.reg} where a constant belongs`);
  }

  /** Writes a memory operand, `symbol+disp(base,index,scale)` with the parts that are present. */
  private writeAddress(lines: Listing, a: Address): void {
    let disp = a.disp;
    if (a.spill !== undefined) disp = this.spillBase - 4 * (this.alloc.slotOf.get(a.spill)! + 1);
    // Most operands are frame slots, `disp(%ebp)`: the general form below gives the same text.
    if (a.frame && a.index === undefined && a.symbol === undefined) {
      if (disp !== 0) lines.writeInteger(disp);
      lines.write("(%ebp)");
      return;
    }
    let base = "";
    if (a.frame) base = "%ebp";
    else if (a.stack) base = "%esp";
    else if (a.base !== undefined) base = this.reg(a.base);
    const indexed = a.index !== undefined;
    if (a.symbol !== undefined) writeSymbolic(lines, a.symbol, disp);
    else if (disp !== 0 || (!base && !indexed)) lines.writeInteger(disp);
    if (!base && !indexed) return;
    lines.byte(0x28);
    lines.write(base);
    if (indexed) {
      lines.byte(0x2c);
      lines.write(this.reg(a.index!));
      if (a.scale !== 1) {
        lines.byte(0x2c);
        lines.writeInteger(a.scale);
      }
    }
    lines.byte(0x29);
  }

  private isIn(v: Value, r: number): boolean {
    return v.kind === "reg" && this.r(v.reg) === r;
  }

  private move(src: Value, dst: number): void {
    if (this.isIn(src, dst)) return;
    if (src.kind === "imm" && src.value === 0) this.out.ins("xorl", REGISTER_PAIRS[dst * REGISTERS.length + dst]);
    else this.valueToRegister("movl", src, dst);
  }

  /** Moves two values into two registers at once, exchanging them when each source sits in the other's target. */
  private moveTwo(a: Value, ra: number, b: Value, rb: number): void {
    if (this.isIn(a, rb) && this.isIn(b, ra)) {
      this.out.ins("xchgl", REGISTER_PAIRS[ra * REGISTERS.length + rb]);
    } else if (this.isIn(a, rb)) {
      this.move(a, ra);
      this.move(b, rb);
    } else {
      this.move(b, rb);
      this.move(a, ra);
    }
  }

  /** Copies register `fromA` to `toA` and `fromB` to `toB` as one parallel move. */
  private moveRegisters(fromA: number, toA: number, fromB: number, toB: number): void {
    if (toA === fromB && toB === fromA) this.out.ins("xchgl", REGISTER_PAIRS[fromA * REGISTERS.length + fromB]);
    else if (toA === fromB) { this.copyRegister(fromB, toB); this.copyRegister(fromA, toA); }
    else { this.copyRegister(fromA, toA); this.copyRegister(fromB, toB); }
  }

  private copyRegister(from: number, to: number): void {
    if (from !== to) this.out.ins("movl", REGISTER_PAIRS[from * REGISTERS.length + to]);
  }

  private block(b: Block, next: Block | undefined): void {
    const label = this.labels[b.id];
    if (label >= 0) this.out.placeLabel(label);
    const insts = b.insts;
    for (let i = 0; i < insts.length; i++) this.instruction(insts[i]);
    this.terminator(b.term!, next);
  }

  private instruction(inst: Instruction): void {
    const out = this.out;
    // Loads, the most frequent instructions, come first, since the cases are compared in order.
    switch (inst.op) {
      case "load": {
        const mnemonic = inst.size === 4 ? "movl" : extendMnemonic(inst.signed, inst.size as 1 | 2);
        this.memoryToRegister(mnemonic, inst.address, this.r(inst.dst));
        return;
      }
      case "line":
        // A marker right after one for the same token would write nothing: the emitter has that location already.
        if (inst.tok !== this.lastMarker) out.sourceLine(inst.tok);
        this.lastMarker = inst.tok;
        return;
      case "mov":
        this.move(inst.src, this.r(inst.dst));
        return;
      case "bin":
        this.binary(inst);
        return;
      case "neg":
      case "not":
        this.move(inst.a, this.r(inst.dst));
        out.ins(inst.op === "neg" ? "negl" : "notl", this.reg(inst.dst));
        return;
      case "set": {
        const d = this.r(inst.dst);
        const cc = this.compare(inst.a, inst.b, inst.cc, d);
        out.ins(SET[cc], BYTE[d]);
        out.ins("movzbl", BYTE_PAIRS[d * REGISTERS.length + d]);
        return;
      }
      case "ext": {
        const d = this.r(inst.dst);
        if (inst.a.kind !== "reg") {
          const v = inst.a.kind === "imm" ? inst.a.value : 0;
          if (inst.a.kind === "sym") {
            this.move(inst.a, d);
            this.extendInPlace(d, inst.size, inst.signed);
            return;
          }
          const bits = inst.size * 8;
          const truncated = inst.signed ? (v << (32 - bits)) >> (32 - bits) : v & ((1 << bits) - 1);
          this.move({ kind: "imm", value: truncated }, d);
          return;
        }
        const s = this.r(inst.a.reg);
        const operands = (inst.size === 1 ? BYTE_PAIRS : WORD_PAIRS)[s * REGISTERS.length + d];
        out.ins(extendMnemonic(inst.signed, inst.size), operands);
        return;
      }
      case "store": {
        const { src, address } = inst;
        if (src.kind === "reg") {
          const s = this.r(src.reg);
          if (inst.size === 4) this.toMemory("movl", LONG_SOURCE[s], address);
          else if (inst.size === 2) this.toMemory("movw", WORD_SOURCE[s], address);
          else this.toMemory("movb", BYTE_SOURCE[s], address);
        } else if (src.kind === "imm") {
          const v = src.value;
          if (inst.size === 4) this.toMemory("movl", src, address);
          else if (inst.size === 2) this.toMemory("movw", { kind: "imm", value: (v << 16) >> 16 }, address);
          else this.toMemory("movb", { kind: "imm", value: (v << 24) >> 24 }, address);
        } else {
          if (inst.size !== 4) throw new Error("internal error: narrow store of an address");
          this.toMemory("movl", src, address);
        }
        return;
      }
      case "lea":
        this.memoryToRegister("leal", inst.address, this.r(inst.dst));
        return;
      case "call":
        this.call(inst);
        return;
      case "arg": {
        const lines = out.startInstruction("movl");
        if (inst.src.kind === "reg") lines.write(LONG_SOURCE[this.r(inst.src.reg)]);
        else {
          this.writeConstant(lines, inst.src);
          lines.write(", ");
        }
        if (inst.offset !== 0) lines.writeInteger(inst.offset);
        lines.write("(%esp)\n");
        return;
      }
      case "zero":
        this.zero(inst.address, inst.size);
        return;
      case "copy":
        this.copy(inst.to, inst.from, inst.size);
        return;
    }
  }

  private extendInPlace(d: number, size: 1 | 2, signed: boolean): void {
    this.out.ins(extendMnemonic(signed, size), (size === 1 ? BYTE_PAIRS : WORD_PAIRS)[d * REGISTERS.length + d]);
  }

  /**
   * Compares `a` with `b` and returns the condition that holds when
   * `a cc b`. `scratch` is a register that may be overwritten when neither
   * operand is in a register.
   */
  private compare(a: Value, b: Value, cc: Condition, scratch?: number): Condition {
    if (a.kind !== "reg" && b.kind === "reg") {
      [a, b] = [b, a];
      cc = SWAPPED[cc];
    }
    if (a.kind !== "reg") {
      if (scratch === undefined) throw new Error("internal error: comparison of two constants reached the emitter");
      this.move(a, scratch);
      this.valueToRegister("cmpl", b, scratch);
    } else if (b.kind === "imm" && b.value === 0) {
      const r = this.r(a.reg);
      this.out.ins("testl", REGISTER_PAIRS[r * REGISTERS.length + r]);
    } else {
      this.valueToRegister("cmpl", b, this.r(a.reg));
    }
    return cc;
  }

  /**
   * Puts `a` in %eax for `div` or `mul`, and returns the register of the
   * other operand: where `b` already is, unless that is %eax, %edx or `b` is
   * a constant, in which case %ecx.
   */
  private operandsForEdxEax(a: Value, b: Value): number {
    if (b.kind === "reg" && ![EAX, ECX, EDX].includes(this.r(b.reg))) {
      this.move(a, EAX);
      return this.r(b.reg);
    }
    this.moveTwo(a, EAX, b, ECX);
    return ECX;
  }

  private binary(inst: Extract<Instruction, { op: "bin" }>): void {
    const out = this.out;
    const d = this.r(inst.dst);
    const { a, b } = inst;
    switch (inst.opcode) {
      case "sdiv": case "udiv": case "srem": case "urem": {
        const divisor = this.operandsForEdxEax(a, b);
        const signed = inst.opcode === "sdiv" || inst.opcode === "srem";
        if (signed) out.ins("cltd");
        else out.ins("xorl", "%edx, %edx");
        out.ins(signed ? "idivl" : "divl", REGISTERS[divisor]);
        const result = inst.opcode === "sdiv" || inst.opcode === "udiv" ? EAX : EDX;
        if (d !== result) out.ins("movl", REGISTER_PAIRS[result * REGISTERS.length + d]);
        return;
      }
      case "umulh": {
        // mull leaves the 64-bit product in %edx:%eax.
        out.ins("mull", REGISTERS[this.operandsForEdxEax(a, b)]);
        if (d !== EDX) out.ins("movl", REGISTER_PAIRS[EDX * REGISTERS.length + d]);
        return;
      }
      case "shl": case "shr": case "sar": {
        const mnemonic = LONG[inst.opcode];
        if (b.kind === "imm") {
          this.move(a, d);
          if ((b.value & 31) !== 0) this.immediateToRegister(mnemonic, b.value & 31, d);
          return;
        }
        this.moveTwo(b, ECX, a, d);
        out.ins(mnemonic, BYTE_PAIRS[ECX * REGISTERS.length + d]);
        return;
      }
      case "mul":
        if (b.kind === "imm") {
          if (a.kind === "reg") {
            const lines = out.startInstruction("imull");
            lines.byte(DOLLAR);
            lines.writeInteger(b.value);
            lines.write(", ");
            lines.write(REGISTERS[this.r(a.reg)]);
            lines.write(TO_REGISTER[d]);
          } else {
            this.move(a, d);
            this.immediateToRegister("imull", b.value, d);
          }
          return;
        }
        this.twoAddress("imull", d, a, b, true);
        return;
      case "add":
        if (a.kind === "reg" && !this.isIn(a, d)) {
          if (b.kind === "imm") {
            this.leaDisplacement(b.value, this.r(a.reg), d);
            return;
          }
          if (b.kind === "reg" && !this.isIn(b, d)) {
            const lines = out.startInstruction("leal");
            lines.byte(0x28);
            lines.write(REGISTERS[this.r(a.reg)]);
            lines.byte(0x2c);
            lines.write(REGISTERS[this.r(b.reg)]);
            lines.byte(0x29);
            lines.write(TO_REGISTER[d]);
            return;
          }
        }
        if (b.kind === "imm" && (b.value === 1 || b.value === -1) && (this.isIn(a, d))) {
          out.ins(b.value === 1 ? "incl" : "decl", REGISTERS[d]);
          return;
        }
        this.twoAddress("addl", d, a, b, true);
        return;
      case "sub":
        if (b.kind === "imm" && a.kind === "reg" && !this.isIn(a, d)) {
          this.leaDisplacement(-b.value | 0, this.r(a.reg), d);
          return;
        }
        this.twoAddress("subl", d, a, b, false);
        return;
      case "and": case "or": case "xor":
        this.twoAddress(LONG[inst.opcode], d, a, b, true);
    }
  }

  private twoAddress(mnemonic: string, d: number, a: Value, b: Value, commutative: boolean): void {
    if (this.isIn(a, d)) {
      this.valueToRegister(mnemonic, b, d);
    } else if (this.isIn(b, d)) {
      if (commutative) this.valueToRegister(mnemonic, a, d);
      else {
        // d = a - d
        this.out.ins("negl", REGISTERS[d]);
        this.valueToRegister("addl", a, d);
      }
    } else {
      this.move(a, d);
      this.valueToRegister(mnemonic, b, d);
    }
  }

  private call(inst: Extract<Instruction, { op: "call" }>): void {
    const out = this.out;
    if (inst.callee.kind === "sym") out.ins("call", symbolic(inst.callee.name, inst.callee.offset));
    else if (inst.callee.kind === "reg") out.ins("call", `*${this.reg(inst.callee.reg)}`);
    else out.ins("call", `*${inst.callee.value}`);
    // The callee popped the hidden result pointer; put %esp back on the outgoing area.
    if (inst.popsHidden) out.ins("subl", "$4, %esp");
    const low = inst.dst !== undefined ? this.r(inst.dst) : undefined;
    const high = inst.dstHigh !== undefined ? this.r(inst.dstHigh) : undefined;
    if (low !== undefined && high !== undefined) this.moveRegisters(EAX, low, EDX, high);
    else if (low !== undefined && low !== EAX) out.ins("movl", REGISTER_PAIRS[EAX * REGISTERS.length + low]);
    else if (high !== undefined && high !== EDX) out.ins("movl", REGISTER_PAIRS[EDX * REGISTERS.length + high]);
  }

  private zero(a: Address, size: number): void {
    const out = this.out;
    if (size > 64 && a.frame && a.base === undefined && a.index === undefined) {
      const words = Math.floor(size / 4);
      const loop = out.newLabel();
      out.ins("movl", `$${words}, %ecx`);
      out.label(loop);
      out.ins("movl", `$0, ${a.disp - 4}(%ebp,%ecx,4)`);
      out.ins("decl", "%ecx");
      out.ins("jnz", loop);
      for (let i = words * 4; i < size; i++) this.toMemory("movb", ZERO, { ...a, disp: a.disp + i });
      return;
    }
    let i = 0;
    for (; i + 4 <= size; i += 4) this.toMemory("movl", ZERO, { ...a, disp: a.disp + i });
    for (; i < size; i++) this.toMemory("movb", ZERO, { ...a, disp: a.disp + i });
  }

  /** Copies through the stack (`pushl mem; popl mem`), which needs no free register. */
  private copy(to: Address, from: Address, size: number): void {
    const out = this.out;
    let i = 0;
    for (; i + 4 <= size; i += 4) {
      this.memoryOperand("pushl", { ...from, disp: from.disp + i });
      this.memoryOperand("popl", { ...to, disp: to.disp + i });
    }
    if (i < size) {
      // The last 1 to 3 bytes: a 2-byte move that may overlap bytes already copied.
      const at = size - 2;
      this.memoryOperand("pushw", { ...from, disp: from.disp + at });
      this.memoryOperand("popw", { ...to, disp: to.disp + at });
      if (size - i === 3) {
        this.memoryOperand("pushw", { ...from, disp: from.disp + i });
        this.memoryOperand("popw", { ...to, disp: to.disp + i });
      }
    }
  }

  private terminator(t: Terminator, next: Block | undefined): void {
    const out = this.out;
    switch (t.op) {
      case "jmp":
        if (t.target !== next) out.jump("jmp", this.label(t.target));
        return;
      case "br": {
        const cc = this.compare(t.a, t.b, t.cc);
        if (t.otherwise === next) out.jump(JUMP[cc], this.label(t.then));
        else if (t.then === next) out.jump(JUMP_UNLESS[cc], this.label(t.otherwise));
        else {
          out.jump(JUMP[cc], this.label(t.then));
          out.jump("jmp", this.label(t.otherwise));
        }
        return;
      }
      case "ret":
        if (t.value && t.high) this.moveTwo(t.value, EAX, t.high, EDX);
        else if (t.value) this.move(t.value, EAX);
        this.saved.forEach((r, i) => out.ins("movl", `${this.savedSlot(i)}(%ebp), ${REGISTERS[r]}`));
        out.ins("leave");
        out.ins("ret", this.def.resultPointer ? "$4" : undefined);
        return;
      case "table": {
        const table = out.newLabel();
        const index = this.value(t.index);
        out.ins("cmpl", `$${t.targets.length - 1}, ${index}`);
        out.jump("ja", this.label(t.otherwise));
        out.ins("jmp", `*${table}(,${index},4)`);
        out.directive(".pushsection\t.rodata");
        out.directive(".align\t4");
        out.label(table);
        for (const target of t.targets) {
          out.lines.write("\t.long\t");
          out.writeLabel(this.label(target));
          out.lines.byte(NEWLINE);
        }
        out.directive(".popsection");
        return;
      }
    }
  }
}

/** Tells whether an address is an incoming parameter's slot, `d(%ebp)` with d >= 8. */
function isParameter(a: Address): boolean {
  return !!a.frame && a.base === undefined && a.index === undefined && a.symbol === undefined && a.spill === undefined && a.disp >= 8;
}

const NEWLINE = 0x0a;
const DOLLAR = 0x24;
const ZERO: Value = { kind: "imm", value: 0 };

/** Writes `name+offset`, the text that symbolic() returns. */
function writeSymbolic(lines: Listing, name: string, offset: number): void {
  lines.write(name);
  if (offset > 0) lines.byte(0x2b);
  if (offset !== 0) lines.writeInteger(offset);
}

function symbolic(name: string, offset: number): string {
  if (offset === 0) return name;
  return offset > 0 ? `${name}+${offset}` : `${name}${offset}`;
}
