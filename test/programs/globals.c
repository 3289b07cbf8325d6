// exit: 21
#include <stdio.h>

int counter;
int initialized = 7;
int table[5] = {1, 2, 3};
char name[] = "global";
char *greeting = "hi there";
int *ptr_to_table = &table[2];
int *ptr_plus = table + 1;
char letter = 'z';
short small = -2;
unsigned big = 4000000000u;
int negative = -12345;
int matrix[2][2] = {{1, 2}, {3, 4}};
const char *words[] = {"alpha", "beta", "gamma"};
int computed = 3 * 4 + (10 >> 1) - sizeof(int);

void bump(void)
{
	counter += 3;
}

int main(void)
{
	bump();
	bump();
	printf("%d %d\n", counter, initialized);
	printf("%d %d %d %d %d\n", table[0], table[1], table[2], table[3], table[4]);
	printf("%s %s\n", name, greeting);
	printf("%d %d\n", *ptr_to_table, *ptr_plus);
	printf("%c %d %u %d\n", letter, small, big, negative);
	printf("%d\n", matrix[1][0]);
	printf("%s %s %s\n", words[0], words[1], words[2]);
	printf("%d\n", computed);
	printf("%d\n", (int)sizeof(words));
	initialized = counter * 3;
	return initialized + 3;
}
