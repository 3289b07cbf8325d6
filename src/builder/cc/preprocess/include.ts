// Resolving `#include` names against the app's files and the library OS headers.

/**
 * Prefix of the file names that tokens from library OS headers carry, so a
 * header never collides with an app file of the same name. It is the
 * headers' directory in the repository: `<stdio.h>` is reported as
 * `libos/include/stdio.h`.
 */
export const HEADER_FILE_PREFIX = "libos/include/";

/** A file found by an include, with the name its tokens carry. */
export interface ResolvedInclude {
  /** The name the file's tokens and diagnostics carry. */
  fileName: string;
  text: string;
}

export interface IncludeSearch {
  found?: ResolvedInclude;
  /** Every place tried, in order, for the "not found" message. */
  tried: string[];
}

/**
 * Joins a directory and a relative path, resolving `.` and `..`. Returns
 * undefined when `..` climbs above the root.
 */
export function joinPath(directory: string, name: string): string | undefined {
  const parts: string[] = [];
  for (const part of `${directory}/${name}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join("/");
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/**
 * Finds an included file. `"name"` searches the including file's
 * directory, then the app files' root, then the headers; `<name>`
 * searches the headers, then the app files.
 */
export function resolveInclude(
  name: string,
  angled: boolean,
  includingFile: string,
  files: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
): IncludeSearch {
  const tried: string[] = [];
  const inApp = (path: string | undefined): ResolvedInclude | undefined => {
    if (path === undefined) return undefined;
    tried.push(`app file ${path}`);
    return Object.hasOwn(files, path) ? { fileName: path, text: files[path] } : undefined;
  };
  const inHeaders = (path: string | undefined): ResolvedInclude | undefined => {
    if (path === undefined) return undefined;
    tried.push(`library OS header ${path}`);
    return Object.hasOwn(headers, path) ? { fileName: HEADER_FILE_PREFIX + path, text: headers[path] } : undefined;
  };

  if (name.startsWith("/")) {
    tried.push(name);
    return { tried };
  }
  let found: ResolvedInclude | undefined;
  if (angled) {
    found = inHeaders(joinPath("", name)) ?? inApp(joinPath("", name));
  } else if (includingFile.startsWith(HEADER_FILE_PREFIX)) {
    const directory = directoryOf(includingFile.slice(HEADER_FILE_PREFIX.length));
    found = inHeaders(joinPath(directory, name)) ?? inApp(joinPath("", name));
    if (found === undefined && directory !== "") found = inHeaders(joinPath("", name));
  } else {
    const directory = directoryOf(includingFile);
    found = inApp(joinPath(directory, name));
    if (found === undefined && directory !== "") found = inApp(joinPath("", name));
    found ??= inHeaders(joinPath("", name));
  }
  return { found, tried };
}
