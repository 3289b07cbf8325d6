// Share links: the workspace as JSON, compressed with raw DEFLATE (fflate),
// in base64url behind a version prefix, e.g. `#s2.7ZRNb9sw...`. A link
// comes from a stranger, so decoding caps the size before and after
// decompression, rejects invalid UTF-8 and checks the schema, and it only
// ever yields data: nothing in a link is rendered as HTML or evaluated.
import { deflateSync, Inflate } from "fflate";
import { checkWorkspace, WorkspaceError, type Workspace } from "../workspace";

/**
 * The version that `encodeShareLink` writes. Version 2 added
 * `options.optimize`, which version 1 links lack.
 */
export const SHARE_VERSION = 2;
/** Maximum fragment length `decodeShareLink` reads, in characters (Chromium accepts URLs up to 2 MB). */
export const MAX_LINK_CHARS = 1_500_000;
/**
 * Maximum bytes a link may inflate to. A workspace contains at most one
 * million UTF-16 units, and JSON and UTF-8 spell each in at most six bytes.
 */
export const MAX_INFLATED_BYTES = 6 * 1024 * 1024 + 64 * 1024;
/** Compressed bytes pushed into the inflater at a time. DEFLATE expands 1 KiB to at most about 1 MiB. */
const INFLATE_CHUNK_BYTES = 1024;

const PREFIX_PATTERN = /^s(\d{1,3})\.(.*)$/s;

export type ShareLinkFailure =
  | "tooLong"
  | "notShareLink"
  | "newerVersion"
  | "badBase64"
  | "badCompression"
  | "tooLarge"
  | "badText"
  | "badJson"
  | "badSchema";

export type DecodedShareLink =
  | { ok: true; workspace: Workspace; version: number }
  | { ok: false; failure: ShareLinkFailure; detail: string };

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE64URL_VALUES = new Map([...BASE64URL].map((char, index) => [char, index]));

export function encodeBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const triple = (a << 16) | (b << 8) | c;
    chunk += BASE64URL[(triple >> 18) & 63] + BASE64URL[(triple >> 12) & 63];
    if (i + 1 < bytes.length) chunk += BASE64URL[(triple >> 6) & 63];
    if (i + 2 < bytes.length) chunk += BASE64URL[triple & 63];
    if (chunk.length >= 4096) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  return parts.join("");
}

/** Decodes unpadded base64url; returns undefined on a character outside the alphabet or an impossible length. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let out = 0;
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = BASE64URL_VALUES.get(char);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, out);
}

/** Returns the fragment text (without `#`) that carries `workspace`. */
export function encodeShareLink(workspace: Workspace): string {
  const json = JSON.stringify({
    files: workspace.files,
    active: workspace.active,
    options: workspace.options,
    libos: workspace.libos,
    toolchain: workspace.toolchain,
  });
  const compressed = deflateSync(new TextEncoder().encode(json), { level: 9 });
  return `s${SHARE_VERSION}.${encodeBase64Url(compressed)}`;
}

/** Inflates raw DEFLATE data, giving up as soon as the output passes `maxBytes`. */
function inflateCapped(compressed: Uint8Array, maxBytes: number): { bytes: Uint8Array } | { failure: "badCompression" | "tooLarge"; detail: string } {
  const pieces: Uint8Array[] = [];
  let total = 0;
  let overflow = false;
  const inflater = new Inflate((data) => {
    total += data.length;
    if (total > maxBytes) overflow = true;
    else pieces.push(data.slice());
  });
  try {
    for (let offset = 0; offset < compressed.length && !overflow; offset += INFLATE_CHUNK_BYTES) {
      const end = Math.min(offset + INFLATE_CHUNK_BYTES, compressed.length);
      inflater.push(compressed.subarray(offset, end), end === compressed.length);
    }
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (!overflow) return { failure: "badCompression", detail: error instanceof Error ? error.message : String(error) };
  }
  if (overflow) return { failure: "tooLarge", detail: `more than ${maxBytes} bytes after decompression` };

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return { bytes };
}

/**
 * Decodes a fragment made by `encodeShareLink` (with or without the `#`).
 * Never throws: every way a link can be broken, truncated or hostile comes
 * back as a failure with a detail naming the value.
 */
export function decodeShareLink(fragment: string): DecodedShareLink {
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (text.length > MAX_LINK_CHARS) {
    return { ok: false, failure: "tooLong", detail: `${text.length} characters, more than the limit of ${MAX_LINK_CHARS}` };
  }
  const match = PREFIX_PATTERN.exec(text);
  if (!match) return { ok: false, failure: "notShareLink", detail: 'the fragment does not start with "s<version>."' };
  const version = Number(match[1]);
  if (version > SHARE_VERSION) {
    return { ok: false, failure: "newerVersion", detail: `link version ${version}, this page reads up to version ${SHARE_VERSION}` };
  }
  if (version < 1) return { ok: false, failure: "notShareLink", detail: `link version ${version} does not exist` };

  const compressed = decodeBase64Url(match[2]);
  if (compressed === undefined) return { ok: false, failure: "badBase64", detail: "the link contains characters outside base64url or is cut off" };
  const inflated = inflateCapped(compressed, MAX_INFLATED_BYTES);
  if ("failure" in inflated) return { ok: false, failure: inflated.failure, detail: inflated.detail };

  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(inflated.bytes);
  } catch {
    return { ok: false, failure: "badText", detail: "the decompressed link is not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, failure: "badJson", detail: error instanceof Error ? error.message : String(error) };
  }
  try {
    return { ok: true, workspace: checkWorkspace(upgradePayload(version, value)), version };
  } catch (error) {
    if (error instanceof WorkspaceError) return { ok: false, failure: "badSchema", detail: error.message };
    throw error;
  }
}

/**
 * Converts the payload of an older link version to the current schema. Each
 * version adds a case here that rewrites the fields it changed, and
 * `checkWorkspace` then rejects what is still wrong.
 */
function upgradePayload(version: number, payload: unknown): unknown {
  switch (version) {
    case 1:
      // Version 1 has no options.optimize, and checkWorkspace gives a missing level the default, -O2.
      return payload;
    case 2:
      return payload;
    default:
      throw new Error(`internal error: no upgrade from share link version ${version}`);
  }
}
