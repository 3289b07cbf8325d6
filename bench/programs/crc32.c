/* CRC-32 (IEEE, reflected) with a 256-entry table over a generated buffer. */
#include <stdio.h>

#define SIZE 32768

static unsigned int table[256];
static unsigned char buffer[SIZE];

static void make_table(void) {
  for (unsigned int n = 0; n < 256; n++) {
    unsigned int c = n;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
}

static unsigned int crc32(const unsigned char *data, unsigned int length, unsigned int crc) {
  crc = ~crc;
  for (unsigned int i = 0; i < length; i++) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

/* The bitwise form, for a cross-check on a short prefix. */
static unsigned int crc32_bitwise(const unsigned char *data, unsigned int length) {
  unsigned int crc = 0xFFFFFFFFu;
  for (unsigned int i = 0; i < length; i++) {
    crc ^= data[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

int main(void) {
  make_table();
  unsigned int seed = 7;
  for (int i = 0; i < SIZE; i++) {
    seed = seed * 1664525u + 1013904223u;
    buffer[i] = (unsigned char)(seed >> 24);
  }
  unsigned int crc = 0;
  for (int round = 0; round < 10; round++) crc = crc32(buffer, SIZE, crc);
  unsigned int check = crc32((const unsigned char *)"123456789", 9, 0);
  unsigned int bitwise = crc32_bitwise(buffer, 4096);
  unsigned int tabled = crc32(buffer, 4096, 0);
  printf("crc32 %08x check %08x prefix %08x %s\n", crc, check, bitwise, bitwise == tabled ? "same" : "DIFFERENT");
  return 0;
}
