/* tss.c: the task state segment, which gives exceptions from ring 3 a kernel stack, and the %gs segment. */

#include "kernel.h"

#define SEG_DATA 0x10             /* GDT selector of the flat ring 0 data segment */
#define SEL_TSS 0x28              /* GDT entry 5 */
#define SEL_TLS 0x30              /* GDT entry 6: %gs in ring 3 */
#define TLS_TYPE_USER_DATA 0xF2   /* present, ring 3, read/write data */
#define TLS_WORDS 8
#define TLS_CANARY 5              /* gcc -m32 reads the stack protector canary at %gs:0x14 */
#define TSS_TYPE_AVAILABLE 0x89   /* present, ring 0, 32-bit TSS, not busy */
#define KERNEL_STACK_SIZE 8192

/* The 32-bit TSS; every 16-bit selector field takes a whole word, its high half zero. */
struct tss {
  unsigned int link;
  unsigned int esp0, ss0, esp1, ss1, esp2, ss2;
  unsigned int cr3, eip, eflags;
  unsigned int eax, ecx, edx, ebx, esp, ebp, esi, edi;
  unsigned int es, cs, ss, ds, fs, gs, ldt;
  unsigned int iomap;       /* the I/O map offset lives in the high half */
};

extern unsigned int gdt[];

static struct tss tss;
/* What %gs points at in ring 3: gcc's stack protector keeps its canary in word 5, as on i386 Linux. */
static unsigned int libos_tls[TLS_WORDS];
static char kernel_stack[KERNEL_STACK_SIZE] __attribute__((aligned(16)));

/*
 * Loads a TSS whose ring 0 stack is kernel_stack. The I/O map offset
 * points past the segment, so there is no I/O bitmap; with IOPL 3 the CPU
 * never consults it anyway.
 */
void
tss_init(void)
{
  unsigned int base = (unsigned int)&tss, limit = sizeof(tss) - 1;
  unsigned int *d = &gdt[SEL_TSS / 4];

  tss.esp0 = (unsigned int)kernel_stack + KERNEL_STACK_SIZE;
  tss.ss0 = SEG_DATA;
  tss.iomap = sizeof(tss) << 16;
  d[0] = (base << 16) | (limit & 0xFFFF);
  d[1] = (base & 0xFF000000) | (limit & 0xF0000) | (TSS_TYPE_AVAILABLE << 8) | ((base >> 16) & 0xFF);
  __asm__ volatile("ltr %w0" : : "r"(SEL_TSS));

  /* The canary's low byte is 0, so a string copy that overruns cannot rewrite it intact. */
  libos_tls[TLS_CANARY] = ((unsigned int)libos_boot_tsc ^ 0x5A17C0DE) & ~0xFFu;
  base = (unsigned int)libos_tls;
  limit = sizeof(libos_tls) - 1;
  d = &gdt[SEL_TLS / 4];
  d[0] = (base << 16) | (limit & 0xFFFF);
  d[1] = (base & 0xFF000000) | 0x00400000 | (TLS_TYPE_USER_DATA << 8) | ((base >> 16) & 0xFF);
}
