/* idt.c: the interrupt descriptor table with the 32 CPU exception vectors. */

#include "kernel.h"

#define NVECTORS 32
#define VECTOR_STUB_SIZE 16       /* bytes between stubs in vectors.S */
#define SEG_CODE 0x08             /* GDT selector of the flat code segment */
#define GATE_INTERRUPT32 0x8E     /* present, ring 0, 32-bit interrupt gate */

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
    idt[i].offset_high = stub >> 16;
    stub += VECTOR_STUB_SIZE;
  }
  descriptor.limit = sizeof(idt) - 1;
  descriptor.base = (unsigned int)idt;
  __asm__ volatile("lidt %0" : : "m"(descriptor));
}
