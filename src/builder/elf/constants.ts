// ELF32 constants for i386, from the System V gABI and the i386 psABI.
// Shared by the object writer (assembler), the object reader and the linker.

export const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46] as const;
export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;

export const ET_REL = 1;
export const ET_EXEC = 2;
export const EM_386 = 3;

/** Sizes the gABI fixes for ELF32 structures; readers and writers assert them. */
export const ELF32_EHDR_SIZE = 52;
export const ELF32_PHDR_SIZE = 32;
export const ELF32_SHDR_SIZE = 40;
export const ELF32_SYM_SIZE = 16;
export const ELF32_REL_SIZE = 8;
export const ELF32_RELA_SIZE = 12;

export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_HASH = 5;
export const SHT_DYNAMIC = 6;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_DYNSYM = 11;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
export const SHT_PREINIT_ARRAY = 16;
export const SHT_GROUP = 17;
export const SHT_SYMTAB_SHNDX = 18;
export const SHT_GNU_ATTRIBUTES = 0x6ffffff5;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40;
export const SHF_GROUP = 0x200;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STT_COMMON = 5;

export const STV_DEFAULT = 0;
export const STV_HIDDEN = 2;

export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PF_X = 0x1;
export const PF_W = 0x2;
export const PF_R = 0x4;

/** i386 psABI relocation types. */
export const R_386_NONE = 0;
export const R_386_32 = 1;
export const R_386_PC32 = 2;
export const R_386_GOT32 = 3;
export const R_386_PLT32 = 4;
export const R_386_GOTOFF = 9;
export const R_386_GOTPC = 10;
export const R_386_16 = 20;
export const R_386_PC16 = 21;
export const R_386_8 = 22;
export const R_386_PC8 = 23;
export const R_386_GOT32X = 43;

/** Multiboot v1 header magic, header flags and the magic the loader passes in EAX. */
export const MULTIBOOT_HEADER_MAGIC = 0x1badb002;
export const MULTIBOOT_BOOTLOADER_MAGIC = 0x2badb002;
/** Flags v86 accepts: page-align modules (bit 0) and pass memory info (bit 1). */
export const MULTIBOOT_HEADER_FLAGS = 0x3;
/** The multiboot header must lie within this many bytes from the file start. */
export const MULTIBOOT_SEARCH_LIMIT = 8192;

/** Images load at 1 MiB, as multiboot kernels conventionally do. */
export const IMAGE_BASE = 0x100000;

/** Section group flag: the group is a COMDAT group, so the linker keeps one copy per signature. */
export const GRP_COMDAT = 0x1;

/** Symbol visibilities beyond default and hidden, for `.internal` and `.protected`. */
export const STV_INTERNAL = 1;
export const STV_PROTECTED = 3;
/** Section flags GNU as accepts in `.section` flag strings: `T`, `e` and `R`. */
export const SHF_TLS = 0x400;
export const SHF_EXCLUDE = 0x80000000;
export const SHF_GNU_RETAIN = 0x200000;
