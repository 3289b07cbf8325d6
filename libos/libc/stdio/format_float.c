/* format_float.c: exact decimal and hex conversions of doubles for printf. */

#include <stdint.h>
#include "format.h"

#define LIMB_BASE 1000000000u   /* each limb contains 9 decimal digits */
#define MAX_LIMBS 90            /* 2^53 * 5^1074 has 767 digits */
#define MAX_DIGITS (MAX_LIMBS * 9)
#define POW5_13 1220703125u     /* 5^13, the largest power of 5 below 2^31 */
#define POW2_29 536870912u      /* 2^29 */

/* value = d[0].d[1]d[2]...d[n-1] * 10^exp10; digits past n are zeros. */
struct decimal {
  char digits[MAX_DIGITS];
  int n;
  int exp10;  /* decimal exponent of digits[0] */
};

/* Multiplies the bignum by factor; every limb stays below LIMB_BASE. */
static int
bignum_multiply(uint32_t *limbs, int count, uint32_t factor)
{
  uint32_t carry = 0, quotient, remainder;
  uint64_t x;
  int i;

  for (i = 0; i < count; i++) {
    x = (uint64_t)limbs[i] * factor + carry;
    /* The quotient fits in 32 bits because limbs[i] < LIMB_BASE and factor < 2^32. */
    __asm__("divl %4" : "=a"(quotient), "=d"(remainder)
            : "a"((uint32_t)x), "d"((uint32_t)(x >> 32)), "r"(LIMB_BASE));
    limbs[i] = remainder;
    carry = quotient;
  }
  for (; carry != 0; carry /= LIMB_BASE)
    limbs[count++] = carry % LIMB_BASE;
  return count;
}

/* Writes the exact decimal digits of m * 2^e2 (m < 2^53) into d. */
static void
decimal_from_binary(struct decimal *d, uint64_t m, int e2)
{
  uint32_t limbs[MAX_LIMBS];
  uint32_t hi, lo;
  int count, k, i, j, first;
  char *p;

  if (m == 0) {
    d->digits[0] = '0';
    d->n = 1;
    d->exp10 = 0;
    return;
  }
  hi = (uint32_t)(m >> 32);
  lo = (uint32_t)m;
  __asm__("divl %4" : "=a"(limbs[1]), "=d"(limbs[0]) : "a"(lo), "d"(hi), "r"(LIMB_BASE));
  count = limbs[1] != 0 ? 2 : 1;

  /* m * 2^e2 = (m * 5^-e2) * 10^e2 when e2 < 0. */
  for (k = e2; k > 0; k -= 29)
    count = bignum_multiply(limbs, count, k >= 29 ? POW2_29 : 1u << k);
  for (k = -e2; k > 0; k -= 13) {
    uint32_t factor = 1;
    for (i = 0; i < (k >= 13 ? 13 : k); i++)
      factor *= 5;
    count = bignum_multiply(limbs, count, factor);
  }

  p = d->digits;
  first = 1;
  for (i = count - 1; i >= 0; i--) {
    char chunk[9];
    uint32_t v = limbs[i];
    for (j = 8; j >= 0; j--) {
      chunk[j] = '0' + v % 10;
      v /= 10;
    }
    for (j = 0; j < 9; j++) {
      if (first && chunk[j] == '0' && !(i == 0 && j == 8))
        continue;
      first = 0;
      *p++ = chunk[j];
    }
  }
  d->n = p - d->digits;
  d->exp10 = d->n - 1 + (e2 < 0 ? e2 : 0);
  while (d->n > 1 && d->digits[d->n - 1] == '0')
    d->n--;
}

static char
digit_at(const struct decimal *d, int i)
{
  return i >= 0 && i < d->n ? d->digits[i] : '0';
}

/* Returns 1 when keeping only digits[0..keep) must round up (to nearest, ties to even). */
static int
round_up_needed(const struct decimal *d, int keep)
{
  int i;

  if (keep < 0 || keep >= d->n)
    return 0;
  if (d->digits[keep] != '5')
    return d->digits[keep] > '5';
  for (i = keep + 1; i < d->n; i++) {
    if (d->digits[i] != '0')
      return 1;
  }
  return keep > 0 && (d->digits[keep - 1] - '0') % 2 == 1;
}

