// An `ar` archive writer for tests: GNU format with an optional `/` symbol
// index, so archive tests need no `ar` binary.
import { SHN_UNDEF, STB_LOCAL } from "../../src/builder/elf/constants";
import type { BinaryInput } from "../../src/builder/types";
import { parseImage } from "./dump";

/** Names of the defined global symbols of an object, for the archive index. */
function parseSymbols(bytes: Uint8Array): string[] {
  const image = parseImage(bytes);
  return image.symbols.filter((s) => s.bind !== STB_LOCAL && s.shndx !== SHN_UNDEF).map((s) => s.name);
}

export function archiveOf(name: string, members: BinaryInput[], withIndex = true): BinaryInput {
  const encoder = new TextEncoder();
  const header = (n: string, size: number) => encoder.encode(`${n.padEnd(16)}0           0     0     644     ${String(size).padEnd(10)}\`\n`);
  const bodies = members.map((m) => m.bytes);
  const memberSize = (b: Uint8Array) => 60 + b.length + (b.length % 2);
  const indexEntries: [string, number][] = [];
  let indexBytes = new Uint8Array(0);
  if (withIndex) {
    // Offsets depend on the index size, which depends only on the names.
    members.forEach((m, i) => {
      const parsed = parseSymbols(m.bytes);
      for (const s of parsed) indexEntries.push([s, i]);
    });
    const names = encoder.encode(indexEntries.map(([s]) => `${s}\0`).join(""));
    indexBytes = new Uint8Array(4 + 4 * indexEntries.length + names.length);
    const view = new DataView(indexBytes.buffer);
    view.setUint32(0, indexEntries.length);
    let offset = 8 + memberSize(indexBytes);
    const offsets = bodies.map((b) => {
      const at = offset;
      offset += memberSize(b);
      return at;
    });
    indexEntries.forEach(([, member], i) => view.setUint32(4 + 4 * i, offsets[member]!));
    indexBytes.set(names, 4 + 4 * indexEntries.length);
  }
  const parts: Uint8Array[] = [encoder.encode("!<arch>\n")];
  const push = (n: string, b: Uint8Array) => {
    parts.push(header(n, b.length), b);
    if (b.length % 2) parts.push(new Uint8Array([10]));
  };
  if (withIndex) push("/", indexBytes);
  members.forEach((m) => push(`${m.name}/`, m.bytes));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { name, bytes: out };
}
