/* assert.c: the failure path of assert(), worded as glibc words it. */

#include <assert.h>
#include <stdlib.h>
#include "kernel.h"

/* Prints without printf, so assert() does not pull the formatter into every app. */
static void
put_decimal(int value)
{
  unsigned int v = value < 0 ? 0u - value : (unsigned int)value;
  char digits[12];
  int n = 0;

  if (value < 0)
    uart_putc('-');
  do {
    digits[n++] = '0' + v % 10;
    v /= 10;
  } while (v != 0);
  while (n > 0)
    uart_putc(digits[--n]);
}

void
__libos_assert_fail(const char *expression, const char *file, int line)
{
  uart_puts(file);
  uart_putc(':');
  put_decimal(line);
  uart_puts(": Assertion `");
  uart_puts(expression);
  uart_puts("' failed.\n");
  libos_abort_at(__builtin_return_address(0));
}
