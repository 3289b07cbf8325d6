/* multiboot.h: the parts of the multiboot v1 info structure the library OS reads. */
#ifndef _LIBOS_MULTIBOOT_H
#define _LIBOS_MULTIBOOT_H

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002  /* EAX at entry */

#define MULTIBOOT_INFO_MEMORY 0x001   /* mem_lower and mem_upper are valid */
#define MULTIBOOT_INFO_CMDLINE 0x004  /* cmdline is valid */
#define MULTIBOOT_INFO_MMAP 0x040     /* mmap_length and mmap_addr are valid */

#define MULTIBOOT_MEMORY_AVAILABLE 1  /* mmap entry type of usable RAM */

struct multiboot_info {
  unsigned int flags;
  unsigned int mem_lower;   /* KiB below 1 MiB */
  unsigned int mem_upper;   /* KiB from 1 MiB to the first hole */
  unsigned int boot_device;
  unsigned int cmdline;     /* physical address of a NUL-terminated string */
  unsigned int mods_count;
  unsigned int mods_addr;
  unsigned int syms[4];
  unsigned int mmap_length; /* bytes of mmap entries */
  unsigned int mmap_addr;
};

/* An mmap entry; size counts the bytes after itself, so the next entry is at +size+4. */
struct multiboot_mmap_entry {
  unsigned int size;
  unsigned int base_low;
  unsigned int base_high;
  unsigned int length_low;
  unsigned int length_high;
  unsigned int type;
};

#endif
