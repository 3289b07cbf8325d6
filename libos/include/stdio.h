/* stdio.h: formatted output and character I/O on the COM1 serial console. */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/cdefs.h>

#define EOF (-1)

/*
 * Output goes straight to COM1 without buffering. printf matches glibc's
 * output for the conversions d i u o x X c s p f F e E g G a A %, the
 * flags "-+ #0", width, precision, "*" and the length modifiers
 * hh h l ll z t j. %n is rejected and prints nothing, and long double (L)
 * prints a "not supported yet" marker.
 */
int printf(const char *fmt, ...) __LIBOS_PRINTF(1, 2);
int vprintf(const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __LIBOS_PRINTF(2, 3);
int vsprintf(char *buf, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __LIBOS_PRINTF(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);
int putchar(int c);

/*
 * Waits for one byte on COM1 and returns it, without echo. The byte 0x04
 * (Ctrl-D, end of transmission) returns EOF, as a terminal does.
 */
int getchar(void);

#endif
