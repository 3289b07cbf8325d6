// exit: 0
/* The port I/O and interrupt-flag idioms of OS tutorials, on the devices
 * that v86 emulates: the COM1 scratch register and the PIC's mask register.
 * emulator-only: it cannot run natively, so generate-expected.ts skips it;
 * its expected output is checked against gcc -m32 in the emulator too. */
#include <stdio.h>
#include <stdint.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;

static inline void outb(u16 port, u8 value)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 value;
	__asm__ __volatile__("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void outw(u16 port, u16 value)
{
	asm volatile("outw %w0, %w1" : : "a"(value), "d"(port));
}

static inline void io_wait(void)
{
	asm volatile("outb %%al, $0x80" : : "a"(0));
}

static inline u32 read_eflags(void)
{
	u32 flags;
	asm volatile("pushfl\n\tpopl %0" : "=r"(flags));
	return flags;
}

static inline void cli(void) { asm volatile("cli" ::: "memory"); }
static inline void sti(void) { asm volatile("sti" ::: "memory"); }

#define COM1 0x3f8
#define PIC1_DATA 0x21

static int checks;

static void check(const char *what, long got, long want)
{
	checks++;
	printf("%s %s: %ld\n", got == want ? "ok" : "FAIL", what, got);
}

int main(void)
{
	outb(COM1 + 7, 0x5a);
	io_wait();
	check("scratch register", inb(COM1 + 7), 0x5a);
	for (int i = 0; i < 4; i++)
		outb(COM1 + 7, (u8)(i * 17));
	check("scratch register last write", inb(COM1 + 7), 51);
	u16 port = COM1 + 7;
	outb(port, 0xa5);
	check("port in a register", inb(port), 0xa5);

	u8 mask = inb(PIC1_DATA);
	outb(PIC1_DATA, 0xfb);
	check("PIC mask write", inb(PIC1_DATA), 0xfb);
	outb(PIC1_DATA, mask);
	check("PIC mask restored", inb(PIC1_DATA), mask);

	u32 before = read_eflags();
	cli();
	check("cli clears IF", (read_eflags() >> 9) & 1, 0);
	if (before & (1u << 9))
		sti();
	check("IF restored", (read_eflags() >> 9) & 1, (before >> 9) & 1);
	check("eflags bit 1 is set", (read_eflags() >> 1) & 1, 1);
	printf("%d checks\n", checks);
	return 0;
}
