/* sys/cdefs.h: attribute macros that expand to nothing outside gcc. */
#ifndef _SYS_CDEFS_H
#define _SYS_CDEFS_H

/*
 * gcc and our compiler (__UKP__) parse these attributes; for other
 * compilers the macros expand to nothing.
 */
#if defined(__GNUC__) || defined(__UKP__)
#define __LIBOS_NORETURN __attribute__((noreturn))
#define __LIBOS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define __LIBOS_NORETURN
#define __LIBOS_PRINTF(fmt, args)
#endif

#endif
