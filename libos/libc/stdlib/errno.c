/* errno.c: the error number set by library calls. */

#include <errno.h>

int errno;
