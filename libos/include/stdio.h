/* stdio.h: formatted output and character I/O on the COM1 serial console. */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/cdefs.h>

#define EOF (-1)

/*
 * Streams: stdout and stderr both write to COM1 unbuffered, as a terminal
 * shows both (and to the VGA screen after vga_console(1)), and stdin reads
 * COM1 and the keyboard. There are no files. Compilers other than gcc
 * and ours (__UKP__) get FILE as a macro for the struct.
 */
struct __libos_file {
  int fd;
};
#if defined(__GNUC__) || defined(__UKP__)
typedef struct __libos_file FILE;
#else
#define FILE struct __libos_file
#endif

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

/*
 * Output goes straight to COM1 without buffering. printf matches glibc's
 * output for the conversions d i u o x X c s p f F e E g G a A %. It takes
 * the flags "-+ #0", width, precision, "*" and the length modifiers
 * hh h l ll z t j. %n is rejected and prints nothing, and long double (L)
 * prints a "not supported yet" marker.
 */
int printf(const char *fmt, ...) __LIBOS_PRINTF(1, 2);
int vprintf(const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __LIBOS_PRINTF(2, 3);
int vsprintf(char *buf, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __LIBOS_PRINTF(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fprintf(FILE *stream, const char *fmt, ...) __LIBOS_PRINTF(2, 3);
int vfprintf(FILE *stream, const char *fmt, va_list ap);
int puts(const char *s);
int putchar(int c);
int fputs(const char *s, FILE *stream);
int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
/*
 * Reads from a string as C99 scanf does: d i u o x X p, f e g a (any case),
 * c s [set] n and %%, with '*', a width and the length modifiers hh h l ll
 * j z t L. Returns the number of stored conversions, or EOF when the input
 * ends before the first one.
 */
int sscanf(const char *input, const char *fmt, ...);
int vsscanf(const char *input, const char *fmt, va_list ap);
/*
 * The same conversions on stdin, which gives whole edited lines (see
 * getchar): scanf reads more lines while the format needs input, and
 * leaves what it did not use for the next read. One call looks at 256
 * bytes at most. fscanf reads stdin for every stream.
 */
int scanf(const char *fmt, ...);
int vscanf(const char *fmt, va_list ap);
int fscanf(FILE *stream, const char *fmt, ...);
/* Output is unbuffered, so fflush only returns 0. */
int fflush(FILE *stream);

/*
 * Returns the next byte of stdin (COM1 or the PS/2 keyboard) as it
 * arrives, without echo; CR becomes \n and Ctrl-D gives EOF. Bytes an
 * earlier fgets or scanf left in its line come first. Reading enables
 * interrupts (see unikernel.h).
 */
int getchar(void);
int fgetc(FILE *stream);
int getc(FILE *stream);
/*
 * Reads a line as a terminal in canonical mode gives it: typed bytes are
 * echoed, Backspace or Delete erases, Enter ends the line. Returns up to
 * size - 1 bytes through the newline, keeping the rest of a long line for
 * the next call, or NULL when Ctrl-D comes before any byte.
 */
char *fgets(char *buf, int size, FILE *stream);

#endif
