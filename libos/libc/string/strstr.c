/* strstr.c: find the first occurrence of needle in haystack. */

#include <string.h>

char *
strstr(const char *haystack, const char *needle)
{
  size_t i;

  for (;; haystack++) {
    for (i = 0; needle[i] != '\0' && haystack[i] == needle[i]; i++)
      ;
    if (needle[i] == '\0')
      return (char *)haystack;
    if (*haystack == '\0')
      return NULL;
  }
}
