// Code for GNU `asm` statements. The compiler keeps no values in registers
// between statements, so an extended asm needs no register spilling. The
// code saves the callee-saved registers the asm uses and evaluates every
// operand onto the stack. It then loads the registers that the constraints
// name and emits the template with the operands substituted. Last, it
// pushes the output registers, stores each one through its lvalue's
// address, and restores the saved registers.
import type { AsmOperand, AsmStatement, Expr } from "../ast";
import { evaluate } from "../parse/constants";
import type { Token } from "../token";
import { typeName } from "../types";
import { genAddress, genExpr } from "./expressions";
import type { Emitter } from "./emitter";

type Register = "eax" | "ebx" | "ecx" | "edx" | "esi" | "edi";

/** Allocation order for class constraints: scratch registers first, as gcc prefers. */
const REGISTERS: readonly Register[] = ["eax", "edx", "ecx", "ebx", "esi", "edi"];
const CALLEE_SAVED: readonly Register[] = ["ebx", "esi", "edi"];
const BYTE_ADDRESSABLE: readonly Register[] = ["eax", "edx", "ecx", "ebx"];
const LETTER_REGISTERS: Record<string, Register> = { a: "eax", b: "ebx", c: "ecx", d: "edx", S: "esi", D: "edi" };

const REGISTER_NAMES: Record<Register, { 1?: string; 2: string; 4: string; high?: string }> = {
  eax: { 1: "al", 2: "ax", 4: "eax", high: "ah" },
  ebx: { 1: "bl", 2: "bx", 4: "ebx", high: "bh" },
  ecx: { 1: "cl", 2: "cx", 4: "ecx", high: "ch" },
  edx: { 1: "dl", 2: "dx", 4: "edx", high: "dh" },
  esi: { 2: "si", 4: "esi" },
  edi: { 2: "di", 4: "edi" },
};

/** Clobber spellings by the 32-bit register they name. */
const CLOBBER_REGISTERS: Record<string, Register> = {
  eax: "eax", ax: "eax", al: "eax", ah: "eax", ebx: "ebx", bx: "ebx", bl: "ebx", bh: "ebx",
  ecx: "ecx", cx: "ecx", cl: "ecx", ch: "ecx", edx: "edx", dx: "edx", dl: "edx", dh: "edx",
  esi: "esi", si: "esi", edi: "edi", di: "edi",
};

/** Instruction suffixes by operand size, for the `%z` modifier. */
const SIZE_SUFFIXES: Record<number, string> = { 1: "b", 2: "w", 4: "l" };

/** Ranges of the i386 immediate constraints that restrict the value. */
const IMMEDIATE_RANGES: Record<string, [number, number]> = {
  I: [0, 31], J: [0, 63], K: [-128, 127], L: [0xff, 0xffff], M: [0, 3], N: [0, 255],
};

type Placement =
  | { kind: "register"; register: Register; pair: boolean }
  | { kind: "immediate"; text: string; value: number | undefined }
  /** `text` is the operand as written in the template, complete once `addressRegister` or `stackSlot` is known. */
  | { kind: "memory"; text: string; addressRegister?: Register; stackSlot?: number };

interface Operand {
  source: AsmOperand;
  isOutput: boolean;
  size: number;
  placement: Placement;
  /** The stack slot (push index) of the value or address that the operand's register is loaded from. */
  slot?: number;
}

