// File-scope symbols: declarations and definitions of global variables and
// functions, merged across redeclarations as C's linkage rules require.
import type { FunctionSymbol, Variable } from "../ast";
import type { Token } from "../token";
import { sameType, typeName, type FunctionType, type Type } from "../types";
import type { Parser } from "./parser";

/** Declares (or redeclares) a function; the symbol is shared by every declaration of the name. */
export function declareFunction(p: Parser, name: Token, type: FunctionType, isStatic: boolean): FunctionSymbol {
  const fileScope = p.fileScope;
  const existing = fileScope.ownBinding(name.text);
  if (existing?.kind === "function") {
    const fn = existing.fn;
    if (fn.isImplicit) {
      if (!(type.returnType.kind === "integer" && type.returnType.rank === "int" && !type.returnType.unsigned)) {
        p.reporter.error(name, `conflicting types for '${name.text}'; have '${typeName(type)}'`);
      }
      fn.type = type;
      fn.isImplicit = false;
    } else if (!sameType(fn.type, type)) {
      p.reporter.error(name, `conflicting types for '${name.text}'; have '${typeName(type)}', previous declaration has '${typeName(fn.type)}'`);
    } else if (type.prototyped && !fn.type.prototyped) {
      fn.type = type;
    }
    if (p.scope !== fileScope) p.declare(name.text, existing);
    return fn;
  }
  if (existing) p.reporter.error(name, `'${name.text}' redeclared as different kind of symbol`);
  const fn: FunctionSymbol = { name: name.text, type, tok: name, isStatic, isDefined: false, isImplicit: false };
  p.declare(name.text, { kind: "function", fn }, fileScope);
  if (p.scope !== fileScope) p.declare(name.text, { kind: "function", fn });
  return fn;
}

export interface GlobalOptions {
  isStatic: boolean;
  isExtern: boolean;
  hasInitializer: boolean;
}

/** Declares a file-scope variable, merging tentative definitions and `extern` declarations of one name. */
export function declareGlobalVariable(p: Parser, name: Token, type: Type, options: GlobalOptions): Variable {
  const existing = p.fileScope.ownBinding(name.text);
  if (existing?.kind === "variable") {
    const variable = existing.variable;
    if (!sameType(variable.type, type)) {
      p.reporter.error(name, `conflicting types for '${name.text}'; have '${typeName(type)}', previous declaration has '${typeName(variable.type)}'`);
    } else if (variable.type.kind === "array" && variable.type.length === undefined) {
      variable.type = type;
    }
    if (options.hasInitializer && variable.init) p.reporter.error(name, `redefinition of '${name.text}'`);
    if (!options.isExtern) {
      variable.isDefinition = true;
      variable.isExtern = false;
    }
    if (options.isStatic) variable.isStatic = true;
    return variable;
  }
  if (existing) p.reporter.error(name, `'${name.text}' redeclared as different kind of symbol`);
  const variable: Variable = {
    name: name.text, type, tok: name, isLocal: false, offset: 0, asmName: name.text,
    isStatic: options.isStatic, isExtern: options.isExtern, isDefinition: !options.isExtern,
  };
  p.declare(name.text, { kind: "variable", variable }, p.fileScope);
  p.globals.push(variable);
  return variable;
}
