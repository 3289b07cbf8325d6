/* rand.c: glibc's default rand(), so seeded sequences match Linux output. */

#include <stdlib.h>

/*
 * glibc's TYPE_3 additive feedback generator: r[i] = r[i-3] + r[i-31]
 * modulo 2^32, seeded by the Park-Miller generator, with the first 310
 * outputs discarded, and each result shifted right by one bit.
 */
#define DEGREE 31
#define SEPARATION 3
#define DISCARD 310
#define RING 34          /* DEGREE + SEPARATION entries cover r[i-31] and r[i-3] */

static unsigned int ring[RING];
static int position;     /* index of the next r[i] in ring */
static int seeded;

void
srand(unsigned int seed)
{
  int i;
  long long word;

  if (seed == 0)
    seed = 1;
  ring[0] = seed;
  for (i = 1; i < DEGREE; i++) {
    /* 16807 * r[i-1] mod (2^31 - 1), on the signed value as glibc computes it. */
    word = (long long)16807 * (int)ring[i - 1] % 2147483647;
    if (word < 0)
      word += 2147483647;
    ring[i] = (unsigned int)word;
  }
  for (i = DEGREE; i < RING; i++)
    ring[i] = ring[i - DEGREE];
  position = 0;
  seeded = 1;
  for (i = 0; i < DISCARD; i++)
    rand();
}

int
rand(void)
{
  unsigned int next;

  if (!seeded)
    srand(1);
  next = ring[(position + RING - DEGREE) % RING] + ring[(position + RING - SEPARATION) % RING];
  ring[position] = next;
  position = (position + 1) % RING;
  return (int)(next >> 1);
}
