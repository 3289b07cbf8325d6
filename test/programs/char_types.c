// exit: 200
#include <stdio.h>

char sc_global = -3;
unsigned char uc_global = 250;

int main(void)
{
	char c = 200;
	unsigned char u = 200;
	signed char s = -100;
	printf("%d %d %d\n", c, u, s);
	printf("%d\n", c + u);
	int i = 0x1234567f;
	c = i;
	printf("%d\n", c);
	u = -1;
	printf("%d\n", u);
	printf("%d %d\n", sc_global, uc_global);
	printf("%d\n", (char)(uc_global + 10));
	printf("%c%c\n", 72, 'i');
	printf("%d %d\n", 'A', '\n');
	printf("%d\n", '\xff');
	char arr[3] = {-1, 128, 255};
	printf("%d %d %d\n", arr[0], arr[1], arr[2]);
	return u - 55;
}
