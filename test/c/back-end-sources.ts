// Inputs for the tests that check the -O2 back end's tables and walks
// against the code they replace: the test/c programs and generated ones,
// parsed against the library OS headers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import type { Expr, FunctionDefinition, Stmt } from "../../src/builder/cc/ast";
import { Reporter } from "../../src/builder/cc/errors";
import { Inliner } from "../../src/builder/cc/opt/inline";
import { Unsupported, type IrFunction } from "../../src/builder/cc/opt/ir";
import { lowerFunction } from "../../src/builder/cc/opt/lower";
import { optimize } from "../../src/builder/cc/opt/passes";
import { findUnsupportedTypes } from "../../src/builder/cc/opt/scan";
import { parseProgram } from "../../src/builder/cc/parse/toplevel";
import { preprocess } from "../../src/builder/cc/preprocess";
import { loadLibraryHeaders } from "../cc/library-headers";

export interface Source {
  name: string;
  text: string;
}

const headers = loadLibraryHeaders();

/** Returns the test/c programs in name order, followed by `more`. */
export function testPrograms(...more: Source[]): Source[] {
  const directory = import.meta.dirname;
  const names = readdirSync(directory).filter((name) => name.endsWith(".c")).sort();
  return [...names.map((name) => ({ name, text: readFileSync(join(directory, name), "utf8") })), ...more];
}

/** Preprocesses and parses `text` as the file `name`, and returns its function definitions. */
export function parseFunctions(name: string, text: string): FunctionDefinition[] {
  const diagnostics: unknown[] = [];
  return parseProgram(preprocess(name, { [name]: text }, headers, diagnostics as never), new Reporter(diagnostics as never)).functions;
}

/** Returns an inliner over `functions`, as the -O2 driver makes one per file. */
export function inlinerFor(functions: FunctionDefinition[]): Inliner {
  return new Inliner(new Map(functions.map((f) => [f.symbol, f])));
}

/**
 * Lowers each function of a source that the back end covers, at each of
 * `levels` (0 is the IR as lowered, and 2 inlines first), runs `visit` on
 * its IR, and returns how many visits ran. A function that throws
 * Unsupported on the way, in `visit` too, gets the -O0 code in the
 * compiler, so it is left out here.
 */
export function forEachCoveredFunction(name: string, text: string, levels: readonly (0 | 1 | 2)[], visit: (label: string, ir: IrFunction) => void): number {
  const definitions = parseFunctions(name, text);
  const inliner = inlinerFor(definitions);
  let visits = 0;
  for (const definition of definitions) {
    if (findUnsupportedTypes(definition)) continue;
    for (const level of levels) {
      try {
        const ir = lowerFunction(level === 2 ? inliner.inlineInto(definition) : definition);
        if (level !== 0) optimize(ir, level, true);
        visit(`${name}: ${definition.symbol.name} (${level === 0 ? "lowered" : `-O${level}`})`, ir);
      } catch (e) {
        if (e instanceof Unsupported) continue;
        throw e;
      }
      visits++;
    }
  }
  return visits;
}

/** Lists the names of the functions that `s` still calls, and the end labels of the inlined calls, in walk order. */
export function callsAndInlinedEnds(s: Stmt): { calls: string[]; ends: string[] } {
  const calls: string[] = [];
  const ends: string[] = [];
  const expr = (e: Expr | undefined): void => {
    if (!e) return;
    switch (e.kind) {
      case "call":
        if (e.callee.kind === "addr" && e.callee.operand.kind === "function") calls.push(e.callee.operand.fn.name);
        expr(e.callee);
        e.args.forEach(expr);
        return;
      case "statementExpression": stmt(e.body); expr(e.value); return;
      case "member": expr(e.base); return;
      case "deref": case "addr": case "cast": case "unary": expr(e.operand); return;
      case "binary": case "logical": case "comma": expr(e.left); expr(e.right); return;
      case "assign": expr(e.target); expr(e.value); return;
      case "conditional": expr(e.condition); expr(e.then); expr(e.otherwise); return;
      default: return;
    }
  };
  const stmt = (x: Stmt | undefined): void => {
    if (!x) return;
    switch (x.kind) {
      case "block": x.body.forEach(stmt); return;
      case "expr": expr(x.expr); return;
      case "if": expr(x.condition); stmt(x.then); stmt(x.otherwise); return;
      case "loop": stmt(x.init); expr(x.condition); expr(x.step); stmt(x.body); return;
      case "switch": expr(x.value); stmt(x.body); return;
      case "label": if (x.label.endsWith(".end")) ends.push(x.label); stmt(x.body); return;
      case "return": expr(x.value); return;
      default: return;
    }
  };
  stmt(s);
  return { calls, ends };
}
