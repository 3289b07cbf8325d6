/* Recursive Fibonacci: call-heavy code. */
#include <stdio.h>

static int fib(int n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void) {
  int total = 0;
  for (int n = 18; n <= 24; n += 2) total += fib(n);
  printf("fib(24) %d total %d\n", fib(24), total);
  return 0;
}
