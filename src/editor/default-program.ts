// The program a first-time visitor sees: a loop of printf calls, so Run
// shows the serial console at work, and a non-zero exit code to show that
// the status line reports it.
export const DEFAULT_FILE_NAME = "main.c";

export const DEFAULT_PROGRAM = `#include <stdio.h>

int main(void) {
    int i;
    for (i = 1; i <= 3; i++)
        printf("hello from the unikernel, line %d\\n", i);
    return 0;
}
`;
