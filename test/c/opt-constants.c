// exit: 0
// Constant folding and propagation at the edges of every integer type. Each
// operation is printed twice: once on constants, which an optimiser folds at
// compile time, and once on the same values read from volatile globals, which
// it must compute at run time. Both must equal gcc's result. Nothing here is
// undefined: signed overflow is avoided, and conversions to narrower signed
// types are implementation-defined (modulo 2^N on gcc and on our compiler).
#include <limits.h>
#include <stdio.h>

volatile signed char v_schar_max = SCHAR_MAX, v_schar_min = SCHAR_MIN;
volatile unsigned char v_uchar_max = UCHAR_MAX;
volatile short v_short_max = SHRT_MAX, v_short_min = SHRT_MIN;
volatile unsigned short v_ushort_max = USHRT_MAX;
volatile int v_int_max = INT_MAX, v_int_min = INT_MIN;
volatile unsigned v_uint_max = UINT_MAX;
volatile long long v_llong_max = LLONG_MAX, v_llong_min = LLONG_MIN;
volatile unsigned long long v_ullong_max = ULLONG_MAX;
volatile int v_one = 1, v_minus_one = -1, v_three = 3, v_seven = 7;
volatile unsigned v_deadbeef = 0xdeadbeefu;

static int identity(int x) { return x; }
static unsigned identity_unsigned(unsigned x) { return x; }

static void char_edges(void) {
  signed char sc = v_schar_max;
  unsigned char uc = v_uchar_max;
  printf("schar max+1 as int: %d %d\n", SCHAR_MAX + 1, sc + 1);
  printf("schar max+1 narrowed: %d %d\n", (signed char)(SCHAR_MAX + 1), (signed char)(sc + 1));
  printf("schar min-1 as int: %d %d\n", SCHAR_MIN - 1, v_schar_min - 1);
  printf("schar min-1 narrowed: %d %d\n", (signed char)(SCHAR_MIN - 1), (signed char)(v_schar_min - 1));
  printf("schar negated min: %d %d\n", -SCHAR_MIN, -v_schar_min);
  printf("schar negated min narrowed: %d %d\n", (signed char)-SCHAR_MIN, (signed char)-v_schar_min);
  printf("uchar max+1 as int: %d %d\n", UCHAR_MAX + 1, uc + 1);
  printf("uchar max+1 narrowed: %d %d\n", (unsigned char)(UCHAR_MAX + 1), (unsigned char)(uc + 1));
  printf("uchar 0-1 narrowed: %d %d\n", (unsigned char)(0 - 1), (unsigned char)(v_one - 2));
  printf("uchar max*max: %d %d\n", UCHAR_MAX * UCHAR_MAX, uc * uc);
  printf("uchar max*max narrowed: %d %d\n", (unsigned char)(UCHAR_MAX * UCHAR_MAX), (unsigned char)(uc * uc));
  printf("uchar complement: %d %d\n", ~(unsigned char)0, ~(unsigned char)(v_one - 1));
  printf("char 0x1ff: %d %d\n", (char)0x1ff, (char)(v_uchar_max * 2 + 1));
  printf("char 0x80 to unsigned: %u %u\n", (unsigned)(char)0x80, (unsigned)(char)(v_uchar_max - 127));
}

static void short_edges(void) {
  short s = v_short_max;
  unsigned short us = v_ushort_max;
  printf("short max+1 as int: %d %d\n", SHRT_MAX + 1, s + 1);
  printf("short max+1 narrowed: %d %d\n", (short)(SHRT_MAX + 1), (short)(s + 1));
  printf("short min-1 narrowed: %d %d\n", (short)(SHRT_MIN - 1), (short)(v_short_min - 1));
  printf("short max*max: %d %d\n", SHRT_MAX * SHRT_MAX, s * s);
  printf("short min*min narrowed: %d %d\n", (short)(SHRT_MIN * SHRT_MIN), (short)(v_short_min * v_short_min));
  printf("ushort max+1: %d %d\n", USHRT_MAX + 1, us + 1);
  printf("ushort max+1 narrowed: %d %d\n", (unsigned short)(USHRT_MAX + 1), (unsigned short)(us + 1));
  printf("ushort max*max as unsigned: %u %u\n", (unsigned)USHRT_MAX * USHRT_MAX, (unsigned)us * us);
  printf("ushort 0x12345 narrowed: %d %d\n", (unsigned short)0x12345, (unsigned short)(v_ushort_max + 0x2346));
  printf("short from 0x8000: %d %d\n", (short)0x8000, (short)(v_short_max + 1));
  printf("short -1 >> 1: %d %d\n", (short)-1 >> 1, (short)v_minus_one >> 1);
  printf("ushort -1 >> 1: %d %d\n", (unsigned short)-1 >> 1, (unsigned short)v_minus_one >> 1);
}

