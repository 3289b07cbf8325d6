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
#define T_WAIT 49            /* int $49: wait for the next interrupt */

/* boot/start.S and the linker */
extern char __bss_start[], __bss_end[], _end[];
extern char stack_guard[], stack_top[];

/* kernel/init.c */
extern struct multiboot_info *libos_multiboot_info;
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

/* kernel/paging.c */
extern unsigned int page_directory[];
void paging_init(void);
int paging_fault(struct trap_frame *tf);

/* kernel/tss.c */
void tss_init(void);

/* boot/start.S: continues at entry in ring 3 on the guarded stack; never returns */
void libos_enter_user(void (*entry)(void)) __LIBOS_NORETURN;

/* kernel/irq.c, linked only when an app installs an IRQ handler (irq_set_handler in unikernel.h) */
void irq_dispatch(struct trap_frame *tf) __attribute__((weak));

/* kernel/pic.c */
void pic_init(void);

/* kernel/uart.c */
void uart_init(void);
void uart_putc(int c);
int uart_getc(void);
void uart_puts(const char *s);

/* kernel/halt.c */
void libos_halt(int code) __LIBOS_NORETURN;

/* kernel/panic.c: prints "panic: FUNC: MESSAGE", reports caller to the host and exits with 134 */
void libos_panic(const char *func, const char *message, void *caller) __LIBOS_NORETURN;

/* kernel/abort.c */
void libos_abort_at(void *caller) __LIBOS_NORETURN;

#endif
