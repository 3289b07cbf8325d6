// The contract between the build pipeline and its callers: the page's Web
// Worker (through comlink, so every value here is structured-cloneable) and
// the `ukp` command in Node.
import type { Diagnostic } from "./diagnostic";

/** App files by name: `.c` sources and `.h` headers the sources include with "…". */
export type SourceFiles = Record<string, string>;

/** A prebuilt ELF32 relocatable object or `ar` archive given to the linker. */
export interface BinaryInput {
  name: string;
  bytes: Uint8Array;
}

/**
 * The prebuilt library OS as the builder consumes it: the headers that
 * `#include <…>` reads and the archives linked after the app's objects.
 * Node loads it from `public/images/`, the page fetches the same files.
 */
export interface LibraryBundle {
  version: string;
  headers: Record<string, string>;
  archives: BinaryInput[];
}

export interface BuildRequest {
  files: SourceFiles;
  /** Extra objects and archives (for example built by gcc -m32), linked after the app's own objects. */
  inputs?: BinaryInput[];
}

export interface BuildTimings {
  compileMs: number;
  linkMs: number;
  totalMs: number;
}

/** One input section placed in the image, as the link map lists it. */
export interface LinkMapInput {
  /** Object file name, or `archive(member)` for an archive member. */
  object: string;
  section: string;
  address: number;
  size: number;
}

export interface LinkMapSection {
  name: string;
  address: number;
  size: number;
  inputs: LinkMapInput[];
}

export interface ImageSymbol {
  name: string;
  address: number;
  size: number;
  /** Where the definition came from, in the same form as LinkMapInput.object. */
  object: string;
}

export interface LinkMap {
  entry: number;
  sections: LinkMapSection[];
  symbols: ImageSymbol[];
}

export interface BuildResult {
  ok: boolean;
  /** The multiboot ELF32 image; absent when `ok` is false. */
  image?: Uint8Array;
  diagnostics: Diagnostic[];
  timings: BuildTimings;
  /** Assembly listing per compiled source file. */
  listings: Record<string, string>;
  linkMap?: LinkMap;
}
