// Gallery examples about C on the library OS: output, formats, input, a
// shell, the heap and setjmp.
import type { Example } from "./types";

export const hello: Example = {
  id: "hello",
  title: { en: "Hello, world", ko: "Hello, world" },
  files: {
    "main.c": String.raw`/* The smallest app: the library OS boots, sets up COM1 and calls main.
   가장 작은 앱: 라이브러리 OS가 부팅하고 COM1을 준비한 뒤 main을 부릅니다. */
#include <stdio.h>

int main(void) {
    /* printf writes to the serial port COM1, shown in the console.
       printf는 시리얼 포트 COM1에 쓰고, 콘솔에 보입니다. */
    printf("hello, world\n");
    /* The exit code goes to the host through an I/O port.
       종료 코드는 I/O 포트를 거쳐 호스트로 전달됩니다. */
    return 0;
}
`,
  },
  expect: [/^hello, world$/],
  exit: 0,
};

export const printfFormats: Example = {
  id: "printf-formats",
  title: { en: "printf formats", ko: "printf 서식" },
  files: {
    "main.c": String.raw`/* printf conversions of the library OS's own formatter.
   라이브러리 OS의 printf 서식 변환을 보여 줍니다. */
#include <stdio.h>

int main(void) {
    int n = -42;
    unsigned int u = 3000000000u;
    printf("%%d  [%d]\n", n);
    printf("%%u  [%u]\n", u);
    printf("%%x  [%x] %%X [%X] %%o [%o]\n", 255, 255, 8);
    /* Width, left alignment and zero padding. / 너비, 왼쪽 정렬, 0 채우기. */
    printf("%%5d [%5d] %%-5d [%-5d] %%05d [%05d]\n", 42, 42, 42);
    printf("%%c  [%c] %%s [%s] %%.3s [%.3s]\n", 'A', "text", "abcdef");
    printf("%%lld [%lld]\n", 1LL << 40);
    printf("%%.2f [%.2f]\n", 3.14159);
    printf("%%p  [%p]\n", (void *)0x1000);
    return 0;
}
`,
  },
  expect: [
    /^%d {2}\[-42\]$/,
    /^%u {2}\[3000000000\]$/,
    /^%x {2}\[ff\] %X \[FF\] %o \[10\]$/,
    /^%5d \[ {3}42\] %-5d \[42 {3}\] %05d \[00042\]$/,
    /^%c {2}\[A\] %s \[text\] %\.3s \[abc\]$/,
    /^%lld \[1099511627776\]$/,
    /^%\.2f \[3\.14\]$/,
    /^%p {2}\[0x0*1000\]$/,
  ],
  exit: 0,
};

export const serialEcho: Example = {
  id: "serial-echo",
  title: { en: "Serial echo", ko: "시리얼 에코" },
  files: {
    "main.c": String.raw`/* Read keys from COM1 and echo them in upper case; '.' ends the program.
   COM1에서 키를 읽어 대문자로 되돌려 보냅니다. '.'을 누르면 끝납니다.
   Click the console and type. / 콘솔을 누르고 입력하세요. */
#include <ctype.h>
#include <stdio.h>

int main(void) {
    int c;
    int count = 0;
    printf("type letters, '.' to stop\n");
    /* getchar polls the UART until a byte arrives.
       getchar는 바이트가 올 때까지 UART를 확인합니다. */
    while ((c = getchar()) != '.') {
        putchar(toupper(c));
        count++;
    }
    printf("\necho: %d characters\n", count);
    return 0;
}
`,
  },
  input: "hello.",
  expect: [/^type letters, '\.' to stop$/, /^HELLO$/, /^echo: 5 characters$/],
  exit: 0,
};

export const tinyShell: Example = {
  id: "tiny-shell",
  title: { en: "Tiny shell over serial", ko: "시리얼 위의 작은 셸" },
  files: {
    "main.c": String.raw`/* A command shell over COM1: help, echo, add, exit.
   COM1 위의 명령 셸: help, echo, add, exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads one line, echoing each key, since the UART does not echo.
   UART는 입력을 되돌려 주지 않으므로 한 줄을 읽으며 직접 출력합니다. */
static void read_line(char *line, int size) {
    int length = 0;
    int c;
    while ((c = getchar()) != '\r' && c != '\n') {
        if (length < size - 1) {
            line[length++] = (char)c;
            putchar(c);
        }
    }
    line[length] = 0;
    putchar('\n');
}

int main(void) {
    char line[80];
    printf("tiny shell: help, echo TEXT, add A B, exit\n");
    for (;;) {
        char *command;
        printf("> ");
        read_line(line, sizeof line);
        command = strtok(line, " ");
        if (command == 0) continue;
        if (strcmp(command, "help") == 0) {
            printf("commands: help echo add exit\n");
        } else if (strcmp(command, "echo") == 0) {
            char *word;
            while ((word = strtok(0, " ")) != 0) printf("%s ", word);
            printf("\n");
        } else if (strcmp(command, "add") == 0) {
            char *a = strtok(0, " ");
            char *b = strtok(0, " ");
            if (a && b) printf("%ld\n", strtol(a, 0, 10) + strtol(b, 0, 10));
            else printf("usage: add A B\n");
        } else if (strcmp(command, "exit") == 0) {
            printf("bye\n");
            return 0;
        } else {
            printf("unknown command: %s\n", command);
        }
    }
}
`,
  },
  input: "add 2 40\rexit\r",
  expect: [/^tiny shell: help, echo TEXT, add A B, exit$/, /^> add 2 40$/, /^42$/, /^> exit$/, /^bye$/],
  exit: 0,
};

