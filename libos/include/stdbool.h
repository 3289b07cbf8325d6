/* stdbool.h: bool, true and false. */
#ifndef _STDBOOL_H
#define _STDBOOL_H

/*
 * Compilers other than gcc and ours (__UKP__) may lack _Bool; there bool
 * is an unsigned char, the same size and layout, but storing 2 keeps 2
 * where _Bool would store 1.
 */
#if defined(__GNUC__) || defined(__UKP__)
#define bool _Bool
#else
#define bool unsigned char
#endif
#define true 1
#define false 0
#define __bool_true_false_are_defined 1

#endif
