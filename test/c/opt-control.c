// exit: 0
// Control-flow and data-flow hazards for an optimiser: loops with break,
// continue and goto, nested loops, do-while (where continue jumps to the
// condition), switches inside loops, recursion, conditional expressions and
// && || as values and as branch conditions, signed and unsigned comparisons
// after promotion, early returns, unreachable code, dead stores, copy chains,
// loop-invariant expressions and values live across a loop.
#include <stdio.h>

volatile int v_ten = 10;

static int side_effects;

static int note(int value) {
  side_effects++;
  return value;
}

static void loops(void) {
  int n = v_ten;
  int sum = 0;
  for (int i = 0; i < n * 3; i++) {
    if (i % 3 == 0) continue;
    if (i > 25) break;
    sum += i;
  }
  printf("for with continue and break: %d\n", sum);
  int count = 0, i = 0;
  do {
    i++;
    if (i & 1) continue;
    count += i;
  } while (i < n);
  printf("do-while with continue: %d %d\n", count, i);
  int found_row = -1, found_column = -1;
  for (int r = 0; r < n; r++) {
    for (int c = 0; c < n; c++) {
      if (r * c == 42 && r < c) {
        found_row = r;
        found_column = c;
        goto found;
      }
    }
  }
found:
  printf("goto out of nested loops: %d %d\n", found_row, found_column);
  int triangle = 0;
  for (int r = 0; r < n; r++) {
    for (int c = 0; c <= r; c++) {
      if (c == 5) break;
      triangle += c;
    }
  }
  printf("nested loops with an inner break: %d\n", triangle);
  int k = 0, backwards = 0;
again:
  backwards += k * k;
  if (++k < n) goto again;
  printf("loop made of goto: %d\n", backwards);
  unsigned down = 0;
  for (unsigned u = n; u-- > 0;) down += u;
  printf("unsigned count down: %u\n", down);
  int forever = 0;
  for (;;) {
    if (++forever == n * n) break;
  }
  printf("for(;;) with break: %d\n", forever);
  int w = n, steps = 0;
  while (w != 1) {
    w = (w & 1) ? 3 * w + 1 : w / 2;
    steps++;
  }
  printf("collatz steps from 10: %d\n", steps);
}

static int classify(int value) {
  switch (value) {
  case 0:
  case 1:
    return 1;
  case 2:
    return 4;
  case 3:
  case 4:
  case 5:
    return 9;
  default:
    return -1;
  }
}

