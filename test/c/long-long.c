// exit: 0
#include <stdio.h>

typedef long long i64;
typedef unsigned long long u64;

static i64 g_big = 0x123456789abcdefLL;
static u64 g_max = 18446744073709551615ULL;
static i64 g_min = -9223372036854775807LL - 1;
static i64 g_table[3] = { 1LL << 40, -5, 3000000000 };

static i64 add(i64 a, i64 b) { return a + b; }
static u64 mix(u64 a, int shift, u64 b) { return (a << shift) ^ b; }
static i64 fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
static u64 fib(int n) {
  u64 a = 0, b = 1;
  for (int i = 0; i < n; i++) {
    u64 t = a + b;
    a = b;
    b = t;
  }
  return a;
}

static void arithmetic(void) {
  i64 a = 1234567890123LL, b = -987654321LL;
  printf("add %lld\n", a + b);
  printf("sub %lld\n", a - b);
  printf("mul %lld\n", a * b);
  printf("div %lld\n", a / b);
  printf("mod %lld\n", a % b);
  printf("neg %lld\n", -a);
  printf("div neg %lld %lld\n", -7LL / 2, -7LL % 2);
  printf("mul wrap %lld\n", 0x7fffffffffffffffLL * 3);
  printf("fact20 %lld\n", fact(20));
  printf("fib90 %llu\n", fib(90));
  printf("call %lld\n", add(1LL << 33, -1));
  u64 u = 0xfedcba9876543210ULL;
  printf("udiv %llu\n", u / 3);
  printf("umod %llu\n", u % 1000000007);
  printf("udiv big %llu\n", u / 0x100000001ULL);
  printf("umul %llx\n", u * 0x10001);
  printf("max %llu min %lld\n", g_max, g_min);
  printf("min/-1 %lld\n", g_min / 1);
  printf("globals %llx %lld %lld %lld\n", g_big, g_table[0], g_table[1], g_table[2]);
}

static void shifts(void) {
  u64 one = 1;
  for (int s = 0; s < 64; s += 7) printf("shl %d %llx\n", s, one << s);
  i64 neg = -0x123456789LL;
  for (int s = 1; s < 64; s += 9) printf("sar %d %lld\n", s, neg >> s);
  u64 top = 0x8000000000000000ULL;
  for (int s = 0; s < 64; s += 13) printf("shr %d %llx\n", s, top >> s);
  printf("mix %llx\n", mix(0xabcdefULL, 36, 0xffffULL));
  i64 x = 5;
  x <<= 40;
  x >>= 3;
  printf("compound shift %lld\n", x);
}

static void bitwise(void) {
  u64 a = 0xff00ff00ff00ff00ULL, b = 0x0ff00ff00ff00ff0ULL;
  printf("and %llx\n", a & b);
  printf("or %llx\n", a | b);
  printf("xor %llx\n", a ^ b);
  printf("not %llx\n", ~a);
  printf("lognot %d %d\n", !a, !(a & 0));
  printf("bool %d\n", (_Bool)(a & 0x100000000ULL));
}

static void comparisons(void) {
  i64 v[] = { -1, 0, 1, 0x100000000LL, -0x100000000LL, 0x7fffffffffffffffLL };
  for (int i = 0; i < 6; i++) {
    for (int j = 0; j < 6; j += 2) {
      printf("cmp %d %d: %d%d%d%d%d%d\n", i, j, v[i] < v[j], v[i] <= v[j], v[i] > v[j], v[i] >= v[j], v[i] == v[j], v[i] != v[j]);
    }
  }
  u64 big = 0x8000000000000000ULL;
  printf("ucmp %d %d\n", big > 1, (i64)big > 1);
  printf("mixed %d %d\n", -1 < 1ULL, -1LL < 1U);
  if (big) printf("truth ok\n");
  int n = 0;
  for (i64 k = 0x100000000LL; k > 0; k >>= 4) n++;
  printf("loop %d\n", n);
}

static void conversions(void) {
  int i = -5;
  unsigned u = 0xfffffff0u;
  i64 from_int = i;
  i64 from_uint = u;
  u64 from_neg = i;
  printf("widen %lld %lld %llu\n", from_int, from_uint, from_neg);
  i64 big = 0x123456789LL;
  int low = (int)big;
  short s = (short)big;
  unsigned char c = (unsigned char)big;
  printf("narrow %d %d %d\n", low, s, c);
  signed char sc = -3;
  unsigned short us = 65000;
  printf("small %lld %lld\n", (i64)sc, (i64)us);
  i64 mixed = big + i;
  printf("mixed add %lld\n", mixed);
  printf("sizeof %u %u\n", (unsigned)sizeof(i64), (unsigned)sizeof(1LL + 1));
  printf("suffix %lld %llu %lld\n", 4294967296, 0xffffffffffLL, 2147483648);
  i64 counter = 0xffffffffLL;
  counter++;
  printf("inc %lld\n", counter);
  counter--;
  --counter;
  printf("dec %lld\n", counter);
  i64 acc = 1;
  acc *= 1000000;
  acc *= 1000000;
  acc /= 7;
  acc %= 1000000007;
  acc += -3;
  acc -= 0x100000000LL;
  acc |= 1;
  acc &= ~2LL;
  acc ^= 0x55;
  printf("compound %lld\n", acc);
  int *p = (int *)0x1000;
  i64 addr = (i64)(unsigned)p;
  printf("pointer %lld\n", addr);
  printf("ternary %lld\n", i < 0 ? big : 7);
}

struct wide { char tag; i64 value; int after; };

static void layout(void) {
  struct wide w = { 'x', -42, 7 };
  printf("struct %u %d %lld %d\n", (unsigned)sizeof w, (int)((char *)&w.value - (char *)&w), w.value, w.after);
  i64 arr[4] = { 1, 2, 3, 4 };
  i64 *q = arr;
  q[2] *= 1LL << 35;
  printf("array %lld %lld\n", arr[2], *(q + 3));
}

int main(void) {
  arithmetic();
  shifts();
  bitwise();
  comparisons();
  conversions();
  layout();
  return 0;
}
