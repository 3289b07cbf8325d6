/* vprintf.c: formatted output on the console. */

#include <stdio.h>
#include "format.h"
#include "../../kernel/kernel.h"

static void
emit_console(struct format_out *out, char c)
{
  (void)out;
  uart_putc(c);
}

int
vprintf(const char *fmt, va_list ap)
{
  struct format_out out = { emit_console, NULL, 0, 0 };

  return libos_format(&out, fmt, ap);
}
