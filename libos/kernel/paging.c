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
#define REGION_SHIFT 22             /* one page directory entry maps 4 MiB */
#define REGION_SIZE 0x400000
#define REGION_MASK 0xFFC00000
#define KIB 1024
#define MIB 0x100000
#define IMAGE_BASE 0x100000         /* multiboot images load at 1 MiB */
#define LFB_V86 0xE0000000          /* v86's VGA linear framebuffer (PCI BAR 0 of 1234:1111) */
#define LFB_QEMU 0xFD000000         /* QEMU's standard VGA framebuffer */
#define APIC_REGION 0xFEC00000      /* IOAPIC at 0xFEC00000 and local APIC at 0xFEE00000 */
#define PF_PRESENT 0x1              /* page-fault error code: the page was present */
#define PF_WRITE 0x2                /* page-fault error code: the access was a write */
#define STACK_GUARD_SIZE 0x40000    /* 256 KiB never mapped below the app stack */
#define APP_STACK_SIZE 0x100000     /* 1 MiB, mapped page by page as it grows */
#define GUARD_TABLES_SIZE 0x2000    /* two page tables, for the guard above 4 MiB */
#define FALLBACK_HEAP_END 0x01000000 /* 16 MiB when the loader gave no memory size */

unsigned int page_directory[1024] __attribute__((aligned(PAGE_SIZE)));
static unsigned int low_page_table[1024] __attribute__((aligned(PAGE_SIZE)));
static unsigned int ram_end;        /* end of the highest available RAM region */
static unsigned int guard_start;
unsigned int libos_stack_bottom, libos_stack_top, libos_heap_start, libos_heap_end;

/*
 * Reads the multiboot memory map: sets ram_end to the end of the highest
 * available region (0xFFFFFFFF without any memory information, so nothing
 * counts as past RAM) and libos_heap_end to the end of the region holding
 * the heap start.
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
    ram_end = IMAGE_BASE + mbi->mem_upper * 1024;
    libos_heap_end = ram_end;
  }
  if (libos_heap_end < libos_heap_start)
    libos_heap_end = libos_heap_start;
}

/*
 * Panics before paging when the image, the guard and the app stack end
 * past RAM, naming the RAM the app needs. The console is not set up yet.
 */
static void
check_ram(void)
{
  unsigned int need = (libos_stack_top + MIB - 1) / MIB;

  if (libos_stack_top <= ram_end)
    return;
  uart_init();
  uart_puts("panic: image needs ");
  uart_put_decimal(need);
  uart_puts(" MiB of RAM: run with --memory ");
  uart_put_decimal(need);
  uart_puts(" or more, or make static arrays smaller\nthe image ends at ");
  uart_put_decimal((unsigned int)_end / KIB);
  uart_puts(" KiB, then come the 256 KiB stack guard and the 1 MiB stack, but RAM ends at ");
  uart_put_decimal(ram_end / KIB);
  uart_puts(" KiB\n");
  fault_report_eip((unsigned int)__builtin_return_address(0) - 1);
  libos_halt(EXIT_SIGABRT);
}

/*
 * Gives every 4 MiB region above the first that the guard touches a page
 * table of its own at tables (zeroed here), so the guard stays unmapped
 * while the rest of its region is mapped 4 KiB at a time.
 */
static void
add_guard_tables(unsigned int *tables)
{
  unsigned int region, words, *table;

  for (region = guard_start >> REGION_SHIFT; region <= (guard_start + STACK_GUARD_SIZE - 1) >> REGION_SHIFT; region++) {
    if (region == 0)
      continue;
    table = tables;
    words = 1024;
    __asm__ volatile("rep stosl" : "+D"(table), "+c"(words) : "a"(0) : "memory");
    page_directory[region] = (unsigned int)tables | PTE_FLAGS;
    tables += 1024;
  }
}

/*
 * Maps one page at addr, or the whole 4 MiB region holding it when that
 * region has no page table, and returns the address after what it mapped.
 */
static unsigned int
map_page(unsigned int addr)
{
  unsigned int pde = page_directory[addr >> REGION_SHIFT];
  unsigned int *table;

  if (!(pde & PTE_PRESENT)) {
    page_directory[addr >> REGION_SHIFT] = (addr & REGION_MASK) | PTE_FLAGS | PDE_LARGE;
    return (addr & REGION_MASK) + REGION_SIZE;
  }
  table = (unsigned int *)(pde & ~(PAGE_SIZE - 1));
  table[(addr >> 12) & 1023] = (addr & ~(PAGE_SIZE - 1)) | PTE_FLAGS;
  return (addr & ~(PAGE_SIZE - 1)) + PAGE_SIZE;
}

/*
 * Maps [IMAGE_BASE, guard_start): the image and the page tables after it,
 * with 4 KiB pages where a region has a page table and 4 MiB pages where
 * it has none.
 */
static void
map_image(void)
{
  unsigned int addr, stop, *table;

  for (addr = IMAGE_BASE; addr < guard_start; addr = stop) {
    stop = (addr & REGION_MASK) + REGION_SIZE;
    if (!(page_directory[addr >> REGION_SHIFT] & PTE_PRESENT)) {
      map_page(addr);
      continue;
    }
    table = (unsigned int *)(page_directory[addr >> REGION_SHIFT] & ~(PAGE_SIZE - 1));
    if (stop > guard_start)
      stop = guard_start;
    for (; addr < stop; addr += PAGE_SIZE)
      table[(addr >> 12) & 1023] = addr | PTE_FLAGS;
  }
}

/*
 * Maps the image eagerly, since the CPU reads the IDT, GDT, TSS and stacks
 * while it delivers a page fault and those must never fault themselves.
 * Everything else is mapped on first touch by paging_fault, so start-up
 * costs a few instructions per image page below 4 MiB and per 4 MiB region
 * above. After the image come the guard, the app stack and then the heap;
 * when the guard lies above 4 MiB, up to two page tables for its regions
 * come first. The memory map is read here, before paging, because the
 * loader may have put it where the guard or the stack now lie.
 */
void
paging_init(struct multiboot_info *mbi)
{
  unsigned int cr0, cr4, image_end;

  image_end = ((unsigned int)_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
  guard_start = image_end;
  if (image_end + STACK_GUARD_SIZE > LOW_REGION_END)
    guard_start += GUARD_TABLES_SIZE;
  libos_stack_bottom = guard_start + STACK_GUARD_SIZE;
  libos_stack_top = libos_stack_bottom + APP_STACK_SIZE;
  libos_heap_start = libos_stack_top;
  read_memory_map(mbi);
  check_ram();

  page_directory[0] = (unsigned int)low_page_table | PTE_FLAGS;
  if (guard_start != image_end)
    add_guard_tables((unsigned int *)image_end);
  map_image();

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
  if (addr < LOW_REGION_END || addr < ram_end || is_device_memory(addr)) {
    map_page(addr);
    return 1;
  }
  trap_panic(tf, 0, "no RAM or device memory at this address");
}
