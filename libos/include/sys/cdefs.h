/* sys/cdefs.h: attribute macros that expand to nothing outside gcc. */
#ifndef _SYS_CDEFS_H
#define _SYS_CDEFS_H

/*
 * Our compiler does not define __GNUC__ and does not parse __attribute__
 * yet, so every attribute hides behind these macros.
 */
#ifdef __GNUC__
#define __LIBOS_NORETURN __attribute__((noreturn))
#define __LIBOS_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define __LIBOS_NORETURN
#define __LIBOS_PRINTF(fmt, args)
#endif

#endif
