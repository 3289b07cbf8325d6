// exit: 0
#include <stdio.h>
#include <string.h>

static int sum(int n, const int v[n]);
static double dot(int n, const double a[static n], const double b[*]);

static double dot(int n, const double a[static n], const double b[n]) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

static void fill(int rows, int cols, int m[rows][cols]) {
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++) m[r][c] = r * 100 + c;
}

static long long trace(int n, int m[n][n]) {
  long long t = 0;
  for (int i = 0; i < n; i++) t += m[i][i];
  return t + sizeof m[0] * 1000;
}

static int cube(int a, int b, int c, char box[a][b][c]) {
  box[a - 1][b - 1][c - 1] = 42;
  return box[a - 1][b - 1][c - 1] + (int)sizeof box[0] + (int)sizeof box[0][0] * 1000;
}

static int pairs(int n, int k, short m[][2][k]) {
  m[n - 1][1][k - 1] = 9;
  return m[n - 1][1][k - 1] * 100 + (int)sizeof m[0] + (int)(&m[1][0][0] - &m[0][0][0]);
}

static int sum(int n, const int *v) {
  int s = 0;
  for (int i = 0; i < n; i++) s += v[i];
  return s;
}

static void one_dimension(int n) {
  int a[n];
  for (int i = 0; i < n; i++) a[i] = i * i;
  printf("1d n=%d sizeof=%u sum=%d last=%d\n", n, (unsigned)sizeof a, sum(n, a), a[n - 1]);
}

static void two_dimensions(int rows, int cols) {
  double m[rows][cols];
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++) m[r][c] = r * 10 + c / 2.0;
  printf("2d %dx%d sizeof=%u row=%u %.1f %.1f\n", rows, cols, (unsigned)sizeof m, (unsigned)sizeof m[0],
         m[rows - 1][cols - 1], m[1][0]);
  double (*row)[cols] = m + 1;
  printf("row pointer %.1f %d\n", (*row)[1], (int)(row[1] - row[0]));
}

static void mixed_dimensions(int n) {
  short grid[3][n];
  memset(grid, 0, sizeof grid);
  grid[2][n - 1] = 7;
  grid[1][0] = 5;
  printf("mixed sizeof=%u %d %d %d\n", (unsigned)sizeof grid, grid[2][n - 1], grid[1][0], grid[0][0]);
  char buffer[n * 2 + 1];
  for (int i = 0; i < n * 2; i++) buffer[i] = 'a' + i;
  buffer[n * 2] = 0;
  printf("text %s %u\n", buffer, (unsigned)sizeof buffer);
}

static int loop_reuse(int rounds) {
  int total = 0;
  char *first = 0, *last = 0;
  for (int r = 1; r <= rounds; r++) {
    int block[r * 100];
    block[0] = r;
    block[r * 100 - 1] = r;
    total += block[0] + block[r * 100 - 1];
    if (!first) first = (char *)block;
    last = (char *)block;
  }
  /* Each iteration starts from the same stack pointer, so the stack does not grow without bound. */
  printf("loop reuse %d\n", first - last < 4000);
  return total;
}

static int nested_scopes(int n) {
  int outer[n];
  outer[0] = 1;
  int result = 0;
  {
    int inner[n * 2];
    inner[0] = 2;
    inner[n * 2 - 1] = 3;
    result += inner[0] + inner[n * 2 - 1];
  }
  int after[n];
  after[n - 1] = 4;
  result += outer[0] + after[n - 1];
  return result;
}

static int goto_back(void) {
  int count = 0;
again:
  count++;
  {
    int scratch[count * 64];
    scratch[count * 64 - 1] = count;
    if (count < 5) goto again;
    return scratch[count * 64 - 1];
  }
}

typedef struct { int id; long long value; } item;

static long long items(int n) {
  item list[n];
  for (int i = 0; i < n; i++) {
    list[i].id = i;
    list[i].value = (long long)i << 33;
  }
  long long s = 0;
  for (int i = 0; i < n; i++) s += list[i].value + list[i].id;
  return s + sizeof list;
}

static int size_expression(int n) {
  int k = n;
  size_t bytes = sizeof(int[k + 1][2]);
  return (int)bytes;
}

int main(void) {
  for (int n = 1; n <= 5; n++) one_dimension(n);
  two_dimensions(2, 3);
  two_dimensions(4, 5);
  mixed_dimensions(4);
  printf("loop total %d\n", loop_reuse(20));
  printf("nested %d\n", nested_scopes(3));
  printf("goto back %d\n", goto_back());
  printf("items %lld\n", items(6));
  printf("sizeof type %d\n", size_expression(4));
  int len = 3;
  double left[len], right[len];
  for (int i = 0; i < len; i++) {
    left[i] = i + 1;
    right[i] = (i + 1) * 0.5;
  }
  printf("parameters %.2f\n", dot(len, left, right));
  int rows = 3, cols = 4;
  int grid[rows][cols];
  fill(rows, cols, grid);
  printf("fill %d %d %d\n", grid[0][3], grid[2][1], grid[2][3]);
  int square[4][4];
  fill(4, 4, square);
  printf("trace %lld\n", trace(4, square));
  char box[2][3][5];
  printf("cube %d\n", cube(2, 3, 5, box));
  short pair_grid[3][2][7];
  printf("pairs %d\n", pairs(3, 7, pair_grid));
  return 0;
}
