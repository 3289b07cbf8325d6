// The translation unit: function definitions and file-scope declarations.
import { functionSymbolName, type FunctionDefinition, type Program, type Stmt, type Variable } from "../ast";
import { CompileStopped, SyntaxRecovery, type Reporter } from "../errors";
import type { Token } from "../token";
import { alignTo, intType, isComplete, isVariableLengthArray, pointerTo, typeName, type FunctionType } from "../types";
import { asmStatement, isAsmKeyword } from "./asm";
import { alignedTypedef, applyFunctionAttributes, applyVariableAttributes } from "./attributes";
import {
  declarationSpecifiers, declarator, isTypeName, staticAssertion, type DeclSpec, type Declarator,
} from "./declarations";
import { warnAtFunctionEnd } from "./flow";
import { parseInitializer, staticInitialization } from "./initializers";
import { defineTypedef } from "./locals";
import { KEYWORDS, Parser } from "./parser";
import { compoundStatement } from "./statements";
import { declareFunction, declareGlobalVariable } from "./symbols";
import { deferredParameterSizes } from "./vla";

/** Parses a preprocessed token list into a typed program. Errors go to `reporter`; never throws. */
export function parseProgram(tokens: Token[], reporter: Reporter): Program {
  const p = new Parser(tokens, reporter);
  try {
    translationUnit(p);
  } catch (e) {
    if (!(e instanceof CompileStopped)) throw e;
  }
  if (reporter.errorCount === 0) warnUnusedStatics(p);
  return {
    functions: p.functions, globals: p.globals, strings: p.strings, fileScopeAsm: p.fileScopeAsm,
    weakReferences: weakReferences(p),
  };
}

/**
 * Warns, as gcc -Wall does, about static functions and objects of the
 * compiled file that nothing refers to. Inline functions and declarations
 * from included headers are exempt, as in gcc.
 */
function warnUnusedStatics(p: Parser): void {
  const mainFile = p.peek(Number.MAX_SAFE_INTEGER).file;
  for (const binding of p.scope.bindings()) {
    if (binding.kind === "function") {
      const fn = binding.fn;
      if (fn.isStatic && fn.isDefined && !fn.isReferenced && !fn.isInline && fn.tok.file === mainFile) {
        p.reporter.warning(fn.tok, `'${fn.name}' defined but not used`);
      }
    } else if (binding.kind === "variable") {
      const v = binding.variable;
      if (v.isStatic && v.isDefinition && !v.isReferenced && v.name !== "" && v.tok.file === mainFile) {
        p.reporter.warning(v.tok, `'${v.name}' defined but not used`);
      }
    }
  }
}

/** Names declared weak at file scope and not defined, which the object must list as weak undefined symbols. */
function weakReferences(p: Parser): string[] {
  const names: string[] = [];
  for (const binding of p.scope.bindings()) {
    if (binding.kind === "function" && binding.fn.isWeak && !binding.fn.isDefined) names.push(functionSymbolName(binding.fn));
    if (binding.kind === "variable" && binding.variable.isWeak && !binding.variable.isDefinition) {
      names.push(binding.variable.asmName);
    }
  }
  return names;
}

// translation-unit = (function-definition | declaration)*
function translationUnit(p: Parser): void {
  while (!p.atEof()) {
    const start = p.position;
    try {
      externalDeclaration(p);
    } catch (e) {
      if (!(e instanceof SyntaxRecovery)) throw e;
      p.fn = undefined;
      while (p.scope.parent) p.leaveScope();
      p.skipToSync();
      if (p.position === start || p.is("}")) p.next();
    }
  }
}

// external-declaration = declaration-specifiers (declarator compound-statement | init-declarator-list? ";")
function externalDeclaration(p: Parser): void {
  if (p.consume(";")) return;
  if (p.is("_Static_assert")) {
    staticAssertion(p);
    return;
  }
  if (isAsmKeyword(p.tok)) {
    const tok = p.tok;
    const asm = asmStatement(p);
    p.expect(";");
    if (!asm.basic) p.reporter.error(tok, "expected ')' before ':' token: an 'asm' at file scope takes no operands");
    p.fileScopeAsm.push(asm.template);
    return;
  }
  const spec = implicitIntDeclaration(p) ?? declarationSpecifiers(p, true);
  if (p.consume(";")) return;
  let first = true;
  do {
    const d = declarator(p, spec.type);
    const isOldStyle = d.type.kind === "function" && !d.type.prototyped && (d.params?.length ?? 0) > 0;
    if (first && d.type.kind === "function" && (p.is("{") || (isOldStyle && isTypeName(p)))) {
      functionDefinition(p, spec, d);
      return;
    }
    first = false;
    globalDeclarator(p, spec, d);
  } while (p.consume(","));
  p.expect(";");
}

