// exit: 0
// Register allocation hazards: more live values than the six usable i386
// registers, and values live across calls into the library OS (built by
// gcc) and across callbacks from it (qsort's comparator, bsearch). Also
// calls through a table of function pointers, address-taken locals next to
// register ones (a callee changes them through the pointer), and volatile
// locals that must survive longjmp.
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile int v_seed = 3;

static int mix(int a, int b) { return a * 31 + b; }

static int eight_arguments(int a, int b, int c, int d, int e, int f, int g, int h) {
  return a - b + c * 2 - d * 3 + e * 5 - f * 7 + g * 11 - h * 13;
}

static void pressure_without_calls(void) {
  int s = v_seed;
  int a = s + 1, b = s * 2, c = s * 3 + 1, d = s ^ 0x55, e = s << 4, f = s - 100, g = ~s, h = s * s, i = s | 0x100,
      j = s & 6, k = s + 1000, l = -s;
  for (int n = 0; n < 5; n++) {
    a += b;
    b ^= c;
    c -= d;
    d += e * 3;
    e = e + f;
    f ^= g;
    g += h;
    h -= i;
    i += j;
    j ^= k;
    k += l;
    l = l * 3 + a;
  }
  printf("twelve live values: %d %d %d %d %d %d %d %d %d %d %d %d\n", a, b, c, d, e, f, g, h, i, j, k, l);
}

// Eight values live through a loop, two more than the usable registers, with one result.
static int eight_live_values(int s) {
  int a = s + 1, b = s * 2, c = s * 3 + 1, d = s ^ 0x55, e = s * 16, f = s - 100, g = ~s, h = s * s;
  for (int n = 0; n < 6; n++) {
    a += b;
    b ^= c;
    c -= d;
    d += e * 3;
    e = e + f;
    f ^= g;
    g += h;
    h -= a;
  }
  return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
}

// Seven values live across each call, so some must sit in ebx, esi, edi or the stack frame.
static int seven_live_across_calls(int s) {
  int a = s, b = s + 1, c = s + 2, d = s + 3, e = s + 4, f = s + 5, g = s + 6;
  for (int n = 0; n < 4; n++) {
    a = mix(a, g);
    b = mix(b, a) & 0xffff;
    c = mix(c, b) & 0xffff;
    d ^= mix(d, c) & 0xffff;
    e += d & 0xff;
    f -= e;
    g = mix(g & 0xfff, f & 0xfff) & 0xffff;
    a &= 0xffff;
  }
  return a + b * 3 + c * 5 + d * 7 + e * 11 + f * 13 + g * 17;
}

static void pressure_across_calls(void) {
  int s = v_seed;
  int a = s + 10, b = s + 20, c = s + 30, d = s + 40, e = s + 50, f = s + 60, g = s + 70, h = s + 80;
  char buffer[32];
  for (int n = 0; n < 3; n++) {
    // Each call may clobber eax, ecx and edx, so every value must survive it elsewhere.
    snprintf(buffer, sizeof buffer, "%d", a + b);
    a = mix(a, (int)strlen(buffer));
    b = mix(b, c);
    c = mix(c, atoi(buffer));
    d = eight_arguments(a, b, c, d, e, f, g, h);
    e += d;
    f -= e;
    g ^= f;
    h = mix(h, g);
  }
  printf("live across calls: %d %d %d %d %d %d %d %d\n", a, b, c, d, e, f, g, h);
  printf("eight arguments: %d\n", eight_arguments(s, s + 1, s + 2, s + 3, s + 4, s + 5, s + 6, s + 7));
}

static int compare_calls;

// Called by the library's qsort, which gcc built: it must preserve ebx, esi,
// edi and ebp for its caller, and keeps several values of its own live.
static int compare_descending(const void *left, const void *right) {
  int a = *(const int *)left, b = *(const int *)right;
  int low_a = a & 0xff, low_b = b & 0xff, high_a = a >> 8, high_b = b >> 8;
  compare_calls++;
  if (high_a != high_b) return high_a < high_b ? 1 : -1;
  return (low_a < low_b) - (low_a > low_b);
}

static int compare_ints(const void *left, const void *right) {
  int a = *(const int *)left, b = *(const int *)right;
  return (a > b) - (a < b);
}

static void callbacks_from_the_library(void) {
  int values[20];
  int s = v_seed;
  int before = s * 1111, after = s * 2222, marker = s ^ 0x5a5a, count = 20;
  for (int i = 0; i < count; i++) values[i] = (i * 7919 + s * 104729) % 2000 - 1000;
  qsort(values, count, sizeof values[0], compare_descending);
  printf("sorted descending:");
  for (int i = 0; i < count; i++) printf(" %d", values[i]);
  printf("\nlive across qsort: %d %d %d %d, comparator called: %d\n", before, after, marker, count, compare_calls > 0);
  qsort(values, count, sizeof values[0], compare_ints);
  int key = values[13];
  int *found = bsearch(&key, values, count, sizeof values[0], compare_ints);
  printf("bsearch found index %d, value %d; live: %d %d\n", (int)(found - values), *found, before + after, marker);
}

