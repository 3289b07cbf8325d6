// Checks that an image is something v86's multiboot loader boots correctly.
// v86 0.5.462 does not reject bad images itself: without a multiboot header
// it runs zeroed memory forever, it skips a segment that does not fit in RAM
// without a word, and a truncated header table throws a RangeError from
// inside the loader. So every problem is found here, before booting.
import {
  ELF32_EHDR_SIZE,
  ELF32_PHDR_SIZE,
  ELF32_SHDR_SIZE,
  ELF_MAGIC,
  ELFCLASS32,
  ELFDATA2LSB,
  EM_386,
  ET_EXEC,
  ET_REL,
  MULTIBOOT_HEADER_MAGIC,
  MULTIBOOT_SEARCH_LIMIT,
  PT_LOAD,
} from "../builder/elf/constants";

/** An image that cannot boot; the message names the problem and the fix. */
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImageError";
  }
}

/** Multiboot header flag bits v86's loader implements for ELF images: page alignment (0) and memory info (1). */
const SUPPORTED_MULTIBOOT_FLAGS = 0x3;

interface LoadSegment {
  index: number;
  fileOffset: number;
  virtualAddress: number;
  physicalAddress: number;
  fileSize: number;
  memorySize: number;
}

function hex(value: number): string {
  return "0x" + (value >>> 0).toString(16);
}

function formatBytes(bytes: number): string {
  return bytes % (1 << 20) === 0 ? `${bytes >> 20} MiB` : `${bytes} bytes`;
}

/**
 * Throws an ImageError unless `image` is a little-endian ELF32 i386
 * executable with a valid multiboot v1 header in its first 8 KiB, and all
 * of its loadable segments lie inside the file and below `memoryBytes`.
 */
export function checkMultibootImage(image: Uint8Array, memoryBytes: number): void {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  checkElfHeader(image, view);
  checkMultibootHeader(image, view);

  const entry = view.getUint32(24, true);
  const segments = readLoadSegments(image, view);
  if (segments.length === 0) throw new ImageError("image has no PT_LOAD segment, so there is nothing to boot");
  for (const segment of segments) {
    const end = segment.physicalAddress + segment.memorySize;
    if (end >= memoryBytes) {
      throw new ImageError(
        `image segment ${segment.index} at ${hex(segment.physicalAddress)} (${segment.memorySize} bytes) ` +
          `does not fit in the emulator's ${formatBytes(memoryBytes)} of RAM (it ends at ${formatBytes(end)}): ` +
          "make static arrays smaller, or give the emulator more memory (`ukp run --memory MIB`, `memoryBytes` in the API)",
      );
    }
  }
  const entrySegment = segments.find((s) => entry >= s.virtualAddress && entry < s.virtualAddress + s.memorySize);
  if (!entrySegment) throw new ImageError(`image entry point ${hex(entry)} lies outside every PT_LOAD segment`);
}

