/* errno.h: the error number set by library calls, with Linux's values. */
#ifndef _ERRNO_H
#define _ERRNO_H

extern int errno;

#define ENOMEM 12   /* out of memory */
#define EINVAL 22   /* invalid argument */
#define EDOM 33     /* argument outside the function's domain */
#define ERANGE 34   /* result out of range */

#endif
