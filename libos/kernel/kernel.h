/* kernel.h: functions and data shared inside the library OS. */
#ifndef _LIBOS_KERNEL_H
#define _LIBOS_KERNEL_H

#include <sys/cdefs.h>

/* Exit codes for a fatal signal, 128 + the Linux signal number. */
#define EXIT_SIGILL 132
#define EXIT_SIGTRAP 133
#define EXIT_SIGABRT 134
#define EXIT_SIGFPE 136
#define EXIT_SIGSEGV 139

struct multiboot_info;

/* The stack as vectors.S leaves it: pushal, then the stub's two words, then the CPU's. */
struct trap_frame {
  unsigned int edi, esi, ebp, esp_pushal, ebx, edx, ecx, eax;
  unsigned int vector;
  unsigned int error_code;
  unsigned int eip;
  unsigned int cs;
  unsigned int eflags;
  unsigned int esp, ss;   /* pushed by the CPU only when the trap came from ring 3 */
};

/* The registers a panic prints, from a trap frame or from a task's saved state. */
struct fault_state {
  unsigned int eax, ebx, ecx, edx, esi, edi, ebp, esp, eip, eflags, cs;
};

#define PAGE_SIZE 4096
#define T_PAGE_FAULT 14
#define IRQ_VECTOR_BASE 32   /* IRQ 0 arrives on vector 32 after pic_init */
#define T_HALT 48            /* int $48: halt for good (ring 3 may not hlt) */
#define T_WAIT 49            /* int $49: enable interrupts and wait for the next one */
#define EFLAGS_IF 0x200      /* interrupts enabled */

/* Enables interrupts and waits for the next one; call with interrupts off after checking for work. */
static inline void libos_wait_interrupt(void)
{
  __asm__ volatile("int %0" : : "i"(T_WAIT) : "memory");
}

/* boot/start.S and the linker */
extern char __bss_start[], __bss_end[], _end[];

/* kernel/init.c */
extern unsigned long long libos_boot_tsc;   /* the TSC when libos_init started */
void libos_init(unsigned int magic, struct multiboot_info *mbi) __LIBOS_NORETURN;

/* kernel/idt.c */
void idt_init(void);

/* kernel/trap.c */
void trap(struct trap_frame *tf);
void fault_panic(const char *title, const char *detail, unsigned int vector, unsigned int error_code,
                 const struct fault_state *state) __LIBOS_NORETURN;
void trap_panic(struct trap_frame *tf, const char *title, const char *detail) __LIBOS_NORETURN;
void fault_report_eip(unsigned int eip);

/* kernel/paging.c: the app stack [libos_stack_bottom, libos_stack_top) above a guard after the image */
extern unsigned int page_directory[];
extern unsigned int libos_stack_bottom, libos_stack_top, libos_heap_start, libos_heap_end;
void paging_init(struct multiboot_info *mbi);
int paging_fault(struct trap_frame *tf);

/* kernel/tss.c */
void tss_init(void);

/* boot/start.S: continues at entry in ring 3 on the stack below stack_top; never returns */
void libos_enter_user(void (*entry)(void), unsigned int stack_top) __LIBOS_NORETURN;

/* kernel/irq.c, linked only when an app installs an IRQ handler (irq_set_handler in unikernel.h) */
void irq_dispatch(struct trap_frame *tf) __attribute__((weak));

/* kernel/pic.c */
void pic_init(void);

/* kernel/uart.c: the console. Every output byte also goes to libos_console_mirror when it is set (the VGA screen). */
extern void (*libos_console_mirror)(int c);
void uart_init(void);
void uart_putc(int c);
void uart_puts(const char *s);
void uart_put_decimal(unsigned int value);
int uart_poll(void);
void uart_enable_receive_interrupt(void);

/* kernel/console.c: the input buffer behind stdin, fed by COM1 and the PS/2 keyboard */
void console_input_push(int c);
int console_getc(void);
int console_read_line(char *buf, int size);
void console_set_raw(int raw);
int console_scan_text(char *buf, int size, int more, int *at_eof);
void console_scan_consume(int n);

/* kernel/keyboard.c */
void keyboard_init(void);

/* kernel/halt.c */
void libos_halt(int code) __LIBOS_NORETURN;

/* kernel/panic.c: prints "panic: FUNC: MESSAGE", reports caller to the host and exits with 134 */
void libos_panic(const char *func, const char *message, void *caller) __LIBOS_NORETURN;

/* kernel/abort.c */
void libos_abort_at(void *caller) __LIBOS_NORETURN;

#endif
