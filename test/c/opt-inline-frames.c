// exit: 0
// Inlining and frame size. A function that calls itself gets no inlined
// callee with memory locals, because each level of the recursion would pay
// for the copies. Here walk() recurses 3,000 levels deep in a 1 MiB stack
// and calls a helper with a 48-byte array ten times. Scalar parameters of an
// inlined call take no frame slot, so a caller of many small helpers keeps
// a small frame, and a helper whose parameter's address is taken still works.
#include <stdio.h>

static int small(int k) {
  int t[12];
  t[k % 12] = k;
  t[(k + 1) % 12] = 2;
  return t[k % 12] + t[(k + 1) % 12];
}

static int walk(int n) {
  if (n == 0) return 0;
  int s = small(n) + small(n + 1) + small(n + 2) + small(n + 3) + small(n + 4) + small(n + 5) + small(n + 6) +
          small(n + 7) + small(n + 8) + small(n + 9);
  return s % 7 + walk(n - 1);
}

static int twice(int x) { return x * 2; }

static int bump(int x) {
  int *p = &x;
  *p += 1;
  return x;
}

static int many_helpers(int n) {
  int total = 0;
  for (int i = 0; i < n; i++) total += twice(i) + twice(i + 1) + bump(i) + bump(total & 7);
  return total;
}

static int deep(int n) {
  if (n == 0) return 1;
  return (bump(n) + twice(n)) % 5 + deep(n - 1);
}

int main(void) {
  printf("walk: %d\n", walk(3000));
  printf("many helpers: %d\n", many_helpers(50));
  printf("deep: %d\n", deep(20000));
  return 0;
}