/* Rounds d to its first keep digits; a carry out of digits[0] raises exp10. */
static void
round_digits(struct decimal *d, int keep)
{
  int i;

  if (keep >= d->n)
    return;
  if (!round_up_needed(d, keep)) {
    d->n = keep > 0 ? keep : 0;
    return;
  }
  if (keep <= 0) {
    d->digits[0] = '1';
    d->n = 1;
    d->exp10 += 1 - keep;
    return;
  }
  d->n = keep;
  for (i = keep - 1; i >= 0 && d->digits[i] == '9'; i--)
    d->digits[i] = '0';
  if (i >= 0) {
    d->digits[i]++;
  } else {
    d->digits[0] = '1';
    d->exp10++;
  }
}

static int
count_decimal_digits(int v)
{
  int n = 1;

  for (; v >= 10; v /= 10)
    n++;
  return n;
}

static void
emit_decimal(struct format_out *out, int v)
{
  if (v >= 10)
    emit_decimal(out, v / 10);
  format_emit(out, '0' + v % 10);
}

/* Pads to the width around sign and body; the 0 flag pads between them. */
static void
pad_before(struct format_out *out, const struct format_spec *spec, const char *sign, int body_len, int zero_ok)
{
  int total = body_len + (*sign != '\0');
  int pad = spec->width > total ? spec->width - total : 0;

  if (!spec->left && !(spec->zero && zero_ok))
    format_pad(out, ' ', pad);
  if (*sign != '\0')
    format_emit(out, *sign);
  if (!spec->left && spec->zero && zero_ok)
    format_pad(out, '0', pad);
}

static void
pad_after(struct format_out *out, const struct format_spec *spec, const char *sign, int body_len)
{
  int total = body_len + (*sign != '\0');

  if (spec->left && spec->width > total)
    format_pad(out, ' ', spec->width - total);
}

/* %f: d rounded to precision fraction digits; trim drops trailing fraction zeros (for %g). */
static void
emit_fixed(struct format_out *out, const struct format_spec *spec, const char *sign, struct decimal *d,
           int precision, int trim)
{
  int int_digits, len, i, dot;

  round_digits(d, d->exp10 + precision + 1);
  if (trim) {
    while (precision > 0 && digit_at(d, d->exp10 + precision) == '0')
      precision--;
  }
  int_digits = d->exp10 >= 0 ? d->exp10 + 1 : 1;
  dot = precision > 0 || spec->alt;
  len = int_digits + dot + precision;

  pad_before(out, spec, sign, len, 1);
  for (i = 0; i < int_digits; i++)
    format_emit(out, d->exp10 >= 0 ? digit_at(d, i) : '0');
  if (dot)
    format_emit(out, '.');
  for (i = 1; i <= precision; i++)
    format_emit(out, digit_at(d, d->exp10 + i));
  pad_after(out, spec, sign, len);
}

/* %e: one digit, the fraction, then e and a signed exponent of at least two digits. */
static void
emit_exponent(struct format_out *out, const struct format_spec *spec, const char *sign, struct decimal *d,
              int precision, int trim, int upper)
{
  int exp, exp_digits, len, i, dot;

  round_digits(d, precision + 1);
  if (trim) {
    while (precision > 0 && digit_at(d, precision) == '0')
      precision--;
  }
  exp = d->exp10 < 0 ? -d->exp10 : d->exp10;
  exp_digits = count_decimal_digits(exp);
  if (exp_digits < 2)
    exp_digits = 2;
  dot = precision > 0 || spec->alt;
  len = 1 + dot + precision + 2 + exp_digits;

  pad_before(out, spec, sign, len, 1);
  format_emit(out, digit_at(d, 0));
  if (dot)
    format_emit(out, '.');
  for (i = 1; i <= precision; i++)
    format_emit(out, digit_at(d, i));
  format_emit(out, upper ? 'E' : 'e');
  format_emit(out, d->exp10 < 0 ? '-' : '+');
  if (exp < 10)
    format_emit(out, '0');
  emit_decimal(out, exp);
  pad_after(out, spec, sign, len);
}

/* %g: %e or %f by the exponent after rounding to precision significant digits. */
static void
emit_general(struct format_out *out, const struct format_spec *spec, const char *sign, struct decimal *d,
             int upper)
{
  int p = spec->precision;
  int x = d->exp10;

  if (p < 0)
    p = 6;
  else if (p == 0)
    p = 1;

  if (d->n > 0 && d->digits[0] != '0' && round_up_needed(d, p)) {
    int i;
    for (i = 0; i < p && digit_at(d, i) == '9'; i++)
      ;
    if (i == p)
      x++;
  }
  if (d->n == 1 && d->digits[0] == '0')
    x = 0;
  if (x < p && x >= -4)
    emit_fixed(out, spec, sign, d, p - 1 - x, !spec->alt);
  else
    emit_exponent(out, spec, sign, d, p - 1, !spec->alt, upper);
}

