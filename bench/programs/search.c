/* String search: naive and Horspool search of words in a generated text. */
#include <stdio.h>
#include <string.h>

#define TEXT_SIZE 20000

static char text[TEXT_SIZE + 1];

static int naive_count(const char *haystack, int n, const char *needle, int m) {
  int count = 0;
  for (int i = 0; i + m <= n; i++) {
    int j = 0;
    while (j < m && haystack[i + j] == needle[j]) j++;
    if (j == m) count++;
  }
  return count;
}

static int horspool_count(const char *haystack, int n, const char *needle, int m) {
  int shift[256];
  for (int i = 0; i < 256; i++) shift[i] = m;
  for (int i = 0; i < m - 1; i++) shift[(unsigned char)needle[i]] = m - 1 - i;
  int count = 0;
  int i = 0;
  while (i + m <= n) {
    int j = m - 1;
    while (j >= 0 && haystack[i + j] == needle[j]) j--;
    if (j < 0) count++;
    i += shift[(unsigned char)haystack[i + m - 1]];
  }
  return count;
}

int main(void) {
  static const char *words[] = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "then"};
  unsigned int seed = 99;
  int length = 0;
  while (length < TEXT_SIZE - 8) {
    seed = seed * 1103515245u + 12345u;
    const char *word = words[(seed >> 16) % 10];
    int word_length = (int)strlen(word);
    memcpy(text + length, word, (size_t)word_length);
    length += word_length;
    text[length++] = ' ';
  }
  text[length] = 0;
  static const char *needles[] = {"fox", "the lazy", "dog and", "quick brown fox", "over over", "xyz"};
  unsigned int checksum = 0;
  for (int k = 0; k < 6; k++) {
    int m = (int)strlen(needles[k]);
    int naive = naive_count(text, length, needles[k], m);
    int fast = horspool_count(text, length, needles[k], m);
    if (naive != fast) {
      printf("search mismatch on '%s': %d vs %d\n", needles[k], naive, fast);
      return 1;
    }
    checksum = checksum * 1000u + (unsigned int)naive;
    printf("'%s' %d\n", needles[k], naive);
  }
  printf("search checksum %u\n", checksum);
  return 0;
}
