/* exit.c: exit(), the end of a run started by main. */

#include <stdlib.h>
#include "kernel.h"

/* Console output is unbuffered, so nothing is left to flush. */
void
exit(int status)
{
  libos_halt(status);
}
