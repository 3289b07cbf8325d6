/* Integer sort: quicksort and insertion sort of pseudo-random arrays. */
#include <stdio.h>

#define N 4000

static unsigned int state = 12345;
static int values[N];

static unsigned int next_random(void) {
  state = state * 1103515245u + 12345u;
  return state >> 8;
}

static void quicksort(int *a, int low, int high) {
  while (low < high) {
    int pivot = a[(low + high) / 2];
    int i = low;
    int j = high;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (j - low < high - i) {
      quicksort(a, low, j);
      low = i;
    } else {
      quicksort(a, i, high);
      high = j;
    }
  }
}

static void insertion_sort(int *a, int n) {
  for (int i = 1; i < n; i++) {
    int key = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > key) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = key;
  }
}

int main(void) {
  unsigned int checksum = 0;
  for (int round = 0; round < 4; round++) {
    for (int i = 0; i < N; i++) values[i] = (int)(next_random() % 100000) - 50000;
    quicksort(values, 0, N - 1);
    for (int i = 1; i < N; i++) {
      if (values[i - 1] > values[i]) {
        printf("quicksort out of order at %d\n", i);
        return 1;
      }
    }
    for (int i = 0; i < N; i++) checksum = checksum * 31u + (unsigned int)values[i];
  }
  for (int i = 0; i < 600; i++) values[i] = (int)(next_random() % 1000);
  insertion_sort(values, 600);
  for (int i = 0; i < 600; i++) checksum = checksum * 31u + (unsigned int)values[i];
  printf("sort checksum %u\n", checksum);
  return 0;
}
