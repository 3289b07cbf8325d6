/* Integer matrix multiply, naive i-j-k order, repeated with a feedback step. */
#include <stdio.h>

#define N 48

static int a[N][N];
static int b[N][N];
static int c[N][N];

static void multiply(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      int sum = 0;
      for (int k = 0; k < N; k++) sum += a[i][k] * b[k][j];
      c[i][j] = sum;
    }
}

int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (i * 7 + j * 3) % 17 - 8;
      b[i][j] = (i * 5 + j * 11) % 13 - 6;
    }
  unsigned int checksum = 0;
  for (int round = 0; round < 3; round++) {
    multiply();
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        checksum = checksum * 17u + (unsigned int)c[i][j];
        a[i][j] = c[i][j] % 19;
      }
  }
  printf("matmul checksum %u c[3][5] %d\n", checksum, c[3][5]);
  return 0;
}
