// Loads the library OS headers as the compiler's `headers` map (names
// relative to libos/include, e.g. "stdio.h", "sys/cdefs.h").
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { libosInclude } from "./native-harness";

export function loadLibraryHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith(".h")) headers[relative(libosInclude, path)] = readFileSync(path, "utf8");
    }
  };
  visit(libosInclude);
  return headers;
}
