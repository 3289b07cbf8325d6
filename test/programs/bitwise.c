// exit: 15
#include <stdio.h>

int main(void)
{
	unsigned a = 0xF0F0, b = 0x0FF0;
	int x = -1;
	printf("%x %x %x\n", a & b, a | b, a ^ b);
	printf("%x\n", ~a);
	printf("%d\n", ~x);
	printf("%d\n", ~0);
	printf("%x\n", (a >> 4) & 0xF);
	int flags = 0;
	flags |= 1 << 3;
	flags |= 1 << 0;
	flags &= ~1;
	flags ^= 6;
	printf("%d\n", flags);
	return 0xF;
}
