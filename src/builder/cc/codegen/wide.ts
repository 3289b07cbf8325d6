// Code for the 8-byte integer types (`long long`, `unsigned long long`),
// whose values live in %edx:%eax (high:low). A binary operator pushes both
// operands, so the right one is at 0(%esp) and the left one at 8(%esp).
// Division and remainder call the library OS's libgcc-compatible helpers.
import type { ExprOf } from "../ast";
import type { Member, Type } from "../types";
import type { Emitter } from "./emitter";
import { genExpr } from "./expressions";

const WIDE_HELPERS: Record<string, [signed: string, unsigned: string]> = {
  "/": ["__divdi3", "__udivdi3"],
  "%": ["__moddi3", "__umoddi3"],
};

const SIGNED_SET: Record<string, string> = { "<": "setl", "<=": "setle", ">": "setg", ">=": "setge" };
const UNSIGNED_SET: Record<string, string> = { "<": "setb", "<=": "setbe", ">": "seta", ">=": "setae" };

export function pushWide(out: Emitter): void {
  out.push("%edx");
  out.push("%eax");
}

export function popWide(out: Emitter): void {
  out.pop("%eax");
  out.pop("%edx");
}

/** Computes a binary operator whose left operand has an 8-byte integer type. */
export function genWideBinary(out: Emitter, e: ExprOf<"binary">): void {
  const unsigned = e.left.type.kind === "integer" && e.left.type.unsigned;
  genExpr(out, e.left);
  pushWide(out);
  if (e.op === "<<" || e.op === ">>") {
    genExpr(out, e.right);
    out.ins("movl", "%eax, %ecx");
    popWide(out);
    shiftWide(out, e.op, unsigned);
    return;
  }
  genExpr(out, e.right);
  pushWide(out);
  switch (e.op) {
    case "+":
    case "-":
    case "&":
    case "|":
    case "^": {
      const [low, high] = {
        "+": ["addl", "adcl"], "-": ["subl", "sbbl"], "&": ["andl", "andl"], "|": ["orl", "orl"], "^": ["xorl", "xorl"],
      }[e.op];
      out.ins("movl", "8(%esp), %eax");
      out.ins("movl", "12(%esp), %edx");
      out.ins(low, "(%esp), %eax");
      out.ins(high, "4(%esp), %edx");
      break;
    }
    case "*":
      // (a.hi*b.lo + a.lo*b.hi) << 32 + a.lo*b.lo, keeping 64 bits.
      out.ins("movl", "8(%esp), %ecx");
      out.ins("imull", "4(%esp), %ecx");
      out.ins("movl", "12(%esp), %eax");
      out.ins("imull", "(%esp), %eax");
      out.ins("addl", "%eax, %ecx");
      out.ins("movl", "8(%esp), %eax");
      out.ins("mull", "(%esp)");
      out.ins("addl", "%ecx, %edx");
      break;
    case "/":
    case "%": {
      // The helpers take (left, right): push a copy of the left operand below the right one.
      // NOTE: %esp is not 16-byte aligned at this call; the libos helpers are plain C that do not need it.
      out.ins("pushl", "12(%esp)");
      out.ins("pushl", "12(%esp)");
      out.depth += 8;
      out.ins("call", WIDE_HELPERS[e.op][unsigned ? 1 : 0]);
      out.reserve(-8);
      break;
    }
    case "==":
    case "!=":
      out.ins("movl", "8(%esp), %eax");
      out.ins("movl", "12(%esp), %edx");
      out.ins("xorl", "(%esp), %eax");
      out.ins("xorl", "4(%esp), %edx");
      out.ins("orl", "%edx, %eax");
      out.ins(e.op === "==" ? "sete" : "setne", "%al");
      out.ins("movzbl", "%al, %eax");
      break;
    default: {
      // The high words decide unless they are equal; then the low words decide, compared unsigned.
      const highDiffers = out.newLabel();
      const done = out.newLabel();
      out.ins("movl", "12(%esp), %edx");
      out.ins("cmpl", "4(%esp), %edx");
      out.ins("jne", highDiffers);
      out.ins("movl", "8(%esp), %eax");
      out.ins("cmpl", "(%esp), %eax");
      out.ins(UNSIGNED_SET[e.op], "%al");
      out.ins("jmp", done);
      out.label(highDiffers);
      out.ins((unsigned ? UNSIGNED_SET : SIGNED_SET)[e.op], "%al");
      out.label(done);
      out.ins("movzbl", "%al, %eax");
    }
  }
  out.reserve(-16);
}

/** Shifts %edx:%eax by %cl (taken modulo 64, as the count of a well-defined shift is below 64). */
function shiftWide(out: Emitter, op: "<<" | ">>", unsigned: boolean): void {
  const done = out.newLabel();
  if (op === "<<") {
    out.ins("shldl", "%cl, %eax, %edx");
    out.ins("shll", "%cl, %eax");
    out.ins("testb", "$32, %cl");
    out.ins("je", done);
    out.ins("movl", "%eax, %edx");
    out.ins("xorl", "%eax, %eax");
  } else {
    out.ins("shrdl", "%cl, %edx, %eax");
    out.ins(unsigned ? "shrl" : "sarl", "%cl, %edx");
    out.ins("testb", "$32, %cl");
    out.ins("je", done);
    out.ins("movl", "%edx, %eax");
    if (unsigned) out.ins("xorl", "%edx, %edx");
    else out.ins("sarl", "$31, %edx");
  }
  out.label(done);
}