/**
 * A file-scope declaration that starts with its declarator, as in old C's
 * `main() { ... }`: the type is `int`, with gcc's warning. Returns undefined
 * when the declaration has specifiers.
 */
function implicitIntDeclaration(p: Parser): DeclSpec | undefined {
  const tok = p.tok;
  if (tok.kind !== "identifier" || KEYWORDS.has(tok.text) || isTypeName(p)) return undefined;
  const isFunction = p.peek().text === "(";
  if (!isFunction && p.peek().text !== "=" && p.peek().text !== ";" && p.peek().text !== "," && p.peek().text !== "[") {
    return undefined;
  }
  if (isFunction) p.reporter.warning(tok, `return type defaults to 'int'`);
  else p.reporter.warning(tok, `data definition has no type or storage class`);
  return { type: intType, storage: undefined, tok, attributes: {}, isInline: false };
}

function globalDeclarator(p: Parser, spec: DeclSpec, d: Declarator): void {
  const name = d.name!;
  const attributes = { ...spec.attributes, ...d.attributes };
  if (spec.storage === "typedef") {
    defineTypedef(p, name, alignedTypedef(p, name, d.type, attributes.aligned));
    return;
  }
  if (d.type.kind === "function") {
    const fn = declareFunction(p, name, d.type, spec.storage === "static");
    applyFunctionAttributes(p, fn, attributes, d.asmLabel, name);
    return;
  }
  if (d.type.kind === "void") {
    p.reporter.error(name, `variable '${name.text}' declared void`);
    return;
  }
  const hasInitializer = p.is("=");
  const variable = declareGlobalVariable(p, name, d.type, {
    isStatic: spec.storage === "static",
    isExtern: spec.storage === "extern" && !hasInitializer,
    hasInitializer,
  });
  applyVariableAttributes(p, variable, attributes, d.asmLabel, name);
  if (p.consume("=")) {
    const init = parseInitializer(p, variable.type);
    if (variable.type.kind === "array" && variable.type.length === undefined) variable.type = init.type;
    variable.init = staticInitialization(p, variable.type, init);
  }
  if (variable.isDefinition && !isComplete(variable.type) && variable.type.kind !== "array") {
    p.reporter.error(name, `storage size of '${name.text}' isn't known (type '${typeName(variable.type)}')`);
  }
}

// function-definition = declaration-specifiers declarator compound-statement
function functionDefinition(p: Parser, spec: DeclSpec, d: Declarator): void {
  const name = d.name!;
  const type = d.type as FunctionType;
  if (!type.prototyped && (d.params?.length ?? 0) > 0) oldStyleParameters(p, d);
  const symbol = declareFunction(p, name, type, spec.storage === "static");
  if (symbol.isDefined) p.reporter.error(name, `redefinition of '${name.text}'`);
  symbol.isDefined = true;
  applyFunctionAttributes(p, symbol, { ...spec.attributes, ...d.attributes }, d.asmLabel, name);
  // A C99 inline definition (`inline` without `static` or `extern`) provides no external
  // definition in gcc; this compiler emits it weak so that calls link and copies in
  // several files do not clash.
  if (spec.isInline && spec.storage === undefined) symbol.isWeak = true;
  if (spec.isInline) symbol.isInline = true;
  if (type.returnType.kind === "struct" && !type.returnType.complete) {
    p.reporter.error(name, `return type is an incomplete type '${typeName(type.returnType)}'`);
  }

  p.fn = {
    symbol, type, locals: [], breakLabels: [], continueLabels: [], switches: [], gotoLabels: new Map(),
  };
  p.enterScope();
  const params: Variable[] = [];
  let offset = 8;
  let resultPointer: Variable | undefined;
  if (type.returnType.kind === "struct") {
    resultPointer = parameter(name, type.returnType, offset, "");
    offset += 4;
  }
  for (const decl of d.params ?? []) {
    if (!decl.name) {
      p.reporter.error(name, `parameter name omitted in the definition of '${name.text}'`);
      offset += alignTo(decl.type.size, 4);
      continue;
    }
    if (!isComplete(decl.type)) {
      p.reporter.error(decl.name, `parameter '${decl.name.text}' has incomplete type '${typeName(decl.type)}'`);
    }
    const variable = parameter(decl.name, decl.type, offset, decl.name.text);
    offset += alignTo(decl.type.size, 4);
    if (p.scope.ownBinding(decl.name.text)) p.reporter.error(decl.name, `redefinition of parameter '${decl.name.text}'`);
    p.declare(decl.name.text, { kind: "variable", variable });
    params.push(variable);
  }

  const arraySizes = deferredParameterSizes(p);
  const parsedBody = compoundStatement(p, false);
  const closingBrace = p.peek(-1);
  const body: Stmt = arraySizes.length === 0 ? parsedBody : { kind: "block", tok: parsedBody.tok, body: [...arraySizes, parsedBody] };
  p.leaveScope();
  warnAtFunctionEnd(p, symbol, body, params);
  for (const [label, entry] of p.fn.gotoLabels) {
    if (!entry.defined) p.reporter.error(entry.tok, `label '${label}' used but not defined`);
  }
  const definition: FunctionDefinition = {
    symbol, params, locals: p.fn.locals, body, frameSize: layOutFrame(p, p.fn.locals), resultPointer, closingBrace,
  };
  p.functions.push(definition);
  p.fn = undefined;
}

