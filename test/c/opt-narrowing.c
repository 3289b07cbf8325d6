// exit: 0
// char, short and _Bool values that an optimiser keeps in 32-bit registers:
// every store, increment, compound assignment, parameter and return value
// must truncate (and sign- or zero-extend on use) exactly as the memory
// copy would. Conversions to narrower signed types are modulo 2^N on gcc.
#include <stdio.h>

volatile int v_start = 250;

static char to_char(int x) { return x; }
static unsigned char to_uchar(int x) { return x; }
static short to_short(int x) { return x; }
static unsigned short to_ushort(int x) { return x; }
static _Bool to_bool(int x) { return x; }
static int widen_uchar(unsigned char c) { return c; }
static int widen_schar(signed char c) { return c; }
static int widen_short(short s) { return s; }

static void increments_in_loops(void) {
  unsigned char uc = v_start;
  for (int i = 0; i < 10; i++) uc++;
  printf("uchar 250 + 10 increments: %d\n", uc);
  signed char sc = v_start - 130;
  for (int i = 0; i < 10; i++) ++sc;
  printf("schar 120 + 10 increments: %d\n", sc);
  short s = v_start * 131 + 17;
  for (int i = 0; i < 3; i++) s += 1000;
  printf("short 32767 + 3000: %d\n", s);
  unsigned short us = v_start - 250;
  us--;
  printf("ushort 0 - 1: %d\n", us);
  int iterations = 0;
  for (unsigned char c = v_start; c != 4; c++) iterations++;
  printf("uchar loop 250 to 4: %d iterations\n", iterations);
  iterations = 0;
  for (signed char c = v_start - 130; c > 0; c += 3) iterations++;
  printf("schar loop 120 up by 3 until negative: %d iterations\n", iterations);
  char c = v_start - 123;
  int sum = 0;
  while (c) {
    sum += c;
    c++;
  }
  printf("char 127 counted up to 0: sum %d\n", sum);
}

static void compound_assignments(void) {
  signed char sc = v_start - 350;
  sc += 200;
  printf("schar -100 += 200: %d\n", sc);
  sc *= 3;
  printf("schar *= 3: %d\n", sc);
  sc <<= 4;
  printf("schar <<= 4: %d\n", sc);
  sc >>= 1;
  printf("schar >>= 1: %d\n", sc);
  sc -= 100;
  printf("schar -= 100: %d\n", sc);
  unsigned char uc = v_start;
  uc += uc;
  printf("uchar 250 += itself: %d\n", uc);
  uc *= uc;
  printf("uchar *= itself: %d\n", uc);
  uc = ~uc;
  printf("uchar = ~uchar: %d\n", uc);
  uc ^= 0x1ff;
  printf("uchar ^= 0x1ff: %d\n", uc);
  short s = v_start * 100;
  s *= 2;
  printf("short 25000 *= 2: %d\n", s);
  s /= 7;
  printf("short /= 7: %d\n", s);
  s |= 0x18000;
  printf("short |= 0x18000: %d\n", s);
  unsigned short us = v_start * 262;
  us += us;
  printf("ushort 65500 += itself: %d\n", us);
  us >>= 3;
  printf("ushort >>= 3: %d\n", us);
}

static void conversions_through_registers(void) {
  int x = v_start * 0x12345 + 0x80;
  char c = x;
  short s = x;
  unsigned char uc = x;
  unsigned short us = x;
  printf("int %d to char %d short %d uchar %d ushort %d\n", x, c, s, uc, us);
  int back = c;
  unsigned uback = c;
  printf("char back to int %d and unsigned %u\n", back, uback);
  int sum = c + s + uc + us;
  printf("sum of the narrowed values: %d\n", sum);
  printf("narrowing calls: %d %d %d %d\n", to_char(x), to_uchar(x), to_short(x), to_ushort(x));
  printf("narrowing arguments: %d %d %d\n", widen_uchar(x), widen_schar(x), widen_short(x));
  printf("bool from 256, 0, -250, 250 << 31: %d %d %d %d\n", to_bool(v_start + 6), to_bool(v_start - 250),
         to_bool(-v_start), to_bool((int)((unsigned)v_start << 31)));
  _Bool b = v_start;
  b++;
  printf("bool after ++: %d\n", b);
  b--;
  printf("bool after --: %d\n", b);
  b--;
  printf("bool after another --: %d\n", b);
  b += 2;
  printf("bool += 2: %d\n", b);
  b = (v_start & 0x100) != 0;
  printf("bool from a masked compare: %d\n", b);
}

static void stores_and_reloads(void) {
  unsigned char bytes[4];
  short halves[2];
  int value = (int)(v_start * 0x01010101u + 0x7f7fu);
  for (int i = 0; i < 4; i++) bytes[i] = value >> (8 * i);
  for (int i = 0; i < 2; i++) halves[i] = value >> (16 * i);
  printf("bytes: %d %d %d %d\n", bytes[0], bytes[1], bytes[2], bytes[3]);
  printf("halves: %d %d\n", halves[0], halves[1]);
  int total = 0;
  for (int i = 0; i < 4; i++) {
    bytes[i] += 10;
    total += bytes[i];
  }
  printf("bytes after += 10: %d %d %d %d total %d\n", bytes[0], bytes[1], bytes[2], bytes[3], total);
  signed char *as_signed = (signed char *)bytes;
  printf("the same bytes as signed: %d %d %d %d\n", as_signed[0], as_signed[1], as_signed[2], as_signed[3]);
  struct {
    char c;
    unsigned char uc;
    short s;
    unsigned short us;
  } packed = {0, 0, 0, 0};
  for (int i = 0; i < 300; i++) {
    packed.c += 3;
    packed.uc += 3;
    packed.s += 300;
    packed.us += 300;
  }
  printf("struct members after 300 steps: %d %d %d %d\n", packed.c, packed.uc, packed.s, packed.us);
}

static void comparisons_of_narrow_values(void) {
  char c = v_start - 50;
  unsigned char uc = v_start - 50;
  printf("char 200 < 0: %d, uchar 200 > 127: %d\n", c < 0, uc > 127);
  printf("char == uchar: %d, (unsigned char)char == uchar: %d\n", c == uc, (unsigned char)c == uc);
  short s = v_start * 200;
  unsigned short us = v_start * 200;
  printf("short 50000 < 0: %d, ushort 50000 > 32767: %d, equal: %d\n", s < 0, us > 32767, s == us);
  signed char minus_one = v_start - 251;
  unsigned int one = 1;
  printf("schar -1 < 1u: %d, schar -1 < 1: %d\n", minus_one < one, minus_one < 1);
}

int main(void) {
  increments_in_loops();
  compound_assignments();
  conversions_through_registers();
  stores_and_reloads();
  comparisons_of_narrow_values();
  return 0;
}
