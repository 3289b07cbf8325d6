// The state a person edits: the app's files, the open file, the page
// options and the versions it was made with. Share links and autosave both
// carry this object, and both run it through `checkWorkspace` on the way in,
// because their text comes from outside the page.
import packageJson from "../../package.json";
import type { OptimizeLevel } from "../builder/cc";

/** The playground's toolchain version, recorded in share links and autosaves. */
export const TOOLCHAIN_VERSION: string = packageJson.version;

export const MAX_FILES = 32;
/** The largest single file, in UTF-16 code units (what `String.length` counts). */
export const MAX_FILE_CHARS = 512 * 1024;
/** The largest sum over all files, in UTF-16 code units. */
export const MAX_TOTAL_CHARS = 1024 * 1024;
export const MAX_FILE_NAME_CHARS = 64;

/** `name.c`, `name.h` or `name.s`: letters, digits, `_`, `-` and `.`, no directories. */
const FILE_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.[chs]$/;

export interface WorkspaceOptions {
  /** Guest wall-clock limit per run in milliseconds; 0 means none. */
  timeoutMs: number;
  /**
   * The compiler's optimisation level, as gcc's -O0, -O1 and -O2. Absent
   * means DEFAULT_OPTIONS.optimize; `checkWorkspace` always fills it in.
   */
  optimize?: OptimizeLevel;
}

export interface Workspace {
  files: Record<string, string>;
  active: string;
  options: WorkspaceOptions;
  /** Version of the library OS bundle the files were last built with, or "" when unknown. */
  libos: string;
  /** TOOLCHAIN_VERSION of the page that made the workspace. */
  toolchain: string;
}

export const DEFAULT_OPTIONS: Required<WorkspaceOptions> = { timeoutMs: 0, optimize: 2 };
export const OPTIMIZE_LEVELS: readonly OptimizeLevel[] = [0, 1, 2];

export function isOptimizeLevel(value: unknown): value is OptimizeLevel {
  return value === 0 || value === 1 || value === 2;
}

/** Returns the command-line spelling of a level, such as "-O2". */
export function optimizeFlag(level: OptimizeLevel): string {
  return `-O${level}`;
}

/** Returns the level a workspace builds at. */
export function optimizeLevelOf(options: WorkspaceOptions): OptimizeLevel {
  return options.optimize ?? DEFAULT_OPTIONS.optimize;
}
/** The longest run timeout a workspace may ask for: one hour. */
export const MAX_TIMEOUT_MS = 3_600_000;

/** A workspace from outside the page that breaks the schema; the message names the field. */
export class WorkspaceError extends Error {}

/** Returns the error text for an invalid file name, or undefined when `name` is valid. */
export function checkFileName(name: string): string | undefined {
  if (name.length === 0) return "the file name is empty";
  if (name.length > MAX_FILE_NAME_CHARS) return `the file name is longer than ${MAX_FILE_NAME_CHARS} characters`;
  if (!FILE_NAME_PATTERN.test(name)) {
    return `"${name}" is not a valid file name: use letters, digits, "_", "-" and ".", ending in .c, .h or .s`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks a decoded value against the workspace schema and returns a clean
 * copy with only the known fields. Throws WorkspaceError naming the first
 * field that is wrong.
 */
export function checkWorkspace(value: unknown): Workspace {
  if (!isRecord(value)) throw new WorkspaceError("the workspace is not an object");
  const files = value.files;
  if (!isRecord(files)) throw new WorkspaceError('the workspace has no "files" object');
  const names = Object.keys(files);
  if (names.length === 0) throw new WorkspaceError("the workspace has no files");
  if (names.length > MAX_FILES) throw new WorkspaceError(`the workspace has ${names.length} files, more than the limit of ${MAX_FILES}`);

  const clean: Record<string, string> = {};
  let total = 0;
  for (const name of names) {
    const nameError = checkFileName(name);
    if (nameError) throw new WorkspaceError(nameError);
    const text = files[name];
    if (typeof text !== "string") throw new WorkspaceError(`the content of ${name} is not text`);
    if (text.length > MAX_FILE_CHARS) {
      throw new WorkspaceError(`${name} has ${text.length} characters, more than the limit of ${MAX_FILE_CHARS}`);
    }
    total += text.length;
    clean[name] = text;
  }
  if (total > MAX_TOTAL_CHARS) {
    throw new WorkspaceError(`the files have ${total} characters together, more than the limit of ${MAX_TOTAL_CHARS}`);
  }

  const active = value.active;
  if (typeof active !== "string" || !(active in clean)) throw new WorkspaceError('"active" does not name one of the files');

  const options = value.options ?? DEFAULT_OPTIONS;
  if (!isRecord(options)) throw new WorkspaceError('"options" is not an object');
  const timeoutMs = options.timeoutMs ?? DEFAULT_OPTIONS.timeoutMs;
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new WorkspaceError(`"options.timeoutMs" must be an integer from 0 to ${MAX_TIMEOUT_MS}`);
  }
  // Workspaces saved before the level existed have none, and build at the default.
  const optimize = options.optimize ?? DEFAULT_OPTIONS.optimize;
  if (!isOptimizeLevel(optimize)) {
    throw new WorkspaceError(`"options.optimize" is ${JSON.stringify(optimize)?.slice(0, 40)}, expected 0, 1 or 2 (as -O0, -O1, -O2)`);
  }

  const libos = value.libos ?? "";
  const toolchain = value.toolchain ?? "";
  if (typeof libos !== "string" || libos.length > 100) throw new WorkspaceError('"libos" is not a version string');
  if (typeof toolchain !== "string" || toolchain.length > 100) throw new WorkspaceError('"toolchain" is not a version string');

  return { files: clean, active, options: { timeoutMs, optimize }, libos, toolchain };
}

/** Returns the files in display order: main.c first, then by name. */
export function sortedFileNames(files: Record<string, string>): string[] {
  return Object.keys(files).sort((a, b) => {
    if (a === "main.c") return -1;
    if (b === "main.c") return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
