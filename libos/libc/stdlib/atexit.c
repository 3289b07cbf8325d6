/* atexit.c: functions that exit() calls, last registered first. */

#include <stdlib.h>

#define MAX_HANDLERS 32   /* ISO C requires at least 32 */

static void (*handlers[MAX_HANDLERS])(void);
static int count;

int
atexit(void (*function)(void))
{
  if (count == MAX_HANDLERS)
    return -1;
  handlers[count++] = function;
  return 0;
}

/* Called by exit(); a handler that calls exit() again resumes the list where it stopped. */
void
libos_run_atexit(void)
{
  while (count > 0)
    handlers[--count]();
}
