// Size figures read from ELF32 little-endian files: the code bytes of a
// relocatable object and the loaded bytes of an executable image.

const ELF_MAGIC = 0x7f454c46;
const ELFCLASS32 = 1;
const ELFDATA2LSB = 1;
const SHT_NOBITS = 8;
const SHF_EXECINSTR = 4;
const PT_LOAD = 1;

function elfView(bytes: Uint8Array, label: string): DataView {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 52 || view.getUint32(0) !== ELF_MAGIC || bytes[4] !== ELFCLASS32 || bytes[5] !== ELFDATA2LSB) {
    throw new Error(`${label} is not an ELF32 little-endian file`);
  }
  return view;
}

/** Sums the sizes of the executable sections (SHF_EXECINSTR, not NOBITS) of an ELF32 object or image. */
export function executableBytes(bytes: Uint8Array, label: string): number {
  const view = elfView(bytes, label);
  const table = view.getUint32(0x20, true);
  const entrySize = view.getUint16(0x2e, true);
  const count = view.getUint16(0x30, true);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const header = table + i * entrySize;
    const type = view.getUint32(header + 4, true);
    const flags = view.getUint32(header + 8, true);
    if ((flags & SHF_EXECINSTR) !== 0 && type !== SHT_NOBITS) total += view.getUint32(header + 20, true);
  }
  return total;
}

/** Sums p_filesz over the PT_LOAD segments of an ELF32 executable: the bytes a loader copies into memory. */
export function loadedBytes(image: Uint8Array, label: string): number {
  const view = elfView(image, label);
  const table = view.getUint32(0x1c, true);
  const entrySize = view.getUint16(0x2a, true);
  const count = view.getUint16(0x2c, true);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const header = table + i * entrySize;
    if (view.getUint32(header, true) === PT_LOAD) total += view.getUint32(header + 16, true);
  }
  return total;
}
