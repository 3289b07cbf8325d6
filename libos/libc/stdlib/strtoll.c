/* strtoll.c: string to long long and unsigned long long in bases 2 to 36. */

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

struct parsed64 {
  unsigned long long magnitude;
  int negative;
  int overflow;       /* the digits exceed ULLONG_MAX */
  const char *end;    /* first char after the number, or the start if none */
};

static int
digit_value(int c)
{
  if (isdigit(c))
    return c - '0';
  if (islower(c))
    return c - 'a' + 10;
  if (isupper(c))
    return c - 'A' + 10;
  return 36;
}

/* Parses blanks, a sign, a base prefix and digits; returns 0 for an invalid base. */
static int
parse64(const char *s, int base, struct parsed64 *p)
{
  const char *digits;
  unsigned long long limit;
  int d;

  p->magnitude = 0;
  p->negative = 0;
  p->overflow = 0;
  p->end = s;
  if (base < 0 || base == 1 || base > 36)
    return 0;

  while (isspace((unsigned char)*s))
    s++;
  if (*s == '+' || *s == '-')
    p->negative = *s++ == '-';
  if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
      && digit_value((unsigned char)s[2]) < 16) {
    s += 2;
    base = 16;
  } else if (base == 0) {
    base = s[0] == '0' ? 8 : 10;
  }

  limit = ULLONG_MAX / base;
  digits = s;
  for (; (d = digit_value((unsigned char)*s)) < base; s++) {
    if (p->magnitude > limit || p->magnitude * base > ULLONG_MAX - d)
      p->overflow = 1;
    else
      p->magnitude = p->magnitude * base + d;
  }
  if (s != digits)
    p->end = s;
  return 1;
}

long long
strtoll(const char *s, char **end, int base)
{
  struct parsed64 p;
  unsigned long long limit;

  if (!parse64(s, base, &p))
    errno = EINVAL;
  if (end != NULL)
    *end = (char *)p.end;

  limit = p.negative ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
  if (p.overflow || p.magnitude > limit) {
    errno = ERANGE;
    return p.negative ? LLONG_MIN : LLONG_MAX;
  }
  return p.negative ? (long long)(0 - p.magnitude) : (long long)p.magnitude;
}

/* As in glibc, a minus sign negates the value modulo ULLONG_MAX + 1. */
unsigned long long
strtoull(const char *s, char **end, int base)
{
  struct parsed64 p;

  if (!parse64(s, base, &p))
    errno = EINVAL;
  if (end != NULL)
    *end = (char *)p.end;

  if (p.overflow) {
    errno = ERANGE;
    return ULLONG_MAX;
  }
  return p.negative ? 0 - p.magnitude : p.magnitude;
}

long long
atoll(const char *s)
{
  return strtoll(s, NULL, 10);
}
