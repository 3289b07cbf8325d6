// The program shown on a first visit: a loop of printf calls, so that the
// first Run fills the serial console.
export const DEFAULT_FILE_NAME = "main.c";

export const DEFAULT_PROGRAM = `#include <stdio.h>

int main(void) {
    int i;
    for (i = 1; i <= 3; i++)
        printf("hello from the unikernel, line %d\\n", i);
    return 0;
}
`;