static int add(int a, int b) { return a + b; }
static int subtract(int a, int b) { return a - b; }
static int multiply(int a, int b) { return a * b; }
static int shift_mix(int a, int b) { return (a << 3) ^ (b >> 1); }

static void function_pointer_table(void) {
  int (*const table[])(int, int) = {add, subtract, multiply, shift_mix};
  int s = v_seed;
  int acc = s, other = s * 7, third = s + 11, fourth = s - 11;
  for (int i = 0; i < 12; i++) {
    acc = table[i % 4](acc, other) & 0xffff;
    other = table[(i + 1) % 4](other, third) & 0xfff;
    third = (third + fourth) & 0xfff;
    fourth = (fourth ^ acc) & 0xfff;
  }
  printf("function pointer table: %d %d %d %d\n", acc, other, third, fourth);
  int (*pick)(int, int) = s > 0 ? multiply : add;
  printf("chosen pointer: %d\n", pick(s, s + 1));
}

static int *saved;

static void bump(int *p) { *p += 5; }
static void keep(int *p) { saved = p; }
static void poke(void) { *saved += 100; }

static void address_taken_locals(void) {
  int s = v_seed;
  int x = s, y = s * 2, z = s * 3;
  bump(&x);
  printf("after bump: x %d y %d z %d\n", x, y, z);
  int *p = &y;
  *p = 70;
  printf("through a local pointer: y %d\n", y);
  y = 8;
  printf("read back through the pointer: %d\n", *p);
  keep(&z);
  int before = z;
  poke();
  printf("changed by a later call: before %d after %d\n", before, z);
  int sum = 0;
  for (int i = 0; i < 4; i++) {
    sum += x;
    bump(&x);
  }
  printf("loop with the address taken: sum %d x %d\n", sum, x);
  int pair[2] = {s, s + 1};
  int *second = &pair[1];
  pair[0] = *second * 10;
  *second = pair[0] + 1;
  printf("array element through a pointer: %d %d\n", pair[0], pair[1]);
  struct {
    int a, b;
  } st = {s, s};
  int *member = &st.b;
  st.a = 1;
  *member = 2;
  printf("struct member through a pointer: %d %d\n", st.a, st.b);
  int w = s;
  memcpy(&w, &z, sizeof w);
  printf("local overwritten by memcpy: %d\n", w);
}

static jmp_buf jump_buffer;

static void jump_back(int value) { longjmp(jump_buffer, value); }

static void volatile_locals(void) {
  volatile int counter = 0;
  for (int i = 0; i < 10; i++) counter += i;
  printf("volatile counter: %d\n", counter);
  volatile int twice = v_seed;
  printf("volatile read twice: %d\n", twice + twice);
  volatile int changed = 1;
  volatile int rounds = 0;
  if (setjmp(jump_buffer) < 3) {
    rounds++;
    changed *= 10;
    jump_back(rounds);
  }
  printf("after longjmp: changed %d rounds %d\n", changed, rounds);
}

static int recursive_pressure(int n, int a, int b, int c) {
  if (n == 0) return a ^ b ^ c;
  int x = a + n, y = b - n, z = c * 3 + n;
  int below = recursive_pressure(n - 1, y, z, x);
  return below + x - y + (z & 0xff);
}

static void long_long_pressure(void) {
  long long s = v_seed;
  long long a = s << 40, b = s * 1000000007, c = -s, d = s ^ 0x123456789ll;
  unsigned long long e = (unsigned long long)s * 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < 4; i++) {
    a += b;
    b ^= (long long)((unsigned long long)c << 3);
    c = c * 5 + d;
    d -= a >> 7;
    e = e * 6364136223846793005ull + 1442695040888963407ull;
  }
  printf("long long live values: %lld %lld %lld %lld %llu\n", a, b, c, d, e);
}

int main(void) {
  pressure_without_calls();
  printf("eight live values: %d %d\n", eight_live_values(v_seed), eight_live_values(-v_seed));
  printf("seven live across calls: %d %d\n", seven_live_across_calls(v_seed), seven_live_across_calls(v_seed * 1000));
  pressure_across_calls();
  callbacks_from_the_library();
  function_pointer_table();
  address_taken_locals();
  volatile_locals();
  printf("recursive pressure: %d\n", recursive_pressure(10, 1, 2, 3));
  long_long_pressure();
  return 0;
}
