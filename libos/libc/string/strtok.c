/* strtok.c: split a string into tokens, keeping the position between calls. */

#include <string.h>

static char *next_token;

char *
strtok(char *s, const char *delimiters)
{
  char *token;

  if (s == NULL)
    s = next_token;
  if (s == NULL)
    return NULL;
  s += strspn(s, delimiters);
  if (*s == '\0') {
    next_token = NULL;
    return NULL;
  }
  token = s;
  s += strcspn(s, delimiters);
  if (*s != '\0')
    *s++ = '\0';
  else
    s = NULL;
  next_token = s;
  return token;
}
