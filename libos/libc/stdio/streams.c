/* streams.c: the three standard streams, all on the COM1 console. */

#include <stdio.h>

static FILE stdin_file = { 0 };
static FILE stdout_file = { 1 };
static FILE stderr_file = { 2 };

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;
