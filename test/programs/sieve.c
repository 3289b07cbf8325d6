// exit: 25
#include <stdio.h>

char composite[100];

int main(void)
{
	int i, j, count = 0;
	for (i = 2; i < 100; i++) {
		if (composite[i])
			continue;
		count++;
		printf("%d ", i);
		for (j = i * i; j < 100; j += i)
			composite[j] = 1;
	}
	printf("\n%d primes\n", count);
	return count;
}
