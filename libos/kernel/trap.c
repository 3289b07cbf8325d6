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
#define MAX_BACKTRACE 16     /* frames printed after the faulting EIP */
#define OPCODE_HLT 0xF4

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
print_registers(const struct fault_state *s, int with_cr2, unsigned int cr2)
{
  put_register("eax", s->eax);
  put_register(" ebx", s->ebx);
  put_register(" ecx", s->ecx);
  put_register(" edx", s->edx);
  uart_putc('\n');
  put_register("esi", s->esi);
  put_register(" edi", s->edi);
  put_register(" ebp", s->ebp);
  put_register(" esp", s->esp);
  uart_putc('\n');
  put_register("eflags", s->eflags);
  put_register(" cs", s->cs);
  if (with_cr2)
    put_register(" cr2", cr2);
  uart_putc('\n');
}

static void
put_frame(unsigned int address)
{
  uart_puts("  0x");
  put_hex(address, 8);
  uart_putc('\n');
}

/*
 * Prints the faulting EIP and then the return address of each frame found
 * by following saved EBP values. Only frames inside the app's stack are
 * followed, so a corrupted EBP ends the walk instead of faulting again.
 * A jump to page 0 (a null function pointer) left its call site on top of
 * the stack, so that comes second.
 */
static void
print_backtrace(unsigned int eip, unsigned int ebp, unsigned int esp)
{
  unsigned int low = libos_stack_bottom;
  unsigned int high = libos_stack_top;
  unsigned int *frame;
  int n;

  uart_puts("backtrace:\n");
  put_frame(eip);
  if (eip < PAGE_SIZE && esp >= low && esp <= high - 4 && esp % 4 == 0)
    put_frame(*(unsigned int *)esp);
  for (n = 0; n < MAX_BACKTRACE; n++) {
    if (ebp < low || ebp > high - 8 || ebp % 4 != 0)
      break;
    frame = (unsigned int *)ebp;
    if (frame[1] == 0)
      break;
    put_frame(frame[1]);
    if (frame[0] <= ebp)
      break;
    ebp = frame[0];
  }
}

/* Writes the address of the fault to the host before the panic event, so it can name the source line. */
void
fault_report_eip(unsigned int eip)
{
  x86_outl(UK_PORT_FAULT_EIP, eip);
  x86_outb(UK_PORT_EVENT, UK_EVENT_PANIC);
}

/*
 * Prints "panic: TITLE (vector V, error code 0xE) at eip 0xEIP", the
 * optional detail line, the registers and a backtrace, reports the fault
 * to the host and halts with the signal-style exit code of the vector.
 */
void
fault_panic(const char *title, const char *detail, unsigned int vector, unsigned int error_code,
            const struct fault_state *state)
{
  int code = exit_code_for_vector(vector);
  int with_cr2 = vector == T_PAGE_FAULT;
  unsigned int cr2 = with_cr2 ? x86_read_cr2() : 0;

  if (in_trap) {
    uart_puts("panic: trap: exception while reporting an exception\n");
    libos_halt(code);
  }
  in_trap = 1;

  uart_puts("panic: ");
  uart_puts(title);
  uart_puts(" (vector ");
  uart_put_decimal(vector);
  uart_puts(", error code 0x");
  put_hex_short(error_code);
  uart_puts(") at eip 0x");
  put_hex(state->eip, 8);
  uart_putc('\n');
  if (detail != 0) {
    uart_puts(detail);
    uart_putc('\n');
  }
  print_registers(state, with_cr2, cr2);
  print_backtrace(state->eip, state->ebp, state->esp);

  x86_outb(UK_PORT_FAULT_VECTOR, vector);
  fault_report_eip(state->eip);
  libos_halt(code);
}

/* Panics for the exception in tf, under title or the vector's own name when title is 0. */
void
trap_panic(struct trap_frame *tf, const char *title, const char *detail)
{
  struct fault_state state;

  state.eax = tf->eax;
  state.ebx = tf->ebx;
  state.ecx = tf->ecx;
  state.edx = tf->edx;
  state.esi = tf->esi;
  state.edi = tf->edi;
  state.ebp = tf->ebp;
  /* From ring 0 the CPU pushed no ESP: the faulting one is just above eflags. */
  if (tf->cs & 3)
    state.esp = tf->esp;
  else
    state.esp = (unsigned int)&tf->eflags + sizeof(tf->eflags);
  state.eip = tf->eip;
  state.eflags = tf->eflags;
  state.cs = tf->cs;
  fault_panic(title != 0 ? title : vector_names[tf->vector & 31], detail, tf->vector, tf->error_code, &state);
}

/*
 * Runs a hlt that the app executed in ring 3, where it raises #GP, as ring
 * 0 would: with the app's interrupts enabled it waits for the next one,
 * with them disabled it halts for good. Returns 0 for other instructions.
 */
static int
emulate_hlt(struct trap_frame *tf)
{
  if (!(tf->cs & 3) || *(const unsigned char *)tf->eip != OPCODE_HLT)
    return 0;
  tf->eip++;
  if (!(tf->eflags & EFLAGS_IF)) {
    for (;;)
      __asm__ volatile("cli; hlt");
  }
  __asm__ volatile("sti; hlt; cli" : : : "memory");
  return 1;
}

/* Called by vectors.S for every exception and IRQ; returns only for what it resolved. */
void
trap(struct trap_frame *tf)
{
  if (tf->vector >= IRQ_VECTOR_BASE && tf->vector < T_HALT) {
    if (irq_dispatch)
      irq_dispatch(tf);
    return;
  }
  if (tf->vector == T_PAGE_FAULT && paging_fault(tf))
    return;
  if (tf->vector == T_PROTECTION && emulate_hlt(tf))
    return;
  trap_panic(tf, 0, 0);
}
