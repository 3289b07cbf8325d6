/* puts.c: a string and a newline on the console. */

#include <stdio.h>
#include "../../kernel/kernel.h"

int
puts(const char *s)
{
  uart_puts(s);
  uart_putc('\n');
  return 1;
}
