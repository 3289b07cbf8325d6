/* float_parse.h: floating-point parsing shared by strtod and sscanf. */
#ifndef _LIBOS_FLOAT_PARSE_H
#define _LIBOS_FLOAT_PARSE_H

#include <stddef.h>

/*
 * Parses a decimal or hex floating-point number, "inf", "infinity" or
 * "nan" (any case, with a sign) from at most max chars of s. Stores the
 * double's bits and returns the end of the number, or s when there is none.
 * Sets *range_error when the value overflowed or underflowed.
 */
const char *libos_parse_double(const char *s, size_t max, unsigned long long *bits, int *range_error);

/* float_convert.S */
void libos_decimal_to_double(unsigned long long mantissa, int exponent10, unsigned long long *bits);
void libos_binary_to_double(unsigned long long mantissa, int exponent2, unsigned long long *bits);
void libos_store_float(const unsigned long long *bits, void *destination);
void libos_store_long_double(const unsigned long long *bits, void *destination);

#endif
