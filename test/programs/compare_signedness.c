// exit: 5
#include <stdio.h>

int main(void)
{
	int m = -1;
	unsigned one = 1;
	int count = 0;
	printf("%d\n", m < 1);
	printf("%d\n", m < one);
	printf("%d\n", (unsigned)m > 1000u);
	printf("%d\n", -1 < 0u);
	unsigned char uc = 255;
	signed char sc = -1;
	printf("%d\n", uc > sc);
	printf("%d %d %d %d %d %d\n", 3 == 3, 3 != 3, 2 <= 2, 2 >= 3, 5 > 4, 4 < 4);
	long l = -5;
	unsigned long ul = 5;
	printf("%d\n", l < ul);
	if (m < 0)
		count++;
	if (one > 0)
		count++;
	if (m != one)
		count++;
	if (!(m == 0))
		count++;
	if (uc == 255)
		count++;
	return count;
}
