// exit: 0
// Strength reduction hazards: division, remainder and multiplication by
// constants that an optimiser may turn into shifts, masks, lea or multiply
// by a reciprocal. Signed division rounds toward zero, so x/2 is not x>>1
// and x%8 is not x&7 for negative x. Every divisor is tried on a table of
// values that includes both signs and the ends of the type; INT_MIN / -1 is
// undefined and is left out.
#include <limits.h>
#include <stdio.h>

static const int signed_values[] = {
  0, 1, -1, 2, -2, 3, -3, 7, -7, 8, -8, 9, -9, 15, -15, 16, -16, 17, -17, 100, -100, 1000001, -1000001,
  INT_MAX, INT_MAX - 1, INT_MIN, INT_MIN + 1, 0x40000000, -0x40000000,
};
static const unsigned unsigned_values[] = {
  0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 100, 0x7fffffff, 0x80000000u, 0x80000001u, 0xfffffff8u, 0xfffffffeu, 0xffffffffu,
};
#define COUNT(array) (int)(sizeof(array) / sizeof((array)[0]))

static void signed_division(void) {
  for (int i = 0; i < COUNT(signed_values); i++) {
    int x = signed_values[i];
    printf("div %d: /1 %d /2 %d /4 %d /8 %d /16 %d /3 %d /5 %d /7 %d /10 %d /1000 %d\n", x, x / 1, x / 2, x / 4,
           x / 8, x / 16, x / 3, x / 5, x / 7, x / 10, x / 1000);
    printf("rem %d: %%1 %d %%2 %d %%4 %d %%8 %d %%16 %d %%3 %d %%5 %d %%7 %d %%10 %d %%1000 %d\n", x, x % 1, x % 2,
           x % 4, x % 8, x % 16, x % 3, x % 5, x % 7, x % 10, x % 1000);
    printf("negative divisors %d: /-2 %d /-8 %d /-3 %d %%-2 %d %%-8 %d %%-3 %d\n", x, x / -2, x / -8, x / -3, x % -2,
           x % -8, x % -3);
    if (x != INT_MIN) printf("by -1 %d: %d %d\n", x, x / -1, x % -1);
    printf("large divisors %d: /0x40000000 %d /INT_MAX %d %%0x40000000 %d\n", x, x / 0x40000000, x / INT_MAX,
           x % 0x40000000);
  }
}

static void unsigned_division(void) {
  for (int i = 0; i < COUNT(unsigned_values); i++) {
    unsigned x = unsigned_values[i];
    printf("udiv %u: /1 %u /2 %u /8 %u /3 %u /7 %u /10 %u /0x80000000 %u /0xffffffff %u\n", x, x / 1u, x / 2u,
           x / 8u, x / 3u, x / 7u, x / 10u, x / 0x80000000u, x / 0xffffffffu);
    printf("urem %u: %%2 %u %%8 %u %%3 %u %%7 %u %%10 %u %%0x80000000 %u\n", x, x % 2u, x % 8u, x % 3u, x % 7u,
           x % 10u, x % 0x80000000u);
  }
}

static void multiplication(void) {
  for (int i = 0; i < COUNT(signed_values); i++) {
    int x = signed_values[i];
    unsigned u = (unsigned)x;
    // Multiplied in unsigned so that large values wrap instead of overflowing.
    printf("mul %d: *0 %u *1 %u *2 %u *3 %u *5 %u *8 %u *9 %u *10 %u *-1 %u *-8 %u *1024 %u *0x10001 %u\n", x, u * 0u,
           u * 1u, u * 2u, u * 3u, u * 5u, u * 8u, u * 9u, u * 10u, u * (unsigned)-1, u * (unsigned)-8, u * 1024u,
           u * 0x10001u);
    if (x > -1000 && x < 1000) {
      printf("small mul %d: *8 %d *-8 %d *3 %d *9 %d *-1 %d *0 %d\n", x, x * 8, x * -8, x * 3, x * 9, x * -1, x * 0);
    }
  }
}

