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

/* boot/start.S */
extern char __bss_start[], __bss_end[], _end[];

/* kernel/init.c */
extern struct multiboot_info *libos_multiboot_info;
void libos_init(unsigned int magic, struct multiboot_info *mbi) __LIBOS_NORETURN;

/* kernel/idt.c */
void idt_init(void);

/* kernel/pic.c */
void pic_init(void);

/* kernel/uart.c */
void uart_init(void);
void uart_putc(int c);
int uart_getc(void);
void uart_puts(const char *s);

/* kernel/halt.c */
void libos_halt(int code) __LIBOS_NORETURN;

/* kernel/panic.c */
void libos_panic(const char *func, const char *message) __LIBOS_NORETURN;

#endif