/** Emits an `asm` statement. */
export function genAsm(out: Emitter, tok: Token, asm: AsmStatement): void {
  if (asm.basic) {
    out.lines.push(asm.template);
    return;
  }
  const operands = placeOperands(out, asm);
  if (!operands) return;
  const clobbered = new Set(asm.clobbers.map((c) => CLOBBER_REGISTERS[c]).filter((r) => r !== undefined));
  const used = new Set<Register>(clobbered);
  for (const o of operands) {
    if (o.placement.kind === "register") {
      used.add(o.placement.register);
      if (o.placement.pair) used.add("edx");
    }
    if (o.placement.kind === "memory" && o.placement.addressRegister) used.add(o.placement.addressRegister);
  }
  const saved = CALLEE_SAVED.filter((r) => used.has(r));
  for (const r of saved) out.push(`%${r}`);

  const depthBefore = out.depth;
  let pushes = 0;
  const push = (register = "%eax"): number => {
    out.push(register);
    return pushes++;
  };
  for (const o of operands) evaluateOperand(out, o, push);
  const slotOffset = (slot: number): number => (pushes - 1 - slot) * 4;
  for (const o of operands) loadOperand(out, o, slotOffset);

  out.lines.push(substitute(out, tok, asm, operands, uniqueNumber(out)));

  storeOutputs(out, operands, pushes);
  out.reserve(-(out.depth - depthBefore));
  for (const r of [...saved].reverse()) out.pop(`%${r}`);
}

function uniqueNumber(out: Emitter): string {
  return out.newLabel().replace(/\D/g, "");
}

function operandSize(o: AsmOperand): number {
  const type = o.expr.type;
  if (type.kind === "array" || type.kind === "function") return 4;
  return type.size;
}

/** Chooses, for every operand, an immediate, a register class or memory, then assigns the registers. */
function placeOperands(out: Emitter, asm: AsmStatement): Operand[] | undefined {
  const operands: Operand[] = [];
  const candidates: (readonly Register[] | undefined)[] = [];
  const all = [...asm.outputs.map((o) => ({ o, isOutput: true })), ...asm.inputs.map((o) => ({ o, isOutput: false }))];
  for (const { o, isOutput } of all) {
    const size = operandSize(o);
    const matched = /^[0-9]+$/.test(o.constraint) ? operands[Number(o.constraint)] : undefined;
    if (matched) {
      if (matched.placement.kind !== "register") {
        out.reporter.error(o.tok, "a matching constraint is supported only for an output in a register");
        return undefined;
      }
      operands.push({ source: o, isOutput, size, placement: matched.placement });
      candidates.push(undefined);
      continue;
    }
    const immediate = isOutput ? undefined : immediatePlacement(o);
    if (immediate) {
      operands.push({ source: o, isOutput, size, placement: immediate });
      candidates.push(undefined);
      continue;
    }
    const registers = registerCandidates(o.constraint, size);
    if (registers === "pair") {
      if (size !== 8 && size > 4) return unsupported(out, o.tok, `an operand of ${size} bytes with constraint "A"`);
      operands.push({ source: o, isOutput, size, placement: { kind: "register", register: "eax", pair: size === 8 } });
      candidates.push(["eax"]);
      continue;
    }
    if (registers.length > 0 && size <= 4 && o.expr.type.kind !== "struct") {
      operands.push({ source: o, isOutput, size, placement: { kind: "register", register: registers[0], pair: false } });
      candidates.push(registers);
      continue;
    }
    if (/[moVgX]/.test(o.constraint)) {
      operands.push({ source: o, isOutput, size, placement: memoryPlacement(o, isOutput) });
      candidates.push(undefined);
      continue;
    }
    out.reporter.error(o.tok, `impossible constraint in 'asm': "${o.constraint}" cannot hold an operand of ${size} bytes`);
    return undefined;
  }
  const clobbered = new Set(asm.clobbers.map((c) => CLOBBER_REGISTERS[c]).filter((r) => r !== undefined));
  return assignRegisters(out, operands, candidates, clobbered) ? operands : undefined;
}

function unsupported(out: Emitter, tok: Token, what: string): undefined {
  out.reporter.error(tok, `${what} is not supported in 'asm'`);
  return undefined;
}

