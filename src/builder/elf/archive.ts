// Reader for `ar` archives: the GNU/System V format with its `/` symbol
// index and `//` long-name table, and BSD `#1/len` member names. An archive
// without a usable index gets `symbolIndex: undefined`; the linker then scans
// the members' own symbol tables.
import type { Diagnostic } from "../diagnostic";
import { ByteReader, MalformedInputError, hex, latin1 } from "./byte-reader";
import { fileError } from "./read-object";

export interface ArchiveMember {
  name: string;
  /** Offset of the member's 60-byte header in the archive, as the symbol index records it. */
  headerOffset: number;
  bytes: Uint8Array;
}

export interface Archive {
  name: string;
  members: ArchiveMember[];
  /** Symbol name to the index in `members` of the first member that defines it, from the `/` index. */
  symbolIndex?: Map<string, number>;
}

export type ReadArchiveResult = { archive: Archive; diagnostic?: undefined } | { archive?: undefined; diagnostic: Diagnostic };

const ARCHIVE_MAGIC = "!<arch>\n";
const THIN_ARCHIVE_MAGIC = "!<thin>\n";

/** Offsets of the fields of an `ar` member header; all are space-padded ASCII. */
const AR_HEADER = { name: 0, date: 16, uid: 28, gid: 34, mode: 40, size: 48, fmag: 58, end: 60 } as const;
if (AR_HEADER.end !== 60) throw new Error("internal error: ar member header table is not 60 bytes");

export function isArchive(bytes: Uint8Array): boolean {
  return startsWith(bytes, ARCHIVE_MAGIC) || startsWith(bytes, THIN_ARCHIVE_MAGIC);
}

/** Splits an `ar` archive into members. `name` is how diagnostics name the archive. */
export function readArchive(name: string, bytes: Uint8Array): ReadArchiveResult {
  try {
    return { archive: parseArchive(name, new ByteReader(bytes)) };
  } catch (error) {
    if (!(error instanceof MalformedInputError)) throw error;
    return { diagnostic: fileError(name, error.message) };
  }
}

interface RawMember {
  rawName: string;
  headerOffset: number;
  data: Uint8Array;
}

function parseArchive(name: string, reader: ByteReader): Archive {
  if (startsWith(reader.bytes, THIN_ARCHIVE_MAGIC)) {
    throw new MalformedInputError("thin archives are not supported; create the archive with `ar rcs` without T");
  }
  if (!startsWith(reader.bytes, ARCHIVE_MAGIC)) throw new MalformedInputError("not an ELF object or archive");

  let gnuIndex: RawMember | undefined;
  let longNames: Uint8Array | undefined;
  const members: ArchiveMember[] = [];
  for (const raw of readRawMembers(reader)) {
    if (raw.rawName === "/") {
      gnuIndex = raw;
    } else if (raw.rawName === "/SYM64/" || raw.rawName.startsWith("__.SYMDEF")) {
      // A 64-bit or BSD index is ignored because scanning the members finds the same symbols.
    } else if (raw.rawName === "//") {
      longNames = raw.data;
    } else {
      const resolved = memberName(raw, longNames);
      members.push({ name: resolved.name, headerOffset: raw.headerOffset, bytes: resolved.data });
    }
  }
  const symbolIndex = gnuIndex === undefined ? undefined : readSymbolIndex(gnuIndex.data, members);
  return { name, members, symbolIndex };
}

function readRawMembers(reader: ByteReader): RawMember[] {
  const members: RawMember[] = [];
  let at = ARCHIVE_MAGIC.length;
  while (at < reader.size) {
    const header = reader.slice(at, AR_HEADER.end, "archive member header");
    if (header[AR_HEADER.fmag] !== 0x60 || header[AR_HEADER.fmag + 1] !== 0x0a) {
      throw new MalformedInputError(`corrupt archive member header at offset ${hex(at)}: missing the \`\\n terminator`);
    }
    const sizeText = latin1(header.subarray(AR_HEADER.size, AR_HEADER.fmag)).trim();
    if (!/^\d+$/.test(sizeText)) {
      throw new MalformedInputError(`corrupt archive member header at offset ${hex(at)}: invalid size "${sizeText}"`);
    }
    const size = Number(sizeText);
    const rawName = latin1(header.subarray(AR_HEADER.name, AR_HEADER.date)).trimEnd();
    const data = reader.slice(at + AR_HEADER.end, size, `archive member "${rawName}"`);
    members.push({ rawName, headerOffset: at, data });
    at += AR_HEADER.end + size + (size & 1);
  }
  return members;
}

/** Resolves GNU `name/`, GNU `/offset` into the long-name table, and BSD `#1/len` names. */
function memberName(raw: RawMember, longNames: Uint8Array | undefined): { name: string; data: Uint8Array } {
  const bsd = /^#1\/(\d+)$/.exec(raw.rawName);
  if (bsd) {
    const length = Number(bsd[1]);
    if (length > raw.data.length) {
      throw new MalformedInputError(`archive member name length ${length} at offset ${hex(raw.headerOffset)} exceeds the member size ${raw.data.length}`);
    }
    const name = latin1(raw.data.subarray(0, length)).replace(/\0+$/, "");
    return { name, data: raw.data.subarray(length) };
  }
  const gnuLong = /^\/(\d+)$/.exec(raw.rawName);
  if (gnuLong) {
    const offset = Number(gnuLong[1]);
    if (longNames === undefined || offset >= longNames.length) {
      throw new MalformedInputError(`archive member at offset ${hex(raw.headerOffset)} refers to long name ${offset}, but the long-name table is missing or shorter`);
    }
    let end = offset;
    while (end < longNames.length && longNames[end] !== 0x0a) end++;
    const name = latin1(longNames.subarray(offset, end)).replace(/\/$/, "");
    return { name, data: raw.data };
  }
  return { name: raw.rawName.replace(/\/$/, ""), data: raw.data };
}

/** Parses the GNU `/` index: a big-endian count, that many member header offsets, then the NUL-terminated names. */
function readSymbolIndex(data: Uint8Array, members: ArchiveMember[]): Map<string, number> {
  const reader = new ByteReader(data);
  const count = reader.u32be(0);
  reader.checkRange(4, count * 4, "archive symbol index");
  const memberByOffset = new Map(members.map((m, i) => [m.headerOffset, i]));
  const index = new Map<string, number>();
  let nameAt = 4 + count * 4;
  for (let i = 0; i < count; i++) {
    const headerOffset = reader.u32be(4 + i * 4);
    const name = reader.cString(nameAt, data.length, "archive symbol index name");
    nameAt += name.length + 1;
    const member = memberByOffset.get(headerOffset);
    if (member === undefined) {
      throw new MalformedInputError(`archive symbol index entry for "${name}" points at offset ${hex(headerOffset)}, where no member starts`);
    }
    if (!index.has(name)) index.set(name, member);
  }
  return index;
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}
