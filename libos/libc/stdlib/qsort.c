/* qsort.c: a stable merge sort, so equal keys keep the order glibc 2.36's merge sort gives them. */

#include <stdlib.h>
#include <string.h>

struct sort {
  size_t size;
  int (*compare)(const void *, const void *);
  char *scratch;
};

/* Sorts n elements at base, using scratch for n elements. */
static void
merge_sort(const struct sort *s, char *base, size_t n)
{
  size_t half = n / 2, i = 0, j = half, k = 0;
  char *left, *right;

  if (n < 2)
    return;
  merge_sort(s, base, half);
  merge_sort(s, base + half * s->size, n - half);

  left = base;
  right = base;
  while (i < half && j < n) {
    /* Take from the left run on ties, which keeps the sort stable. */
    if (s->compare(left + i * s->size, right + j * s->size) <= 0)
      memcpy(s->scratch + k++ * s->size, left + i++ * s->size, s->size);
    else
      memcpy(s->scratch + k++ * s->size, right + j++ * s->size, s->size);
  }
  memcpy(s->scratch + k * s->size, left + i * s->size, (half - i) * s->size);
  k += half - i;
  memcpy(s->scratch + k * s->size, right + j * s->size, (n - j) * s->size);
  memcpy(base, s->scratch, n * s->size);
}

/* Sorts in place by insertion when no scratch memory is left; also stable. */
static void
insertion_sort(char *base, size_t n, size_t size, int (*compare)(const void *, const void *))
{
  size_t i, j, b;
  char *x, *y, t;

  for (i = 1; i < n; i++) {
    for (j = i; j > 0; j--) {
      x = base + (j - 1) * size;
      y = base + j * size;
      if (compare(x, y) <= 0)
        break;
      for (b = 0; b < size; b++) {
        t = x[b];
        x[b] = y[b];
        y[b] = t;
      }
    }
  }
}

void
qsort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *))
{
  struct sort s;

  if (n < 2 || size == 0)
    return;
  s.size = size;
  s.compare = compare;
  s.scratch = n <= (size_t)-1 / size ? malloc(n * size) : NULL;
  if (s.scratch == NULL) {
    insertion_sort(base, n, size, compare);
    return;
  }
  merge_sort(&s, base, n);
  free(s.scratch);
}
