// gcc's builtins for special floating constants, which <math.h> uses for
// INFINITY, HUGE_VAL and NAN: __builtin_inf/huge_val (infinity) and
// __builtin_nan("") (a quiet NaN), each with an f (float) and an l (long
// double) variant. They are constants, usable in static initializers.
import type { Expr } from "../ast";
import type { Token } from "../token";
import { doubleType, floatType, longDoubleType, type FloatType } from "../types";
import { errorNode, numberNode } from "./conversions";
import type { Parser } from "./parser";

const BUILTINS: Record<string, { value: "infinity" | "nan"; type: FloatType }> = {
  __builtin_inf: { value: "infinity", type: doubleType },
  __builtin_inff: { value: "infinity", type: floatType },
  __builtin_infl: { value: "infinity", type: longDoubleType },
  __builtin_huge_val: { value: "infinity", type: doubleType },
  __builtin_huge_valf: { value: "infinity", type: floatType },
  __builtin_huge_vall: { value: "infinity", type: longDoubleType },
  __builtin_nan: { value: "nan", type: doubleType },
  __builtin_nanf: { value: "nan", type: floatType },
  __builtin_nanl: { value: "nan", type: longDoubleType },
};

export function isFloatBuiltin(tok: Token): boolean {
  return tok.kind === "identifier" && Object.hasOwn(BUILTINS, tok.text);
}

/** Parses a call of one of the builtins, the name being at the cursor. */
export function floatBuiltin(p: Parser): Expr {
  const tok = p.next();
  const builtin = BUILTINS[tok.text];
  p.expect("(");
  if (builtin.value === "infinity") {
    p.expect(")");
    return numberNode(tok, Infinity, builtin.type);
  }
  const argument = p.tok;
  if (argument.kind !== "string") p.reporter.fail(argument, `'${tok.text}' takes a string literal, such as ""`);
  p.next();
  p.expect(")");
  if (argument.text !== '""') {
    p.reporter.error(argument, `NaN payloads are not supported: write ${tok.text}("") for a quiet NaN`);
    return errorNode(tok);
  }
  return numberNode(tok, NaN, builtin.type);
}