function immediatePlacement(o: AsmOperand): Placement | undefined {
  const letters = [...o.constraint];
  const allowsAny = letters.some((l) => l === "i" || l === "n" || l === "g" || l === "X");
  const ranged = letters.filter((l) => IMMEDIATE_RANGES[l]);
  if (!allowsAny && ranged.length === 0) return undefined;
  const type = o.expr.type;
  if (type.kind !== "integer" && type.kind !== "pointer") return undefined;
  const value = evaluate(o.expr);
  if (!value) return undefined;
  const number = Number(value.value);
  if (value.symbol !== undefined) {
    if (!letters.some((l) => l === "i" || l === "g" || l === "X")) return undefined;
    const text = number === 0 ? value.symbol : `${value.symbol}${number > 0 ? "+" : ""}${number}`;
    return { kind: "immediate", text, value: undefined };
  }
  const fits = allowsAny || ranged.some((l) => number >= IMMEDIATE_RANGES[l][0] && number <= IMMEDIATE_RANGES[l][1]);
  return fits ? { kind: "immediate", text: String(number), value: number } : undefined;
}

/** Lists the registers a constraint allows in allocation order, or returns "pair" for `A` (%edx:%eax). */
function registerCandidates(constraint: string, size: number): readonly Register[] | "pair" {
  if (constraint.includes("A")) return "pair";
  const set = new Set<Register>();
  for (const letter of constraint) {
    if (LETTER_REGISTERS[letter]) set.add(LETTER_REGISTERS[letter]);
    if (letter === "q" || letter === "Q") BYTE_ADDRESSABLE.forEach((r) => set.add(r));
    if (letter === "r" || letter === "R" || letter === "g" || letter === "X") {
      (size === 1 ? BYTE_ADDRESSABLE : REGISTERS).forEach((r) => set.add(r));
    }
  }
  return REGISTERS.filter((r) => set.has(r));
}

/** Memory at an address known at assembly time (`8(%ebp)`, `count+4`), or one loaded into a register. */
function memoryPlacement(o: AsmOperand, isOutput: boolean): Placement {
  const fixed = fixedAddress(o.expr);
  if (fixed) return { kind: "memory", text: fixed };
  if (!isOutput && !isAddressable(o.expr)) return { kind: "memory", text: "", stackSlot: -1 };
  return { kind: "memory", text: "", addressRegister: "eax" };
}

function isAddressable(e: Expr): boolean {
  return e.kind === "variable" || e.kind === "deref" || e.kind === "member" || e.kind === "string";
}

function fixedAddress(e: Expr): string | undefined {
  if (e.kind === "variable") return e.variable.isLocal ? `${e.variable.offset}(%ebp)` : e.variable.asmName;
  if (e.kind === "string") return e.literal.label;
  if (e.kind === "member") {
    const base = fixedAddress(e.base);
    if (!base || e.member.bitField) return undefined;
    const frame = /^(-?\d+)\(%ebp\)$/.exec(base);
    if (frame) return `${Number(frame[1]) + e.member.offset}(%ebp)`;
    const symbol = /^(.*?)(?:\+(\d+))?$/.exec(base)!;
    const offset = Number(symbol[2] ?? 0) + e.member.offset;
    return offset === 0 ? symbol[1] : `${symbol[1]}+${offset}`;
  }
  return undefined;
}

/**
 * Gives each register operand a register from its class, fixed
 * single-register classes first. Inputs are loaded before the template and
 * outputs read after it, so an output may share an input's register, as in
 * gcc, unless it is early-clobbered (`&`) or also an input (`+`).
 */
