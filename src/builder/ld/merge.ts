// Merging of SHF_MERGE sections, as GNU ld does it: within one output
// section, input sections with the same flags, entry size and alignment form
// a merge class whose identical pieces are stored once. For SHF_STRINGS the
// pieces are NUL-terminated strings, and a string that is the tail of a
// longer one points into it; otherwise they are fixed-size constants
// (`.rodata.cst4`). The first section of a class holds the merged contents
// at its place in the output; the others leave the output and map their
// offsets into it.
import { SHF_MERGE, SHF_STRINGS, SHT_NOBITS } from "../elf/constants";
import type { ElfSection } from "../elf/read-object";
import { type InputFile, type LinkContext, type MergedOffsets, type OutputInput, alignUp } from "./context";

/** One distinct piece of a merge class. */
interface Piece {
  bytes: Uint8Array;
  /** The piece's text as a map key (one character per byte). */
  key: string;
  /** Offset in the merged contents, or the piece whose tail this one is. */
  offset: number;
  tailOf?: Piece;
}

interface MergeClass {
  host: OutputInput;
  members: { file: InputFile; section: ElfSection }[];
}

function isMergeable(section: ElfSection): boolean {
  return (
    (section.flags & SHF_MERGE) !== 0 &&
    section.entsize > 0 &&
    section.type !== SHT_NOBITS &&
    section.relocations.length === 0 &&
    section.size % section.entsize === 0
  );
}

/** Replaces each merge class in every output section by one input holding the merged pieces. */
export function mergeSections(ctx: LinkContext): void {
  for (const output of ctx.outputs) {
    const classes = new Map<string, MergeClass>();
    const kept: OutputInput[] = [];
    for (const input of output.inputs) {
      const section = input.section;
      if (section === undefined || !isMergeable(section)) {
        kept.push(input);
        continue;
      }
      const key = `${section.flags}/${section.entsize}/${section.addralign}`;
      const mergeClass = classes.get(key);
      if (mergeClass === undefined) {
        classes.set(key, { host: input, members: [{ file: input.file, section }] });
        kept.push(input);
      } else {
        mergeClass.members.push({ file: input.file, section });
      }
    }
    for (const mergeClass of classes.values()) mergeOneClass(mergeClass);
    output.inputs = kept;
  }
}

function mergeOneClass(mergeClass: MergeClass): void {
  const section = mergeClass.members[0]!.section;
  const strings = (section.flags & SHF_STRINGS) !== 0;
  const entsize = section.entsize;
  const pieceAlign = strings ? Math.max(section.addralign, entsize) : entsize;
  const pieces = new Map<string, Piece>();
  const order: Piece[] = [];
  const splits: { starts: number[]; pieces: Piece[] }[] = [];
  for (const member of mergeClass.members) {
    const starts: number[] = [];
    const memberPieces: Piece[] = [];
    for (const [start, bytes] of splitPieces(member.section.data, entsize, strings, pieceAlign)) {
      const key = latin1Key(bytes);
      let piece = pieces.get(key);
      if (piece === undefined) {
        piece = { bytes, key, offset: 0 };
        pieces.set(key, piece);
        order.push(piece);
      }
      starts.push(start);
      memberPieces.push(piece);
    }
    splits.push({ starts, pieces: memberPieces });
  }
  if (strings) findTails(order, entsize, pieceAlign);

  let size = 0;
  for (const piece of order) {
    if (piece.tailOf) continue;
    size = alignUp(size, pieceAlign);
    piece.offset = size;
    size += piece.bytes.length;
  }
  const data = new Uint8Array(size);
  for (const piece of order) if (!piece.tailOf) data.set(piece.bytes, piece.offset);

  const host = mergeClass.host;
  host.mergedData = data;
  host.size = size;
  host.mergedMembers = mergeClass.members.map((member, i) => {
    const split = splits[i]!;
    const offsets: MergedOffsets = { inputStarts: split.starts, outputStarts: split.pieces.map(pieceOffset) };
    return { ...member, offsets };
  });
}

function pieceOffset(piece: Piece): number {
  if (piece.tailOf === undefined) return piece.offset;
  return pieceOffset(piece.tailOf) + piece.tailOf.bytes.length - piece.bytes.length;
}

/** Splits section contents into pieces: terminated strings of `entsize` units, or `entsize`-byte constants. */
function* splitPieces(data: Uint8Array, entsize: number, strings: boolean, pieceAlign: number): Generator<[number, Uint8Array]> {
  let at = 0;
  while (at < data.length) {
    if (!strings) {
      yield [at, data.subarray(at, at + entsize)];
      at += entsize;
      continue;
    }
    let end = at;
    while (end + entsize <= data.length && !isZeroUnit(data, end, entsize)) end += entsize;
    end = Math.min(data.length, end + entsize);
    yield [at, data.subarray(at, end)];
    at = end;
    // Padding that aligns the next string is zeros, not strings of their own.
    while (at < data.length && at % pieceAlign !== 0 && isZeroUnit(data, at, entsize)) at += entsize;
  }
}

function isZeroUnit(data: Uint8Array, at: number, entsize: number): boolean {
  for (let i = 0; i < entsize; i++) if (data[at + i] !== 0) return false;
  return true;
}

function latin1Key(bytes: Uint8Array): string {
  let key = "";
  for (let i = 0; i < bytes.length; i += 4096) key += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return key;
}

/**
 * Points each string that ends another, longer string into that string's
 * tail, when the tail's offset keeps the string's alignment. Sorting the
 * reversed strings puts each one just before the strings it is a tail of.
 */
function findTails(pieces: Piece[], entsize: number, pieceAlign: number): void {
  const reversed = pieces.map((piece) => ({ piece, key: reverseUnits(piece.key, entsize) }));
  reversed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = reversed.length - 2; i >= 0; i--) {
    const shorter = reversed[i]!;
    const longer = reversed[i + 1]!;
    if (!longer.key.startsWith(shorter.key)) continue;
    const host = longer.piece.tailOf ?? longer.piece;
    if ((host.bytes.length - shorter.piece.bytes.length) % pieceAlign !== 0) continue;
    shorter.piece.tailOf = host;
  }
}

function reverseUnits(key: string, entsize: number): string {
  const units: string[] = [];
  for (let i = 0; i < key.length; i += entsize) units.push(key.slice(i, i + entsize));
  return units.reverse().join("");
}
