/* Sieve of Eratosthenes over a byte array, repeated. */
#include <stdio.h>

#define LIMIT 50000

static unsigned char composite[LIMIT + 1];

static int sieve(int limit) {
  int count = 0;
  for (int i = 0; i <= limit; i++) composite[i] = 0;
  for (int i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    for (int j = i + i; j <= limit; j += i) composite[j] = 1;
  }
  return count;
}

int main(void) {
  unsigned int checksum = 0;
  for (int round = 0; round < 3; round++) {
    int count = sieve(LIMIT - round * 250);
    checksum = checksum * 131u + (unsigned int)count;
  }
  unsigned int sum = 0;
  for (int i = 2; i <= LIMIT; i++)
    if (!composite[i]) sum += (unsigned int)i;
  printf("sieve primes checksum %u sum %u\n", checksum, sum);
  return 0;
}
