/* scanf.c: formatted input from stdin, a line at a time through the console's line discipline. */

#include <stdarg.h>
#include <stdio.h>
#include "../../kernel/kernel.h"
#include "scan.h"

#define SCAN_BUFFER 256   /* bytes of stdin one scanf call can look at */

/*
 * Scans the unread part of stdin's current line. When the input runs out
 * before the format does, it reads another line and scans everything
 * again, until the format is done, a conversion fails or stdin ends. It
 * consumes only what the conversions used, so the rest stays for the next
 * read.
 */
int
vscanf(const char *fmt, va_list ap)
{
  char text[SCAN_BUFFER + 1];
  struct scan_end end;
  va_list attempt;
  int length, at_eof = 0, result;

  length = console_scan_text(text, SCAN_BUFFER, 0, &at_eof);
  for (;;) {
    va_copy(attempt, ap);
    result = libos_scan(text, fmt, attempt, &end);
    va_end(attempt);
    if (!end.needs_more || at_eof || length >= SCAN_BUFFER)
      break;
    length = console_scan_text(text, SCAN_BUFFER, 1, &at_eof);
  }
  console_scan_consume(end.consumed);
  return result;
}

int
scanf(const char *fmt, ...)
{
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vscanf(fmt, ap);
  va_end(ap);
  return n;
}

/* Every stream reads the console, as fgetc does. */
int
fscanf(FILE *stream, const char *fmt, ...)
{
  va_list ap;
  int n;

  (void)stream;
  va_start(ap, fmt);
  n = vscanf(fmt, ap);
  va_end(ap);
  return n;
}
