/* putchar.c: one byte on the console. */

#include <stdio.h>
#include "../../kernel/kernel.h"

int
putchar(int c)
{
  uart_putc((unsigned char)c);
  return (unsigned char)c;
}
