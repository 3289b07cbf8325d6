/* format.c: parsing of printf conversion specifications and the integer, char and string conversions. */

#include <stdint.h>
#include <string.h>
#include "format.h"

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J, LEN_BIG_L };

void
format_emit(struct format_out *out, char c)
{
  out->emit(out, c);
  out->len++;
}

void
format_pad(struct format_out *out, char c, int count)
{
  for (; count > 0; count--)
    format_emit(out, c);
}

static void
emit_chars(struct format_out *out, const char *s, int n)
{
  for (; n > 0; n--)
    format_emit(out, *s++);
}

/* Writes value in base backwards from end; returns the first digit. */
static char *
convert_digits(char *end, uint64_t value, int base, int upper)
{
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  uint32_t v32;

  while (value > 0xFFFFFFFFu) {
    *--end = digits[value % base];
    value /= base;
  }
  for (v32 = (uint32_t)value; v32 != 0; v32 /= base)
    *--end = digits[v32 % base];
  return end;
}

/* Prints d i u o x X p: sign or prefix, zeros from precision or the 0 flag, digits, padding. */
static void
format_integer(struct format_out *out, const struct format_spec *spec, uint64_t value, int negative)
{
  char buf[24];
  char *digits, *end = buf + sizeof(buf);
  const char *sign = "", *prefix = "";
  int base, ndigits, zeros, sign_len, prefix_len, total, pad, signed_conversion;
  char c = spec->conversion;

  base = c == 'o' ? 8 : (c == 'x' || c == 'X' || c == 'p') ? 16 : 10;
  digits = convert_digits(end, value, base, c == 'X');
  ndigits = end - digits;

  zeros = 0;
  if (spec->precision > ndigits)
    zeros = spec->precision - ndigits;
  if (c == 'o' && spec->alt && zeros == 0 && (ndigits == 0 || digits[0] != '0'))
    zeros = 1;
  if (spec->precision < 0 && ndigits == 0)
    zeros = 1;

  /* glibc honours '+' and ' ' for %p as for the signed conversions. */
  signed_conversion = c == 'd' || c == 'i' || c == 'p';
  if (negative)
    sign = "-";
  else if (signed_conversion && spec->plus)
    sign = "+";
  else if (signed_conversion && spec->space)
    sign = " ";
  if (((c == 'x' || c == 'X') && spec->alt && value != 0) || c == 'p')
    prefix = c == 'X' ? "0X" : "0x";
  sign_len = strlen(sign);
  prefix_len = strlen(prefix);

  total = sign_len + prefix_len + zeros + ndigits;
  pad = spec->width > total ? spec->width - total : 0;
  if (spec->zero && !spec->left && spec->precision < 0) {
    zeros += pad;
    pad = 0;
  }
  if (!spec->left)
    format_pad(out, ' ', pad);
  emit_chars(out, sign, sign_len);
  emit_chars(out, prefix, prefix_len);
  format_pad(out, '0', zeros);
  emit_chars(out, digits, ndigits);
  if (spec->left)
    format_pad(out, ' ', pad);
}

/* Prints n chars of s, padded to the width with spaces (glibc ignores the 0 flag here). */
static void
format_chars(struct format_out *out, const struct format_spec *spec, const char *s, int n)
{
  int pad = spec->width > n ? spec->width - n : 0;

  if (!spec->left)
    format_pad(out, ' ', pad);
  emit_chars(out, s, n);
  if (spec->left)
    format_pad(out, ' ', pad);
}

static void
format_string(struct format_out *out, const struct format_spec *spec, const char *s)
{
  int n;

  if (s == NULL) {
    /* glibc prints "(null)" unless the precision is too short for it. */
    s = spec->precision < 0 || spec->precision >= 6 ? "(null)" : "";
  }
  n = spec->precision < 0 ? (int)strlen(s) : (int)strnlen(s, spec->precision);
  format_chars(out, spec, s, n);
}

