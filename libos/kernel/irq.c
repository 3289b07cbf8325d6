/* irq.c: IRQ handlers behind the two 8259A PICs, linked only when an app installs one. */

#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

#define PIC1_COMMAND 0x20
#define PIC1_DATA 0x21
#define PIC2_COMMAND 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20          /* non-specific end of interrupt */
#define PIC_READ_ISR 0x0B     /* OCW3: the next read of the command port returns the in-service register */
#define IRQ_CASCADE 2         /* the slave PIC signals the master on IRQ 2 */
#define NIRQS 16

static void (*handlers[NIRQS])(void);

/* Returns 1 when the PIC really has irq in service; IRQ 7 and 15 also arrive spuriously. */
static int
in_service(int irq)
{
  unsigned short port = irq < 8 ? PIC1_COMMAND : PIC2_COMMAND;

  x86_outb(port, PIC_READ_ISR);
  return (x86_inb(port) >> (irq & 7)) & 1;
}

void
irq_dispatch(struct trap_frame *tf)
{
  int irq = tf->vector - IRQ_VECTOR_BASE;

  if ((irq == 7 || irq == 15) && !in_service(irq)) {
    if (irq == 15)
      x86_outb(PIC1_COMMAND, PIC_EOI);
    return;
  }
  if (handlers[irq] != 0)
    handlers[irq]();
  if (irq >= 8)
    x86_outb(PIC2_COMMAND, PIC_EOI);
  x86_outb(PIC1_COMMAND, PIC_EOI);
}

void
irq_set_handler(int irq, void (*handler)(void))
{
  unsigned short port;
  int line;

  if (irq < 0 || irq >= NIRQS)
    libos_panic("irq_set_handler", "IRQ number outside 0-15", __builtin_return_address(0));
  handlers[irq] = handler;
  port = irq < 8 ? PIC1_DATA : PIC2_DATA;
  line = irq & 7;
  if (handler != 0)
    x86_outb(port, x86_inb(port) & ~(1 << line));
  else
    x86_outb(port, x86_inb(port) | (1 << line));
  if (irq >= 8 && handler != 0)
    x86_outb(PIC1_DATA, x86_inb(PIC1_DATA) & ~(1 << IRQ_CASCADE));
}
