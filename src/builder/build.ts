// The build pipeline: each C file is preprocessed and compiled to assembly,
// the assembly becomes an ELF32 object, and the objects are linked with the
// caller's extra inputs and the library OS into a multiboot image.
import { compileToAssembly } from "./cc";
import { hasErrors } from "./diagnostic";
import type { Diagnostic } from "./diagnostic";
import { link } from "./ld";
import type { BinaryInput, BuildRequest, BuildResult, LibraryBundle, SourceFiles } from "./types";
import { assemble } from "./x86";

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
  const sourceNames = Object.keys(request.files).filter((name) => !isHeader(name)).sort();
  checkFileNames(Object.keys(request.files), diagnostics);
  if (sourceNames.length === 0 && inputs.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(fileError("", "nothing to build: add a .c source file or an object"));
  }
  if (hasErrors(diagnostics)) return result();

  const compileStart = performance.now();
  compiled = compileFiles(sourceNames, request, library, diagnostics);
  compileMs = performance.now() - compileStart;
  if (hasErrors(diagnostics)) return result();

  const linkStart = performance.now();
  const linked = guard("linker", "", diagnostics, () => link([...compiled.objects, ...inputs, ...library.archives]));
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
    const compiled = compileObject(fileName, request.files, library.headers, diagnostics);
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
): { object?: Uint8Array; listing?: string } {
  let assembly = files[fileName];
  let listing: string | undefined;
  if (fileName.endsWith(".c")) {
    const compiled = guard("compiler", fileName, diagnostics, () => compileToAssembly({ fileName, files, headers }));
    if (!compiled) return {};
    diagnostics.push(...compiled.diagnostics);
    if (hasErrors(compiled.diagnostics)) return {};
    listing = compiled.assembly;
    assembly = compiled.assembly;
  }

  const assembled = guard("assembler", fileName, diagnostics, () => assemble(assembly, fileName));
  if (!assembled) return { listing };
  diagnostics.push(...assembled.diagnostics);
  if (!assembled.object || hasErrors(assembled.diagnostics)) return { listing };
  return { object: assembled.object, listing };
}

const SOURCE_EXTENSIONS = [".c", ".s"];
const HEADER_EXTENSIONS = [".h"];

function isHeader(name: string): boolean {
  return HEADER_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function checkFileNames(names: string[], diagnostics: Diagnostic[]): void {
  for (const name of names) {
    if (isHeader(name) || SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext))) continue;
    diagnostics.push(fileError(name, `unsupported file type: expected a .c or .s source or a .h header`));
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
