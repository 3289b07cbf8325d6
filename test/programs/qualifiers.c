// exit: 14
#include <stdio.h>

const int limit = 10;
volatile int ticks;

int sum_const(const int *values, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += values[i];
	return s;
}

int main(void)
{
	const int local = 4;
	const char *const msg = "const pointer";
	volatile int v = 3;
	int values[3] = {1, 2, 3};
	v = v + 1;
	ticks = v;
	printf("%s %d %d %d\n", msg, limit, local, ticks);
	printf("%d\n", sum_const(values, 3));
	return limit + local;
}
