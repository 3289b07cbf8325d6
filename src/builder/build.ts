// The build pipeline: each C file is preprocessed and compiled to assembly,
// the assembly becomes an ELF32 object, and the objects are linked with the
// caller's extra inputs and the library OS into a multiboot image.
import { compileToAssembly, type OptimizeLevel } from "./cc";
import { listingCodes } from "./cc/codegen/emitter";
import { hasErrors } from "./diagnostic";
import type { Diagnostic } from "./diagnostic";
import { link } from "./ld";
import type { BinaryInput, BuildRequest, BuildResult, LibraryBundle, SourceFiles } from "./types";
import { assemble } from "./x86";

/**
 * The largest source or header file, in UTF-16 code units (characters for
 * ASCII text). Build time and memory grow with size: 0.88 MB of global
 * definitions (45,000 lines) built in 1.2 s under Node 20 on a 2-core
 * machine, and a 5 MB file took 10 s and 1.4 GB of heap.
 */
export const MAX_SOURCE_CHARACTERS = 1 << 20;
/** The largest total of all sources and headers of one build, in UTF-16 code units. */
export const MAX_TOTAL_SOURCE_CHARACTERS = 4 << 20;
/** The largest object or archive given as an extra input, in bytes. */
export const MAX_INPUT_BYTES = 32 << 20;

interface CompiledFiles {
  objects: BinaryInput[];
  listings: Record<string, string>;
}

/**
 * Builds `request` against `library`. Every `.c` file is compiled, even
 * after another fails, so that all compile errors are reported at once.
 * The link runs only when no file has errors. Never throws, because an
 * exception from a stage becomes an "internal error" diagnostic.
 */
export function build(request: BuildRequest, library: LibraryBundle): BuildResult {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  let compileMs = 0;
  let linkMs = 0;
  let compiled: CompiledFiles = { objects: [], listings: {} };
  const result = (image?: Uint8Array, linkMap?: BuildResult["linkMap"]): BuildResult => ({
    ok: image !== undefined && !hasErrors(diagnostics),
    image,
    diagnostics,
    timings: { compileMs, linkMs, totalMs: performance.now() - started },
    listings: compiled.listings,
    linkMap,
  });

  const inputs = request.inputs ?? [];
  const sourceNames = (request.sources ?? Object.keys(request.files).filter((name) => !isHeader(name))).slice().sort();
  checkFileNames(sourceNames, request, diagnostics);
  checkSizes(request, diagnostics);
  if (sourceNames.length === 0 && inputs.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(fileError("", "nothing to build: add a .c source file or an object"));
  }
  if (hasErrors(diagnostics)) return result();

  const compileStart = performance.now();
  compiled = compileFiles(sourceNames, request, library, diagnostics);
  compileMs = performance.now() - compileStart;
  if (hasErrors(diagnostics)) return result();

  const linkStart = performance.now();
  const linked = guard("linker", "", diagnostics, () => link([...compiled.objects, ...inputs, ...library.archives], { gcSections: request.gcSections ?? true }));
  linkMs = performance.now() - linkStart;
  if (!linked) return result();
  diagnostics.push(...linked.diagnostics);
  if (!linked.image || hasErrors(linked.diagnostics)) return result(undefined, linked.linkMap);
  return result(linked.image, linked.linkMap);
}

/** Compiles and assembles each source; a file with errors adds its diagnostics but no object. */
function compileFiles(names: string[], request: BuildRequest, library: LibraryBundle, diagnostics: Diagnostic[]): CompiledFiles {
  const objects: BinaryInput[] = [];
  const listings: Record<string, string> = {};
  for (const fileName of names) {
    const compiled = compileObject(fileName, request.files, library.headers, diagnostics, request.optimize ?? 2);
    if (compiled.listing !== undefined) listings[fileName] = compiled.listing;
    if (compiled.object) objects.push({ name: objectName(fileName), bytes: compiled.object });
  }
  return { objects, listings };
}

/**
 * Turns one source into an ELF32 object: a `.c` file is compiled to
 * assembly (returned as `listing`) and assembled, a `.s` file is assembled.
 * Appends the diagnostics of both stages; `object` is absent after an error.
 */
