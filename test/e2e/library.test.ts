// loadLibraryBundle against the committed public/images files and against
// broken in-memory copies of them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { loadLibraryBundle } from "../../src/builder/library";

const imagesDir = join(import.meta.dirname, "..", "..", "public", "images");

function committedFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of ["libos.json", "headers.json", "libos.a"]) files[name] = readFileSync(join(imagesDir, name));
  return files;
}

function fetcher(files: Record<string, Uint8Array>): (name: string) => Promise<Uint8Array> {
  return async (name) => {
    const bytes = files[name];
    if (!bytes) throw new Error(`${name}: not found`);
    return bytes;
  };
}

const encode = (text: string) => new TextEncoder().encode(text);

describe("loadLibraryBundle", () => {
  it("loads the committed bundle", async () => {
    const files = committedFiles();
    const manifest = JSON.parse(new TextDecoder().decode(files["libos.json"]));
    const bundle = await loadLibraryBundle(fetcher(files));
    expect(bundle.version).toBe(manifest.version);
    expect(bundle.archives.map((a) => a.name)).toEqual([manifest.archive]);
    expect(bundle.archives[0].bytes.length).toBe(files["libos.a"].length);
    expect(bundle.headers["stdio.h"]).toContain("printf");
    expect(bundle.archives[0].components).toEqual(manifest.components);
    expect(bundle.archives[0].components?.["abort.o"]).toBe("libc/stdlib");
  });

  it("rejects components that are not strings", async () => {
    const files = committedFiles();
    const manifest = JSON.parse(new TextDecoder().decode(files["libos.json"]));
    files["libos.json"] = encode(JSON.stringify({ ...manifest, components: { "puts.o": 3 } }));
    await expect(loadLibraryBundle(fetcher(files))).rejects.toThrow('libos.json: the component of "puts.o" is not a string');
  });

  it("rejects an archive with another hash", async () => {
    const files = committedFiles();
    files["libos.a"] = files["libos.a"].slice(0, -1);
    await expect(loadLibraryBundle(fetcher(files))).rejects.toThrow(/^libos\.a does not match libos\.json: its SHA-256 is [0-9a-f]{64}, expected [0-9a-f]{64}; /);
  });

  it("rejects a manifest without sha256", async () => {
    const files = committedFiles();
    files["libos.json"] = encode(JSON.stringify({ version: "1", archive: "libos.a" }));
    await expect(loadLibraryBundle(fetcher(files))).rejects.toThrow('libos.json is missing the string field "sha256"');
  });

  it("rejects invalid JSON", async () => {
    const files = committedFiles();
    files["headers.json"] = encode("{ not json");
    await expect(loadLibraryBundle(fetcher(files))).rejects.toThrow(/^headers\.json is not valid JSON: /);
  });

  it("rejects a header that is not text", async () => {
    const files = committedFiles();
    files["headers.json"] = encode(JSON.stringify({ "stdio.h": 42 }));
    await expect(loadLibraryBundle(fetcher(files))).rejects.toThrow('headers.json: the entry "stdio.h" is not a string');
  });

  it("passes on a fetch error", async () => {
    const files = committedFiles();
    delete files["libos.a"];
    await expect(loadLibraryBundle(fetcher(files))).rejects.toThrow("libos.a: not found");
  });
});
