/* stdbool.h: bool, true and false. */
#ifndef _STDBOOL_H
#define _STDBOOL_H

/*
 * NOTE: our compiler has no _Bool yet, so there bool is an unsigned char:
 * the same size and layout as gcc's _Bool, but storing 2 keeps 2 where
 * _Bool would store 1.
 */
#ifdef __GNUC__
#define bool _Bool
#else
#define bool unsigned char
#endif
#define true 1
#define false 0
#define __bool_true_false_are_defined 1

#endif
