/* paging.c: identity paging with page 0 and the stack guard page left unmapped. */

#include "kernel.h"
#include "multiboot.h"

#define PTE_PRESENT 0x001
#define PTE_WRITABLE 0x002
#define PTE_USER 0x004              /* ring 3 (the app) may use the page */
#define PTE_FLAGS (PTE_PRESENT | PTE_WRITABLE | PTE_USER)
#define PDE_LARGE 0x080             /* the entry maps one 4 MiB page (needs CR4.PSE) */
#define CR0_PG 0x80000000           /* paging on */
#define CR0_WP 0x00010000           /* ring 0 obeys read-only pages too */
#define CR4_PSE 0x00000010          /* 4 MiB pages allowed */
#define LOW_REGION_END 0x400000     /* the first 4 MiB use 4 KiB pages */
#define IMAGE_BASE 0x100000         /* multiboot images load at 1 MiB */
#define LFB_V86 0xE0000000          /* v86's VGA linear framebuffer (PCI BAR 0 of 1234:1111) */
#define LFB_QEMU 0xFD000000         /* QEMU's standard VGA framebuffer */
#define APIC_REGION 0xFEC00000      /* IOAPIC at 0xFEC00000 and local APIC at 0xFEE00000 */
#define PF_PRESENT 0x1              /* page-fault error code: the page was present */
#define PF_WRITE 0x2                /* page-fault error code: the access was a write */
#define STACK_GUARD_SIZE 0x40000    /* 256 KiB never mapped below the app stack */
#define APP_STACK_SIZE 0x100000     /* 1 MiB, mapped page by page as it grows */
#define FALLBACK_HEAP_END 0x01000000 /* 16 MiB when the loader gave no memory size */

unsigned int page_directory[1024] __attribute__((aligned(PAGE_SIZE)));
static unsigned int low_page_table[1024] __attribute__((aligned(PAGE_SIZE)));
static unsigned int ram_end;        /* end of the highest available RAM region */
static unsigned int guard_start;
unsigned int libos_stack_bottom, libos_stack_top, libos_heap_start, libos_heap_end;

/*
 * Reads the multiboot memory map: sets ram_end to the end of the highest
 * available region (0xFFFFFFFF without a map, so nothing counts as past
 * RAM) and libos_heap_end to the end of the region holding the heap start.
 */
static void
read_memory_map(struct multiboot_info *mbi)
{
  struct multiboot_mmap_entry *e;
  unsigned int p, limit, end;

  ram_end = 0xFFFFFFFF;
  libos_heap_end = FALLBACK_HEAP_END;
  if (mbi != 0 && (mbi->flags & MULTIBOOT_INFO_MMAP)) {
    ram_end = 0;
    limit = mbi->mmap_addr + mbi->mmap_length;
    for (p = mbi->mmap_addr; p < limit; p += e->size + 4) {
      e = (struct multiboot_mmap_entry *)p;
      if (e->type != MULTIBOOT_MEMORY_AVAILABLE || e->base_high != 0)
        continue;
      end = e->base_low + e->length_low;
      if (e->length_high != 0 || end < e->base_low)
        end = 0xFFFFF000;
      if (end > ram_end)
        ram_end = end;
      if (e->base_low <= libos_heap_start && libos_heap_start < end)
        libos_heap_end = end;
    }
  } else if (mbi != 0 && (mbi->flags & MULTIBOOT_INFO_MEMORY)) {
    libos_heap_end = IMAGE_BASE + mbi->mem_upper * 1024;
  }
  if (libos_heap_end < libos_heap_start)
    libos_heap_end = libos_heap_start;
}

/*
 * Maps the image eagerly, since the CPU reads the IDT, GDT, TSS and stacks
 * while it delivers a page fault and those must never fault themselves.
 * Everything else is mapped on first touch by paging_fault, so start-up
 * costs a few instructions per image page and no more. After the image
 * come the guard, the app stack and then the heap. The memory map is read
 * here, before paging, because the loader may have put it where the guard
 * or the stack now lie.
 */
void
paging_init(struct multiboot_info *mbi)
{
  unsigned int addr, cr0, cr4;

  for (addr = IMAGE_BASE; addr < (unsigned int)_end; addr += PAGE_SIZE)
    low_page_table[addr / PAGE_SIZE] = addr | PTE_FLAGS;
  guard_start = ((unsigned int)_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
  libos_stack_bottom = guard_start + STACK_GUARD_SIZE;
  libos_stack_top = libos_stack_bottom + APP_STACK_SIZE;
  libos_heap_start = libos_stack_top;
  read_memory_map(mbi);
  page_directory[0] = (unsigned int)low_page_table | PTE_FLAGS;

  __asm__ volatile("movl %0, %%cr3" : : "r"(page_directory));
  __asm__ volatile("movl %%cr4, %0" : "=r"(cr4));
  __asm__ volatile("movl %0, %%cr4" : : "r"(cr4 | CR4_PSE));
  __asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
  __asm__ volatile("movl %0, %%cr0" : : "r"(cr0 | CR0_PG | CR0_WP) : "memory");
}

/*
 * Returns 1 for the 4 MiB regions holding the device memory apps use:
 * the VGA framebuffers of v86 and QEMU and the APICs. Wild pointers
 * elsewhere above RAM fault instead of reading junk.
 */
static int
is_device_memory(unsigned int addr)
{
  unsigned int region = addr & 0xFFC00000;

  return region == LFB_V86 || region == LFB_V86 + 0x400000 || region == LFB_QEMU || region == LFB_QEMU + 0x400000 ||
         region == APIC_REGION;
}

/*
 * Handles a page fault: maps the page on first touch and returns 1, or
 * panics for page 0, the stack guard and addresses with no RAM or device.
 */
int
paging_fault(struct trap_frame *tf)
{
  unsigned int addr;

  __asm__ volatile("movl %%cr2, %0" : "=r"(addr));
  if (tf->error_code & PF_PRESENT)
    return 0;
  if (addr < PAGE_SIZE) {
    if (addr == tf->eip)
      trap_panic(tf, 0, "null function pointer call: page 0 is never mapped");
    if (tf->error_code & PF_WRITE)
      trap_panic(tf, 0, "null pointer write: page 0 is never mapped");
    trap_panic(tf, 0, "null pointer read: page 0 is never mapped");
  }
  if (addr - guard_start < STACK_GUARD_SIZE)
    trap_panic(tf, "stack overflow", "the stack grew past its 1 MiB into the guard below it");
  if (addr < LOW_REGION_END) {
    low_page_table[addr / PAGE_SIZE] = (addr & ~(PAGE_SIZE - 1)) | PTE_FLAGS;
    return 1;
  }
  if (addr < ram_end || is_device_memory(addr)) {
    page_directory[addr >> 22] = (addr & 0xFFC00000) | PTE_FLAGS | PDE_LARGE;
    return 1;
  }
  trap_panic(tf, 0, "no RAM or device memory at this address");
}
