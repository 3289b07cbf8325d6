/* sscanf.c: formatted input from a string, as C99's scanf family reads it. */

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include "../stdlib/float_parse.h"
#include "scan.h"

#define MAX_NUMBER_CHARS 400   /* maximum chars of a number without a width */

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_LONG_DOUBLE };

struct conversion {
  int suppress;        /* '*': read but do not store */
  int width;           /* 0 when absent */
  enum length length;
  char kind;
};

static int
digit_value(int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return 36;
}

/*
 * Reads an integer of the given base (0: by prefix) from at most max chars.
 * Returns the chars used, 0 when there are no digits. Wraps modulo 2^64 on
 * overflow as the value is undefined in C then.
 */
static int
scan_integer(const char *s, int max, int base, unsigned long long *value)
{
  int i = 0, start, negative = 0, d;
  unsigned long long v = 0;

  if (i < max && (s[i] == '+' || s[i] == '-'))
    negative = s[i++] == '-';
  if ((base == 0 || base == 16) && i + 1 < max && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    if (i + 2 < max && digit_value((unsigned char)s[i + 2]) < 16) {
      i += 2;
      base = 16;
    } else {
      /* "0x" with no hex digit after it reads as 0, consumed whole as glibc does. */
      *value = 0;
      return i + 2;
    }
  } else if (base == 0) {
    base = i < max && s[i] == '0' ? 8 : 10;
  }
  start = i;
  while (i < max && (d = digit_value((unsigned char)s[i])) < base) {
    v = v * base + d;
    i++;
  }
  if (i == start)
    return 0;
  *value = negative ? 0 - v : v;
  return i;
}

static void
store_integer(void *target, enum length length, unsigned long long value)
{
  switch (length) {
  case LEN_HH:
    *(char *)target = (char)value;
    break;
  case LEN_H:
    *(short *)target = (short)value;
    break;
  case LEN_LL:
    *(long long *)target = (long long)value;
    break;
  default:
    *(int *)target = (int)value;
    break;
  }
}

/* Parses "%*12lld" and the like after the '%'; returns the char after the conversion letter. */
static const char *
parse_conversion(const char *f, struct conversion *c)
{
  c->suppress = 0;
  c->width = 0;
  c->length = LEN_NONE;
  if (*f == '*') {
    c->suppress = 1;
    f++;
  }
  while (*f >= '0' && *f <= '9')
    c->width = c->width * 10 + (*f++ - '0');
  switch (*f) {
  case 'h':
    f++;
    c->length = LEN_H;
    if (*f == 'h') {
      f++;
      c->length = LEN_HH;
    }
    break;
  case 'l':
    f++;
    c->length = LEN_L;
    if (*f == 'l') {
      f++;
      c->length = LEN_LL;
    }
    break;
  case 'j':
  case 'q':
    f++;
    c->length = LEN_LL;
    break;
  case 'z':
  case 't':
    f++;
    break;
  case 'L':
    f++;
    c->length = LEN_LONG_DOUBLE;
    break;
  }
  c->kind = *f;
  return *f != '\0' ? f + 1 : f;
}

/* Returns 1 when ch is in the scanset that starts after "%[" at set; *end gets the char after ']'. */
static int
in_scanset(const char *set, int ch, const char **end)
{
  int negate = 0, found = 0;
  const char *p = set;

  if (*p == '^') {
    negate = 1;
    p++;
  }
  if (*p == ']') {
    found |= ch == ']';
    p++;
  }
  for (; *p != '\0' && *p != ']'; p++) {
    if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
      found |= (unsigned char)p[0] <= ch && ch <= (unsigned char)p[2];
      p += 2;
    } else {
      found |= (unsigned char)*p == ch;
    }
  }
  *end = *p == ']' ? p + 1 : p;
  return found != negate;
}

/*
 * The scanf engine: reads input as fmt says and returns what sscanf
 * returns. Stores in *end how many chars it consumed and whether it
 * stopped because the input ran out, so scanf can read another line and
 * try again.
 */
