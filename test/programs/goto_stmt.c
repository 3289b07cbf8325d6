// exit: 10
#include <stdio.h>

int find(int *a, int n, int key)
{
	int i;
	for (i = 0; i < n; i++) {
		if (a[i] == key)
			goto found;
	}
	return -1;
found:
	return i;
}

int main(void)
{
	int a[5] = {4, 8, 15, 16, 23};
	printf("%d %d\n", find(a, 5, 16), find(a, 5, 42));
	int n = 0;
again:
	n++;
	if (n < 10)
		goto again;
	printf("%d\n", n);
	return n;
}
