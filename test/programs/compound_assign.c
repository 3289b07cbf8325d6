// exit: 6
#include <stdio.h>

int main(void)
{
	int x = 100;
	x += 5;
	printf("%d\n", x);
	x -= 10;
	printf("%d\n", x);
	x *= 3;
	printf("%d\n", x);
	x /= 7;
	printf("%d\n", x);
	x %= 11;
	printf("%d\n", x);
	x <<= 4;
	printf("%d\n", x);
	x >>= 2;
	printf("%d\n", x);
	x &= 0x1c;
	printf("%d\n", x);
	x |= 0x41;
	printf("%d\n", x);
	x ^= 0xff;
	printf("%d\n", x);
	int a[3] = {1, 2, 3};
	int i = 0;
	a[i++] += 10;
	printf("%d %d %d %d\n", a[0], a[1], a[2], i);
	char c = 120;
	c += 10;
	printf("%d\n", c);
	unsigned char uc = 250;
	uc += 10;
	printf("%d\n", uc);
	int *p = a;
	p += 2;
	*p *= 2;
	printf("%d\n", a[2]);
	return *p;
}