function assignRegisters(
  out: Emitter, operands: Operand[], candidates: (readonly Register[] | undefined)[], clobbered: Set<Register>,
): boolean {
  const byOutputs = new Set<Register>();
  const byInputs = new Set<Register>();
  // An output that a digit constraint names is also an input.
  const matched = new Set(operands.filter((o) => !o.isOutput && /^[0-9]+$/.test(o.source.constraint)).map((o) => Number(o.source.constraint)));
  const order = operands.map((_, i) => i).filter((i) => candidates[i]);
  order.sort((a, b) => candidates[a]!.length - candidates[b]!.length);
  for (const i of order) {
    const o = operands[i];
    const placement = o.placement as Extract<Placement, { kind: "register" }>;
    const readsInputs = !o.isOutput || o.source.readWrite || matched.has(i);
    const exclusive = readsInputs || o.source.earlyClobber;
    const busy = (r: Register): boolean =>
      clobbered.has(r) || (o.isOutput && byOutputs.has(r)) || (exclusive && byInputs.has(r)) || (readsInputs && byOutputs.has(r) && earlyClobbered(operands, r));
    const free = candidates[i]!.find((r) => !busy(r) && !(placement.pair && busy("edx")));
    if (!free) {
      out.reporter.error(o.source.tok, "'asm' operand has impossible constraints: no free register left for it");
      return false;
    }
    placement.register = free;
    const claimed: Register[] = placement.pair ? [free, "edx"] : [free];
    for (const r of claimed) {
      if (o.isOutput) byOutputs.add(r);
      if (exclusive) byInputs.add(r);
    }
  }
  const taken = new Set<Register>([...clobbered, ...byOutputs, ...byInputs]);
  for (const o of operands) {
    if (o.placement.kind !== "memory" || !o.placement.addressRegister) continue;
    const free = REGISTERS.find((r) => !taken.has(r));
    if (!free) {
      out.reporter.error(o.source.tok, "'asm' operand has impossible constraints: no register left for a memory operand's address");
      return false;
    }
    o.placement.addressRegister = free;
    o.placement.text = `(%${free})`;
    taken.add(free);
  }
  return true;
}

/** True when `register` is already assigned to an early-clobbered output. */
function earlyClobbered(operands: Operand[], register: Register): boolean {
  return operands.some((o) => o.isOutput && o.source.earlyClobber && o.placement.kind === "register" && o.placement.register === register);
}

/**
 * Pushes what the operand needs at the asm: an address for outputs and
 * lvalues in memory, a value for register inputs and for other memory
 * inputs. An 8-byte value, in %edx:%eax, takes two slots with the low half
 * at the lower address, and `slot` is the low half's.
 */
function evaluateOperand(out: Emitter, o: Operand, push: (register?: string) => number): void {
  const { placement, source } = o;
  if (placement.kind === "immediate") return;
  const wideValue = !o.isOutput && o.size === 8;
  if (placement.kind === "memory" && placement.addressRegister) {
    genAddress(out, source.expr);
    o.slot = push();
    return;
  }
  if (placement.kind === "memory" && placement.stackSlot === undefined) return;
  if (o.isOutput) {
    genAddress(out, source.expr);
    o.slot = push();
    return;
  }
  const type = source.expr.type;
  if (type.kind !== "integer" && type.kind !== "pointer") {
    out.reporter.error(source.tok, `an 'asm' input of type '${typeName(type)}' is supported only as an lvalue in memory`);
    return;
  }
  genExpr(out, source.expr);
  if (wideValue) push("%edx");
  o.slot = push();
}

/** Loads registers from the pushed slots once every operand is evaluated. */
function loadOperand(out: Emitter, o: Operand, slotOffset: (slot: number) => number): void {
  const { placement } = o;
  if (o.slot === undefined) return;
  const from = `${slotOffset(o.slot)}(%esp)`;
  if (placement.kind === "memory") {
    if (placement.addressRegister) out.ins("movl", `${from}, %${placement.addressRegister}`);
    else placement.text = from;
    return;
  }
  if (placement.kind !== "register") return;
  const register = `%${placement.register}`;
  const isInput = !o.isOutput;
  const readsOutput = o.isOutput && o.source.readWrite;
  if (placement.pair && o.size === 8) {
    if (isInput) {
      out.ins("movl", `${from}, %eax`);
      out.ins("movl", `${slotOffset(o.slot) + 4}(%esp), %edx`);
      return;
    }
    if (!readsOutput) return;
    out.ins("movl", `${from}, %edx`);
    out.ins("movl", "(%edx), %eax");
    out.ins("movl", "4(%edx), %edx");
    return;
  }
  if (isInput) {
    out.ins("movl", `${from}, ${register}`);
    return;
  }
  if (!readsOutput) return;
  out.ins("movl", `${from}, ${register}`);
  if (o.size === 1) out.ins("movzbl", `(${register}), ${register}`);
  else if (o.size === 2) out.ins("movzwl", `(${register}), ${register}`);
  else out.ins("movl", `(${register}), ${register}`);
}

