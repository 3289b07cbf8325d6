/* vsnprintf.c: formatted output into a buffer of a given size. */

#include <stdio.h>
#include "format.h"

static void
emit_buffer(struct format_out *out, char c)
{
  if (out->len + 1 < out->size)
    out->buf[out->len] = c;
}

/* Returns the length the full output has, even when it was cut to fit size - 1 chars. */
int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
  struct format_out out = { emit_buffer, buf, size, 0 };
  int n;

  n = libos_format(&out, fmt, ap);
  if (size > 0)
    buf[out.len < size ? out.len : size - 1] = '\0';
  return n;
}
