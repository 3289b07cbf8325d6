/* bsearch.c: binary search in a sorted array. */

#include <stdlib.h>

void *
bsearch(const void *key, const void *base, size_t n, size_t size, int (*compare)(const void *, const void *))
{
  const char *lo = base;
  const char *mid;
  int c;

  while (n > 0) {
    mid = lo + (n / 2) * size;
    c = compare(key, mid);
    if (c == 0)
      return (void *)mid;
    if (c > 0) {
      lo = mid + size;
      n -= n / 2 + 1;
    } else {
      n /= 2;
    }
  }
  return NULL;
}
