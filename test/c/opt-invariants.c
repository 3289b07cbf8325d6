// exit: 0
// Loop-invariant code motion hazards. Loops run zero times around invariant
// arithmetic and a division by zero, and operands change on only one path
// through the body. Nested loops have invariants of different depths. The
// file also covers do-while, while with break and continue, loops made with
// goto, and invariants whose result is read after the loop.
#include <stdio.h>

__attribute__((noinline)) static int same(int x) { return x; }

static int grid[6][7];

static void zero_trip(void) {
  int n = same(0), d = same(0), x = same(12);
  int sum = 0;
  for (int i = 0; i < n; i++) sum += x / d + (x << d);
  printf("zero trip: %d\n", sum);
  int k = same(5);
  while (k < n) {
    sum += x % d;
    k++;
  }
  printf("zero trip while: %d %d\n", sum, k);
}

static void changed_on_one_path(void) {
  int scale = same(3), total = 0;
  for (int i = 0; i < 10; i++) {
    total += scale * 4 + i;
    if (i == 5) scale = same(7);
  }
  printf("changed on one path: %d %d\n", total, scale);
  int base = same(100), acc = 0;
  for (int i = 0; i < 6; i++) {
    int offset = base + 1;
    if (i & 1) base -= 10;
    acc += offset;
  }
  printf("changed after use: %d\n", acc);
}

static void nested(void) {
  int rows = same(6), cols = same(7), seed = same(3);
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < cols; j++) grid[i][j] = (seed * 5 + 1) * (i * 7 + 2) + j;
  unsigned check = 0;
  for (int i = 0; i < rows; i++) {
    int row = i * cols;
    for (int j = 0; j < cols; j++) check = check * 31u + (unsigned)(grid[i][j] + row + (seed << 2));
  }
  printf("nested: %u %d\n", check, grid[5][6]);
}

static void other_loop_forms(void) {
  int m = same(9), i = 0, out = 0;
  do {
    out += m * m - 1;
    i++;
  } while (i < 4);
  printf("do while: %d\n", out);
  i = 0;
  out = 0;
  while (1) {
    int step = (m >> 1) + 3;
    i++;
    if (i % 3 == 0) continue;
    if (i > 10) break;
    out += step;
  }
  printf("while with break and continue: %d %d\n", out, i);
  i = 0;
  out = 0;
again:
  out += ~m + (m & 6);
  if (++i < 5) goto again;
  printf("goto loop: %d\n", out);
}

static void result_after_loop(void) {
  int a = same(6), b = same(4), last = 0;
  for (int i = 0; i < 3; i++) last = a * b - i;
  int product = 0;
  for (int i = 0; i < 2; i++) product = a * b;
  printf("result after loop: %d %d\n", last, product);
  int c = same(-20), shifted = 0;
  for (unsigned u = 0; u < 4u; u++) shifted += (int)((unsigned)c >> 3) + (c < 0);
  printf("shifts and compares: %d\n", shifted);
}

int main(void) {
  zero_trip();
  changed_on_one_path();
  nested();
  other_loop_forms();
  result_after_loop();
  return 0;
}
