// GNU `asm` statements: basic (`asm("cli")`) and extended, with output and
// input operands, constraints and clobbers. The parser checks what it can
// report at a token (constraint letters, lvalues, operand names); the code
// generator in codegen/asm.ts assigns registers.
import type { AsmOperand, AsmStatement, Expr } from "../ast";
import { decodeStringLiteral } from "../literals";
import type { Token } from "../token";
import { isInteger, isScalar, typeName } from "../types";
import { evaluate } from "./constants";
import { decay, isLvalue } from "./conversions";
import { expression } from "./expressions";
import { describe, type Parser } from "./parser";

const ASM_KEYWORDS = new Set(["asm", "__asm__", "__asm"]);
const QUALIFIERS = new Set(["volatile", "__volatile__", "__volatile", "inline", "__inline__", "__inline"]);

/** Maximum operands of one `asm`, as in gcc. */
export const MAX_ASM_OPERANDS = 30;

/** Letters this compiler accepts in constraints; see codegen/asm.ts for what each allows. */
const CONSTRAINT_LETTERS = new Set([..."abcdSDAqQrRgmoViInNIJKLMX0123456789"]);

export function isAsmKeyword(tok: Token): boolean {
  return tok.kind === "identifier" && ASM_KEYWORDS.has(tok.text);
}

/** Concatenates adjacent string literals into the text they spell. */
export function asmString(p: Parser, what: string): { text: string; tok: Token } {
  const tok = p.tok;
  if (tok.kind !== "string") p.reporter.fail(tok, `expected a string literal (${what}) before ${describe(tok)}`);
  let text = "";
  while (p.tok.kind === "string") {
    const part = p.next();
    const decoded = decodeStringLiteral(part);
    if ("error" in decoded) p.reporter.error(part, decoded.error);
    else text += String.fromCharCode(...decoded.bytes);
  }
  return { text, tok };
}

/*
 * asm-statement = asm-keyword asm-qualifier* "(" string-literal+
 *                 (":" operands? (":" operands? (":" clobbers?)?)?)? ")"
 * operands = operand ("," operand)*
 * operand = ("[" identifier "]")? string-literal "(" expression ")"
 * clobbers = string-literal ("," string-literal)*
 */
export function asmStatement(p: Parser): AsmStatement {
  p.next();
  while (p.tok.kind === "identifier" && QUALIFIERS.has(p.tok.text)) p.next();
  if (p.is("goto")) p.reporter.fail(p.tok, "'asm goto' is not supported");
  p.expect("(");
  const template = asmString(p, "the assembler template");
  const asm: AsmStatement = { template: template.text, basic: true, outputs: [], inputs: [], clobbers: [] };
  if (p.consume(":")) {
    asm.basic = false;
    asm.outputs = operands(p, true);
    if (p.consume(":")) {
      asm.inputs = operands(p, false);
      if (p.consume(":")) asm.clobbers = clobbers(p);
    }
  }
  if (p.is(":")) p.reporter.fail(p.tok, "'asm goto' labels are not supported");
  p.expect(")");
  if (!asm.basic) checkOperands(p, template.tok, asm);
  return asm;
}

function operands(p: Parser, isOutput: boolean): AsmOperand[] {
  const list: AsmOperand[] = [];
  if (p.is(":") || p.is(")")) return list;
  do {
    let name: string | undefined;
    if (p.consume("[")) {
      name = p.expectIdentifier("an operand name").text;
      p.expect("]");
    }
    const constraint = asmString(p, "an operand constraint");
    p.expect("(");
    const expr = expression(p);
    p.expect(")");
    list.push(operand(p, constraint.tok, constraint.text, name, expr, isOutput));
  } while (p.consume(","));
  return list;
}

