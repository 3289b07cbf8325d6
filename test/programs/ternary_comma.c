// exit: 7
#include <stdio.h>

int max(int a, int b)
{
	return a > b ? a : b;
}

int main(void)
{
	int a = 3, b = 9;
	printf("%d\n", max(a, b));
	printf("%s\n", a > b ? "a" : "b");
	int sign = a < 0 ? -1 : a > 0 ? 1 : 0;
	printf("%d\n", sign);
	int x = (a++, b++, a + b);
	printf("%d %d %d\n", a, b, x);
	int i, j;
	for (i = 0, j = 10; i < j; i++, j--)
		;
	printf("%d %d\n", i, j);
	unsigned u = 1;
	printf("%d\n", (a > 100 ? -1 : u) > 0);
	char *none = 0;
	printf("%s\n", none ? none : "(empty)");
	return a > b ? a : 7;
}
