// exit: 45
#include <stdio.h>

int sum(int *a, int n)
{
	int s = 0;
	int i;
	for (i = 0; i < n; i++)
		s += a[i];
	return s;
}

int main(void)
{
	int a[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	int b[] = {5, 4, 3};
	int c[5] = {1, 2};
	printf("%d %d\n", sum(a, 10), sum(b, 3));
	printf("%d %d %d %d %d\n", c[0], c[1], c[2], c[3], c[4]);
	printf("%d %d\n", (int)sizeof(a), (int)sizeof(b));
	printf("%d\n", (int)(sizeof(a) / sizeof(a[0])));
	char letters[5];
	int i;
	for (i = 0; i < 4; i++)
		letters[i] = 'a' + i;
	letters[4] = 0;
	printf("%s\n", letters);
	return sum(a, 10);
}