function checkElfHeader(image: Uint8Array, view: DataView): void {
  const isElf = image.length >= ELF_MAGIC.length && ELF_MAGIC.every((byte, i) => image[i] === byte);
  if (!isElf) {
    const start = Array.from(image.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new ImageError(
      `image is not an ELF file: it starts with ${start || "nothing (empty file)"}, expected 7f 45 4c 46; pass a linked multiboot ELF32 image`,
    );
  }
  if (image.length < ELF32_EHDR_SIZE) throw new ImageError(`image is truncated: ${image.length} bytes, shorter than the 52-byte ELF32 header`);
  if (image[4] !== ELFCLASS32) throw new ImageError("image is not a 32-bit ELF file (EI_CLASS is not ELFCLASS32); build it for i386");
  if (image[5] !== ELFDATA2LSB) throw new ImageError("image is not a little-endian ELF file (EI_DATA is not ELFDATA2LSB)");

  const type = view.getUint16(16, true);
  if (type === ET_REL) throw new ImageError("image is a relocatable object (ET_REL), not a linked executable: link it first");
  if (type !== ET_EXEC) throw new ImageError(`image has ELF type ${type}, expected ET_EXEC (2), a statically linked executable`);
  const machine = view.getUint16(18, true);
  if (machine !== EM_386) throw new ImageError(`image is for ELF machine ${machine}, expected EM_386 (3)`);
  const headerSize = view.getUint16(40, true);
  if (headerSize !== ELF32_EHDR_SIZE) throw new ImageError(`image ELF header size is ${headerSize}, expected ${ELF32_EHDR_SIZE}`);

  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  const phnum = view.getUint16(44, true);
  if (phnum > 0 && phentsize !== ELF32_PHDR_SIZE) {
    throw new ImageError(`image program header entry size is ${phentsize}, expected ${ELF32_PHDR_SIZE}`);
  }
  if (phoff + phnum * ELF32_PHDR_SIZE > image.length) {
    throw new ImageError(`image program header table (${phnum} entries at offset ${hex(phoff)}) runs past the end of the file`);
  }
  const shoff = view.getUint32(32, true);
  const shentsize = view.getUint16(46, true);
  const shnum = view.getUint16(48, true);
  if (shnum > 0 && shentsize !== ELF32_SHDR_SIZE) {
    throw new ImageError(`image section header entry size is ${shentsize}, expected ${ELF32_SHDR_SIZE}`);
  }
  if (shoff + shnum * ELF32_SHDR_SIZE > image.length) {
    throw new ImageError(`image section header table (${shnum} entries at offset ${hex(shoff)}) runs past the end of the file`);
  }
}

/** Finds the header as v86 does: the first 4-byte aligned magic with a valid checksum. */
function checkMultibootHeader(image: Uint8Array, view: DataView): void {
  const limit = Math.min(MULTIBOOT_SEARCH_LIMIT, image.length) - 12;
  let badChecksumOffset: number | undefined;
  for (let offset = 0; offset <= limit; offset += 4) {
    if (view.getUint32(offset, true) !== MULTIBOOT_HEADER_MAGIC) continue;
    const flags = view.getUint32(offset + 4, true);
    const checksum = view.getUint32(offset + 8, true);
    if (((MULTIBOOT_HEADER_MAGIC + flags + checksum) >>> 0) !== 0) {
      badChecksumOffset ??= offset;
      continue;
    }
    if ((flags & ~SUPPORTED_MULTIBOOT_FLAGS) !== 0) {
      throw new ImageError(
        `multiboot header at offset ${hex(offset)} has flags ${hex(flags)}; ` +
          `only bit 0 (page align) and bit 1 (memory info) are supported, so clear the others`,
      );
    }
    return;
  }
  if (badChecksumOffset !== undefined) {
    throw new ImageError(
      `multiboot header at offset ${hex(badChecksumOffset)} has an invalid checksum: magic + flags + checksum must be 0 modulo 2^32`,
    );
  }
  throw new ImageError(
    "image has no multiboot header (magic 0x1badb002) in its first 8 KiB: place the header section first in the linker script",
  );
}

function readLoadSegments(image: Uint8Array, view: DataView): LoadSegment[] {
  const phoff = view.getUint32(28, true);
  const phnum = view.getUint16(44, true);
  const segments: LoadSegment[] = [];
  for (let index = 0; index < phnum; index++) {
    const base = phoff + index * ELF32_PHDR_SIZE;
    if (view.getUint32(base, true) !== PT_LOAD) continue;
    const segment: LoadSegment = {
      index,
      fileOffset: view.getUint32(base + 4, true),
      virtualAddress: view.getUint32(base + 8, true),
      physicalAddress: view.getUint32(base + 12, true),
      fileSize: view.getUint32(base + 16, true),
      memorySize: view.getUint32(base + 20, true),
    };
    if (segment.fileOffset + segment.fileSize > image.length) {
      throw new ImageError(`image segment ${index} (${segment.fileSize} bytes at offset ${hex(segment.fileOffset)}) runs past the end of the file`);
    }
    if (segment.fileSize > segment.memorySize) {
      throw new ImageError(`image segment ${index} has a file size (${segment.fileSize}) larger than its memory size (${segment.memorySize})`);
    }
    segments.push(segment);
  }
  return segments;
}