/*
 * declaration-list = declaration+   (between an old-style declarator and the body)
 * Gives the names of an identifier list their declared types; an undeclared
 * name is `int`, with gcc's warning.
 */
function oldStyleParameters(p: Parser, d: Declarator): void {
  const params = d.params!;
  const declared = new Set<string>();
  while (!p.is("{") && !p.atEof()) {
    const spec = declarationSpecifiers(p, true);
    if (spec.storage !== undefined) p.reporter.error(spec.tok, `storage class specified for a parameter`);
    do {
      const pd = declarator(p, spec.type);
      const name = pd.name!;
      const param = params.find((q) => q.name?.text === name.text);
      if (!param) {
        p.reporter.error(name, `declaration for parameter '${name.text}' but no such parameter`);
        continue;
      }
      if (declared.has(name.text)) p.reporter.error(name, `redefinition of parameter '${name.text}'`);
      declared.add(name.text);
      let type = pd.type;
      if (type.kind === "array") type = pointerTo(type.element);
      else if (type.kind === "function") type = pointerTo(type);
      if (type.kind === "float" && type.rank === "float") {
        p.reporter.error(name, `old-style parameter '${name.text}' of type 'float' is not supported: callers pass a double, so declare it double`);
      }
      param.type = type;
    } while (p.consume(","));
    p.expect(";");
  }
  for (const param of params) {
    if (param.name && !declared.has(param.name.text)) {
      p.reporter.warning(param.name, `type of '${param.name.text}' defaults to 'int'`);
    }
  }
}

function parameter(tok: Token, type: Variable["type"], offset: number, name: string): Variable {
  return { name, type, tok, isLocal: true, offset, asmName: "", isStatic: false, isExtern: false, isDefinition: true };
}

/**
 * Assigns each local a negative offset from %ebp and returns the frame size.
 * At entry %esp+4 is 16-byte aligned, so after `push %ebp` %ebp is 8 modulo
 * 16, and a frame size of 8 modulo 16 keeps %esp 16-byte aligned.
 */
function layOutFrame(p: Parser, locals: Variable[]): number {
  let offset = 0;
  for (const local of locals) {
    const align = Math.max(local.type.align, local.align ?? 1, 4);
    if (align > 16) p.reporter.error(local.tok, `alignment of ${align} bytes for the local '${local.name}' is not supported (the maximum is 16)`);
    // The object's address %ebp - offset is a multiple of `align` when offset ≡ 8 (mod align) for align 16.
    const bias = align >= 16 ? 8 : 0;
    // A variable length array's slot holds its address.
    const size = isVariableLengthArray(local.type) ? 4 : local.type.size;
    offset = alignTo(offset + size - bias, align) + bias;
    local.offset = -offset;
  }
  return alignTo(offset + 8, 16) - 8;
}
