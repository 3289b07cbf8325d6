// Merging of SHF_MERGE sections, as GNU ld (2.40) does it. Within one
// output section, input sections with the same flags, entry size and
// alignment form a merge class whose identical pieces are stored once: for
// SHF_STRINGS the pieces are terminated strings, otherwise fixed-size
// constants (`.rodata.cst4`). Each section keeps, in its own place and
// order, the pieces that no earlier section of its class introduced. A
// string that ends a longer string of the class points into that string
// instead (tail merging). A section left with no pieces takes no space.
import { SHF_MERGE, SHF_STRINGS, SHT_NOBITS } from "../elf/constants";
import type { ElfSection } from "../elf/read-object";
import { type LinkContext, type MergedOffsets, type OutputInput, alignUp } from "./context";

/** One distinct piece of a merge class. */
interface Piece {
  bytes: Uint8Array;
  /** The bytes without the terminator, one character per byte, as the map key and for tail comparison. */
  text: string;
  /** Alignment the piece needs: its input offset's, capped at the section's. */
  alignment: number;
  /** The input that stores the piece's one copy, and the offset there. */
  holder: OutputInput;
  offset: number;
  /** The longer piece this one is the tail of, or a more aligned copy that replaced it. */
  movedTo?: Piece;
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

/** Merges each class of SHF_MERGE input sections of every output section. */
export function mergeSections(ctx: LinkContext): void {
  for (const output of ctx.outputs) {
    const classes = new Map<string, OutputInput[]>();
    for (const input of output.inputs) {
      const section = input.section;
      if (section === undefined || !isMergeable(section)) continue;
      const key = `${section.flags}/${section.entsize}/${section.addralign}`;
      const members = classes.get(key);
      if (members === undefined) classes.set(key, [input]);
      else members.push(input);
    }
    for (const members of classes.values()) mergeClass(members);
  }
}

function mergeClass(members: OutputInput[]): void {
  const section = members[0]!.section!;
  const strings = (section.flags & SHF_STRINGS) !== 0;
  const entsize = section.entsize;
  const pieces = new Map<string, Piece>();
  const order: Piece[] = [];
  const splits = members.map((input) => {
    const starts: number[] = [];
    const used: Piece[] = [];
    for (const [start, bytes] of splitPieces(input.section!.data, entsize, strings, section.addralign)) {
      const text = latin1(strings ? bytes.subarray(0, bytes.length - entsize) : bytes);
      const alignment = strings ? Math.min(lowestBit(start) || section.addralign, section.addralign) : 1;
      let piece = pieces.get(text);
      if (piece === undefined || piece.alignment < alignment) {
        // A copy that needs more alignment replaces a less aligned one, as ld's hash table does.
        const replacement: Piece = { bytes, text, alignment, holder: input, offset: 0 };
        if (piece) piece.movedTo = replacement;
        piece = replacement;
        pieces.set(text, piece);
        order.push(piece);
      }
      starts.push(start);
      used.push(piece);
    }
    return { starts, used };
  });
  if (strings) mergeTails([...pieces.values()]);

  const sizes = new Map<OutputInput, number>();
  for (const piece of order) {
    if (piece.movedTo) continue;
    const size = alignUp(sizes.get(piece.holder) ?? 0, piece.alignment);
    piece.offset = size;
    sizes.set(piece.holder, size + piece.bytes.length);
  }
  for (const input of members) input.mergedData = new Uint8Array(sizes.get(input) ?? 0);
  for (const piece of order) if (!piece.movedTo) piece.holder.mergedData!.set(piece.bytes, piece.offset);

  members.forEach((input, i) => {
    const split = splits[i]!;
    const merged: MergedOffsets = { inputStarts: split.starts, pieces: split.used.map(finalPlace) };
    input.merged = merged;
    input.size = input.mergedData!.length;
  });
}

/** Follows replacements and tails to the piece that stores the bytes, and returns that copy's input and offset. */
function finalPlace(piece: Piece): { holder: OutputInput; offset: number } {
  let at = piece;
  let extra = 0;
  while (at.movedTo) {
    const next = at.movedTo;
    extra += next.bytes.length - at.bytes.length;
    at = next;
  }
  return { holder: at.holder, offset: at.offset + extra };
}

/**
 * Tail merging as ld does it: sort the strings by their reversed text, then
 * walk from the end, pointing each string at the last string kept when it is
 * that string's tail and the resulting offset keeps its alignment.
 */
function mergeTails(pieces: Piece[]): void {
  const live = pieces.filter((piece) => piece.movedTo === undefined);
  live.sort(compareReversed);
  let kept = live[live.length - 1];
  for (let i = live.length - 2; i >= 0; i--) {
    const candidate = live[i]!;
    const longer = kept!;
    const shift = longer.bytes.length - candidate.bytes.length;
    if (longer.alignment >= candidate.alignment && shift % candidate.alignment === 0 && longer.text.endsWith(candidate.text)) {
      candidate.movedTo = longer;
    } else {
      kept = candidate;
    }
  }
}

/** Orders strings by their bytes read from the end; a string that ends another sorts first. */
function compareReversed(a: Piece, b: Piece): number {
  let i = a.text.length - 1;
  let j = b.text.length - 1;
  for (; i >= 0 && j >= 0; i--, j--) {
    const difference = a.text.charCodeAt(i) - b.text.charCodeAt(j);
    if (difference !== 0) return difference;
  }
  return a.text.length - b.text.length;
}

/**
 * Splits section contents into pieces: `entsize`-byte constants, or strings
 * of `entsize`-byte units with their terminator. NULs after a string are
 * alignment padding; the first one at an aligned offset stands for the empty
 * string, as ld records it.
 */
function* splitPieces(data: Uint8Array, entsize: number, strings: boolean, alignment: number): Generator<[number, Uint8Array]> {
  let at = 0;
  let emptySeen = false;
  while (at + entsize <= data.length) {
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
    while (at + entsize <= data.length && isZeroUnit(data, at, entsize)) {
      if (!emptySeen && at % alignment === 0) {
        emptySeen = true;
        yield [at, data.subarray(at, at + entsize)];
      }
      at += entsize;
    }
  }
}

function isZeroUnit(data: Uint8Array, at: number, entsize: number): boolean {
  for (let i = 0; i < entsize; i++) if (data[at + i] !== 0) return false;
  return true;
}

function lowestBit(value: number): number {
  return value & -value;
}

function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}
