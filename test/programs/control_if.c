// exit: 2
#include <stdio.h>

const char *classify(int n)
{
	if (n < 0)
		return "negative";
	else if (n == 0)
		return "zero";
	else if (n < 10)
		return "small";
	else
		return "large";
}

int main(void)
{
	int values[5] = {-3, 0, 4, 25, 9};
	int i;
	int small = 0;
	for (i = 0; i < 5; i++) {
		printf("%d is %s\n", values[i], classify(values[i]));
		if (values[i] > 0)
			if (values[i] < 10)
				small++;
			else
				printf("dangling else binds inner\n");
	}
	if (small)
		;
	return small;
}
