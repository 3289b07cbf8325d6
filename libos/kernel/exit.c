/* exit.c: exit() and _Exit(), the end of a run started by main. */

#include <stdlib.h>
#include "kernel.h"

/* Defined by atexit.c, which is linked only when the app calls atexit. */
void libos_run_atexit(void) __attribute__((weak));

/* Runs the atexit functions; console output is unbuffered, so nothing is left to flush. */
void
exit(int status)
{
  if (libos_run_atexit)
    libos_run_atexit();
  libos_halt(status);
}

void
_Exit(int status)
{
  libos_halt(status);
}