static void narrow_operands(void) {
  signed char sc_values[] = {-128, -127, -9, -8, -1, 0, 1, 7, 8, 127};
  unsigned char uc_values[] = {0, 1, 7, 8, 127, 128, 200, 255};
  short s_values[] = {-32768, -32767, -9, -8, -1, 1, 8, 32767};
  for (int i = 0; i < COUNT(sc_values); i++) {
    signed char c = sc_values[i];
    printf("schar %d: /2 %d %%8 %d *8 %d >>1 %d /-2 %d\n", c, c / 2, c % 8, c * 8, c >> 1, c / -2);
  }
  for (int i = 0; i < COUNT(uc_values); i++) {
    unsigned char c = uc_values[i];
    printf("uchar %d: /2 %d %%8 %d *8 %d >>1 %d (signed char) %d\n", c, c / 2, c % 8, c * 8, c >> 1, (signed char)c);
  }
  for (int i = 0; i < COUNT(s_values); i++) {
    short s = s_values[i];
    unsigned short us = (unsigned short)s;
    printf("short %d: /2 %d %%8 %d *8 %d /3 %d; as unsigned %d: /2 %d %%8 %d\n", s, s / 2, s % 8, s * 8, s / 3, us,
           us / 2, us % 8);
  }
}

static void long_long_division(void) {
  static const long long values[] = {0, 1, -1, 7, -7, 8, -8, 0x100000000ll, -0x100000000ll, 0x7fffffffffffffffll,
                                     -0x7fffffffffffffffll - 1};
  for (int i = 0; i < COUNT(values); i++) {
    long long x = values[i];
    printf("llong %lld: /2 %lld %%8 %lld /3 %lld /-4 %lld *8 %llu\n", x, x / 2, x % 8, x / 3, x / -4,
           (unsigned long long)x * 8);
    unsigned long long u = (unsigned long long)x;
    printf("ullong %llu: /2 %llu %%8 %llu /10 %llu >>1 %llu\n", u, u / 2, u % 8, u / 10, u >> 1);
  }
}

static void mixed_signedness(void) {
  int x = -7;
  unsigned u = 8;
  printf("mixed -7/8u: %u\n", x / u);
  printf("mixed -7%%8u: %u\n", x % u);
  printf("mixed -7/(int)8u: %d\n", x / (int)u);
  printf("mixed -7>>1 vs -7/2: %d %d\n", x >> 1, x / 2);
  printf("mixed (unsigned)-7>>1: %u\n", (unsigned)x >> 1);
  printf("mixed -7*8u: %u\n", x * u);
  int sum = 0;
  for (int i = -20; i <= 20; i++) sum += i / 4 + i % 4 * 100;
  printf("loop sum of i/4 + i%%4*100 over -20..20: %d\n", sum);
  unsigned usum = 0;
  for (int i = -20; i <= 20; i++) usum += (unsigned)i / 4u;
  printf("loop sum of (unsigned)i/4: %u\n", usum);
}

// One operation per function, so that each is optimised on its own even when
// a large function is not, and the constant divisor meets an unknown x.
static int divide_by_2(int x) { return x / 2; }
static int divide_by_8(int x) { return x / 8; }
static int divide_by_minus_4(int x) { return x / -4; }
static int divide_by_3(int x) { return x / 3; }
static int divide_by_10(int x) { return x / 10; }
static int divide_by_1(int x) { return x / 1; }
static int remainder_by_2(int x) { return x % 2; }
static int remainder_by_8(int x) { return x % 8; }
static int remainder_by_7(int x) { return x % 7; }
static int remainder_by_minus_8(int x) { return x % -8; }
static int shift_right_1(int x) { return x >> 1; }
static int times_8(int x) { return (int)((unsigned)x * 8u); }
static int times_minus_1(int x) { return x == -2147483647 - 1 ? 0 : x * -1; }
static int unsigned_divide_by_8(int x) { return (int)((unsigned)x / 8u); }
static int unsigned_remainder_by_8(int x) { return (int)((unsigned)x % 8u); }
static int unsigned_divide_by_10(int x) { return (int)((unsigned)x / 10u); }

static void one_operation_per_function(void) {
  static int (*const operations[])(int) = {
    divide_by_2, divide_by_8, divide_by_minus_4, divide_by_3, divide_by_10, divide_by_1, remainder_by_2,
    remainder_by_8, remainder_by_7, remainder_by_minus_8, shift_right_1, times_8, times_minus_1,
    unsigned_divide_by_8, unsigned_remainder_by_8, unsigned_divide_by_10,
  };
  for (int i = 0; i < COUNT(signed_values); i++) {
    int x = signed_values[i];
    printf("operations on %d:", x);
    for (int k = 0; k < COUNT(operations); k++) printf(" %d", operations[k](x));
    printf("\n");
  }
}

int main(void) {
  one_operation_per_function();
  signed_division();
  unsigned_division();
  multiplication();
  narrow_operands();
  long_long_division();
  mixed_signedness();
  return 0;
}
