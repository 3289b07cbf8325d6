/* getchar.c: one byte from the console, waiting for it. */

#include <stdio.h>
#include "../../kernel/kernel.h"

#define CTRL_D 0x04  /* end of transmission: a terminal's end of input */

int
getchar(void)
{
  int c = uart_getc();

  return c == CTRL_D ? EOF : c;
}
