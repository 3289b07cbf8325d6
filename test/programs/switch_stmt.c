// exit: 4
#include <stdio.h>

int days_in_month(int m)
{
	switch (m) {
	case 2:
		return 28;
	case 4:
	case 6:
	case 9:
	case 11:
		return 30;
	default:
		return 31;
	}
}

int main(void)
{
	int i;
	for (i = 1; i <= 12; i++)
		printf("%d ", days_in_month(i));
	printf("\n");
	int fall = 0;
	switch (3) {
	case 1:
		fall += 1;
	case 3:
		fall += 3;
	case 4:
		fall += 4;
		break;
	case 5:
		fall += 100;
	}
	printf("%d\n", fall);
	int hits = 0;
	for (i = 0; i < 6; i++) {
		switch (i % 3) {
		case 0:
			continue;
		case 1:
			hits++;
			break;
		}
		printf("after %d\n", i);
	}
	switch (-1) {
	case -1:
		printf("negative case\n");
	}
	char ch = 'b';
	switch (ch) {
	case 'a':
		printf("a\n");
		break;
	case 'b':
		printf("b\n");
		break;
	}
	return hits + 2;
}
