// exit: 0
// Inlining hazards: small static functions that an optimiser may copy into
// their callers. Each copy must keep the callee's semantics: parameters are
// copies that narrow to their declared type, arguments are evaluated once,
// static locals are shared by all copies, labels, switches and string
// literals are duplicated correctly, and recursion stops.
#include <stdio.h>

volatile int v_five = 5;

static int calls;

static int counted(int x) {
  calls++;
  return x;
}

static int next_id(void) {
  static int id = 100;
  return id++;
}

static int plus_one_byte(unsigned char c) { return c + 1; }
static char as_char(int x) { return x; }
static short as_short(int x) { return x; }
static _Bool as_bool(int x) { return x; }

static int change_parameter(int x) {
  x *= 3;
  x += 1;
  return x;
}

static int address_of_parameter(int x) {
  int *p = &x;
  *p += 10;
  return x;
}

static int early_exit(int x) {
  if (x < 0) return -1;
  for (int i = 0; i < 10; i++) {
    if (i * i >= x) return i;
  }
  return 10;
}

static int with_goto(int x) {
  int steps = 0;
top:
  if (x > 1) {
    x = (x & 1) ? x * 3 + 1 : x / 2;
    steps++;
    goto top;
  }
  return steps;
}

static const char *with_switch(int x) {
  switch (x) {
  case 0: return "zero";
  case 1: return "one";
  case 2: return "two";
  case 3: return "three";
  case 4: return "four";
  case 5: return "five";
  default: return "many";
  }
}

static int factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

static int volatile_inside(int x) {
  volatile int copy = x;
  copy += copy;
  return copy;
}

static int same_names(int i) {
  int sum = 0;
  for (int k = 0; k < i; k++) sum += k;
  return sum;
}

static void store_through(int *target, int value) { *target = value; }

static int maximum(int a, int b) { return a > b ? a : b; }

int exported_square(int x) { return x * x; }

static int (*const chosen)(int) = exported_square;

int main(void) {
  int five = v_five;
  calls = 0;
  int doubled = maximum(counted(five), counted(2)) * 2;
  printf("arguments evaluated once: %d, calls %d\n", doubled, calls);
  int first = next_id();
  int second = next_id();
  int third = next_id();
  printf("static local shared by the copies: %d %d %d\n", first, second, third);
  printf("narrowing parameter: %d %d\n", plus_one_byte(five + 250), plus_one_byte(five * 100));
  printf("narrowing return: %d %d %d %d\n", as_char(five + 250), as_short(five * 10000), as_bool(five * 256),
         as_bool(five - 5));
  int x = five;
  int changed = change_parameter(x);
  printf("callee changes its copy only: %d %d\n", x, changed);
  printf("address of a parameter: %d %d\n", address_of_parameter(x), x);
  printf("early exits: %d %d %d %d\n", early_exit(-five), early_exit(five), early_exit(five * 10), early_exit(five * 100));
  printf("goto in two copies: %d %d\n", with_goto(five * 5), with_goto(five + 2));
  printf("switch in copies: %s %s %s %s\n", with_switch(five - 5), with_switch(five - 2), with_switch(five), with_switch(five * 2));
  printf("recursion: %d %d\n", factorial(five), factorial(five + 5));
  printf("volatile inside: %d\n", volatile_inside(five));
  int sum = 0;
  for (int k = 0; k < five; k++) sum += same_names(k);
  printf("same local names as the caller: %d\n", sum);
  int target = 0;
  store_through(&target, five * 7);
  printf("store through a pointer argument: %d\n", target);
  int loops = 0;
  for (int i = 0; maximum(i, 3) < five + 3; i++) loops++;
  printf("inlined call in a loop condition: %d\n", loops);
  printf("exported and called through a pointer: %d %d\n", exported_square(five), chosen(five + 1));
  return 0;
}
