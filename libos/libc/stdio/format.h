/* format.h: the printf engine shared by printf, sprintf and their variants. */
#ifndef _LIBOS_FORMAT_H
#define _LIBOS_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* The destination of formatted chars; len counts every char, stored or not. */
struct format_out {
  void (*emit)(struct format_out *out, char c);
  char *buf;
  size_t size;
  size_t len;
};

/* One conversion specification, "%-08.3lx" and the like. */
struct format_spec {
  int left;        /* '-' */
  int plus;        /* '+' */
  int space;       /* ' ' */
  int alt;         /* '#' */
  int zero;        /* '0' */
  int width;
  int precision;   /* -1 when absent */
  char conversion;
};

int libos_format(struct format_out *out, const char *fmt, va_list ap);

void format_emit(struct format_out *out, char c);
void format_pad(struct format_out *out, char c, int count);

/* format_float.c: e E f F g G a A for the bits of a double. */
void format_double(struct format_out *out, const struct format_spec *spec, unsigned long long bits);

#endif
