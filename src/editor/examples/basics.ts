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
  title: { en: "malloc and heap statistics", ko: "malloc과 힙 통계" },
  files: {
    "main.c": String.raw`/* Allocate a linked list on the heap, read the heap statistics, free it.
   힙에 연결 리스트를 만들고, 힙 통계를 읽은 뒤 해제합니다. */
#include <stdio.h>
#include <stdlib.h>
#include <unikernel.h>

struct node {
    int value;
    struct node *next;
};

static void show(const char *when) {
    struct heap_stats stats;
    heap_get_stats(&stats);
    /* used_bytes counts what the app asked for; blocks add headers and canaries.
       used_bytes는 앱이 요청한 바이트이고, 블록에는 헤더와 카나리가 더해집니다. */
    printf("%s: %u blocks, %u bytes used, peak %u\n", when, stats.used_blocks, stats.used_bytes, stats.peak_used_bytes);
}

int main(void) {
    struct node *head = 0;
    struct node *n;
    int sum = 0;
    int i;

    show("start");
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
    show("after malloc");
    /* heap_check walks every block and panics on a broken canary.
       heap_check는 모든 블록을 살피고 카나리가 깨졌으면 패닉합니다. */
    printf("heap_check: %d blocks intact\n", heap_check());

    while (head) {
        n = head->next;
        free(head);
        head = n;
    }
    show("after free");
    return 0;
}
`,
  },
  expect: [
    /^start: 0 blocks, 0 bytes used, peak 0$/,
    /^list of 100 nodes, sum 5050$/,
    /^after malloc: 100 blocks, 800 bytes used, peak 800$/,
    /^heap_check: 100 blocks intact$/,
    /^after free: 0 blocks, 0 bytes used, peak 800$/,
  ],
  exit: 0,
};

export const setjmpExample: Example = {
  id: "setjmp",
  title: { en: "setjmp and longjmp", ko: "setjmp와 longjmp" },
  files: {
    "main.c": String.raw`/* Error recovery with setjmp/longjmp: divide() jumps back to the loop on a zero.
   setjmp/longjmp로 오류에서 복구합니다: divide()는 0을 만나면 반복문으로 되돌아갑니다. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf on_error;

static int divide(int a, int b) {
    if (b == 0) longjmp(on_error, 1);
    return a / b;
}

int main(void) {
    int divisors[3] = {5, 0, 2};
    int i;
    for (i = 0; i < 3; i++) {
        /* setjmp returns 0 now, and 1 again when divide calls longjmp.
           setjmp는 지금 0을, divide가 longjmp를 부르면 다시 1을 반환합니다. */
        if (setjmp(on_error) == 0) {
            printf("100 / %d = %d\n", divisors[i], divide(100, divisors[i]));
        } else {
            printf("100 / %d: division by zero, recovered\n", divisors[i]);
        }
    }
    return 0;
}
`,
  },
  expect: [/^100 \/ 5 = 20$/, /^100 \/ 0: division by zero, recovered$/, /^100 \/ 2 = 50$/],
  exit: 0,
};
