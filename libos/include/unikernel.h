/* unikernel.h: x86 port I/O and the ports the host watches. */
#ifndef _UNIKERNEL_H
#define _UNIKERNEL_H

#define UK_PORT_EXIT 0x501   /* outb(code, UK_PORT_EXIT): exit with code 0-255 */
#define UK_PORT_EVENT 0x502  /* outb(UK_EVENT_*, UK_PORT_EVENT): boot events */
#define UK_EVENT_MAIN 1      /* the library OS is about to call main */
#define UK_EVENT_PANIC 2     /* a CPU exception or abort(); an exit code follows */
/*
 * Before every panic event the library OS writes, with one 32-bit outl, the
 * address the host should map to a source line. That is the faulting
 * instruction for a CPU exception, and the call site (return address minus
 * 1) for abort(), assert() and heap panics.
 */
#define UK_PORT_FAULT_EIP 0x503
/* A CPU exception also writes its vector with outb before the address; abort() does not. */
#define UK_PORT_FAULT_VECTOR 0x504
/* inb(UK_PORT_CONSOLE_INTERACTIVE): 0 when the host pipes stdin, 1 when a person types (0xFF without the port). */
#define UK_PORT_CONSOLE_INTERACTIVE 0x505

void outb(unsigned char value, unsigned short port);
void outw(unsigned short value, unsigned short port);
void outl(unsigned int value, unsigned short port);
unsigned char inb(unsigned short port);
unsigned short inw(unsigned short port);
unsigned int inl(unsigned short port);

/*
 * main runs in ring 3 with IOPL 3, so port I/O, cli() and sti() work
 * directly. hlt() traps into the kernel, because the instruction itself is
 * privileged there (a bare hlt is emulated the same way). Interrupts
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
 * against PIT channel 2 (median of three 3 ms windows), then starts IRQ 0 at hz (19-10000 Hz) and
 * enables interrupts; sleep_ms, timer_every, uptime_us and tsc_khz start it
 * at 1000 Hz when the app has not. Durations follow the TSC, because v86
 * raises a single IRQ 0 for several periods when the host is busy, so
 * timer_ticks() counts interrupts, not elapsed periods. sleep_ms enables
 * interrupts and halts between ticks. timer_every runs callback every ms
 * milliseconds inside the timer interrupt (once per elapsed period; due
 * ones also run when sleep_ms returns) and returns an id for timer_cancel,
 * or -1 when all 8 slots are taken.
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

/*
 * The 80x25 VGA text screen at 0xB8000. vga_console(1) clears it and from
 * then on copies all console output (stdout, stderr, panics) to it, COM1
 * still getting every byte; vga_console(0) stops the copy. The other calls
 * draw directly: at the cursor, in the colour set last (light grey on black
 * at first), scrolling at the bottom; \n, \r, \b and \t move the cursor.
 */
#define VGA_COLUMNS 80
#define VGA_ROWS 25
#define VGA_BLACK 0
#define VGA_BLUE 1
#define VGA_GREEN 2
#define VGA_CYAN 3
#define VGA_RED 4
#define VGA_MAGENTA 5
#define VGA_BROWN 6
#define VGA_LIGHT_GREY 7
#define VGA_DARK_GREY 8
#define VGA_LIGHT_BLUE 9
#define VGA_LIGHT_GREEN 10
#define VGA_LIGHT_CYAN 11
#define VGA_LIGHT_RED 12
#define VGA_LIGHT_MAGENTA 13
#define VGA_YELLOW 14
#define VGA_WHITE 15
void vga_console(int enable);
void vga_clear(void);
void vga_set_color(int foreground, int background);
void vga_move_cursor(int row, int column);
void vga_putc(int c);
void vga_puts(const char *s);

/*
 * Heap statistics and checks (the heap is malloc's, see stdlib.h). Each
 * block carries 4 canary bytes after the payload; free, realloc and
 * heap_check panic when they were overwritten, when a pointer is freed
 * twice or did not come from malloc. Freed payloads are filled with 0x01.
 */
struct heap_stats {
  unsigned int heap_bytes;       /* size of the heap region */
  unsigned int used_bytes;       /* bytes the app asked for in blocks not yet freed */
  unsigned int block_bytes;      /* bytes of those blocks with headers, canaries and padding */
  unsigned int peak_used_bytes;  /* the highest used_bytes so far */
  unsigned int used_blocks;
  unsigned int free_blocks;      /* blocks on the free list; many small ones mean fragmentation */
  unsigned int malloc_calls;     /* successful malloc, calloc and moving realloc calls */
  unsigned int free_calls;
};
void heap_get_stats(struct heap_stats *stats);
/* Returns the number of blocks after checking every one; panics at the first broken block. */
int heap_check(void);

/*
 * PCI configuration space (mechanism 1, ports 0xCF8 and 0xCFC). offset is
 * rounded down to a multiple of 4. pci_scan walks bus 0 and the buses
 * behind PCI-to-PCI bridges, stores up to max functions in devices and
 * returns how many it found (which may exceed max). bar[] is filled for
 * ordinary devices (header type 0) only.
 */
struct pci_device {
  unsigned char bus, device, function, header_type;
  unsigned short vendor_id, device_id;
  unsigned char class_code, subclass, prog_if, revision;
  unsigned char irq_line;
  unsigned int bar[6];
};
unsigned int pci_config_read(int bus, int device, int function, int offset);
void pci_config_write(int bus, int device, int function, int offset, unsigned int value);
int pci_scan(struct pci_device *devices, int max);

/*
 * Console input: stdin reads COM1 and the PS/2 keyboard (US layout) through
 * one interrupt-driven buffer; the first read enables both IRQs and
 * interrupts. getchar returns each byte as it arrives, without echo, with
 * CR, LF and CR LF as one \n and EOF for Ctrl-D (0x04). fgets, scanf and
 * fscanf read lines as a terminal in canonical mode gives them: typed
 * text is echoed (unless the host reports piped input on
 * UK_PORT_CONSOLE_INTERACTIVE), Backspace or Delete erases a character,
 * Ctrl-U the line, Enter ends it and Ctrl-D at its start gives EOF. console_set_raw(1) turns off the echo, the editing and the CR
 * translation for all of them.
 */
void console_set_raw(int raw);

#endif
