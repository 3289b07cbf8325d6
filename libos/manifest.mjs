// Writes headers.json and libos.json next to libos.a; build.sh runs it after ar.
// Usage: node manifest.mjs OUT_DIR (run from the libos directory).

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const VERSION = "0.1.0";
const SOURCE_EXTENSIONS = [".c", ".S", ".h", ".ld", ".sh", ".mjs"];

/** Lists files under dir with forward-slash paths relative to dir, sorted by code unit. */
function listFiles(dir, prefix = "") {
  const files = [];
  for (const name of readdirSync(join(dir, prefix))) {
    const relative = prefix === "" ? name : `${prefix}/${name}`;
    if (statSync(join(dir, relative)).isDirectory()) files.push(...listFiles(dir, relative));
    else files.push(relative);
  }
  return files.sort();
}

const outDir = process.argv[2];
if (!outDir) {
  console.error("usage: node manifest.mjs OUT_DIR");
  process.exit(2);
}

const headers = {};
for (const name of listFiles("include")) headers[name] = readFileSync(join("include", name), "utf8");
writeFileSync(join(outDir, "headers.json"), JSON.stringify(headers, null, 2) + "\n");

// The sources hash covers "path\0contents\0" for every source, header and build file in path order.
const sources = createHash("sha256");
for (const name of listFiles(".").filter((f) => SOURCE_EXTENSIONS.some((ext) => f.endsWith(ext)))) {
  sources.update(name + "\0");
  sources.update(readFileSync(name));
  sources.update("\0");
}

const manifest = {
  version: VERSION,
  archive: "libos.a",
  sha256: createHash("sha256").update(readFileSync(join(outDir, "libos.a"))).digest("hex"),
  sources: sources.digest("hex"),
};
writeFileSync(join(outDir, "libos.json"), JSON.stringify(manifest, null, 2) + "\n");
