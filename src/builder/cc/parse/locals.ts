// Declarations inside a function body: automatic variables with their
// initializers, static locals, block-scope externs, prototypes and typedefs.
import type { Expr, Stmt, Variable } from "../ast";
import type { Token } from "../token";
import { arrayOf, isComplete, isVariableLengthArray, typeName, type Type } from "../types";
import { alignedTypedef, applyFunctionAttributes, applyVariableAttributes } from "./attributes";
import { declarationSpecifiers, declarator } from "./declarations";
import { localInitialization, parseInitializer, staticInitialization } from "./initializers";
import type { Parser } from "./parser";
import { declareFunction, declareGlobalVariable } from "./symbols";
import { allocateArray, takePendingArraySizes } from "./vla";

// declaration = declaration-specifiers (init-declarator ("," init-declarator)*)? ";"
// init-declarator = declarator ("=" initializer)?
export function localDeclaration(p: Parser): Stmt[] {
  const spec = declarationSpecifiers(p, true);
  const stmts: Stmt[] = [];
  if (p.consume(";")) return stmts;
  do {
    const d = declarator(p, spec.type);
    const name = d.name!;
    for (const size of takePendingArraySizes(p)) stmts.push({ kind: "expr", tok: size.tok, expr: size, isDeclaration: true });
    const attributes = { ...spec.attributes, ...d.attributes };
    if (spec.storage === "typedef") {
      defineTypedef(p, name, alignedTypedef(p, name, d.type, attributes.aligned));
      continue;
    }
    if (d.type.kind === "function") {
      const fn = declareFunction(p, name, d.type, spec.storage === "static");
      applyFunctionAttributes(p, fn, attributes, d.asmLabel, name);
      continue;
    }
    if (spec.storage === "extern") {
      if (p.is("=")) p.reporter.error(p.tok, `'${name.text}' has both 'extern' and initializer`);
      const global = declareGlobalVariable(p, name, d.type, { isStatic: false, isExtern: true, hasInitializer: false });
      applyVariableAttributes(p, global, attributes, d.asmLabel, name);
      p.declare(name.text, { kind: "variable", variable: global });
      continue;
    }
    let staticType = d.type;
    if (spec.storage === "static" && staticType.kind === "array" && isVariableLengthArray(staticType)) {
      p.reporter.error(name, `storage size of '${name.text}' isn't constant: a static variable cannot be a variable length array`);
      staticType = arrayOf(staticType.element, 1); // A placeholder, so that uses of the name report nothing more.
    }
    const exprs = spec.storage === "static"
      ? staticLocal(p, name, staticType, (v) => applyVariableAttributes(p, v, attributes, d.asmLabel, name))
      : automaticVariable(p, name, d.type, (v) => applyVariableAttributes(p, v, attributes, d.asmLabel, name));
    // The statement's line and column are the declarator's, as in gcc's line table.
    for (const expr of exprs) stmts.push({ kind: "expr", tok: name, expr, isDeclaration: true });
  } while (p.consume(","));
  p.expect(";");
  return stmts;
}

export function defineTypedef(p: Parser, name: Token, type: Type): void {
  const existing = p.scope.ownBinding(name.text);
  if (existing && !(existing.kind === "typedef" && existing.type === type)) {
    p.reporter.error(name, `redefinition of '${name.text}'`);
  }
  p.declare(name.text, { kind: "typedef", type });
}

function checkRedeclaration(p: Parser, name: Token): void {
  if (p.scope.ownBinding(name.text)) p.reporter.error(name, `redeclaration of '${name.text}' with no linkage`);
}

/** `applyAttributes` runs once the variable exists, before its initializer. */
function automaticVariable(p: Parser, name: Token, declared: Type, applyAttributes: (v: Variable) => void): Expr[] {
  checkRedeclaration(p, name);
  // The variable is in scope from the end of its declarator, so its own initializer can refer to it.
  const variable: Variable = {
    name: name.text, type: declared, tok: name, isLocal: true, offset: 0, asmName: "", isStatic: false,
    isExtern: false, isDefinition: true,
  };
  p.declare(name.text, { kind: "variable", variable });
  applyAttributes(variable);
  if (isVariableLengthArray(declared)) return allocateArray(p, variable);
  const init = p.consume("=") ? parseInitializer(p, declared) : undefined;
  if (init && declared.kind === "array" && declared.length === undefined) variable.type = init.type;
  if (variable.type.kind === "void") {
    p.reporter.error(name, `variable '${name.text}' declared void`);
    return [];
  }
  if (!isComplete(variable.type)) {
    p.reporter.error(name, `storage size of '${name.text}' isn't known (type '${typeName(variable.type)}')`);
    return [];
  }
  p.fn!.locals.push(variable);
  return init ? localInitialization(p, variable, init) : [];
}

/** A static local lives in `.data` or `.bss` under a unique local symbol such as `count.0`. */
function staticLocal(p: Parser, name: Token, declared: Type, applyAttributes: (v: Variable) => void): Expr[] {
  checkRedeclaration(p, name);
  let type = declared;
  const variable: Variable = {
    name: name.text, type, tok: name, isLocal: false, offset: 0, asmName: p.newStaticName(name.text),
    isStatic: true, isExtern: false, isDefinition: true,
  };
  p.declare(name.text, { kind: "variable", variable });
  applyAttributes(variable);
  if (p.consume("=")) {
    const init = parseInitializer(p, type);
    if (type.kind === "array" && type.length === undefined) type = init.type;
    variable.type = type;
    variable.init = staticInitialization(p, type, init);
  }
  if (!isComplete(type)) p.reporter.error(name, `storage size of '${name.text}' isn't known`);
  p.globals.push(variable);
  return [];
}
