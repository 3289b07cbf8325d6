/* strtod.c: the text side of strtod and sscanf's floating conversions, in integer code. */

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include "float_parse.h"

#define MAX_MANTISSA_DIGITS 18     /* decimal digits kept; 10^18 < 2^63 */
#define MAX_HEX_DIGITS 15          /* hex digits kept; 16^15 = 2^60 */
#define EXPONENT_LIMIT 100000      /* larger exponents saturate */

static const unsigned long long INFINITY_BITS = 0x7FF0000000000000ULL;
static const unsigned long long QUIET_NAN_BITS = 0x7FF8000000000000ULL;
static const unsigned long long SIGN_BIT = 0x8000000000000000ULL;

/* The input as far as the caller allows: at most max chars from s. */
struct cursor {
  const char *p;
  const char *limit;
};

static int
peek(struct cursor *c)
{
  return c->p < c->limit ? (unsigned char)*c->p : '\0';
}

static int
hex_value(int ch)
{
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

/* Matches word case-insensitively at the cursor and advances past it; returns 1 on a match. */
static int
match_word(struct cursor *c, const char *word)
{
  const char *p = c->p;

  for (; *word != '\0'; word++, p++) {
    if (p >= c->limit || tolower((unsigned char)*p) != *word)
      return 0;
  }
  c->p = p;
  return 1;
}

/* Parses "e-12" or "p+3" after a mantissa; leaves the cursor alone when no digits follow. */
static long
parse_exponent(struct cursor *c, int marker)
{
  struct cursor start = *c;
  long value = 0;
  int negative = 0;

  if (tolower(peek(c)) != marker)
    return 0;
  c->p++;
  if (peek(c) == '+' || peek(c) == '-')
    negative = *c->p++ == '-';
  if (!isdigit(peek(c))) {
    *c = start;
    return 0;
  }
  while (isdigit(peek(c))) {
    if (value < EXPONENT_LIMIT)
      value = value * 10 + (*c->p - '0');
    c->p++;
  }
  return negative ? -value : value;
}

/* Parses decimal digits with an optional point and exponent; returns 0 without digits, else 1, or 2 for a nonzero mantissa. */
static int
parse_decimal(struct cursor *c, unsigned long long *bits)
{
  unsigned long long mantissa = 0;
  long exponent = 0;
  int digits = 0, kept = 0, seen_point = 0;

  for (;; c->p++) {
    int ch = peek(c);
    if (ch == '.' && !seen_point) {
      seen_point = 1;
      continue;
    }
    if (!isdigit(ch))
      break;
    digits++;
    if (mantissa == 0 && ch == '0') {
      if (seen_point)
        exponent--;
      continue;
    }
    if (kept < MAX_MANTISSA_DIGITS) {
      mantissa = mantissa * 10 + (ch - '0');
      kept++;
      if (seen_point)
        exponent--;
    } else if (!seen_point) {
      exponent++;
    }
  }
  if (digits == 0)
    return 0;
  exponent += parse_exponent(c, 'e');
  if (mantissa == 0)
    *bits = 0;
  else if (exponent > EXPONENT_LIMIT)
    *bits = INFINITY_BITS;
  else if (exponent < -EXPONENT_LIMIT)
    *bits = 0;
  else
    libos_decimal_to_double(mantissa, (int)exponent, bits);
  return mantissa == 0 ? 1 : 2;
}

/* As parse_decimal, for the hex digits after "0x" and a binary exponent after 'p'. */
static int
parse_hex(struct cursor *c, unsigned long long *bits)
{
  unsigned long long mantissa = 0;
  long exponent = 0;
  int digits = 0, kept = 0, seen_point = 0, value;

  for (;; c->p++) {
    int ch = peek(c);
    if (ch == '.' && !seen_point) {
      seen_point = 1;
      continue;
    }
    if ((value = hex_value(ch)) < 0)
      break;
    digits++;
    if (mantissa == 0 && value == 0) {
      if (seen_point)
        exponent -= 4;
      continue;
    }
    if (kept < MAX_HEX_DIGITS) {
      mantissa = mantissa << 4 | value;
      kept++;
      if (seen_point)
        exponent -= 4;
    } else if (!seen_point) {
      exponent += 4;
    }
  }
  if (digits == 0)
    return 0;
  exponent += parse_exponent(c, 'p');
  if (mantissa == 0)
    *bits = 0;
  else if (exponent > EXPONENT_LIMIT)
    *bits = INFINITY_BITS;
  else if (exponent < -EXPONENT_LIMIT)
    *bits = 0;
  else
    libos_binary_to_double(mantissa, (int)exponent, bits);
  return mantissa == 0 ? 1 : 2;
}

const char *
libos_parse_double(const char *s, size_t max, unsigned long long *bits, int *range_error)
{
  struct cursor c = { s, s + max };
  struct cursor after_prefix;
  int negative = 0, ok;

  if (max > (size_t)-1 - (size_t)s)
    c.limit = (const char *)-1;
  *range_error = 0;
  *bits = 0;
  if (peek(&c) == '+' || peek(&c) == '-')
    negative = *c.p++ == '-';

  if (match_word(&c, "inf")) {
    match_word(&c, "inity");
    *bits = INFINITY_BITS;
  } else if (match_word(&c, "nan")) {
    *bits = QUIET_NAN_BITS;
  } else {
    after_prefix = c;
    if (peek(&c) == '0' && c.p + 1 < c.limit && tolower((unsigned char)c.p[1]) == 'x') {
      c.p += 2;
      ok = parse_hex(&c, bits);
      if (!ok) {
        /* "0x" without hex digits is the number 0 followed by "x". */
        c = after_prefix;
        c.p++;
        *bits = 0;
        ok = 1;
      }
    } else {
      ok = parse_decimal(&c, bits);
    }
    if (!ok)
      return s;
    /* A nonzero mantissa that became infinity or zero overflowed or underflowed. */
    if (ok == 2 && ((*bits & ~SIGN_BIT) == INFINITY_BITS || *bits == 0))
      *range_error = 1;
  }
  if (negative)
    *bits |= SIGN_BIT;
  return c.p;
}

/* Called by strtod in float_convert.S, which loads the bits into st(0). */
void
libos_strtod_bits(const char *s, char **end, unsigned long long *bits)
{
  const char *start = s, *stop;
  int range_error;

  while (isspace((unsigned char)*s))
    s++;
  stop = libos_parse_double(s, (size_t)-1, bits, &range_error);
  if (range_error)
    errno = ERANGE;
  if (end != NULL)
    *end = (char *)(stop == s ? start : stop);
}
