/* trap.c: CPU exceptions, reported on COM1 and turned into a signal-style exit code. */

#include <unikernel.h>
#include "kernel.h"
#include "x86.h"

#define T_DIVIDE 0           /* #DE divide error */
#define T_BREAKPOINT 3       /* #BP int3 */
#define T_INVALID_OPCODE 6   /* #UD */
#define T_NOT_PRESENT 11     /* #NP segment not present */
#define T_STACK 12           /* #SS stack-segment fault */
#define T_PROTECTION 13      /* #GP general protection */
#define T_PAGE_FAULT 14      /* #PF */

/* The stack as vectors.S leaves it: pushal, then the stub's two words, then the CPU's. */
struct trap_frame {
  unsigned int edi, esi, ebp, esp_pushal, ebx, edx, ecx, eax;
  unsigned int vector;
  unsigned int error_code;
  unsigned int eip;
  unsigned int cs;
  unsigned int eflags;
};

static const char *const vector_names[32] = {
  "divide error",
  "debug exception",
  "non-maskable interrupt",
  "breakpoint",
  "overflow",
  "bound range exceeded",
  "invalid opcode",
  "device not available",
  "double fault",
  "coprocessor segment overrun",
  "invalid TSS",
  "segment not present",
  "stack-segment fault",
  "general protection fault",
  "page fault",
  "reserved vector",
  "x87 floating-point error",
  "alignment check",
  "machine check",
  "SIMD floating-point exception",
  "virtualization exception",
  "control protection exception",
  "reserved vector",
  "reserved vector",
  "reserved vector",
  "reserved vector",
  "reserved vector",
  "reserved vector",
  "hypervisor injection exception",
  "VMM communication exception",
  "security exception",
  "reserved vector",
};

static int in_trap;

static void
put_hex(unsigned int value, int digits)
{
  int shift;

  for (shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    uart_putc("0123456789abcdef"[(value >> shift) & 0xF]);
}

/* Prints value in hex without leading zeros. */
static void
put_hex_short(unsigned int value)
{
  int digits;

  for (digits = 1; digits < 8 && (value >> (digits * 4)) != 0; digits++)
    ;
  put_hex(value, digits);
}

static void
put_decimal(unsigned int value)
{
  if (value >= 10)
    put_decimal(value / 10);
  uart_putc('0' + value % 10);
}

static void
put_register(const char *name, unsigned int value)
{
  uart_puts(name);
  uart_putc('=');
  put_hex(value, 8);
}

/* Returns the exit code a shell shows for the signal Linux sends on this vector. */
static int
exit_code_for_vector(unsigned int vector)
{
  switch (vector) {
  case T_DIVIDE:
    return EXIT_SIGFPE;
  case T_INVALID_OPCODE:
    return EXIT_SIGILL;
  case T_BREAKPOINT:
    return EXIT_SIGTRAP;
  case T_NOT_PRESENT:
  case T_STACK:
  case T_PROTECTION:
  case T_PAGE_FAULT:
    return EXIT_SIGSEGV;
  default:
    return EXIT_SIGABRT;
  }
}

static void
print_registers(struct trap_frame *tf)
{
  /* No privilege change, so the CPU pushed no ESP: the faulting one is just above eflags. */
  unsigned int esp = (unsigned int)&tf->eflags + sizeof(tf->eflags);

  put_register("eax", tf->eax);
  put_register(" ebx", tf->ebx);
  put_register(" ecx", tf->ecx);
  put_register(" edx", tf->edx);
  uart_putc('\n');
  put_register("esi", tf->esi);
  put_register(" edi", tf->edi);
  put_register(" ebp", tf->ebp);
  put_register(" esp", esp);
  uart_putc('\n');
  put_register("eflags", tf->eflags);
  put_register(" cs", tf->cs);
  uart_putc('\n');
}

/* Called by vectors.S for every CPU exception; never returns. */
void
trap(struct trap_frame *tf)
{
  int code;

  code = exit_code_for_vector(tf->vector);
  if (in_trap) {
    uart_puts("panic: trap: exception while reporting an exception\n");
    libos_halt(code);
  }
  in_trap = 1;

  uart_puts("panic: ");
  uart_puts(vector_names[tf->vector & 31]);
  uart_puts(" (vector ");
  put_decimal(tf->vector);
  uart_puts(", error code 0x");
  put_hex_short(tf->error_code);
  uart_puts(") at eip 0x");
  put_hex(tf->eip, 8);
  uart_putc('\n');
  print_registers(tf);

  x86_outb(UK_PORT_EVENT, UK_EVENT_PANIC);
  libos_halt(code);
}
