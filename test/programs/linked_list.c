// exit: 15
#include <stdio.h>
#include <stdlib.h>

struct node {
	int value;
	struct node *next;
};

struct node *push(struct node *head, int value)
{
	struct node *n = malloc(sizeof(struct node));
	n->value = value;
	n->next = head;
	return n;
}

struct node *reverse(struct node *head)
{
	struct node *prev = 0;
	while (head) {
		struct node *next = head->next;
		head->next = prev;
		prev = head;
		head = next;
	}
	return prev;
}

int main(void)
{
	struct node *list = 0;
	int i;
	for (i = 1; i <= 5; i++)
		list = push(list, i);
	struct node *n;
	for (n = list; n; n = n->next)
		printf("%d ", n->value);
	printf("\n");
	list = reverse(list);
	int sum = 0;
	for (n = list; n != 0; n = n->next) {
		printf("%d ", n->value);
		sum += n->value;
	}
	printf("\n");
	return sum;
}
