// The <stdarg.h> builtins. On i386 every argument sits on the stack in
// slots of a multiple of 4 bytes, so `va_list` is a `char *` that walks the
// slots after the last named parameter, and each builtin lowers to pointer
// arithmetic on it.
import type { Expr } from "../ast";
import type { Token } from "../token";
import { alignTo, charType, pointerTo, typeName, voidType, type Type } from "../types";
import { castTo, convertForAssignment, decay, errorNode, explicitCast, numberNode, subtract } from "./conversions";
import { typeNameSyntax } from "./declarations";
import { addressOf, assign, assignment, compoundAssign, dereference } from "./expressions";
import type { Parser } from "./parser";

const vaListType: Type = pointerTo(charType);

const BUILTINS = new Set(["__builtin_va_start", "__builtin_va_arg", "__builtin_va_end", "__builtin_va_copy"]);

export function isStdargBuiltin(tok: Token): boolean {
  return tok.kind === "identifier" && BUILTINS.has(tok.text);
}

function slotSize(type: Type): number {
  return alignTo(type.size, 4);
}

/** Parses a call of one of the builtins, the name being at the cursor. */
export function stdargBuiltin(p: Parser): Expr {
  const tok = p.next();
  p.expect("(");
  const list = assignment(p);
  checkList(p, tok, list);
  let result: Expr;
  switch (tok.text) {
    case "__builtin_va_start": {
      p.expect(",");
      const last = assignment(p);
      if (!p.fn?.type.variadic) p.reporter.error(tok, "'va_start' used in function with fixed arguments");
      // The variadic arguments start at the slot after the last named parameter.
      const start = castTo(addressOf(p, last.tok, last), vaListType);
      const next: Expr = { kind: "binary", op: "+", left: start, right: numberNode(tok, slotSize(last.type)), type: vaListType, tok };
      result = castTo(assign(p, tok, list, next), voidType);
      break;
    }
    case "__builtin_va_arg": {
      p.expect(",");
      const type = typeNameSyntax(p);
      if (type.kind === "void" || type.kind === "function" || type.size === 0) {
        p.reporter.error(tok, `invalid type '${typeName(type)}' for 'va_arg'`);
        result = errorNode(tok);
        break;
      }
      // *(T *)((ap += slot) - slot)
      const advanced = compoundAssign(p, tok, "+", list, numberNode(tok, slotSize(type)));
      const slot = subtract(p, tok, advanced, numberNode(tok, slotSize(type)));
      result = dereference(p, tok, explicitCast(p, tok, slot, pointerTo(type)));
      break;
    }
    case "__builtin_va_copy": {
      p.expect(",");
      const source = assignment(p);
      result = castTo(assign(p, tok, list, convertForAssignment(p, source.tok, source, vaListType, "assignment to")), voidType);
      break;
    }
    default:
      result = castTo(decay(list), voidType);
  }
  p.expect(")");
  return result;
}

function checkList(p: Parser, tok: Token, list: Expr): void {
  const t = decay(list).type;
  if (t.kind !== "pointer" || !(t.base.kind === "integer" && t.base.size === 1)) {
    p.reporter.error(tok, `first argument to '${tok.text}' not of type 'va_list' (have '${typeName(t)}')`);
  }
}
