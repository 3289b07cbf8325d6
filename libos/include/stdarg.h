/* stdarg.h: variable argument lists for the i386 cdecl calling convention. */
#ifndef _STDARG_H
#define _STDARG_H

#if defined(__GNUC__) || defined(__UKP__)
typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(dst, src) __builtin_va_copy(dst, src)
#else
/*
 * For compilers without the builtins: cdecl passes every argument on the
 * stack in 4-byte slots, so va_list is a pointer that walks those slots.
 * It is a macro, so declare one va_list per declaration, because
 * `va_list a, b;` makes b a plain char.
 */
#define va_list char *
#define __LIBOS_VA_SLOT(type) ((sizeof(type) + 3) & ~3)
#define va_start(ap, last) ((ap) = (char *)&(last) + __LIBOS_VA_SLOT(last))
#define va_arg(ap, type) (*(type *)(((ap) += __LIBOS_VA_SLOT(type)) - __LIBOS_VA_SLOT(type)))
#define va_end(ap) ((void)0)
#define va_copy(dst, src) ((dst) = (src))
#endif

#endif
