// exit: 0
// Store-to-load forwarding hazards. This file does not use the qualifier
// that stops the optimiser from merging memory accesses, so -O2 forwards
// stored and loaded values within a block. Every case here writes the same
// memory through another name (a second pointer, an index equal at run
// time, a narrower store, a call, a struct copy) and then reads it back.
// Inputs come through noinline functions so that nothing folds away.
#include <stdio.h>
#include <string.h>

struct pair {
  int a;
  int b;
};

union word {
  int whole;
  unsigned char bytes[4];
  short halves[2];
};

static int global_value;
static int global_other;
static int table[8];

__attribute__((noinline)) static int same(int x) { return x; }
__attribute__((noinline)) static int *pass(int *p) { return p; }
__attribute__((noinline)) static void bump_global(void) { global_value += 100; }
__attribute__((noinline)) static void write_through(int *p, int v) { *p = v; }

static void two_pointers(void) {
  int cell = 1;
  int *p = &cell, *q = pass(&cell);
  *p = 10;
  *q = 20;
  printf("two pointers: %d\n", *p);
  int x = *p;
  *q = x + 5;
  printf("reload after other pointer: %d %d\n", x, *p);
}

static void equal_indices(void) {
  int i = same(3), j = same(3);
  table[i] = 7;
  table[j] = 9;
  printf("equal indices: %d\n", table[i]);
  table[i + 1] = 11;
  table[j] = table[i] + table[i + 1];
  printf("neighbour and sum: %d %d\n", table[4], table[3]);
}

static void narrow_stores(void) {
  union word w;
  w.whole = same(0x11223344);
  int before = w.whole;
  w.bytes[0] = 0xaa;
  int after = w.whole;
  w.halves[1] = same(0x5566);
  printf("narrow stores: %x %x %x\n", before, after, w.whole);
  int *whole = &w.whole;
  unsigned char *bytes = (unsigned char *)pass(whole);
  *whole = 0x01020304;
  bytes[3] = 0x7f;
  printf("byte through another pointer: %x\n", *whole);
}

static void calls_write_memory(void) {
  global_value = same(5);
  int first = global_value;
  bump_global();
  printf("call writes a global: %d %d\n", first, global_value);
  int local = 1;
  write_through(&local, 42);
  printf("call writes a local: %d\n", local);
  int buffer[4] = {1, 2, 3, 4};
  buffer[1] = same(8);
  memset(buffer, 0, sizeof buffer);
  printf("memset: %d\n", buffer[1]);
  buffer[2] = same(6);
  memcpy(&buffer[2], &buffer[0], sizeof(int));
  printf("memcpy: %d\n", buffer[2]);
}

static void struct_copies(void) {
  struct pair x = {same(1), same(2)};
  struct pair *px = (struct pair *)pass(&x.a);
  struct pair y = {same(3), same(4)};
  px->a = 30;
  *px = y;
  printf("struct copy over a stored member: %d %d\n", px->a, x.a);
  y.b = 40;
  x = y;
  printf("copy then member: %d %d\n", x.b, px->b);
}

static void moving_base(void) {
  int values[4] = {same(1), same(2), same(3), same(4)};
  int *p = values;
  int a = *p;
  p++;
  int b = *p;
  p = p + same(1);
  *p = 70;
  p--;
  int c = *p;
  printf("moving base: %d %d %d %d\n", a, b, c, values[2]);
}

struct node {
  struct node *next;
  int value;
};

static void self_loads(void) {
  struct node c = {0, 3}, b = {&c, 2}, a = {&b, 1};
  struct node *n = &a;
  int sum = n->value;
  n = n->next;
  sum = sum * 10 + n->value;
  n = n->next;
  sum = sum * 10 + n->value;
  printf("list: %d\n", sum);
}

static void globals_and_frame(void) {
  int local = same(1);
  global_value = 2;
  global_other = 3;
  local = local + global_value;
  global_value = local;
  printf("globals and frame: %d %d %d\n", local, global_value, global_other);
  int *g = pass(&global_other);
  global_other = 9;
  *g = 10;
  printf("global through pointer: %d\n", global_other);
}

static void loops_and_branches(void) {
  int counter = 0;
  int *alias = pass(&counter);
  for (int i = 0; i < 5; i++) {
    counter = counter + 1;
    *alias = *alias + 10;
  }
  printf("loop: %d\n", counter);
  int cell = same(1);
  int *p = pass(&cell);
  if (same(1)) *p = 5;
  printf("branch: %d\n", cell);
}

static void same_value_stores(void) {
  int cell = same(4);
  int *p = &cell, *q = pass(&cell);
  int x = *p;
  *q = 99;
  *p = x;
  printf("store of the old value after another write: %d\n", cell);
  table[0] = same(12);
  int t = table[0];
  table[same(0)] = 13;
  table[0] = t;
  printf("indexed: %d\n", table[0]);
}

int main(void) {
  two_pointers();
  equal_indices();
  narrow_stores();
  calls_write_memory();
  struct_copies();
  moving_base();
  self_loads();
  globals_and_frame();
  loops_and_branches();
  same_value_stores();
  return 0;
}
