// exit: 16
#include <stdio.h>

struct inner {
	char tag;
	short code;
};

struct outer {
	char a;
	struct inner in;
	int n;
	char tail[3];
};

struct node {
	int value;
	struct node *next;
};

struct mixed {
	char c1;
	int i;
	char c2;
	short s;
	char c3;
};

int main(void)
{
	struct outer o;
	printf("%d %d %d %d\n", (int)sizeof(struct inner), (int)sizeof(struct outer), (int)sizeof(struct node), (int)sizeof(struct mixed));
	printf("%d %d %d %d\n", (int)((char *)&o.in - (char *)&o), (int)((char *)&o.in.code - (char *)&o),
	       (int)((char *)&o.n - (char *)&o), (int)((char *)&o.tail - (char *)&o));
	o.in.tag = 'T';
	o.in.code = 999;
	o.tail[2] = 'z';
	printf("%c %d %c\n", o.in.tag, o.in.code, o.tail[2]);
	struct node c = {3, 0};
	struct node b = {2, &c};
	struct node a = {1, &b};
	int sum = 0;
	struct node *n;
	for (n = &a; n; n = n->next)
		sum += n->value;
	printf("%d\n", sum);
	printf("%d\n", a.next->next->value);
	return sizeof(struct mixed);
}
