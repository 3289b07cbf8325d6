/* math.h: double-precision basics on the x87 FPU. */
#ifndef _MATH_H
#define _MATH_H

#if defined(__GNUC__) || defined(__UKP__)
#define HUGE_VAL (__builtin_huge_val())
#define INFINITY (__builtin_inff())
#define NAN (__builtin_nanf(""))
#else
#define HUGE_VAL (1e300 * 1e300)
#define INFINITY ((float)(1e300 * 1e300))
#define NAN ((float)(0.0 * (1e300 * 1e300)))
#endif

#define M_E 2.7182818284590452354
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_SQRT2 1.41421356237309504880

#define isnan(x) ((x) != (x))
#define isinf(x) (!isnan(x) && isnan((x) - (x)))
#define isfinite(x) (!isnan((x) - (x)))

/*
 * Each function is a few x87 instructions. On a real x87 they compute in
 * 80-bit precision and round once; v86 0.5 emulates the x87 in double
 * precision, so there results can be a few units in the last place away
 * from glibc's (measured: at most 12 for pow of non-integer exponents,
 * 1-2 elsewhere). pow with an integer exponent up to 1024 multiplies
 * exactly where it can. Invalid arguments return NaN, whose sign can
 * differ from glibc's; errno is not set. sin, cos and tan reduce
 * |x| >= 2^63 with the x87's 66-bit pi, less exactly than glibc.
 */
double sqrt(double x);
double fabs(double x);
double floor(double x);
double ceil(double x);
double trunc(double x);
double fmod(double x, double y);
double sin(double x);
double cos(double x);
double tan(double x);
double atan(double x);
double atan2(double y, double x);
double exp(double x);
double exp2(double x);
double log(double x);
double log2(double x);
double log10(double x);
double pow(double x, double y);

#endif
