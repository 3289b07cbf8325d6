// exit: 9
#include <stdio.h>

int main(void)
{
	int i = 5;
	int j = i++;
	printf("%d %d\n", i, j);
	j = ++i;
	printf("%d %d\n", i, j);
	j = i--;
	printf("%d %d\n", i, j);
	j = --i;
	printf("%d %d\n", i, j);
	char c = 127;
	c++;
	printf("%d\n", c);
	unsigned char uc = 0;
	uc--;
	printf("%d\n", uc);
	int arr[4] = {10, 20, 30, 40};
	int *p = arr;
	printf("%d\n", *p++);
	printf("%d\n", *++p);
	printf("%d\n", (*p)++);
	printf("%d\n", arr[2]);
	p--;
	printf("%d\n", *p);
	short s = -32768;
	s--;
	printf("%d\n", s);
	return i + 4;
}
