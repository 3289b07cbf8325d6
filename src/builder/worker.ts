// The builder's Web Worker entry: exposes the build pipeline to the page
// through comlink and keeps the library OS bundle after the first fetch.
import { expose, transfer } from "comlink";
import { build } from "./build";
import { loadLibraryBundle } from "./library";
import type { BuildRequest, BuildResult, LibraryBundle } from "./types";

let library: Promise<LibraryBundle> | undefined;

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url.href} failed: HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

function requireLibrary(): Promise<LibraryBundle> {
  if (library === undefined) throw new Error("internal error: build() called before loadLibrary()");
  return library;
}

const builder = {
  /**
   * Fetches libos.json, headers.json and the archives from `imagesUrl` (an
   * absolute URL ending in `/`) and returns the bundle version. A failed
   * load is forgotten so that the next call tries again.
   */
  async loadLibrary(imagesUrl: string): Promise<string> {
    const loading: Promise<LibraryBundle> =
      library ?? loadLibraryBundle((name: string) => fetchBytes(new URL(name, imagesUrl)));
    if (library === undefined) {
      library = loading;
      loading.catch(() => {
        if (library === loading) library = undefined;
      });
    }
    return (await loading).version;
  },

  async build(request: BuildRequest): Promise<BuildResult> {
    const result = build(request, await requireLibrary());
    const image = result.image;
    // Hand the image's memory to the page instead of copying it, when the
    // image owns its whole buffer.
    if (image && image.byteOffset === 0 && image.byteLength === image.buffer.byteLength) {
      return transfer(result, [image.buffer as ArrayBuffer]);
    }
    return result;
  },
};

export type BuilderApi = typeof builder;

expose(builder);
