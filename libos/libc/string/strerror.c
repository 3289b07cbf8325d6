/* strerror.c: messages for the errno values errno.h defines, worded as glibc words them. */

#include <errno.h>
#include <string.h>

char *
strerror(int errnum)
{
  switch (errnum) {
  case 0:
    return "Success";
  case ENOMEM:
    return "Cannot allocate memory";
  case EINVAL:
    return "Invalid argument";
  case EDOM:
    return "Numerical argument out of domain";
  case ERANGE:
    return "Numerical result out of range";
  default:
    return "Unknown error";
  }
}
