// Check of the multiboot v1 header after relocation. The multiboot spec
// requires the header to be 32-bit aligned and to lie completely within the
// first 8192 bytes of the image file, with magic + flags + checksum = 0
// modulo 2^32; a loader that finds none refuses the image.
import { MULTIBOOT_HEADER_MAGIC, MULTIBOOT_SEARCH_LIMIT } from "../elf/constants";
import type { LinkContext } from "./context";

/** Header flag 16: the header carries the load addresses (a.out kludge), 32 bytes in all. */
const FLAG_ADDRESS_FIELDS = 1 << 16;
/** Header flag 2: the header carries a video mode request, 48 bytes in all. */
const FLAG_VIDEO_MODE = 1 << 2;
/**
 * The flags v86 0.5.462's multiboot loader handles: 0 (page-align modules),
 * 1 (memory map) and 16 (address fields); its loader asserts that no other
 * bit is set.
 */
const FLAGS_V86_SUPPORTS = 0x3 | FLAG_ADDRESS_FIELDS;

export function checkMultibootHeader(ctx: LinkContext): void {
  const section = ctx.outputs.find((o) => o.name === ".multiboot");
  if (section === undefined) {
    ctx.error(
      "",
      "no multiboot header: no input has a `.multiboot` section; link the library OS (libos.a), whose boot object provides it",
    );
    return;
  }
  const view = new DataView(section.data.buffer, section.data.byteOffset, section.data.byteLength);
  for (let at = 0; at + 12 <= section.size; at++) {
    const fileOffset = section.fileOffset + at;
    if (fileOffset % 4 !== 0 || view.getUint32(at, true) !== MULTIBOOT_HEADER_MAGIC) continue;

    const flags = view.getUint32(at + 4, true);
    const checksum = view.getUint32(at + 8, true);
    let length = 12;
    if (flags & FLAG_ADDRESS_FIELDS) length = 32;
    if (flags & FLAG_VIDEO_MODE) length = 48;
    if (fileOffset + length > MULTIBOOT_SEARCH_LIMIT) {
      ctx.error(
        "",
        `multiboot header at file offset 0x${fileOffset.toString(16)} does not lie within the first ${MULTIBOOT_SEARCH_LIMIT} bytes of the image; shrink the \`.multiboot\` section`,
      );
    } else if ((flags & ~FLAGS_V86_SUPPORTS) !== 0) {
      ctx.error(
        "",
        `multiboot header flags 0x${flags.toString(16)} request features the emulator does not provide (bits 0x${((flags & ~FLAGS_V86_SUPPORTS) >>> 0).toString(16)}); use only bits 0, 1 and 16 (0x10003)`,
      );
    } else if (((MULTIBOOT_HEADER_MAGIC + flags + checksum) >>> 0) !== 0) {
      const expected = (-(MULTIBOOT_HEADER_MAGIC + flags) >>> 0).toString(16);
      ctx.error(
        "",
        `invalid multiboot header checksum 0x${checksum.toString(16)} for flags 0x${flags.toString(16)}; expected 0x${expected} (magic + flags + checksum must be 0)`,
      );
    }
    return;
  }
  ctx.error("", `the \`.multiboot\` section contains no multiboot header (magic 0x${MULTIBOOT_HEADER_MAGIC.toString(16)} at a 4-byte aligned offset)`);
}