/* Reads the signed argument of d or i and prints it. */
static void
format_signed(struct format_out *out, const struct format_spec *spec, enum length length, va_list *ap)
{
  int64_t v;

  switch (length) {
  case LEN_HH:
    v = (signed char)va_arg(*ap, int);
    break;
  case LEN_H:
    v = (short)va_arg(*ap, int);
    break;
  case LEN_LL:
  case LEN_J:
  case LEN_BIG_L:
    v = va_arg(*ap, long long);
    break;
  case LEN_L:
    v = va_arg(*ap, long);
    break;
  default:
    v = va_arg(*ap, int);
    break;
  }
  format_integer(out, spec, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
}

/* Reads the unsigned argument of u, o, x or X and prints it. */
static void
format_unsigned(struct format_out *out, const struct format_spec *spec, enum length length, va_list *ap)
{
  uint64_t v;

  switch (length) {
  case LEN_HH:
    v = (unsigned char)va_arg(*ap, unsigned int);
    break;
  case LEN_H:
    v = (unsigned short)va_arg(*ap, unsigned int);
    break;
  case LEN_LL:
  case LEN_J:
  case LEN_BIG_L:
    v = va_arg(*ap, unsigned long long);
    break;
  case LEN_L:
    v = va_arg(*ap, unsigned long);
    break;
  default:
    v = va_arg(*ap, unsigned int);
    break;
  }
  format_integer(out, spec, v, 0);
}

static void
format_pointer(struct format_out *out, const struct format_spec *spec, void *p)
{
  if (p == NULL) {
    format_chars(out, spec, "(nil)", 5);
    return;
  }
  format_integer(out, spec, (uint32_t)p, 0);
}

/* Parses flags, width, precision and length after a '%'; returns the conversion char's address. */
static const char *
parse_spec(const char *p, struct format_spec *spec, enum length *length, va_list *ap)
{
  memset(spec, 0, sizeof(*spec));
  spec->precision = -1;
  for (;; p++) {
    if (*p == '-')
      spec->left = 1;
    else if (*p == '+')
      spec->plus = 1;
    else if (*p == ' ')
      spec->space = 1;
    else if (*p == '#')
      spec->alt = 1;
    else if (*p == '0')
      spec->zero = 1;
    else
      break;
  }

  if (*p == '*') {
    spec->width = va_arg(*ap, int);
    if (spec->width < 0) {
      spec->left = 1;
      spec->width = -spec->width;
    }
    p++;
  } else {
    for (; *p >= '0' && *p <= '9'; p++)
      spec->width = spec->width * 10 + (*p - '0');
  }

  if (*p == '.') {
    p++;
    spec->precision = 0;
    if (*p == '*') {
      spec->precision = va_arg(*ap, int);
      if (spec->precision < 0)
        spec->precision = -1;
      p++;
    } else {
      for (; *p >= '0' && *p <= '9'; p++)
        spec->precision = spec->precision * 10 + (*p - '0');
    }
  }

  *length = LEN_NONE;
  switch (*p) {
  case 'h':
    *length = p[1] == 'h' ? LEN_HH : LEN_H;
    p += p[1] == 'h' ? 2 : 1;
    break;
  case 'l':
    *length = p[1] == 'l' ? LEN_LL : LEN_L;
    p += p[1] == 'l' ? 2 : 1;
    break;
  case 'q':
    *length = LEN_LL;
    p++;
    break;
  case 'L':
    *length = LEN_BIG_L;
    p++;
    break;
  case 'z':
    *length = LEN_Z;
    p++;
    break;
  case 't':
    *length = LEN_T;
    p++;
    break;
  case 'j':
    *length = LEN_J;
    p++;
    break;
  }
  spec->conversion = *p;
  return p;
}

/* Prints one conversion; start is the '%' so an unknown conversion prints as written. */
static void
format_conversion(struct format_out *out, const char *start, const char *p, struct format_spec *spec,
                  enum length length, va_list *ap)
{
  char c;

  switch (spec->conversion) {
  case 'd':
  case 'i':
    format_signed(out, spec, length, ap);
    break;
  case 'u':
  case 'o':
  case 'x':
  case 'X':
    format_unsigned(out, spec, length, ap);
    break;
  case 'c':
    c = (char)va_arg(*ap, int);
    format_chars(out, spec, &c, 1);
    break;
  case 's':
    format_string(out, spec, va_arg(*ap, const char *));
    break;
  case 'p':
    format_pointer(out, spec, va_arg(*ap, void *));
    break;
  case 'e':
  case 'E':
  case 'f':
  case 'F':
  case 'g':
  case 'G':
  case 'a':
  case 'A':
    if (length == LEN_BIG_L) {
      /* A long double fills three stack slots on i386. */
      (void)va_arg(*ap, int);
      (void)va_arg(*ap, int);
      (void)va_arg(*ap, int);
      emit_chars(out, "%Lf not supported yet", 21);
    } else {
      format_double(out, spec, va_arg(*ap, unsigned long long));
    }
    break;
  case 'n':
    /* Rejected: writing through an argument is an attack vector, so it prints nothing. */
    (void)va_arg(*ap, void *);
    break;
  case '%':
    format_emit(out, '%');
    break;
  default:
    emit_chars(out, start, p - start + (*p != '\0'));
    break;
  }
}

int
libos_format(struct format_out *out, const char *fmt, va_list ap)
{
  struct format_spec spec;
  enum length length;
  const char *start;
  va_list args;

  va_copy(args, ap);
  while (*fmt != '\0') {
    if (*fmt != '%') {
      format_emit(out, *fmt++);
      continue;
    }
    start = fmt;
    fmt = parse_spec(fmt + 1, &spec, &length, &args);
    format_conversion(out, start, fmt, &spec, length, &args);
    if (*fmt != '\0')
      fmt++;
  }
  va_end(args);
  return (int)out->len;
}