export function genWideUnary(out: Emitter, op: "neg" | "bitnot"): void {
  if (op === "neg") {
    out.ins("negl", "%eax");
    out.ins("adcl", "$0, %edx");
    out.ins("negl", "%edx");
  } else {
    out.ins("notl", "%eax");
    out.ins("notl", "%edx");
  }
}

/** Extends the 32-bit value in %eax of type `from` (an integer or a pointer) to %edx:%eax. */
export function widen(out: Emitter, from: Type): void {
  if (from.kind === "integer" && !from.unsigned) out.ins("cltd");
  else out.ins("xorl", "%edx, %edx");
}

/** Loads the 32-bit words of a bigint constant into %edx:%eax. */
export function loadWideConstant(out: Emitter, value: bigint): void {
  const low = Number(BigInt.asIntN(32, value));
  const high = Number(BigInt.asIntN(32, value >> 32n));
  out.ins("movl", `$${low}, %eax`);
  out.ins("movl", `$${high}, %edx`);
}

/** Shifts %edx:%eax by a constant count below 64. */
function shiftWideConstant(out: Emitter, op: "<<" | ">>", count: number, unsigned: boolean): void {
  if (count === 0) return;
  if (count < 32) {
    if (op === "<<") {
      out.ins("shldl", `$${count}, %eax, %edx`);
      out.ins("shll", `$${count}, %eax`);
    } else {
      out.ins("shrdl", `$${count}, %edx, %eax`);
      out.ins(unsigned ? "shrl" : "sarl", `$${count}, %edx`);
    }
    return;
  }
  if (op === "<<") {
    out.ins("movl", "%eax, %edx");
    out.ins("xorl", "%eax, %eax");
    if (count > 32) out.ins("shll", `$${count - 32}, %edx`);
  } else if (unsigned) {
    out.ins("movl", "%edx, %eax");
    out.ins("xorl", "%edx, %edx");
    if (count > 32) out.ins("shrl", `$${count - 32}, %eax`);
  } else {
    out.ins("movl", "%edx, %eax");
    out.ins("sarl", "$31, %edx");
    if (count > 32) out.ins("sarl", `$${count - 32}, %eax`);
  }
}

/**
 * Loads a bit-field's storage unit of `size` bytes (5 to 8; a packed record
 * gives units shorter than 8) from the address in %eax into %edx:%eax,
 * zero-filling the bytes past the unit, so no byte outside it is read.
 */
export function loadWideUnit(out: Emitter, size: number): void {
  if (size === 8) out.ins("movl", "4(%eax), %edx");
  else if (size === 6) out.ins("movzwl", "4(%eax), %edx");
  else if (size === 5) out.ins("movzbl", "4(%eax), %edx");
  else {
    out.ins("movzbl", "6(%eax), %edx");
    out.ins("shll", "$16, %edx");
    out.ins("movw", "4(%eax), %dx");
  }
  out.ins("movl", "(%eax), %eax");
}

/** Extracts the bit-field of an 8-byte type from its storage unit in %edx:%eax, sign- or zero-extending it. */
export function extractWideBits(out: Emitter, member: Member, width: number, bitOffset: number): void {
  const unsigned = member.type.kind === "integer" && member.type.unsigned;
  shiftWideConstant(out, "<<", 64 - bitOffset - width, unsigned);
  shiftWideConstant(out, ">>", 64 - width, unsigned);
}

/**
 * Stores %edx:%eax into the bit-field of an 8-byte type whose storage
 * unit's address is on top of the stack (popped), changing only the
 * field's bits in memory. Leaves the field's new value in %edx:%eax.
 */
export function storeWideBitField(out: Emitter, member: Member): void {
  const { width, bitOffset, storageSize } = member.bitField!;
  const fieldMask = (1n << BigInt(width)) - 1n;
  const unitMask = fieldMask << BigInt(bitOffset);
  const word = (value: bigint, shift: bigint) => Number(BigInt.asIntN(32, value >> shift));
  out.pop("%ecx");
  pushWide(out);
  out.ins("andl", `$${word(fieldMask, 0n)}, %eax`);
  out.ins("andl", `$${word(fieldMask, 32n)}, %edx`);
  shiftWideConstant(out, "<<", bitOffset, true);
  out.ins("andl", `$${word(~unitMask, 0n)}, (%ecx)`);
  out.ins("orl", "%eax, (%ecx)");
  storeHighBytes(out, word(~unitMask, 32n), storageSize - 4);
  popWide(out);
  extractWideBits(out, member, width, 0);
}

/**
 * Merges the field bits in %edx into the `count` bytes (1 to 4) at
 * 4(%ecx), keeping the other bits (`keepMask`); clobbers %edx. Bytes past
 * `count` are not touched: a packed record's unit can end there.
 */
function storeHighBytes(out: Emitter, keepMask: number, count: number): void {
  if (count === 4) {
    out.ins("andl", `$${keepMask}, 4(%ecx)`);
    out.ins("orl", "%edx, 4(%ecx)");
    return;
  }
  if (count >= 2) {
    out.ins("andw", `$${(keepMask << 16) >> 16}, 4(%ecx)`);
    out.ins("orw", "%dx, 4(%ecx)");
  }
  if (count !== 2) {
    const at = count === 1 ? 4 : 6;
    if (count === 3) out.ins("shrl", "$16, %edx");
    out.ins("andb", `$${(keepMask << (32 - 8 * (at - 3))) >> 24}, ${at}(%ecx)`);
    out.ins("orb", `%dl, ${at}(%ecx)`);
  }
}
