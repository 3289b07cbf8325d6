/* stdlib.h: exit, the heap and number conversions. */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>
#include <sys/cdefs.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647

/* Ends the app: the atexit functions run, last registered first, the exit code goes to the host, then the CPU halts. */
void exit(int status) __LIBOS_NORETURN;
/* Ends the app at once, without the atexit functions. */
void _Exit(int status) __LIBOS_NORETURN;
/* Registers a function for exit() to call; returns 0, or -1 when 32 are registered already. */
int atexit(void (*function)(void));
/*
 * Prints "abort() called" and exits with 134, as a shell reports SIGABRT,
 * after the panic event; the host can tell it from exit(134) by that event.
 */
void abort(void) __LIBOS_NORETURN;

typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;
typedef struct { long long quot; long long rem; } lldiv_t;

int abs(int n);
long labs(long n);
long long llabs(long long n);
div_t div(int numerator, int denominator);
ldiv_t ldiv(long numerator, long denominator);
lldiv_t lldiv(long long numerator, long long denominator);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
/*
 * Decimal and hex floating point, "inf" and "nan". The value is converted
 * in 80-bit precision and rounded once, so it can differ from glibc's in
 * the last bit for inputs very close to halfway between two doubles.
 */
double strtod(const char *s, char **end);
double atof(const char *s);

/* The same sequence as glibc's rand() for the same seed; the default seed is 1. */
int rand(void);
void srand(unsigned int seed);

/* qsort is a stable merge sort; without heap memory for it, an insertion sort. */
void qsort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*compare)(const void *, const void *));

/*
 * The heap spans the memory after the image up to the end of its RAM
 * region in the multiboot memory map, or up to 16 MiB without one.
 * Blocks are 16-byte aligned; free fills a block with junk bytes.
 */
void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);

#endif
