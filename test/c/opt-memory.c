// exit: 0
// Addressing-mode hazards: pointer arithmetic with negative and scaled
// indices (base + index * scale + displacement) on elements of 1, 2, 4 and
// 8 bytes and on structs, arrays of structs indexed in loops,
// multi-dimensional arrays, pointer differences and pointer comparisons.
#include <stdio.h>

volatile int v_minus_three = -3;

struct point {
  int x;
  short y;
  char tag;
};

struct record {
  char name[6];
  short weight;
  int values[3];
  unsigned total;
};

static int global_ints[10] = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
static struct point global_points[6];

static void negative_indices(void) {
  char chars[8] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
  short shorts[8] = {-1, -2, -3, -4, -5, -6, -7, -8};
  int ints[8] = {100, 101, 102, 103, 104, 105, 106, 107};
  char *c = chars + 5;
  short *s = shorts + 5;
  int *i = ints + 5;
  int k = v_minus_three;
  printf("constant -1: %c %d %d\n", c[-1], s[-1], i[-1]);
  printf("constant -5: %c %d %d\n", c[-5], s[-5], i[-5]);
  printf("variable -3: %c %d %d\n", c[k], s[k], i[k]);
  printf("variable -3 plus 1: %c %d %d\n", c[k + 1], s[k + 1], i[k + 1]);
  printf("pointer minus 2: %c %d %d\n", *(c - 2), *(s - 2), *(i - 2));
  printf("variable times 2: %c %d %d\n", c[k * 2 + 2], s[k * 2 + 2], i[k * 2 + 2]);
  int *global = &global_ints[9];
  printf("global from the end: %d %d %d\n", global[-9], global[k], global[k * 3]);
  i[k] = -555;
  s[k] = 1234;
  c[k] = 'Z';
  printf("stores through negative indices: %d %d %c\n", ints[2], shorts[2], chars[2]);
}

// The 8-byte elements live apart so that a back end without long long still optimises the other functions.
static void long_long_indices(void) {
  long long longs[8] = {1ll << 40, 2ll << 40, 3ll << 40, 4ll << 40, 5ll << 40, 6ll << 40, 7ll << 40, 8ll << 40};
  long long *l = longs + 5;
  int k = v_minus_three;
  printf("long long at -1, -5, -3, -2: %lld %lld %lld %lld\n", l[-1], l[-5], l[k], l[k + 1]);
  printf("long long at pointer minus 2 and -4: %lld %lld\n", *(l - 2), l[k * 2 + 2]);
  l[k] = -1;
  printf("long long store through a negative index: %lld\n", longs[2]);
  long long wide[4] = {1, -2, 3, -4};
  long long *wp = wide + 3;
  long long sum = 0;
  while (wp >= wide + 1) sum = sum * 10 + *wp--;
  printf("long long walk: %lld\n", sum);
}

static void arrays_of_structs(void) {
  struct point local[6];
  for (int i = 0; i < 6; i++) {
    local[i].x = i * i - 10;
    local[i].y = (short)(i * -1000);
    local[i].tag = (char)('A' + i);
    global_points[5 - i] = local[i];
  }
  int sum_x = 0, sum_y = 0;
  for (int i = 0; i < 6; i++) {
    sum_x += local[i].x * (i + 1);
    sum_y += global_points[i].y;
  }
  printf("struct point sums: %d %d\n", sum_x, sum_y);
  printf("struct point tags:");
  for (int i = 5; i >= 0; i--) printf(" %c%c", local[i].tag, global_points[i].tag);
  printf("\n");
  struct point *p = &local[3];
  printf("struct point at -2 and +2: %d %d %d %d\n", p[-2].x, p[-2].y, (p + 2)->x, p[2].y);

  struct record records[4];
  for (int r = 0; r < 4; r++) {
    for (int n = 0; n < 5; n++) records[r].name[n] = (char)('a' + r + n);
    records[r].name[5] = 0;
    records[r].weight = (short)(r * 300 - 450);
    records[r].total = 0;
    for (int v = 0; v < 3; v++) {
      records[r].values[v] = r * 10 + v;
      records[r].total += (unsigned)records[r].values[v] << (8 * r);
    }
  }
  for (int r = 3; r >= 0; r--) {
    printf("record %d: %s %d %d %d %d %u\n", r, records[r].name, records[r].weight, records[r].values[0],
           records[r].values[1], records[r].values[2], records[r].total);
  }
  struct record *last = &records[3];
  printf("record through a pointer at -3: %s %d\n", last[-3].name, last[-3].values[2]);
  printf("record size %d, difference %d\n", (int)sizeof(struct record), (int)(last - records));
}

static void two_dimensional(void) {
  int grid[5][7];
  for (int r = 0; r < 5; r++) {
    for (int c = 0; c < 7; c++) grid[r][c] = r * 100 + c;
  }
  int diagonal = 0, anti = 0, column = 0;
  for (int n = 0; n < 5; n++) {
    diagonal += grid[n][n];
    anti += grid[4 - n][n + 2];
    column += grid[n][6];
  }
  printf("grid sums: %d %d %d\n", diagonal, anti, column);
  int (*row)[7] = &grid[3];
  printf("rows around row 3: %d %d %d\n", row[-1][2], row[0][6], row[1][0]);
  int *flat = &grid[0][0];
  printf("flat index 20 and 34: %d %d\n", flat[20], flat[34]);
  short table[3][4][5];
  for (int a = 0; a < 3; a++) {
    for (int b = 0; b < 4; b++) {
      for (int c = 0; c < 5; c++) table[a][b][c] = (short)(a * 1000 - b * 100 + c);
    }
  }
  int total = 0;
  for (int a = 2; a >= 0; a--) {
    for (int b = 3; b >= 0; b -= 2) total += table[a][b][4 - a];
  }
  printf("three-dimensional sum: %d\n", total);
}

static void pointer_comparisons(void) {
  int values[9] = {5, -3, 8, 0, -7, 12, 4, -1, 6};
  int *begin = values, *end = values + 9;
  int positive = 0, steps = 0;
  for (int *p = begin; p < end; p++) {
    if (*p > 0) positive++;
  }
  for (int *p = end; p > begin;) {
    --p;
    steps++;
    if (*p == 0) break;
  }
  printf("positive %d, steps back to the zero %d\n", positive, steps);
  int *middle = values + 4;
  printf("comparisons: %d %d %d %d %d %d\n", begin < middle, middle < begin, middle == values + 4, middle != end,
         end - begin, middle - end);
  char text[] = "pointer walking";
  char *from = text, *to = text + sizeof text - 2;
  while (from < to) {
    char swap = *from;
    *from++ = *to;
    *to-- = swap;
  }
  printf("reversed: %s\n", text);
  const char *scan = text;
  while (*scan && *scan != ' ') scan++;
  printf("first word length %d\n", (int)(scan - text));
  unsigned char bytes[6] = {1, 2, 3, 250, 251, 252};
  unsigned char index = 2;
  printf("unsigned char index: %d %d\n", bytes[index], bytes[index + 3]);
}

int main(void) {
  negative_indices();
  long_long_indices();
  arrays_of_structs();
  two_dimensional();
  pointer_comparisons();
  return 0;
}
