// The translation unit: function definitions and file-scope declarations.
import type { FunctionDefinition, Program, Variable } from "../ast";
import { CompileStopped, SyntaxRecovery, type Reporter } from "../errors";
import type { Token } from "../token";
import { alignTo, isComplete, typeName, type FunctionType } from "../types";
import { asmStatement, isAsmKeyword } from "./asm";
import { declarationSpecifiers, declarator, type DeclSpec, type Declarator } from "./declarations";
import { parseInitializer, staticInitialization } from "./initializers";
import { defineTypedef } from "./locals";
import { Parser } from "./parser";
import { compoundStatement } from "./statements";
import { declareFunction, declareGlobalVariable } from "./symbols";

/** Parses a preprocessed token list into a typed program. Errors go to `reporter`; never throws. */
export function parseProgram(tokens: Token[], reporter: Reporter): Program {
  const p = new Parser(tokens, reporter);
  try {
    translationUnit(p);
  } catch (e) {
    if (!(e instanceof CompileStopped)) throw e;
  }
  return { functions: p.functions, globals: p.globals, strings: p.strings, fileScopeAsm: p.fileScopeAsm };
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
  if (p.is("_Static_assert")) p.reporter.fail(p.tok, "_Static_assert is not supported yet");
  if (isAsmKeyword(p.tok)) {
    const tok = p.tok;
    const asm = asmStatement(p);
    p.expect(";");
    if (!asm.basic) p.reporter.error(tok, "expected ')' before ':' token: an 'asm' at file scope takes no operands");
    p.fileScopeAsm.push(asm.template);
    return;
  }
  const spec = declarationSpecifiers(p, true);
  if (p.consume(";")) return;
  let first = true;
  do {
    const d = declarator(p, spec.type);
    if (first && d.type.kind === "function" && p.is("{")) {
      functionDefinition(p, spec, d);
      return;
    }
    first = false;
    globalDeclarator(p, spec, d);
  } while (p.consume(","));
  p.expect(";");
}

function globalDeclarator(p: Parser, spec: DeclSpec, d: Declarator): void {
  const name = d.name!;
  if (spec.storage === "typedef") {
    defineTypedef(p, name, d.type);
    return;
  }
  if (d.type.kind === "function") {
    declareFunction(p, name, d.type, spec.storage === "static");
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
  const symbol = declareFunction(p, name, type, spec.storage === "static");
  if (symbol.isDefined) p.reporter.error(name, `redefinition of '${name.text}'`);
  symbol.isDefined = true;
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
    if (p.scope.names.has(decl.name.text)) p.reporter.error(decl.name, `redefinition of parameter '${decl.name.text}'`);
    p.scope.names.set(decl.name.text, { kind: "variable", variable });
    params.push(variable);
  }

  const body = compoundStatement(p, false);
  p.leaveScope();
  for (const [label, entry] of p.fn.gotoLabels) {
    if (!entry.defined) p.reporter.error(entry.tok, `label '${label}' used but not defined`);
  }
  const definition: FunctionDefinition = {
    symbol, params, locals: p.fn.locals, body, frameSize: layOutFrame(p.fn.locals), resultPointer,
  };
  p.functions.push(definition);
  p.fn = undefined;
}

function parameter(tok: Token, type: Variable["type"], offset: number, name: string): Variable {
  return { name, type, tok, isLocal: true, offset, asmName: "", isStatic: false, isExtern: false, isDefinition: true };
}

/**
 * Assigns each local a negative offset from %ebp and returns the frame size.
 * At entry %esp+4 is 16-byte aligned, so after `push %ebp` %ebp is 8 modulo
 * 16, and a frame size of 8 modulo 16 keeps %esp 16-byte aligned.
 */
function layOutFrame(locals: Variable[]): number {
  let offset = 0;
  for (const local of locals) {
    offset = alignTo(offset + local.type.size, Math.max(local.type.align, 4));
    local.offset = -offset;
  }
  return alignTo(offset + 8, 16) - 8;
}
