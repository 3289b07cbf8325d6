// `ukp cc`: one source file through part of the pipeline (-E, -S or -c).
import { compileObject } from "../builder/build";
import { compileToAssembly } from "../builder/cc";
import { preprocess, tokensToText } from "../builder/cc/preprocess";
import { hasErrors } from "../builder/diagnostic";
import type { Diagnostic } from "../builder/diagnostic";
import { DEFAULT_OPTIMIZE_LEVEL, UsageError } from "./args";
import type { ParsedArgs } from "./args";
import { readInputs } from "./inputs";
import { loadNodeLibrary } from "./node-library";
import { defaultOutputName, printDiagnostics, writeOutputFile } from "./output";

export async function ccCommand(args: ParsedArgs): Promise<number> {
  const [given] = args.inputs;
  const mode = args.mode;
  const inputs = await readInputs([given]);
  const fileName = inputs.sources[0];
  const acceptsAssembly = mode === "-c";
  if (fileName === undefined || !(fileName.endsWith(".c") || (acceptsAssembly && fileName.endsWith(".s")))) {
    throw new UsageError(`'ukp cc ${mode}' takes a .c file${acceptsAssembly ? " or a .s file" : ""}, got '${given}'`);
  }

  const optimize = args.optimize ?? DEFAULT_OPTIMIZE_LEVEL;
  const library = await loadNodeLibrary();
  const diagnostics: Diagnostic[] = [];
  let output: Uint8Array | string | undefined;
  switch (mode) {
    case "-E":
      // The level does not change preprocessing: the preprocessor defines no __OPTIMIZE__.
      output = tokensToText(preprocess(fileName, inputs.files, library.headers, diagnostics));
      break;
    case "-S": {
      const compiled = compileToAssembly({ fileName, files: inputs.files, headers: library.headers, optimize });
      diagnostics.push(...compiled.diagnostics);
      output = compiled.assembly;
      break;
    }
    case "-c":
      output = compileObject(fileName, inputs.files, library.headers, diagnostics, optimize).object;
      break;
    default:
      throw new Error(`internal error: 'ukp cc' reached with mode ${mode}`);
  }

  printDiagnostics(diagnostics, inputs.files, inputs.displayNames);
  if (hasErrors(diagnostics) || output === undefined) return 1;
  // `-o -` writes to stdout, as with gcc.
  if ((mode === "-E" && args.output === undefined) || args.output === "-") {
    process.stdout.write(output);
    return 0;
  }
  await writeOutputFile(args.output ?? defaultOutputName(given, mode === "-c" ? ".o" : ".s"), output);
  return 0;
}
