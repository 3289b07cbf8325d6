// exit: 0
/* Copies between variables inside loops: a copy made in one iteration keeps
   its value while the source is assigned again in the next one. */
#include <stdio.h>

static int squares[5] = {1, 4, 9, 16, 25};
static int values[5] = {3, 9, 2, 7, 1};

static void differences(void) {
  int i, cur, last = 0;
  for (i = 0; i < 5; i++) {
    cur = squares[i];
    if (i > 0) printf("%d ", cur - last);
    last = cur;
  }
  printf("\n");
}

static void running_maximum(void) {
  int i, v, max = 0, first = 1;
  for (i = 0; i < 5; i++) {
    v = values[i];
    if (first || v > max) {
      max = v;
      first = 0;
    }
  }
  printf("maximum %d\n", max);
}

static void fibonacci_pairs(void) {
  int a = 0, b = 1;
  for (int i = 0; i < 10; i++) {
    int next = a + b;
    a = b;
    b = next;
    printf("%d ", a);
  }
  printf("\n");
}

static void swap_in_loop(void) {
  int x = 1, y = 2;
  for (int i = 0; i < 5; i++) {
    int t = x;
    x = y;
    y = t + i;
  }
  printf("swapped %d %d\n", x, y);
}

static void previous_index(void) {
  int prev = -1, sum = 0;
  for (int i = 0; i < 6; i++) {
    int here = i * 3;
    if (prev >= 0) sum += here * 10 + prev;
    prev = here;
  }
  printf("previous %d\n", sum);
}

int main(void) {
  differences();
  running_maximum();
  fibonacci_pairs();
  swap_in_loop();
  previous_index();
  return 0;
}
