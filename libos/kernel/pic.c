/* pic.c: the two 8259A interrupt controllers, moved off the exception vectors and masked. */

#include "kernel.h"
#include "x86.h"

#define PIC1_COMMAND 0x20     /* master: command and status */
#define PIC1_DATA 0x21        /* master: interrupt mask */
#define PIC2_COMMAND 0xA0     /* slave: command and status */
#define PIC2_DATA 0xA1        /* slave: interrupt mask */

#define ICW1_INIT_ICW4 0x11   /* start initialisation, ICW4 follows */
#define PIC1_VECTOR_BASE 0x20 /* IRQ 0-7 -> vectors 32-39, past the CPU exceptions */
#define PIC2_VECTOR_BASE 0x28 /* IRQ 8-15 -> vectors 40-47 */
#define ICW3_SLAVE_ON_IRQ2 0x04
#define ICW3_CASCADE_ID 0x02
#define ICW4_8086 0x01
#define MASK_ALL 0xFF

/*
 * After reset the master PIC delivers IRQ 0-7 on vectors 8-15, where the
 * timer would look like a double fault. Remapped and fully masked, no IRQ
 * reaches the CPU even if an app calls sti().
 */
void
pic_init(void)
{
  x86_outb(PIC1_COMMAND, ICW1_INIT_ICW4);
  x86_outb(PIC2_COMMAND, ICW1_INIT_ICW4);
  x86_outb(PIC1_DATA, PIC1_VECTOR_BASE);
  x86_outb(PIC2_DATA, PIC2_VECTOR_BASE);
  x86_outb(PIC1_DATA, ICW3_SLAVE_ON_IRQ2);
  x86_outb(PIC2_DATA, ICW3_CASCADE_ID);
  x86_outb(PIC1_DATA, ICW4_8086);
  x86_outb(PIC2_DATA, ICW4_8086);
  x86_outb(PIC1_DATA, MASK_ALL);
  x86_outb(PIC2_DATA, MASK_ALL);
}
