/* idt.c: the interrupt descriptor table: CPU exceptions, IRQs and the ring 3 services. */

#include "kernel.h"

#define T_BREAKPOINT 3            /* int3 */
#define T_OVERFLOW 4              /* into */

#define NVECTORS 50               /* 0-31 exceptions, 32-47 IRQs, 48 halt, 49 wait */
#define VECTOR_STUB_SIZE 16       /* bytes between stubs in vectors.S */
#define SEG_CODE 0x08             /* GDT selector of the flat code segment */
#define GATE_INTERRUPT32 0x8E     /* present, ring 0, 32-bit interrupt gate */
#define GATE_USER 0x60            /* DPL 3: ring 3 may raise the vector with int */

struct gate {
  unsigned short offset_low;
  unsigned short selector;
  unsigned char zero;
  unsigned char type;
  unsigned short offset_high;
};

struct idt_descriptor {
  unsigned short limit;
  unsigned int base;
} __attribute__((packed));

extern char trap_vectors[];

static struct gate idt[NVECTORS];

void
idt_init(void)
{
  struct idt_descriptor descriptor;
  unsigned int stub;
  int i;

  stub = (unsigned int)trap_vectors;
  for (i = 0; i < NVECTORS; i++) {
    idt[i].offset_low = stub & 0xFFFF;
    idt[i].selector = SEG_CODE;
    idt[i].type = GATE_INTERRUPT32;
    if (i == T_BREAKPOINT || i == T_OVERFLOW || i >= T_HALT)
      idt[i].type |= GATE_USER;
    idt[i].offset_high = stub >> 16;
    stub += VECTOR_STUB_SIZE;
  }
  descriptor.limit = sizeof(idt) - 1;
  descriptor.base = (unsigned int)idt;
  __asm__ volatile("lidt %0" : : "m"(descriptor));
}

