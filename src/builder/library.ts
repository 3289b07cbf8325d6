// Loads the prebuilt library OS bundle from public/images: libos.json names
// the archive and its SHA-256, headers.json maps header names to their text.
// The caller supplies the byte source, so the page fetches and Node reads files.
import type { LibraryBundle } from "./types";

/** The description `npm run build:libos` writes next to the archive. */
interface LibraryManifest {
  version: string;
  archive: string;
  sha256: string;
  /** Archive member name to library OS component (`"puts.o": "libc/stdio"`); optional. */
  components?: Record<string, string>;
}

export const LIBRARY_MANIFEST = "libos.json";
export const LIBRARY_HEADERS = "headers.json";

/**
 * Reads libos.json, headers.json and the archive through `fetchBytes`
 * (given a file name relative to public/images) and checks the archive's
 * SHA-256 against the manifest where Web Crypto is available. Throws an
 * Error naming the file and the problem when a file is missing or malformed.
 */
export async function loadLibraryBundle(fetchBytes: (name: string) => Promise<Uint8Array>): Promise<LibraryBundle> {
  const manifest = parseManifest(await readJson(fetchBytes, LIBRARY_MANIFEST));
  const [headersJson, archive] = await Promise.all([readJson(fetchBytes, LIBRARY_HEADERS), fetchBytes(manifest.archive)]);
  const headers = parseHeaders(headersJson);

  const digest = await sha256Hex(archive);
  if (digest !== undefined && digest !== manifest.sha256.toLowerCase()) {
    throw new Error(
      `${manifest.archive} does not match ${LIBRARY_MANIFEST}: its SHA-256 is ${digest}, expected ${manifest.sha256}; ` +
        "rebuild with `npm run build:libos` or reload to get matching files",
    );
  }
  const input = manifest.components ? { name: manifest.archive, bytes: archive, components: manifest.components } : { name: manifest.archive, bytes: archive };
  return { version: manifest.version, headers, archives: [input] };
}

async function readJson(fetchBytes: (name: string) => Promise<Uint8Array>, name: string): Promise<unknown> {
  const text = new TextDecoder().decode(await fetchBytes(name));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseManifest(value: unknown): LibraryManifest {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${LIBRARY_MANIFEST} must contain a JSON object with version, archive and sha256`);
  }
  const record = value as Record<string, unknown>;
  for (const field of ["version", "archive", "sha256"]) {
    if (typeof record[field] !== "string" || record[field] === "") {
      throw new Error(`${LIBRARY_MANIFEST} is missing the string field "${field}"`);
    }
  }
  const manifest: LibraryManifest = { version: record.version as string, archive: record.archive as string, sha256: record.sha256 as string };
  if (record.components !== undefined) manifest.components = parseComponents(record.components);
  return manifest;
}

function parseComponents(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${LIBRARY_MANIFEST}: "components" must be an object mapping archive member names to component names`);
  }
  const components: Record<string, string> = {};
  for (const [member, component] of Object.entries(value)) {
    if (typeof component !== "string") throw new Error(`${LIBRARY_MANIFEST}: the component of "${member}" is not a string`);
    components[member] = component;
  }
  return components;
}

function parseHeaders(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${LIBRARY_HEADERS} must contain a JSON object mapping header names to their text`);
  }
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== "string") throw new Error(`${LIBRARY_HEADERS}: the entry "${name}" is not a string`);
    headers[name] = text;
  }
  return headers;
}

interface SubtleDigest {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * Returns the SHA-256 of `bytes` in lowercase hex, or undefined where Web
 * Crypto is missing: browsers expose it only in secure contexts (https or
 * localhost), and the check is a guard against stale files, not security.
 */
async function sha256Hex(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleDigest } }).crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