function operand(p: Parser, tok: Token, text: string, name: string | undefined, expr: Expr, isOutput: boolean): AsmOperand {
  const readWrite = text.includes("+");
  const letters = text.replace(/[=+&%]/g, "");
  if (isOutput && !text.startsWith("=") && !text.startsWith("+")) {
    p.reporter.error(tok, `output operand constraint lacks '=' (write "=${letters}" or "+${letters}")`);
  }
  if (!isOutput && /[=+]/.test(text)) p.reporter.error(tok, `input operand constraint contains '${text.match(/[=+]/)![0]}'`);
  if (letters === "") p.reporter.error(tok, "empty constraint in 'asm' operand");
  for (const letter of letters) {
    if (!CONSTRAINT_LETTERS.has(letter)) {
      p.reporter.error(tok, `constraint '${letter}' in 'asm' is not supported; use one of a b c d S D A q r g m i n N I J K L M or an operand number`);
    }
  }
  if (isOutput && /[0-9]/.test(letters)) p.reporter.error(tok, "matching constraint not valid in output operand");
  const value = isOutput ? expr : decay(expr);
  if (isOutput && !isLvalue(expr)) p.reporter.error(expr.tok, "invalid lvalue in 'asm' output");
  if (!isScalar(value.type) && !/[moVgX]/.test(letters) && !isOutput) {
    p.reporter.error(expr.tok, `'asm' operand of type '${typeName(value.type)}' needs a memory constraint ("m")`);
  }
  return { name, constraint: letters, readWrite, earlyClobber: text.includes("&"), expr: value, tok };
}

const KNOWN_CLOBBERS = new Set([
  "eax", "ebx", "ecx", "edx", "esi", "edi", "ax", "bx", "cx", "dx", "si", "di", "al", "ah", "bl", "bh", "cl", "ch",
  "dl", "dh", "memory", "cc", "ebp", "bp", "esp", "sp", "st", "fpsr", "fpcr", "dirflag", "flags",
]);

function clobbers(p: Parser): string[] {
  const list: string[] = [];
  if (p.is(")") || p.is(":")) return list;
  do {
    const { text, tok } = asmString(p, "a clobber");
    const name = text.replace(/^%/, "");
    if (name === "ebp" || name === "bp" || name === "esp" || name === "sp") {
      p.reporter.error(tok, `'asm' cannot clobber '%${name}': the compiler keeps the frame in it`);
    } else if (!KNOWN_CLOBBERS.has(name) && !/^st\(\d\)$|^(x?mm)\d$/.test(name)) {
      p.reporter.error(tok, `unknown register name '${text}' in 'asm'`);
    }
    list.push(name);
  } while (p.consume(","));
  return list;
}

/** Checks what needs the whole statement: operand count, `%[name]` and `%N` references, matching constraints. */
function checkOperands(p: Parser, tok: Token, asm: AsmStatement): void {
  const all = [...asm.outputs, ...asm.inputs];
  if (all.length > MAX_ASM_OPERANDS) p.reporter.error(tok, `more than ${MAX_ASM_OPERANDS} operands in 'asm'`);
  for (const input of asm.inputs) {
    const match = /^[0-9]+$/.test(input.constraint) ? Number(input.constraint) : undefined;
    if (match !== undefined && match >= asm.outputs.length) {
      p.reporter.error(input.tok, `matching constraint references invalid operand number ${match}`);
    }
    if (/[iInNIJKLM]/.test(input.constraint) && !/[rgqabcdSDmX0-9]/.test(input.constraint)) {
      const value = isInteger(input.expr.type) || input.expr.type.kind === "pointer" ? evaluate(input.expr) : undefined;
      if (!value) p.reporter.error(input.expr.tok, "impossible constraint in 'asm': the operand must be a constant");
    }
  }
  const names = new Set(all.map((o) => o.name).filter((n) => n !== undefined));
  for (const m of asm.template.matchAll(/%%|%[a-zA-Z]?\[([A-Za-z_][A-Za-z0-9_]*)\]|%[a-zA-Z]?([0-9]+)/g)) {
    if (m[1] !== undefined && !names.has(m[1])) p.reporter.error(tok, `undefined named operand '${m[1]}'`);
    if (m[2] !== undefined && Number(m[2]) >= all.length) p.reporter.error(tok, "operand number out of range");
  }
}
