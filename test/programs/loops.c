// exit: 30
#include <stdio.h>

int main(void)
{
	int i = 0, total = 0;
	while (i < 5) {
		total += i;
		i++;
	}
	printf("while %d\n", total);
	for (int j = 0; j < 10; j++) {
		if (j == 2)
			continue;
		if (j == 6)
			break;
		printf("for %d\n", j);
	}
	int k = 10;
	do {
		printf("do %d\n", k);
		k -= 3;
	} while (k > 0);
	do
		k++;
	while (k < 0);
	printf("k %d\n", k);
	int outer, inner, pairs = 0;
	for (outer = 0; outer < 4; outer++) {
		for (inner = 0; inner < 4; inner++) {
			if (inner > outer)
				break;
			pairs++;
		}
	}
	printf("pairs %d\n", pairs);
	int n = 0;
	for (;;) {
		if (++n == 7)
			break;
	}
	printf("n %d\n", n);
	int w = 0;
	while (1) {
		w++;
		if (w < 3)
			continue;
		break;
	}
	printf("w %d\n", w);
	return total * 3;
}
