// exit: 11
#include <stdio.h>
#include <string.h>

int main(void)
{
	char greeting[] = "hello";
	char exact[5] = "world";
	char padded[10] = "abc";
	const char *msg = "literal " "concatenation";
	printf("%s %d\n", greeting, (int)sizeof(greeting));
	printf("%c%c%c%c%c\n", exact[0], exact[1], exact[2], exact[3], exact[4]);
	printf("%s %d %d\n", padded, padded[3], padded[9]);
	printf("%s\n", msg);
	printf("%d\n", (int)strlen(msg));
	printf("%c\n", "xyz"[1]);
	printf("tab\there, quote \" backslash \\ \x41\101\n");
	greeting[0] = 'j';
	printf("%s\n", greeting);
	char *p = greeting;
	int n = 0;
	while (*p++)
		n++;
	printf("%d\n", n);
	printf("%d\n", (int)sizeof("four"));
	return strlen("hello world");
}