static void int_edges(void) {
  int max = v_int_max, min = v_int_min;
  printf("int max-1: %d %d\n", INT_MAX - 1, max - 1);
  printf("int min+1: %d %d\n", INT_MIN + 1, min + 1);
  printf("int negated min+1: %d %d\n", -(INT_MIN + 1), -(min + 1));
  printf("int min/1: %d %d\n", INT_MIN / 1, min / v_one);
  printf("int min/2: %d %d\n", INT_MIN / 2, min / 2);
  printf("int min/-2: %d %d\n", INT_MIN / -2, min / -2);
  printf("int min%%3: %d %d\n", INT_MIN % 3, min % v_three);
  printf("int min%%-3: %d %d\n", INT_MIN % -3, min % -v_three);
  printf("int min>>1: %d %d\n", INT_MIN >> 1, min >> 1);
  printf("int min>>31: %d %d\n", INT_MIN >> 31, min >> 31);
  printf("int max>>30: %d %d\n", INT_MAX >> 30, max >> 30);
  printf("int min as unsigned: %u %u\n", (unsigned)INT_MIN, (unsigned)min);
  printf("int negated min as unsigned: %u %u\n", -(unsigned)INT_MIN, -(unsigned)min);
  printf("int max+1 through unsigned: %d %d\n", (int)((unsigned)INT_MAX + 1u), (int)((unsigned)max + 1u));
  printf("int max*2 through unsigned: %d %d\n", (int)((unsigned)INT_MAX * 2u), (int)((unsigned)max * 2u));
  printf("int min == -max-1: %d %d\n", INT_MIN == -INT_MAX - 1, min == -max - 1);
  printf("int min < max: %d %d\n", INT_MIN < INT_MAX, min < max);
  printf("int max+min: %d %d\n", INT_MAX + INT_MIN, max + min);
  printf("int 46341*46340: %d %d\n", 46341 * 46340, identity(46341) * identity(46340));
  printf("int -46341*46340: %d %d\n", -46341 * 46340, identity(-46341) * identity(46340));
  printf("int 0x7fffffff/0x10000: %d %d\n", 0x7fffffff / 0x10000, max / 0x10000);
  printf("int complement of min: %d %d\n", ~INT_MIN, ~min);
  printf("int abs of min+1: %d %d\n", (INT_MIN + 1) < 0 ? -(INT_MIN + 1) : INT_MIN + 1, (min + 1) < 0 ? -(min + 1) : min + 1);
}

