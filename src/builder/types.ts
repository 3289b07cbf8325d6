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
  /**
   * For an archive: the component each member belongs to, by member name
   * (`{"puts.o": "libc/stdio"}`), as libos.json's `components` map gives it.
   * The link map attributes each member's bytes to its component.
   */
  components?: Record<string, string>;
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
  /** Drop sections the entry point cannot reach, as `ld --gc-sections` does (default true). */
  gcSections?: boolean;
  /** The compiler's optimisation level for `.c` sources: 0, 1 or 2 (default 2, the playground's default). */
  optimize?: 0 | 1 | 2;
  /**
   * The names in `files` to compile (`.c`) or assemble (`.s`); every other
   * file is only read by `#include`, whatever its extension (`table.inc`,
   * `impl.c`). Default: every file that is not a `.h` header.
   */
  sources?: string[];
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
  /** The archive and member name when the object is an archive member. */
  archive?: string;
  member?: string;
  /**
   * What the bytes belong to: `app` for objects given on the command line,
   * the member's entry in the archive's `components` map, else the archive
   * name (`libos.a`).
   */
  component: string;
  /** Input section name, or `COMMON` for a tentative definition allocated in .bss. */
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
  /** Where the definition came from, in the same form as LinkMapInput.object; `<linker>` for linker-defined symbols. */
  object: string;
  /** The component of `object`, as in LinkMapInput; `linker` for linker-defined symbols. */
  component: string;
  kind: "function" | "object" | "other";
  /** True for a symbol with STB_LOCAL binding (a `static` function or variable). */
  local: boolean;
}

/** Why an archive member was loaded: the first undefined symbol it defined and who referenced it. */
export interface LinkMapMember {
  /** `archive(member)`, as in LinkMapInput.object. */
  object: string;
  archive: string;
  member: string;
  component: string;
  /** The undefined symbol the member was loaded to define. */
  symbol: string;
  /** The object whose reference made the symbol needed (`<entry>` for the entry point). */
  referencedBy: string;
  /** The function in `referencedBy` that holds the reference, when one covers it. */
  referencingFunction?: string;
  /** Bytes the member contributes to the image after garbage collection. */
  size: number;
}

/** An allocated input section that garbage collection removed, since nothing kept reaches it. */
export interface LinkMapDiscarded {
  object: string;
  component: string;
  section: string;
  size: number;
}

export interface LinkMap {
  entry: number;
  sections: LinkMapSection[];
  symbols: ImageSymbol[];
  /** Every archive member the link loaded, in load order, with the reason. */
  members: LinkMapMember[];
  /** Whether unreachable sections were removed (the default; `--no-gc-sections` turns it off). */
  gcSections: boolean;
  /** Sections removed by garbage collection, in file order. */
  discarded: LinkMapDiscarded[];
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
