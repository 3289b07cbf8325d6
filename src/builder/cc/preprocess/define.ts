// `#define` and `#undef`: macro definitions read from directive lines.
import type { Diagnostic } from "../../diagnostic";
import type { Token } from "../token";
import { diagnosticAt, isIdentifier, isPunctuator, noteAt, type PPToken } from "./tokens";

export interface Macro {
  name: string;
  /** The name token of the definition, for notes; absent for built-in macros. */
  definedAt?: Token;
  /** Parameter names of a function-like macro; undefined for an object-like one. */
  params?: string[];
  /** The last parameter collects the variable arguments (`...` or GNU `name...`). */
  variadic: boolean;
  body: PPToken[];
  /** Computes the single token of a dynamic macro such as `__LINE__`. */
  builtin?: (invocation: PPToken) => PPToken;
}

/**
 * Checks that `tok` can be defined or undefined, reporting why not. The
 * message names the directive, as in "no macro name given in #define directive".
 */
export function checkMacroName(tok: Token | undefined, directive: Token, diagnostics: Diagnostic[]): tok is Token {
  if (tok === undefined) {
    diagnostics.push(diagnosticAt(directive, "error", `no macro name given in #${directive.text} directive`));
    return false;
  }
  if (tok.kind !== "identifier") {
    diagnostics.push(diagnosticAt(tok, "error", `macro names must be identifiers, but '${tok.text}' is not`));
    return false;
  }
  if (tok.text === "defined") {
    diagnostics.push(diagnosticAt(tok, "error", "'defined' cannot be used as a macro name"));
    return false;
  }
  return true;
}

/**
 * Reads the tokens after `#define` into a macro. Reports problems and
 * returns undefined when the definition is invalid.
 */
export function parseDefine(line: PPToken[], directive: Token, diagnostics: Diagnostic[]): Macro | undefined {
  const name = line[0];
  if (!checkMacroName(name, directive, diagnostics)) return undefined;

  let bodyStart = 1;
  let params: string[] | undefined;
  let variadic = false;
  const afterName = line[1];
  if (afterName !== undefined && isPunctuator(afterName, "(") && !afterName.hasSpaceBefore) {
    const parsed = parseParameters(line, diagnostics);
    if (parsed === undefined) return undefined;
    ({ params, variadic } = parsed);
    bodyStart = parsed.end;
  } else if (afterName !== undefined && !afterName.hasSpaceBefore) {
    diagnostics.push(diagnosticAt(afterName, "warning", `missing whitespace after the macro name '${name.text}'`));
  }

  const body = line.slice(bodyStart).map((tok, index): PPToken => ({
    ...tok,
    atLineStart: false,
    hasSpaceBefore: index > 0 && tok.hasSpaceBefore,
  }));
  if (!checkBody(name.text, body, params, variadic, diagnostics)) return undefined;
  return { name: name.text, definedAt: name, params, variadic, body };
}

/** Parses `( a, b, ... )` starting at line[1]; returns the names and the index after `)`. */
function parseParameters(
  line: PPToken[],
  diagnostics: Diagnostic[],
): { params: string[]; variadic: boolean; end: number } | undefined {
  const params: string[] = [];
  let variadic = false;
  let i = 2;
  if (line[i] !== undefined && isPunctuator(line[i], ")")) return { params, variadic, end: i + 1 };

  for (;;) {
    const tok = line[i];
    if (tok === undefined) {
      diagnostics.push(diagnosticAt(line[i - 1], "error", "missing ')' in macro parameter list"));
      return undefined;
    }
    if (isPunctuator(tok, "...")) {
      params.push("__VA_ARGS__");
      variadic = true;
      i++;
    } else if (tok.kind === "identifier") {
      if (tok.text === "__VA_ARGS__") {
        diagnostics.push(diagnosticAt(tok, "error", "__VA_ARGS__ can only be used through '...' in a parameter list"));
        return undefined;
      }
      if (params.includes(tok.text)) {
        diagnostics.push(diagnosticAt(tok, "error", `duplicate macro parameter '${tok.text}'`));
        return undefined;
      }
      params.push(tok.text);
      i++;
      if (line[i] !== undefined && isPunctuator(line[i], "...")) {
        variadic = true;
        i++;
      }
    } else {
      diagnostics.push(diagnosticAt(tok, "error", `expected a parameter name in the macro parameter list, found '${tok.text}'`));
      return undefined;
    }

    const separator = line[i];
    if (separator !== undefined && isPunctuator(separator, ")")) return { params, variadic, end: i + 1 };
    if (separator === undefined || !isPunctuator(separator, ",") || variadic) {
      const at = separator ?? line[i - 1];
      const message = variadic ? "missing ')' after '...' in macro parameter list" : "missing ')' or ',' in macro parameter list";
      diagnostics.push(diagnosticAt(at, "error", message));
      return undefined;
    }
    i++;
  }
}

function checkBody(
  name: string,
  body: PPToken[],
  params: string[] | undefined,
  variadic: boolean,
  diagnostics: Diagnostic[],
): boolean {
  if (body.length > 0 && isPunctuator(body[0], "##")) {
    diagnostics.push(diagnosticAt(body[0], "error", "'##' cannot appear at either end of a macro expansion"));
    return false;
  }
  if (body.length > 0 && isPunctuator(body[body.length - 1], "##")) {
    diagnostics.push(diagnosticAt(body[body.length - 1], "error", "'##' cannot appear at either end of a macro expansion"));
    return false;
  }
  if (params !== undefined) {
    for (let i = 0; i < body.length; i++) {
      if (!isPunctuator(body[i], "#")) continue;
      const operand = body[i + 1];
      if (operand === undefined || operand.kind !== "identifier" || !params.includes(operand.text)) {
        diagnostics.push(diagnosticAt(body[i], "error", `'#' is not followed by a macro parameter in the definition of '${name}'`));
        return false;
      }
    }
  }
  const usesVaArgs = body.find((tok) => isIdentifier(tok, "__VA_ARGS__"));
  if (usesVaArgs !== undefined && !(variadic && params?.[params.length - 1] === "__VA_ARGS__")) {
    diagnostics.push(diagnosticAt(usesVaArgs, "error", "__VA_ARGS__ can only appear in the expansion of a variadic macro declared with '...'"));
    return false;
  }
  return true;
}

/** Checks whether two definitions are the same under C11 6.10.3p2, which allows the redefinition. */
export function sameDefinition(a: Macro, b: Macro): boolean {
  if (a.builtin || b.builtin) return false;
  if ((a.params === undefined) !== (b.params === undefined) || a.variadic !== b.variadic) return false;
  if (a.params && b.params && a.params.join(",") !== b.params.join(",")) return false;
  if (a.body.length !== b.body.length) return false;
  return a.body.every((tok, i) => tok.text === b.body[i].text && tok.hasSpaceBefore === b.body[i].hasSpaceBefore);
}

/** Stores `macro`, warning when it changes an existing definition. */
export function defineMacro(macros: Map<string, Macro>, macro: Macro, diagnostics: Diagnostic[]): void {
  const previous = macros.get(macro.name);
  if (previous !== undefined && !sameDefinition(previous, macro) && macro.definedAt) {
    const notes = previous.definedAt ? [noteAt(previous.definedAt, "previous definition is here")] : [];
    const builtinPrefix = previous.definedAt ? "" : "built-in ";
    diagnostics.push(diagnosticAt(macro.definedAt, "warning", `${builtinPrefix}macro '${macro.name}' redefined`, notes));
  }
  macros.set(macro.name, macro);
}
