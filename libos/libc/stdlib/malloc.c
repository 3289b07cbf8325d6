/* malloc.c: a first-fit heap between the end of the image and the end of RAM. */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unikernel.h>
#include "../../kernel/kernel.h"

#define BLOCK_ALIGN 16               /* payload alignment, as glibc's on i386 */
#define MIN_BLOCK 32                 /* header plus the smallest payload */
#define MAGIC_USED 0x75736564        /* "used": the block belongs to the app */
#define MAGIC_FREE 0x66726565        /* "free": the block is on the free list */
#define FREE_JUNK 0x01               /* fills freed payloads to expose dangling use */
#define MAX_REQUEST 0x7FFFFFF0       /* larger requests fail before rounding overflows */
#define CANARY 0xFD                  /* fills the bytes right after each payload */
#define CANARY_BYTES 4

/* The header before every payload; 16 bytes keep payloads 16-byte aligned. */
struct block {
  size_t size;         /* bytes including this header, a multiple of BLOCK_ALIGN */
  struct block *next;  /* next free block by address, while on the free list */
  unsigned int magic;  /* MAGIC_USED or MAGIC_FREE */
  size_t requested;    /* payload bytes the app asked for, while used */
};

static struct block *free_list;  /* free blocks, sorted by address */
static char *heap_start;         /* 0 until the first call */
static char *heap_top;           /* start of the memory no block has used yet */
static char *heap_end;
static struct heap_stats stats;

/* The heap spans what paging_init set aside after the app stack, up to the end of its RAM region. */
static void
heap_init(void)
{
  uint32_t start, end;

  start = libos_heap_start != 0 ? libos_heap_start : (uint32_t)_end;
  start = (start + BLOCK_ALIGN - 1) & ~(uint32_t)(BLOCK_ALIGN - 1);
  end = libos_heap_end > start ? libos_heap_end : start;

  heap_start = (char *)start;
  heap_top = heap_start;
  heap_end = (char *)(end & ~(uint32_t)(BLOCK_ALIGN - 1));
}

static void
set_canary(struct block *b)
{
  memset((char *)(b + 1) + b->requested, CANARY, CANARY_BYTES);
}

static int
canary_intact(struct block *b)
{
  unsigned char *p = (unsigned char *)(b + 1) + b->requested;
  int i;

  for (i = 0; i < CANARY_BYTES; i++) {
    if (p[i] != CANARY)
      return 0;
  }
  return 1;
}

/* Returns the header of a payload from malloc; panics on any other pointer and on an overwritten canary. */
static struct block *
block_of(void *ptr, const char *func, void *caller)
{
  struct block *b = (struct block *)ptr - 1;

  if ((uint32_t)ptr % BLOCK_ALIGN != 0 || (char *)b < heap_start || (char *)ptr >= heap_end)
    libos_panic(func, "pointer outside the heap", caller);
  if (b->magic == MAGIC_FREE)
    libos_panic(func, "pointer already freed", caller);
  if (b->magic != MAGIC_USED)
    libos_panic(func, "pointer not returned by malloc or heap corrupted", caller);
  if (!canary_intact(b))
    libos_panic(func, "heap overflow: bytes written past the end of the block", caller);
  return b;
}

/* Takes need bytes from the front of free block b, which prev links to. */
static struct block *
take_free(struct block *prev, struct block *b, size_t need)
{
  struct block *rest, *next = b->next;

  if (b->size - need >= MIN_BLOCK) {
    rest = (struct block *)((char *)b + need);
    rest->size = b->size - need;
    rest->magic = MAGIC_FREE;
    rest->next = next;
    next = rest;
    b->size = need;
  }
  if (prev != 0)
    prev->next = next;
  else
    free_list = next;
  return b;
}

void *
malloc(size_t size)
{
  struct block *b, *prev;
  size_t need;

  if (heap_start == 0)
    heap_init();
  if (size > MAX_REQUEST) {
    errno = ENOMEM;
    return NULL;
  }
  need = sizeof(struct block) + ((size + CANARY_BYTES + BLOCK_ALIGN - 1) & ~(size_t)(BLOCK_ALIGN - 1));
  if (need < MIN_BLOCK)
    need = MIN_BLOCK;

  for (prev = 0, b = free_list; b != 0; prev = b, b = b->next) {
    if (b->size >= need)
      break;
  }
  if (b != 0) {
    b = take_free(prev, b, need);
  } else {
    if ((size_t)(heap_end - heap_top) < need) {
      errno = ENOMEM;
      return NULL;
    }
    b = (struct block *)heap_top;
    b->size = need;
    heap_top += need;
  }
  b->magic = MAGIC_USED;
  b->next = 0;
  b->requested = size;
  set_canary(b);
  stats.used_blocks++;
  stats.used_bytes += size;
  stats.block_bytes += b->size;
  stats.malloc_calls++;
  if (stats.used_bytes > stats.peak_used_bytes)
    stats.peak_used_bytes = stats.used_bytes;
  return b + 1;
}

