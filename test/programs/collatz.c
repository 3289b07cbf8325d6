// exit: 111
#include <stdio.h>

int steps(unsigned n)
{
	int count = 0;
	while (n != 1) {
		n = n % 2 ? 3 * n + 1 : n / 2;
		count++;
	}
	return count;
}

int main(void)
{
	int best = 0, best_n = 0;
	for (unsigned n = 1; n < 1000; n++) {
		int s = steps(n);
		if (s > best) {
			best = s;
			best_n = n;
		}
	}
	printf("%d takes %d steps\n", best_n, best);
	return steps(27);
}
