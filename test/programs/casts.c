// exit: 44
#include <stdio.h>

int main(void)
{
	int big = 300;
	printf("%d %d\n", (char)big, (unsigned char)big);
	printf("%d\n", (short)70000);
	printf("%u\n", (unsigned)-1);
	printf("%d\n", (int)3000000000u);
	int x = 65;
	char *cp = (char *)&x;
	printf("%d\n", *cp);
	unsigned addr = (unsigned)cp;
	printf("%d\n", (char *)addr == cp);
	long l = (long)'A';
	printf("%ld\n", l);
	printf("%d\n", (signed char)0x80);
	printf("%d\n", (unsigned short)-2);
	void *v = &x;
	printf("%d\n", *(int *)v);
	(void)x;
	return (unsigned char)300;
}