export const heap: Example = {
  id: "malloc-heap",
  title: { en: "malloc and the heap", ko: "malloc과 힙" },
  files: {
    "main.c": String.raw`/* Allocate a linked list on the heap, sum it and free it again.
   힙에 연결 리스트를 만들고, 합을 구한 뒤 다시 해제합니다. */
#include <stdio.h>
#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};

int main(void) {
    struct node *head = 0;
    struct node *n;
    char *first;
    char *again;
    int sum = 0;
    int i;

    for (i = 1; i <= 100; i++) {
        n = malloc(sizeof *n);
        if (n == 0) {
            printf("out of memory\n");
            return 1;
        }
        n->value = i;
        n->next = head;
        head = n;
    }
    for (n = head; n; n = n->next) sum += n->value;
    printf("list of 100 nodes, sum %d\n", sum);
    /* Every block is aligned for any type. / 모든 블록은 어떤 타입에도 맞게 정렬됩니다. */
    printf("aligned to 8: %s\n", ((unsigned long)head & 7) == 0 ? "yes" : "no");

    while (head) {
        n = head->next;
        free(head);
        head = n;
    }
    /* A freed block is reused by the next request of the same size.
       해제된 블록은 같은 크기의 다음 요청에 다시 쓰입니다. */
    first = malloc(64);
    free(first);
    again = malloc(64);
    printf("freed block reused: %s\n", first == again ? "yes" : "no");
    free(again);
    return 0;
}
`,
  },
  expect: [/^list of 100 nodes, sum 5050$/, /^aligned to 8: yes$/, /^freed block reused: (yes|no)$/],
  exit: 0,
};

export const setjmpExample: Example = {
  id: "setjmp",
  title: { en: "setjmp and longjmp", ko: "setjmp와 longjmp" },
  files: {
    "main.c": String.raw`/* Error recovery with setjmp/longjmp, implemented in jump.s.
   jump.s에 구현한 setjmp/longjmp로 오류에서 복구합니다. */
#include <stdio.h>

/* Saved registers: ebx, esi, edi, ebp, esp, return address.
   저장하는 레지스터: ebx, esi, edi, ebp, esp, 복귀 주소. */
typedef unsigned int jump_buffer[6];
int save_context(jump_buffer buffer);
void jump_back(jump_buffer buffer, int value);

static jump_buffer on_error;

static int divide(int a, int b) {
    if (b == 0) jump_back(on_error, 1);
    return a / b;
}

int main(void) {
    int divisors[3] = {5, 0, 2};
    int i;
    for (i = 0; i < 3; i++) {
        /* save_context returns 0 now, and 1 again when divide jumps back.
           save_context는 지금 0을, divide가 되돌아올 때 1을 반환합니다. */
        if (save_context(on_error) == 0) {
            printf("100 / %d = %d\n", divisors[i], divide(100, divisors[i]));
        } else {
            printf("100 / %d: division by zero, recovered\n", divisors[i]);
        }
    }
    return 0;
}
`,
    "jump.s": String.raw`# jump.s: setjmp and longjmp for i386 cdecl. / i386 cdecl용 setjmp와 longjmp.
	.text
	.globl	save_context
	.type	save_context, @function
save_context:
	movl	4(%esp), %eax
	movl	%ebx, 0(%eax)
	movl	%esi, 4(%eax)
	movl	%edi, 8(%eax)
	movl	%ebp, 12(%eax)
	leal	4(%esp), %ecx
	movl	%ecx, 16(%eax)
	movl	(%esp), %ecx
	movl	%ecx, 20(%eax)
	xorl	%eax, %eax
	ret

	.globl	jump_back
	.type	jump_back, @function
jump_back:
	movl	4(%esp), %edx
	movl	8(%esp), %eax
	movl	0(%edx), %ebx
	movl	4(%edx), %esi
	movl	8(%edx), %edi
	movl	12(%edx), %ebp
	movl	16(%edx), %esp
	jmp	*20(%edx)
`,
  },
  expect: [/^100 \/ 5 = 20$/, /^100 \/ 0: division by zero, recovered$/, /^100 \/ 2 = 50$/],
  exit: 0,
};
