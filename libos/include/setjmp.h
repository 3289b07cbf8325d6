/* setjmp.h: non-local jumps. */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <sys/cdefs.h>

/* Saved ebx, esi, edi, ebp, esp and the return address. */
typedef int jmp_buf[6];

/*
 * Returns 0 when called and again, with longjmp's value, after a longjmp
 * to env. Locals changed between the two must be volatile to keep their
 * new values, as in any C. env must belong to a function still running.
 */
int setjmp(jmp_buf env);
void longjmp(jmp_buf env, int value) __LIBOS_NORETURN;

#endif
