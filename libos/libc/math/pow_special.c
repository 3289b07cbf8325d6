/* pow_special.c: the special cases of pow and fmod from C99 Annex F, decided on the bits of x and y. */

#define POW_COMPUTE 0        /* the result is |x|^y */
#define POW_DONE 1           /* the result is stored */
#define POW_NEGATE 2         /* the result is -(|x|^y) */
#define POW_INTEGER 3        /* the result is x^n for the integer n stored, by repeated squaring */
#define MAX_SQUARING_EXPONENT 1024

#define EXPONENT_BIAS 1023
#define EXPONENT_MAX 0x7FF
#define MANTISSA_BITS 52

typedef unsigned long long bits64;

static const bits64 ONE = 0x3FF0000000000000ULL;
static const bits64 INFINITY_BITS = 0x7FF0000000000000ULL;
static const bits64 SIGN = 0x8000000000000000ULL;
static const bits64 QUIET = 0x0008000000000000ULL;
static const bits64 DEFAULT_NAN = 0xFFF8000000000000ULL;  /* what the x87 and glibc return for an invalid pow */

enum kind { NOT_INTEGER, EVEN, ODD };

static bits64
load(const void *p)
{
  const unsigned int *words = p;

  return (bits64)words[1] << 32 | words[0];
}

static int
exponent_of(bits64 v)
{
  return (int)((v >> MANTISSA_BITS) & EXPONENT_MAX);
}

/* Classifies finite or infinite y as a non-integer, an even integer or an odd integer. */
static enum kind
integer_kind(bits64 y)
{
  int e = exponent_of(y) - EXPONENT_BIAS;
  bits64 m = (y & ((1ULL << MANTISSA_BITS) - 1)) | 1ULL << MANTISSA_BITS;

  if ((y & ~SIGN) == 0)
    return EVEN;
  if (e < 0)
    return NOT_INTEGER;
  if (e > MANTISSA_BITS)
    return EVEN;
  if (m & ((1ULL << (MANTISSA_BITS - e)) - 1))
    return NOT_INTEGER;
  return (m >> (MANTISSA_BITS - e)) & 1 ? ODD : EVEN;
}

/* Returns y as an int when it is an integer of magnitude at most MAX_SQUARING_EXPONENT, else 0 with *ok = 0. */
static int
small_integer(bits64 y, int *ok)
{
  int e = exponent_of(y) - EXPONENT_BIAS, value;
  bits64 m = (y & ((1ULL << MANTISSA_BITS) - 1)) | 1ULL << MANTISSA_BITS;

  *ok = 0;
  if (e < 0 || e > 10 || integer_kind(y) == NOT_INTEGER)
    return 0;
  value = (int)(m >> (MANTISSA_BITS - e));
  if (value > MAX_SQUARING_EXPONENT)
    return 0;
  *ok = 1;
  return (y & SIGN) ? -value : value;
}

/*
 * Stores pow(x, y) in result and returns POW_DONE when a special case
 * decides it. Otherwise returns POW_INTEGER with the exponent in *n for an
 * integer y up to 1024 in magnitude, whose powers repeated squaring gets
 * exact or within a rounding or two, or POW_COMPUTE or POW_NEGATE for
 * 2^(y log2|x|) in pow.S.
 */
int
libos_pow_special(const void *xp, const void *yp, void *result, int *n)
{
  bits64 x = load(xp), y = load(yp), ax = x & ~SIGN, ay = y & ~SIGN, out;
  unsigned int *words = result;
  int x_negative = (x & SIGN) != 0, y_negative = (y & SIGN) != 0, ok;
  enum kind kind;

  if (ay == 0 || x == ONE) {
    out = ONE;
  } else if (ax > INFINITY_BITS || ay > INFINITY_BITS) {
    out = (ax > INFINITY_BITS ? x : y) | QUIET;
  } else if (ay == INFINITY_BITS) {
    if (ax == ONE)
      out = ONE;
    else
      out = (ax < ONE) == y_negative ? INFINITY_BITS : 0;
  } else {
    kind = integer_kind(y);
    if (ax == 0 || ax == INFINITY_BITS) {
      /* 0^y and inf^y are 0 or inf, negative only for negative x and odd y. */
      out = (ax == 0) == y_negative ? INFINITY_BITS : 0;
      if (x_negative && kind == ODD)
        out |= SIGN;
    } else if ((*n = small_integer(y, &ok)), ok) {
      return POW_INTEGER;
    } else if (!x_negative) {
      return POW_COMPUTE;
    } else if (kind == NOT_INTEGER) {
      out = DEFAULT_NAN;
    } else {
      return kind == ODD ? POW_NEGATE : POW_COMPUTE;
    }
  }
  words[0] = (unsigned int)out;
  words[1] = (unsigned int)(out >> 32);
  return POW_DONE;
}

/*
 * Stores fmod(x, y) and returns 1 for NaN arguments, an infinite x or a
 * zero y (NaN), a zero x, an infinite y or |x| < |y| (x itself); returns
 * 0 when fmod.S must compute the remainder.
 */
int
libos_fmod_special(const void *xp, const void *yp, void *result)
{
  bits64 x = load(xp), y = load(yp), ax = x & ~SIGN, ay = y & ~SIGN, out;
  unsigned int *words = result;

  if (ax > INFINITY_BITS || ay > INFINITY_BITS)
    out = (ax > INFINITY_BITS ? x : y) | QUIET;
  else if (ax == INFINITY_BITS || ay == 0)
    out = DEFAULT_NAN;
  else if (ax == 0 || ay == INFINITY_BITS || ax < ay)
    out = x;
  else
    return 0;
  words[0] = (unsigned int)out;
  words[1] = (unsigned int)(out >> 32);
  return 1;
}
