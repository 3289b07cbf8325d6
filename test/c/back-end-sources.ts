// Inputs for the tests that check the -O2 back end's tables and walks
// against the code they replace: the test/c programs and generated ones,
// parsed against the library OS headers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import type { FunctionDefinition } from "../../src/builder/cc/ast";
import { Reporter } from "../../src/builder/cc/errors";
import { Inliner } from "../../src/builder/cc/opt/inline";
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
