// exit: 8
#include <stdio.h>

short add_shorts(short a, short b)
{
	return a + b;
}

unsigned short twice(unsigned short x)
{
	return x * 2;
}

int main(void)
{
	short s = 32767;
	unsigned short us = 65535;
	printf("%d %d\n", s, us);
	s++;
	us++;
	printf("%d %d\n", s, us);
	printf("%d\n", add_shorts(30000, 30000));
	printf("%d\n", twice(40000));
	short arr[4] = {-1, -2, 300, 400};
	printf("%d %d\n", arr[0] + arr[1], arr[2] * arr[3]);
	printf("%d\n", (int)sizeof(short));
	printf("%hd %hu\n", 70000, 70000);
	long l = 123456789;
	printf("%ld %d\n", l, (int)sizeof(long));
	return sizeof(arr);
}
