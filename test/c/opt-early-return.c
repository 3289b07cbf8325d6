// exit: 0
// Early returns that -O2 emits before the prologue, without a frame: a
// base case testing one parameter against a constant and returning that
// parameter or a constant. The cases vary the condition (signed, unsigned,
// equality, a test against zero), the parameter's position, which branch
// returns, and include near misses that must keep the ordinary path.
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned countdown(unsigned n) {
  if (n <= 3u) return 7;
  return countdown(n - 2) + 1;
}

static int second(int unused, int n) {
  if (n == 0) return 0;
  return n + second(unused, n - 1);
}

static int positive_only(int n) {
  if (n > 0) return n;
  return -positive_only(-n + 1) * 2;
}

static int big_unsigned(unsigned n) {
  if (n > 0x80000000u) return 1;
  return (int)n + big_unsigned(n + 0x40000000u);
}

static int not_the_parameter(int n, int other) {
  if (n < 1) return other;
  return not_the_parameter(n - 1, other + n);
}

static long long wide(long long n) {
  if (n < 2) return n;
  return wide(n - 1) + wide(n - 2);
}

static void side_effect(int *counter, int n) {
  if (n == 0) return;
  *counter += n;
  side_effect(counter, n - 1);
}

int main(void) {
  printf("fib: %d %d %d %d\n", fib(0), fib(1), fib(2), fib(20));
  printf("countdown: %u %u %u\n", countdown(0), countdown(3), countdown(40));
  printf("second parameter: %d %d\n", second(9, 0), second(9, 100));
  printf("positive only: %d %d %d\n", positive_only(5), positive_only(0), positive_only(-3));
  printf("big unsigned: %d %d\n", big_unsigned(0x90000000u), big_unsigned(0x10000000u));
  printf("not the parameter: %d %d\n", not_the_parameter(0, 4), not_the_parameter(5, 4));
  printf("wide: %d %d\n", (int)wide(1), (int)wide(30));
  int counter = 0;
  side_effect(&counter, 10);
  printf("void: %d\n", counter);
  return 0;
}
