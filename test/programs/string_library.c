// exit: 0
#include <stdio.h>
#include <string.h>

int main(void)
{
	char buf[32];
	strcpy(buf, "foo");
	strcat(buf, "bar");
	printf("%s %d\n", buf, (int)strlen(buf));
	printf("%d %d %d\n", strcmp("abc", "abc") == 0, strcmp("abc", "abd") < 0, strcmp("b", "a") > 0);
	printf("%d\n", strncmp("hello", "help", 3));
	char *at = strchr(buf, 'b');
	printf("%s\n", at);
	memset(buf, 'x', 5);
	buf[5] = 0;
	printf("%s\n", buf);
	int src[4] = {1, 2, 3, 4};
	int dst[4];
	memcpy(dst, src, sizeof(src));
	printf("%d %d\n", dst[0], dst[3]);
	printf("%d\n", memcmp(src, dst, sizeof(src)));
	return 0;
}
