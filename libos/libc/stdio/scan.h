/* scan.h: the scanf engine shared by sscanf and scanf. */
#ifndef _LIBOS_SCAN_H
#define _LIBOS_SCAN_H

#include <stdarg.h>

struct scan_end {
  int consumed;     /* chars of the input the conversions used */
  int needs_more;   /* the input ended before the format did */
};

int libos_scan(const char *input, const char *fmt, va_list ap, struct scan_end *end);

#endif
