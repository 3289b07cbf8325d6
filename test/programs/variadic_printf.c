// exit: 0
#include <stdio.h>

int main(void)
{
	char c = 'q';
	signed char neg = -5;
	unsigned char uc = 240;
	short s = -1234;
	unsigned short us = 60000;
	printf("%c %d %d %d %u\n", c, neg, uc, s, us);
	printf("%5d|%-5d|%05d\n", 42, 42, 42);
	printf("%x %X %o %#x\n", 255, 255, 8, 48879);
	printf("%s|%10s|%-10s|\n", "str", "right", "left");
	printf("%.3s\n", "truncate");
	printf("%%d literally\n");
	printf("%d %d %d %d %d %d\n", 1, 2, 3, 4, 5, 6);
	int n = printf("count me\n");
	printf("%d\n", n);
	printf("%p\n", (void *)0x1000);
	printf("%+d % d\n", 7, 7);
	return 0;
}