/** Pushes the output registers, then stores each through its address slot. */
function storeOutputs(out: Emitter, operands: Operand[], pushesBefore: number): void {
  const outputs = operands.filter((o) => o.isOutput && o.placement.kind === "register");
  if (outputs.length === 0) return;
  const valueSlots: number[] = [];
  let pushes = pushesBefore;
  for (const o of outputs) {
    const placement = o.placement as Extract<Placement, { kind: "register" }>;
    if (placement.pair && o.size === 8) {
      out.push("%edx");
      pushes++;
    }
    out.push(`%${placement.register}`);
    valueSlots.push(pushes++);
  }
  const offset = (slot: number): number => (pushes - 1 - slot) * 4;
  outputs.forEach((o, i) => {
    const placement = o.placement as Extract<Placement, { kind: "register" }>;
    out.ins("movl", `${offset(o.slot!)}(%esp), %ecx`);
    out.ins("movl", `${offset(valueSlots[i])}(%esp), %eax`);
    if (o.size === 1) out.ins("movb", "%al, (%ecx)");
    else if (o.size === 2) out.ins("movw", "%ax, (%ecx)");
    else out.ins("movl", "%eax, (%ecx)");
    if (placement.pair && o.size === 8) {
      out.ins("movl", `${offset(valueSlots[i]) + 4}(%esp), %eax`);
      out.ins("movl", "%eax, 4(%ecx)");
    }
  });
}

/** Replaces `%N`, `%[name]`, their modifiers, `%%` and `%=` in the template. */
function substitute(out: Emitter, tok: Token, asm: AsmStatement, operands: Operand[], unique: string): string {
  const names = operands.map((o) => o.source.name);
  return asm.template.replace(/%(%|=|([a-zA-Z]?)(?:\[([A-Za-z_][A-Za-z0-9_]*)\]|([0-9]+)))/g, (all, _x, modifier: string, name?: string, number?: string) => {
    if (all === "%%") return "%";
    if (all === "%=") return unique;
    const index = name !== undefined ? names.indexOf(name) : Number(number);
    const o = operands[index];
    if (!o) {
      out.reporter.error(tok, `operand '${name ?? number}' in 'asm' template is out of range`);
      return all;
    }
    return operandText(out, tok, o, modifier);
  });
}

function operandText(out: Emitter, tok: Token, o: Operand, modifier: string): string {
  const { placement } = o;
  if (placement.kind === "immediate") {
    if (modifier === "c" || modifier === "P") return placement.text;
    if (modifier === "n" && placement.value !== undefined) return String(-placement.value);
    return `$${placement.text}`;
  }
  if (modifier === "z") return SIZE_SUFFIXES[o.size] ?? "l";
  if (placement.kind === "memory") return placement.text;
  const names = REGISTER_NAMES[placement.register];
  let name: string | undefined;
  switch (modifier) {
    case "b": name = names[1]; break;
    case "h": name = names.high; break;
    case "w": name = names[2]; break;
    case "k": name = names[4]; break;
    case "": name = o.size === 1 ? names[1] : o.size === 2 ? names[2] : names[4]; break;
    default:
      out.reporter.error(tok, `operand modifier '%${modifier}' in 'asm' is not supported; use b, h, w, k, c, n, P or z`);
      return names[4];
  }
  if (!name) {
    out.reporter.error(tok, `register %${placement.register} has no ${modifier === "h" ? "high byte" : "byte"} form for '%${modifier}'`);
    return names[4];
  }
  return `%${name}`;
}