static void switches_in_loops(void) {
  int n = v_ten;
  int dense = 0, sparse = 0, fallthrough = 0, skipped = 0;
  for (int i = -2; i < n + 2; i++) {
    switch (i) {
    case 0: dense += 1; break;
    case 1: dense += 2; break;
    case 2: dense += 4; break;
    case 3: dense += 8; break;
    case 4: dense += 16; break;
    case 5: continue;
    case 6: dense += 64; break;
    default: dense += 1000; break;
    }
    skipped++;
  }
  printf("dense switch: %d, iterations past it: %d\n", dense, skipped);
  static const int keys[] = {-100000, 7, 1 << 20, 99, 0x7fffffff, -1, 7, 12345};
  for (int i = 0; i < 8; i++) {
    switch (keys[i]) {
    case -100000: sparse += 1; break;
    case 7: sparse += 10; break;
    case 1 << 20: sparse += 100; break;
    case 0x7fffffff: sparse += 1000; break;
    case 12345: sparse += 10000; break;
    }
  }
  printf("sparse switch: %d\n", sparse);
  for (int i = 0; i < 6; i++) {
    switch (i) {
    case 0: fallthrough += 1;
    case 1: fallthrough += 10;
    case 2: fallthrough += 100; break;
    case 3: fallthrough *= 2;
    default: fallthrough -= 3;
    }
  }
  printf("switch with fallthrough: %d\n", fallthrough);
  int table = 0;
  for (int i = -1; i < 7; i++) table = table * 3 + classify(i);
  printf("switch as a table: %d\n", table);
}

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int ackermann(int m, int n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

static int is_even(int n);
static int is_odd(int n) { return n == 0 ? 0 : is_even(n - 1); }
static int is_even(int n) { return n == 0 ? 1 : is_odd(n - 1); }

static void recursion(void) {
  printf("fib 20: %d\n", fib(20));
  printf("ackermann 2 3: %d, 3 3: %d\n", ackermann(2, 3), ackermann(3, 3));
  printf("gcd 1071 462: %d, gcd -48 18: %d\n", gcd(1071, 462), gcd(-48, 18));
  printf("mutual recursion 17: %d %d\n", is_even(17), is_odd(17));
}

static void conditions(void) {
  int n = v_ten, zero = n - 10, minus = -n;
  int values = (n && zero) * 1 + (n || zero) * 2 + (!n) * 4 + (!zero) * 8 + (zero || minus) * 16;
  printf("&& || ! as values: %d\n", values);
  side_effects = 0;
  int r1 = zero && note(1);
  int r2 = n || note(2);
  int r3 = n && note(0);
  int r4 = zero || note(5);
  printf("short circuit: %d %d %d %d, calls %d\n", r1, r2, r3, r4, side_effects);
  int branches = 0;
  if (n > 5 && minus < 0) branches += 1;
  if (zero || n == 10) branches += 2;
  if (!(n < 5 || zero)) branches += 4;
  if (n > 5 && (zero || minus > -20) && !zero) branches += 8;
  if (zero && note(99)) branches += 16;
  printf("&& || as branches: %d, calls %d\n", branches, side_effects);
  int pick = n > 5 ? (zero ? 1 : minus < -5 ? 2 : 3) : 4;
  printf("nested ?: %d\n", pick);
  side_effects = 0;
  int chosen = zero ? note(100) : note(200);
  printf("?: evaluates one arm: %d, calls %d\n", chosen, side_effects);
  int maximum = 0;
  for (int i = -5; i < 5; i++) maximum += (i * i > 10 ? i : -i);
  printf("?: in a loop: %d\n", maximum);
}

// The long long cases live apart so that a back end without long long still optimises the int ones.
static void long_long_conditions(void) {
  int n = v_ten;
  long long wide = n ? (long long)n << 33 : -1;
  printf("?: of long long: %lld\n", wide);
  long long minus_one = -n / 10;
  unsigned one = n / 10;
  printf("long long -1 < unsigned 1: %d\n", minus_one < one);
}

static void signedness_of_comparisons(void) {
  int minus_one = -v_ten / 10;
  unsigned one = v_ten / 10;
  unsigned short us = v_ten / 10;
  short s = -v_ten / 10;
  unsigned char uc = 255;
  signed char sc = -1;
  printf("int -1 < unsigned 1: %d\n", minus_one < one);
  printf("short -1 < unsigned short 1: %d\n", s < us);
  printf("signed char -1 == unsigned char 255: %d\n", sc == uc);
  printf("(unsigned char)signed char == unsigned char: %d\n", (unsigned char)sc == uc);
  printf("unsigned -1 > 0: %d\n", (unsigned)minus_one > 0);
  int counter = 0;
  for (int i = -3; i < 3; i++) {
    if ((unsigned)i < 2u) counter += 1;
    if (i < (int)one) counter += 10;
    if (i <= minus_one) counter += 100;
  }
  printf("comparisons in a loop: %d\n", counter);
  unsigned big = 0x80000000u;
  printf("unsigned 0x80000000 > 0x7fffffff: %d, as int: %d\n", big > 0x7fffffffu, (int)big > 0x7fffffff);
}

static int first_negative(const int *values, int count) {
  for (int i = 0; i < count; i++) {
    if (values[i] < 0) return i;
  }
  return -1;
}

static int early_return(int x) {
  if (x < 0) return -1;
  if (x == 0) return 0;
  if (x > 100) return 100;
  return x * 2;
  x = 12345;
  return x;
}

static int dead_stores(int x) {
  int y = 5;
  y = 6;
  int unused = x * 1000;
  unused = unused + 1;
  y = x + y;
  x = 99;
  return y;
}

static int copy_chain(int input) {
  int a = input;
  int b = a;
  int c = b;
  int d = c;
  a = 7;
  b = d + a;
  c = b;
  input = 0;
  return c * 10 + d + input;
}

static int loop_invariant(int *data, int count, int scale, int offset) {
  int total = 0;
  for (int i = 0; i < count; i++) {
    int factor = scale * 3 + offset;
    total += data[i] * factor;
    if (i == count / 2) data[count - 1] = factor;
  }
  return total;
}

static int invariant_changed_through_pointer(int *limit) {
  int steps = 0;
  for (int i = 0; i < *limit; i++) {
    steps++;
    if (i == 3) *limit = 6;
  }
  return steps;
}

static void data_flow(void) {
  int n = v_ten;
  int values[5] = {4, 2, -9, 7, -1};
  printf("first negative: %d %d\n", first_negative(values, 5), first_negative(values, 2));
  printf("early returns: %d %d %d %d\n", early_return(-n), early_return(n - 10), early_return(n * 20), early_return(n));
  printf("dead stores: %d\n", dead_stores(n));
  printf("copy chain: %d\n", copy_chain(n));
  int data[6] = {1, 2, 3, 4, 5, 6};
  printf("loop-invariant factor: %d, last %d\n", loop_invariant(data, 6, n, -n), data[5]);
  int limit = 100;
  printf("limit changed inside the loop: %d\n", invariant_changed_through_pointer(&limit));
  int live_before = n * 7, live_after = n - 3;
  int acc = 0;
  for (int i = 0; i < n; i++) acc += i * live_after;
  printf("values live across a loop: %d %d %d\n", live_before, live_after, acc);
  int last = -1;
  for (int i = 0; i < n; i++) {
    if (values[i % 5] > 3) last = i;
  }
  printf("value last set inside the loop: %d\n", last);
  int x = n;
  if (n > 100) x = 1;
  printf("value not changed by an untaken branch: %d\n", x);
}

int main(void) {
  loops();
  switches_in_loops();
  recursion();
  conditions();
  long_long_conditions();
  signedness_of_comparisons();
  data_flow();
  return 0;
}