export function compileObject(
  fileName: string,
  files: SourceFiles,
  headers: Record<string, string>,
  diagnostics: Diagnostic[],
  optimize: OptimizeLevel = 2,
): { object?: Uint8Array; listing?: string } {
  let assembly = files[fileName];
  let listing: string | undefined;
  if (fileName.endsWith(".c")) {
    const compiled = guard("compiler", fileName, diagnostics, () => compileToAssembly({ fileName, files, headers, optimize }));
    if (!compiled) return {};
    diagnostics.push(...compiled.diagnostics);
    if (hasErrors(compiled.diagnostics)) return {};
    listing = compiled.assembly;
    assembly = compiled.assembly;
  }

  // The compiler's listing is already in memory as the bytes the assembler reads.
  const codes = listing === undefined ? undefined : listingCodes(listing);
  const assembled = guard("assembler", fileName, diagnostics, () => assemble(assembly, fileName, codes));
  if (!assembled) return { listing };
  diagnostics.push(...(listing === undefined ? assembled.diagnostics : assembled.diagnostics.map((d) => inGeneratedAssembly(d, fileName))));
  if (!assembled.object || hasErrors(assembled.diagnostics)) return { listing };
  return { object: assembled.object, listing };
}

/**
 * Rewrites an assembler diagnostic about compiler output: its line is a
 * line of the generated assembly, not of the C source, so it moves into the
 * message and the diagnostic points at the file as a whole.
 */
function inGeneratedAssembly(diagnostic: Diagnostic, fileName: string): Diagnostic {
  const where = diagnostic.line > 0 ? ` (line ${diagnostic.line} of the assembly that \`ukp cc -S\` prints)` : "";
  return { ...diagnostic, file: fileName, line: 0, column: 0, length: 0, message: `in the generated assembly${where}: ${diagnostic.message}` };
}

const SOURCE_EXTENSIONS = [".c", ".s"];
const HEADER_EXTENSIONS = [".h"];

function isHeader(name: string): boolean {
  return HEADER_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function checkFileNames(sourceNames: string[], request: BuildRequest, diagnostics: Diagnostic[]): void {
  for (const name of sourceNames) {
    if (request.files[name] === undefined) {
      diagnostics.push(fileError(name, "source is not among the files: add its text to `files` or remove it from `sources`"));
      continue;
    }
    if (SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext))) continue;
    diagnostics.push(fileError(name, `unsupported file type: expected a .c or .s source or a .h header`));
  }
}

function checkSizes(request: BuildRequest, diagnostics: Diagnostic[]): void {
  let total = 0;
  for (const [name, text] of Object.entries(request.files)) {
    total += text.length;
    if (text.length > MAX_SOURCE_CHARACTERS) {
      diagnostics.push({
        ...fileError(name, `file is too large: ${text.length} characters, the limit is ${MAX_SOURCE_CHARACTERS} (1 MiB); split it into smaller files`),
        line: 1,
        column: 1,
        length: 1,
      });
    }
  }
  if (total > MAX_TOTAL_SOURCE_CHARACTERS && !hasErrors(diagnostics)) {
    diagnostics.push(fileError("", `the sources are too large: ${total} characters in all, the limit is ${MAX_TOTAL_SOURCE_CHARACTERS} (4 MiB)`));
  }
  for (const input of request.inputs ?? []) {
    if (input.bytes.length > MAX_INPUT_BYTES) {
      diagnostics.push(fileError(input.name, `input is too large: ${input.bytes.length} bytes, the limit is ${MAX_INPUT_BYTES} (32 MiB)`));
    }
  }
}

/** `dir/main.c` becomes `dir/main.o`, the name the linker's messages and the link map show. */
function objectName(fileName: string): string {
  return fileName.replace(/\.[cs]$/, "") + ".o";
}

function fileError(file: string, message: string): Diagnostic {
  return { file, line: 0, column: 0, length: 0, severity: "error", message };
}

/** Runs one stage; an exception from it becomes an "internal error" diagnostic and the result is undefined. */
function guard<T>(stage: string, file: string, diagnostics: Diagnostic[], run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    const [first, ...rest] = detail.split("\n");
    diagnostics.push({
      ...fileError(file, `internal error in the ${stage}: ${first}`),
      notes: rest.length > 0 ? [{ ...fileError(file, rest.slice(0, 5).map((line) => line.trim()).join("; ")), severity: "note" }] : undefined,
    });
    return undefined;
  }
}