static void unsigned_edges(void) {
  unsigned max = v_uint_max;
  printf("uint max+1: %u %u\n", UINT_MAX + 1u, max + 1u);
  printf("uint 0-1: %u %u\n", 0u - 1u, identity_unsigned(0) - 1u);
  printf("uint max*max: %u %u\n", UINT_MAX * UINT_MAX, max * max);
  printf("uint 65537*65537: %u %u\n", 65537u * 65537u, identity_unsigned(65537) * identity_unsigned(65537));
  printf("uint 0x7fffffff*3: %u %u\n", 0x7fffffffu * 3u, (unsigned)v_int_max * 3u);
  printf("uint max/3: %u %u\n", UINT_MAX / 3u, max / 3u);
  printf("uint max/7: %u %u\n", UINT_MAX / 7u, max / (unsigned)v_seven);
  printf("uint 0x80000000%%7: %u %u\n", 0x80000000u % 7u, (max / 2u + 1u) % 7u);
  printf("uint -1/2u: %u %u\n", -1 / 2u, v_minus_one / 2u);
  printf("uint -7%%3u: %u %u\n", -7 % 3u, -v_seven % 3u);
  printf("uint 0x80000000>>31: %u %u\n", 0x80000000u >> 31, (max - INT_MAX) >> 31);
  printf("uint max>>1: %u %u\n", UINT_MAX >> 1, max >> 1);
  printf("uint deadbeef rotated by 8: %08x %08x\n", (0xdeadbeefu << 8) | (0xdeadbeefu >> 24), (v_deadbeef << 8) | (v_deadbeef >> 24));
  printf("uint negate 1: %u %u\n", -1u, -identity_unsigned(1));
  printf("uint max > 0: %d %d\n", UINT_MAX > 0, max > 0);
  printf("uint max as int: %d %d\n", (int)UINT_MAX, (int)max);
}

static void long_long_edges(void) {
  long long max = v_llong_max, min = v_llong_min;
  unsigned long long umax = v_ullong_max;
  printf("llong max-1: %lld %lld\n", LLONG_MAX - 1, max - 1);
  printf("llong min+1: %lld %lld\n", LLONG_MIN + 1, min + 1);
  printf("llong min/2: %lld %lld\n", LLONG_MIN / 2, min / 2);
  printf("llong min%%7: %lld %lld\n", LLONG_MIN % 7, min % v_seven);
  printf("llong min>>63: %lld %lld\n", LLONG_MIN >> 63, min >> 63);
  printf("llong min>>32: %lld %lld\n", LLONG_MIN >> 32, min >> 32);
  printf("llong int min *-1: %lld %lld\n", (long long)INT_MIN * -1, (long long)v_int_min * -1);
  printf("llong int max+1: %lld %lld\n", (long long)INT_MAX + 1, (long long)v_int_max + 1);
  printf("llong int min*int min: %lld %lld\n", (long long)INT_MIN * INT_MIN, (long long)v_int_min * v_int_min);
  printf("ullong max+1: %llu %llu\n", ULLONG_MAX + 1ull, umax + 1ull);
  printf("ullong max*max: %llu %llu\n", ULLONG_MAX * ULLONG_MAX, umax * umax);
  printf("ullong max/3: %llu %llu\n", ULLONG_MAX / 3ull, umax / 3ull);
  printf("ullong max%%1000: %llu %llu\n", ULLONG_MAX % 1000ull, umax % 1000ull);
  printf("ullong max>>33: %llu %llu\n", ULLONG_MAX >> 33, umax >> 33);
  printf("ullong uint max squared: %llu %llu\n", (unsigned long long)UINT_MAX * UINT_MAX, (unsigned long long)v_uint_max * v_uint_max);
  printf("ullong high word: %u %u\n", (unsigned)(0x123456789abcdef0ull >> 32), (unsigned)((umax - 0xedcba9876543210full) >> 32));
  printf("ullong low word: %u %u\n", (unsigned)0x123456789abcdef0ull, (unsigned)(umax - 0xedcba9876543210full));
  printf("llong as int: %d %d\n", (int)0x1ffffffffll, (int)(umax >> 31));
}

static void comparison_folding(void) {
  int minus_one = v_minus_one;
  unsigned one = (unsigned)v_one;
  printf("cmp -1 < 1u: %d %d\n", -1 < 1u, minus_one < one);
  printf("cmp -1 < (unsigned short)1: %d %d\n", -1 < (unsigned short)1, minus_one < (unsigned short)one);
  printf("cmp (unsigned char)-1 > 1: %d %d\n", (unsigned char)-1 > 1, (unsigned char)minus_one > 1);
  printf("cmp int min < 0u: %d %d\n", INT_MIN < 0u, v_int_min < 0u);
  printf("cmp uint max == -1: %d %d\n", UINT_MAX == -1, v_uint_max == (unsigned)minus_one);
  printf("cmp uint max >= 0: %d %d\n", UINT_MAX >= 0u, v_uint_max >= 0u);
  printf("cmp (char)200 < 0: %d %d\n", (char)200 < 0, (char)(v_uchar_max - 55) < 0);
}