int
libos_scan(const char *input, const char *fmt, va_list ap, struct scan_end *end)
{
  const char *s = input, *f = fmt, *set_end;
  struct conversion c;
  unsigned long long value, bits;
  int assigned = 0, n, max, base, range_error, result;
  char *out;

  end->needs_more = 0;

  while (*f != '\0') {
    if (isspace((unsigned char)*f)) {
      while (isspace((unsigned char)*f))
        f++;
      while (isspace((unsigned char)*s))
        s++;
      continue;
    }
    if (*f != '%' || f[1] == '%') {
      if (*f == '%') {
        f++;
        while (isspace((unsigned char)*s))
          s++;
      }
      if (*s != *f) {
        end->needs_more = *s == '\0';
        break;
      }
      s++;
      f++;
      continue;
    }

    f = parse_conversion(f + 1, &c);
    if (c.kind == 'n') {
      if (!c.suppress)
        store_integer(va_arg(ap, void *), c.length, (unsigned long long)(s - input));
      continue;
    }
    if (c.kind != 'c' && c.kind != '[') {
      while (isspace((unsigned char)*s))
        s++;
    }
    if (*s == '\0') {
      end->needs_more = 1;
      result = assigned == 0 ? EOF : assigned;
      goto done;
    }
    max = c.width > 0 ? c.width : MAX_NUMBER_CHARS;

    switch (c.kind) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
    case 'p':
      base = c.kind == 'd' || c.kind == 'u' ? 10 : c.kind == 'i' ? 0 : c.kind == 'o' ? 8 : 16;
      n = scan_integer(s, max, base, &value);
      if (n == 0)
        goto mismatch;
      s += n;
      if (!c.suppress) {
        if (c.kind == 'p')
          *va_arg(ap, void **) = (void *)(unsigned int)value;
        else
          store_integer(va_arg(ap, void *), c.length, value);
        assigned++;
      }
      break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      n = (int)(libos_parse_double(s, (size_t)max, &bits, &range_error) - s);
      if (n == 0)
        goto mismatch;
      s += n;
      max -= n;
      /* An exponent marker and sign without digits are consumed too, as glibc reads at most one char ahead. */
      if (max > 0 && (*s == 'e' || *s == 'E' || *s == 'p' || *s == 'P')) {
        if (max > 1 && (s[1] == '+' || s[1] == '-'))
          s += 2;
        else
          s += 1;
      }
      if (!c.suppress) {
        out = va_arg(ap, char *);
        if (c.length == LEN_L)
          *(unsigned long long *)out = bits;
        else if (c.length == LEN_LONG_DOUBLE)
          libos_store_long_double(&bits, out);
        else
          libos_store_float(&bits, out);
        assigned++;
      }
      break;
    case 'c':
      max = c.width > 0 ? c.width : 1;
      out = c.suppress ? NULL : va_arg(ap, char *);
      for (n = 0; n < max && *s != '\0'; n++, s++) {
        if (out != NULL)
          out[n] = *s;
      }
      if (n < max) {
        end->needs_more = 1;
        result = assigned == 0 ? EOF : assigned;
        goto done;
      }
      assigned += !c.suppress;
      break;
    case 's':
    case '[':
      max = c.width > 0 ? c.width : INT_MAX;
      out = c.suppress ? NULL : va_arg(ap, char *);
      set_end = f;
      for (n = 0; n < max && *s != '\0'; n++, s++) {
        if (c.kind == 's' ? isspace((unsigned char)*s) != 0 : !in_scanset(f, (unsigned char)*s, &set_end))
          break;
        if (out != NULL)
          out[n] = *s;
      }
      if (c.kind == '[') {
        in_scanset(f, 0, &set_end);
        f = set_end;
      }
      if (n == 0)
        goto mismatch;
      if (out != NULL) {
        out[n] = '\0';
        assigned++;
      }
      break;
    default:
      goto mismatch;
    }
  }
mismatch:
  result = assigned;
done:
  end->consumed = (int)(s - input);
  return result;
}

int
vsscanf(const char *input, const char *fmt, va_list ap)
{
  struct scan_end end;

  return libos_scan(input, fmt, ap, &end);
}

int
sscanf(const char *input, const char *fmt, ...)
{
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsscanf(input, fmt, ap);
  va_end(ap);
  return n;
}
