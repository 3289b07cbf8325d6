/* stddef.h: size_t, ptrdiff_t, NULL and offsetof for i386. */
#ifndef _STDDEF_H
#define _STDDEF_H

/*
 * gcc and our compiler (__UKP__) get typedefs; other compilers get macros
 * with the same i386 sizes. A declaration like `size_t a, *b;` works
 * either way.
 */
#if defined(__GNUC__) || defined(__UKP__)
typedef unsigned int size_t;
typedef int ptrdiff_t;
typedef int ssize_t;
#define offsetof(type, member) __builtin_offsetof(type, member)
#else
#define size_t unsigned int
#define ptrdiff_t int
#define ssize_t int
#define offsetof(type, member) ((size_t)&((type *)0)->member)
#endif

#define NULL ((void *)0)

#endif