// Kept apart from comparison_folding so that a back end without long long still optimises that one.
static void comparison_folding_long_long(void) {
  int minus_one = v_minus_one;
  unsigned one = (unsigned)v_one;
  printf("cmp -1 < 1ull: %d %d\n", -1 < 1ull, minus_one < (unsigned long long)one);
  printf("cmp -1ll < 1u: %d %d\n", -1ll < 1u, (long long)minus_one < one);
}

#define SHIFT_LINE(k)                                                                                   \
  printf("shift %d: %08x %08x %d %d %d %08x %08x %d %d\n", k, 0xdeadbeefu << k, 0x80000000u >> k,   \
         INT_MIN >> k, -1 >> k, INT_MAX >> k, bits << k, bits >> k, negative >> k, positive >> k)

static void shifts_by_constants(void) {
  unsigned bits = v_deadbeef;
  int negative = v_int_min + 12345;
  int positive = v_int_max - 12345;
  SHIFT_LINE(0); SHIFT_LINE(1); SHIFT_LINE(2); SHIFT_LINE(3); SHIFT_LINE(4); SHIFT_LINE(5); SHIFT_LINE(6);
  SHIFT_LINE(7); SHIFT_LINE(8); SHIFT_LINE(9); SHIFT_LINE(10); SHIFT_LINE(11); SHIFT_LINE(12);
  SHIFT_LINE(13); SHIFT_LINE(14); SHIFT_LINE(15); SHIFT_LINE(16); SHIFT_LINE(17); SHIFT_LINE(18);
  SHIFT_LINE(19); SHIFT_LINE(20); SHIFT_LINE(21); SHIFT_LINE(22); SHIFT_LINE(23); SHIFT_LINE(24);
  SHIFT_LINE(25); SHIFT_LINE(26); SHIFT_LINE(27); SHIFT_LINE(28); SHIFT_LINE(29); SHIFT_LINE(30);
  SHIFT_LINE(31);
}

static void shifts_by_variables(void) {
  unsigned bits = v_deadbeef;
  int negative = v_int_min + 1;
  for (int k = 0; k < 32; k += 3) {
    printf("variable shift %d: %08x %08x %d\n", k, bits << k, bits >> k, negative >> k);
  }
  unsigned char byte = 0x81;
  for (int k = 0; k < 12; k += 5) {
    printf("byte shift %d: %d %d %d\n", k, byte << k, byte >> k, (unsigned char)(byte << k));
  }
}

static void wide_shifts_by_variables(void) {
  unsigned long long wide = 0x8000000000000001ull;
  for (int k = 0; k < 64; k += 7) {
    printf("wide shift %d: %llx %llx %lld\n", k, wide << k, wide >> k, (long long)wide >> k);
  }
}

static void propagation_chains(void) {
  int a = INT_MAX;
  unsigned b = a;
  b += 1;
  int c = (int)b;
  printf("chain int max+1: %u %d\n", b, c);
  unsigned char d = 255;
  d += 2;
  int e = d * 100;
  printf("chain uchar wrap: %d %d\n", d, e);
  short f = -32768;
  f -= 1;
  printf("chain short wrap: %d\n", f);
  int g = 10;
  int h = g * 3 - 30;
  int i = h ? 100 / h : -1;
  printf("chain zero divisor avoided: %d\n", i);
  int j = 7;
  j = j * j;
  j = j - 48;
  j = (int)((unsigned)j << 31) >> 31;
  printf("chain sign spread: %d\n", j);
  unsigned k = 1;
  for (int n = 0; n < 40; n++) k *= 3;
  printf("chain power of 3 mod 2^32: %u\n", k);
}

int main(void) {
  char_edges();
  short_edges();
  int_edges();
  unsigned_edges();
  long_long_edges();
  comparison_folding();
  comparison_folding_long_long();
  shifts_by_constants();
  shifts_by_variables();
  wide_shifts_by_variables();
  propagation_chains();
  return 0;
}
