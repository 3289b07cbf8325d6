/* unikernel.h: x86 port I/O and the ports the host watches. */
#ifndef _UNIKERNEL_H
#define _UNIKERNEL_H

#define UK_PORT_EXIT 0x501   /* outb(code, UK_PORT_EXIT): exit with code 0-255 */
#define UK_PORT_EVENT 0x502  /* outb(UK_EVENT_*, UK_PORT_EVENT): boot events */
#define UK_EVENT_MAIN 1      /* the library OS is about to call main */
#define UK_EVENT_PANIC 2     /* a CPU exception or abort(); an exit code follows */
/*
 * Before every panic event the library OS writes, with one 32-bit outl, the
 * address the host should map to a source line: the faulting instruction
 * for a CPU exception, the call site (return address minus 1) for abort(),
 * assert() and heap panics.
 */
#define UK_PORT_FAULT_EIP 0x503
/* A CPU exception also writes its vector with outb before the address; abort() does not. */
#define UK_PORT_FAULT_VECTOR 0x504

void outb(unsigned char value, unsigned short port);
void outw(unsigned short value, unsigned short port);
void outl(unsigned int value, unsigned short port);
unsigned char inb(unsigned short port);
unsigned short inw(unsigned short port);
unsigned int inl(unsigned short port);

/*
 * Interrupts are off while main runs. Every IRQ is masked at the PIC and
 * the IDT ends at vector 31, so sti() lets no device interrupt through yet.
 */
void cli(void);
void sti(void);
void hlt(void);

#endif
