// Reads the command's input files and sorts them into sources for the
// compiler, binaries for the linker and an already linked image.
import { readdir, readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

import { MAX_SOURCE_CHARACTERS, MAX_TOTAL_SOURCE_CHARACTERS } from "../builder/build";
import type { BinaryInput, SourceFiles } from "../builder/types";
import { CliError } from "./args";

export interface CliInputs {
  /**
   * `.c`, `.s` and `.h` files plus the headers found next to the sources,
   * by a relative name the compiler's `#include "..."` search understands:
   * relative to the current directory when every input lies under it,
   * else to the inputs' deepest common directory.
   */
  files: SourceFiles;
  /** The path to show in messages for each name in `files`, as the user spelled it. */
  displayNames: Record<string, string>;
  /** The `.c` and `.s` files given on the command line; the other files are only for `#include`. */
  sources: string[];
  /** Relocatable objects and archives, in command-line order. */
  binaries: BinaryInput[];
  /** A linked ELF executable, path instead of sources. */
  image?: { name: string; bytes: Uint8Array };
}

const TEXT_EXTENSIONS = [".c", ".s", ".h"];
const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const ARCHIVE_MAGIC = "!<arch>\n";
const ET_EXEC = 2;

/** Reads and classifies `paths`; throws CliError for a file that is missing, unreadable or of an unknown type. */
export async function readInputs(paths: string[]): Promise<CliInputs> {
  const inputs: CliInputs = { files: {}, displayNames: {}, sources: [], binaries: [] };
  const base = baseDirectory(paths.filter((path) => TEXT_EXTENSIONS.some((ext) => path.endsWith(ext))));
  for (const path of paths) {
    const name = path;
    const bytes = await readInputFile(path);
    if (TEXT_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      const virtual = virtualName(base, path);
      inputs.files[virtual] = new TextDecoder().decode(bytes);
      inputs.displayNames[virtual] = path;
      if (!path.endsWith(".h")) inputs.sources.push(virtual);
    } else if (isElf(bytes) && elfType(bytes) === ET_EXEC) {
      if (inputs.image) throw new CliError(`only one linked image can run, got '${inputs.image.name}' and '${path}'`, 2);
      inputs.image = { name: path, bytes };
    } else if (isElf(bytes) || isArchive(bytes) || name.endsWith(".o") || name.endsWith(".a")) {
      inputs.binaries.push({ name, bytes });
    } else {
      throw new CliError(`unsupported input '${path}': expected a .c, .s or .h file, an object (.o), an archive (.a) or a linked ELF image`, 2);
    }
  }
  await addNeighbourHeaders(inputs, base);
  return inputs;
}

/**
 * The directory that virtual file names are relative to: the current
 * directory when it contains every input, else the deepest directory that
 * contains them all. Names then never start with `/` or `..`, which the
 * compiler's include search does not resolve.
 */
function baseDirectory(paths: string[]): string {
  const cwd = process.cwd();
  const directories = paths.map((path) => dirname(resolve(path)));
  if (directories.every((directory) => isInside(cwd, directory))) return cwd;
  let base = directories[0] ?? cwd;
  while (!directories.every((directory) => isInside(base, directory))) base = dirname(base);
  return base;
}

function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === "" || (path !== ".." && !path.startsWith(".." + sep) && !isAbsolute(path));
}

function virtualName(base: string, path: string): string {
  return relative(base, resolve(path)).split(sep).join("/");
}

/** Reads a whole file, turning the usual errors into messages that name the file. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CliError(`cannot read '${path}': ${describeFileError(error)}`);
  }
}

export function describeFileError(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return (error as Error).message ?? String(error);
  }
}

/** Extensions of the files next to a source that `#include "..."` can read: headers and the tables and unity-build sources C programs include. */
const INCLUDE_EXTENSIONS = [".h", ".inc", ".def", ".c"];

/**
 * Adds the includable files in each source's directory, so `#include
 * "util.h"` (or "table.inc") finds a file next to `main.c` as a C compiler
 * would. They are only included, never compiled on their own.
 * Subdirectories are not searched. Files over MAX_SOURCE_CHARACTERS, and
 * files that would take the total past MAX_TOTAL_SOURCE_CHARACTERS, are left
 * out, so unrelated large files cannot fail the build. Each directory's
 * headers are read before its `.c` files, so the `.c` files go first.
 */
async function addNeighbourHeaders(inputs: CliInputs, base: string): Promise<void> {
  const sources = Object.keys(inputs.files).filter((name) => !name.endsWith(".h"));
  const directories = new Map(sources.map((name) => [dirname(inputs.displayNames[name]!), true]));
  let total = Object.values(inputs.files).reduce((sum, text) => sum + text.length, 0);
  const headersFirst = (name: string) => (name.endsWith(".c") ? 1 : 0);
  for (const directory of directories.keys()) {
    const entries = (await readdir(directory, { withFileTypes: true })).sort((a, b) => headersFirst(a.name) - headersFirst(b.name));
    for (const entry of entries) {
      if (!entry.isFile() || !INCLUDE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) continue;
      const path = directory === "." ? entry.name : join(directory, entry.name);
      const virtual = virtualName(base, path);
      if (inputs.files[virtual] !== undefined) continue;
      const text = await readFile(path, "utf8");
      if (text.length > MAX_SOURCE_CHARACTERS || total + text.length > MAX_TOTAL_SOURCE_CHARACTERS) continue;
      total += text.length;
      inputs.files[virtual] = text;
      inputs.displayNames[virtual] = path;
    }
  }
}

function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ELF_MAGIC.every((b, i) => bytes[i] === b);
}

function elfType(bytes: Uint8Array): number {
  return bytes.length >= 18 ? bytes[16] | (bytes[17] << 8) : 0;
}

function isArchive(bytes: Uint8Array): boolean {
  return bytes.length >= ARCHIVE_MAGIC.length && new TextDecoder().decode(bytes.subarray(0, ARCHIVE_MAGIC.length)) === ARCHIVE_MAGIC;
}
