// Loads the library OS bundle from the checkout's public/images directory.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { loadLibraryBundle } from "../builder/library";
import type { LibraryBundle } from "../builder/types";
import { CliError } from "./args";
import { describeFileError } from "./inputs";

export const IMAGES_DIRECTORY = fileURLToPath(new URL("../../public/images/", import.meta.url));

/** Reads libos.json, headers.json and the archive; throws CliError naming the missing or broken file. */
export async function loadNodeLibrary(): Promise<LibraryBundle> {
  try {
    return await loadLibraryBundle(async (name) => {
      try {
        return await readFile(IMAGES_DIRECTORY + name);
      } catch (error) {
        throw new Error(`cannot read '${IMAGES_DIRECTORY + name}': ${describeFileError(error)}`);
      }
    });
  } catch (error) {
    throw new CliError(`cannot load the library OS: ${(error as Error).message} (rebuild it with \`npm run build:libos\`)`);
  }
}
