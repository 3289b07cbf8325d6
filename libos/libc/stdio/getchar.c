/* getchar.c: one byte from the console, waiting for it. */

#include <stdio.h>
#include "../../kernel/kernel.h"

int
getchar(void)
{
  return console_getc();
}