/* Merges b with the free block right after it, if there is one. */
static void
merge_next(struct block *b)
{
  struct block *next = b->next;

  if (next != 0 && (char *)b + b->size == (char *)next) {
    b->size += next->size;
    b->next = next->next;
  }
}

/* Returns the last free block to the untouched memory if it ends at heap_top. */
static void
release_top(void)
{
  struct block *p, *prev = 0;

  if (free_list == 0)
    return;
  for (p = free_list; p->next != 0; p = p->next)
    prev = p;
  if ((char *)p + p->size != heap_top)
    return;
  heap_top = (char *)p;
  if (prev != 0)
    prev->next = 0;
  else
    free_list = 0;
}

void
free(void *ptr)
{
  struct block *b, *prev, *p;

  if (ptr == NULL)
    return;
  b = block_of(ptr, "free", __builtin_return_address(0));
  stats.used_blocks--;
  stats.used_bytes -= b->requested;
  stats.block_bytes -= b->size;
  stats.free_calls++;
  memset(ptr, FREE_JUNK, b->size - sizeof(struct block));
  b->magic = MAGIC_FREE;

  prev = 0;
  for (p = free_list; p != 0 && p < b; p = p->next)
    prev = p;
  b->next = p;
  if (prev != 0)
    prev->next = b;
  else
    free_list = b;
  merge_next(b);
  if (prev != 0)
    merge_next(prev);

  release_top();
}

void *
calloc(size_t count, size_t size)
{
  void *p;

  if (size != 0 && count > MAX_REQUEST / size) {
    errno = ENOMEM;
    return NULL;
  }
  p = malloc(count * size);
  if (p != NULL)
    memset(p, 0, count * size);
  return p;
}

/* realloc(p, 0) frees p and returns NULL, as glibc does. */
void *
realloc(void *ptr, size_t size)
{
  struct block *b;
  void *p;

  if (ptr == NULL)
    return malloc(size);
  if (size == 0) {
    free(ptr);
    return NULL;
  }
  b = block_of(ptr, "realloc", __builtin_return_address(0));
  if (b->size - sizeof(struct block) >= size + CANARY_BYTES) {
    stats.used_bytes = stats.used_bytes - b->requested + size;
    if (stats.used_bytes > stats.peak_used_bytes)
      stats.peak_used_bytes = stats.used_bytes;
    b->requested = size;
    set_canary(b);
    return ptr;
  }
  p = malloc(size);
  if (p == NULL)
    return NULL;
  memcpy(p, ptr, b->requested);
  free(ptr);
  return p;
}

void
heap_get_stats(struct heap_stats *result)
{
  struct block *b;

  if (heap_start == 0)
    heap_init();
  stats.heap_bytes = heap_end - heap_start;
  stats.free_blocks = 0;
  for (b = free_list; b != 0; b = b->next)
    stats.free_blocks++;
  *result = stats;
}

/*
 * Walks every block from the start of the heap and panics at the first
 * broken one: a header that is neither used nor free, a size that leaves
 * the heap, or a used block whose canary was overwritten.
 */
int
heap_check(void)
{
  char *p;
  struct block *b;
  int blocks = 0;
  void *caller = __builtin_return_address(0);

  if (heap_start == 0)
    heap_init();
  for (p = heap_start; p < heap_top; p += b->size) {
    b = (struct block *)p;
    if (b->magic != MAGIC_USED && b->magic != MAGIC_FREE)
      libos_panic("heap_check", "block header overwritten", caller);
    if (b->size < MIN_BLOCK || b->size % BLOCK_ALIGN != 0 || b->size > (size_t)(heap_top - p))
      libos_panic("heap_check", "block size overwritten", caller);
    if (b->magic == MAGIC_USED && !canary_intact(b))
      libos_panic("heap_check", "heap overflow: bytes written past the end of a block", caller);
    blocks++;
  }
  return blocks;
}
