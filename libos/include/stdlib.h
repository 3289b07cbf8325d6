/* stdlib.h: exit, the heap and number conversions. */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>
#include <sys/cdefs.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647

/* Ends the app: the exit code goes to the host, then the CPU halts. */
void exit(int status) __LIBOS_NORETURN;
/* Prints "abort() called" and exits with 134, as a shell reports SIGABRT. */
void abort(void) __LIBOS_NORETURN;

int abs(int n);
long labs(long n);
int atoi(const char *s);
long atol(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);

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
