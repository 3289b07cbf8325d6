/* assert.c: the failure path of assert(), worded as glibc words it. */

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

void
__libos_assert_fail(const char *expression, const char *file, int line)
{
  printf("%s:%d: Assertion `%s' failed.\n", file, line, expression);
  abort();
}
