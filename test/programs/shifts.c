// exit: 0
#include <stdio.h>

int main(void)
{
	int s = -256;
	unsigned u = 0x80000000u;
	int n = 4;
	printf("%d %d\n", s >> 4, s << 2);
	printf("%u %u\n", u >> 4, u >> 31);
	printf("%x\n", 1 << 31);
	printf("%d\n", 1 << n);
	printf("%x\n", 0xff << n);
	printf("%d\n", -1 >> 31);
	printf("%u\n", 0xffffffffu >> n);
	char c = -8;
	printf("%d\n", c >> 1);
	unsigned char uc = 200;
	printf("%d\n", uc << 2);
	return 0;
}
