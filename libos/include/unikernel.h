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
 * main runs in ring 3 with IOPL 3: port I/O, cli() and sti() work directly,
 * hlt() asks the kernel (the instruction itself is privileged). Interrupts
 * are off when main starts and every IRQ is masked until a handler is set.
 * hlt() waits for the next interrupt; with interrupts off it halts for good.
 */
void cli(void);
void sti(void);
void hlt(void);

/*
 * IRQs 0-15 from the 8259A PICs. irq_set_handler unmasks the line (a null
 * handler masks it again); the handler runs in ring 0 with interrupts off,
 * and the library sends the end of interrupt after it returns. Call sti()
 * to let interrupts in.
 */
void irq_set_handler(int irq, void (*handler)(void));

/*
 * Time from the 8254 PIT and the TSC. timer_start(hz) calibrates the TSC
 * against PIT channel 2 (10 ms), then starts IRQ 0 at hz (19-10000 Hz) and
 * enables interrupts; sleep_ms, timer_every, uptime_us and tsc_khz start it
 * at 1000 Hz when the app has not. Durations follow the TSC, because v86
 * raises a single IRQ 0 for several periods when the host is busy, so
 * timer_ticks() counts interrupts, not elapsed periods. sleep_ms enables
 * interrupts and halts between ticks. timer_every runs callback every ms
 * milliseconds inside the timer interrupt (once per elapsed period) and
 * returns an id for timer_cancel, or -1 when all 8 slots are taken.
 */
void timer_start(unsigned int hz);
unsigned int timer_hz(void);
unsigned int timer_ticks(void);
void sleep_ms(unsigned int ms);
int timer_every(unsigned int ms, void (*callback)(void));
void timer_cancel(int id);
unsigned long long uptime_us(void);
/* TSC cycles per millisecond as measured against the PIT; v86's TSC counts host nanoseconds. */
unsigned int tsc_khz(void);
unsigned long long rdtsc(void);

#endif