/* %a: 0x, the leading hex digit, the fraction in hex, then p and the power of 2 in decimal. */
static void
emit_hex(struct format_out *out, const struct format_spec *spec, const char *sign, uint64_t mantissa,
         int biased_exp, int upper)
{
  const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  uint64_t frac = mantissa, half, rest;
  int lead, exp, precision, len, total, pad, i, dot, shift;

  lead = biased_exp != 0;
  exp = biased_exp != 0 ? biased_exp - 1023 : (mantissa != 0 ? -1022 : 0);
  precision = spec->precision;
  if (precision < 0) {
    for (precision = 13; precision > 0 && ((frac >> ((13 - precision) * 4)) & 0xF) == 0; precision--)
      ;
  } else if (precision < 13) {
    shift = (13 - precision) * 4;
    half = (uint64_t)1 << (shift - 1);
    rest = frac & (((uint64_t)1 << shift) - 1);
    frac >>= shift;
    /* Ties go to the even digit; with no fraction digits left, that is the leading digit. */
    if (rest > half || (rest == half && ((precision == 0 ? (uint64_t)lead : frac) & 1)))
      frac++;
    if (frac >> (precision * 4)) {
      frac &= ((uint64_t)1 << (precision * 4)) - 1;
      lead++;
    }
    frac <<= shift;
  }

  dot = precision > 0 || spec->alt;
  len = 2 + 1 + dot + precision + 2 + count_decimal_digits(exp < 0 ? -exp : exp);
  total = len + (*sign != '\0');
  pad = spec->width > total ? spec->width - total : 0;

  if (!spec->left && !spec->zero)
    format_pad(out, ' ', pad);
  if (*sign != '\0')
    format_emit(out, *sign);
  format_emit(out, '0');
  format_emit(out, upper ? 'X' : 'x');
  if (!spec->left && spec->zero)
    format_pad(out, '0', pad);
  format_emit(out, hex[lead]);
  if (dot)
    format_emit(out, '.');
  for (i = 0; i < precision; i++)
    format_emit(out, i < 13 ? hex[(frac >> ((12 - i) * 4)) & 0xF] : '0');
  format_emit(out, upper ? 'P' : 'p');
  format_emit(out, exp < 0 ? '-' : '+');
  emit_decimal(out, exp < 0 ? -exp : exp);
  if (spec->left)
    format_pad(out, ' ', pad);
}

/* Prints inf or nan; glibc pads them with spaces even with the 0 flag. */
static void
emit_special(struct format_out *out, const struct format_spec *spec, const char *sign, int is_nan, int upper)
{
  const char *text;
  int i;

  if (is_nan)
    text = upper ? "NAN" : "nan";
  else
    text = upper ? "INF" : "inf";

  pad_before(out, spec, sign, 3, 0);
  for (i = 0; i < 3; i++)
    format_emit(out, text[i]);
  pad_after(out, spec, sign, 3);
}

void
format_double(struct format_out *out, const struct format_spec *spec, uint64_t bits)
{
  struct decimal d;
  int biased_exp = (int)(bits >> 52) & 0x7FF;
  uint64_t mantissa = bits & (((uint64_t)1 << 52) - 1);
  char c = spec->conversion;
  int upper = c == 'E' || c == 'F' || c == 'G' || c == 'A';
  int precision = spec->precision < 0 ? 6 : spec->precision;
  const char *sign;

  if (bits >> 63)
    sign = "-";
  else if (spec->plus)
    sign = "+";
  else if (spec->space)
    sign = " ";
  else
    sign = "";

  if (biased_exp == 0x7FF) {
    emit_special(out, spec, sign, mantissa != 0, upper);
    return;
  }
  if (c == 'a' || c == 'A') {
    emit_hex(out, spec, sign, mantissa, biased_exp, upper);
    return;
  }

  if (biased_exp == 0)
    decimal_from_binary(&d, mantissa, -1074);
  else
    decimal_from_binary(&d, mantissa | (uint64_t)1 << 52, biased_exp - 1075);

  if (c == 'f' || c == 'F')
    emit_fixed(out, spec, sign, &d, precision, 0);
  else if (c == 'e' || c == 'E')
    emit_exponent(out, spec, sign, &d, precision, 0, upper);
  else
    emit_general(out, spec, sign, &d, upper);
}
