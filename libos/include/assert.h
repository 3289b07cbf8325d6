/* assert.h: assert(), which aborts with the expression, file and line. */

/* No include guard: each inclusion re-reads NDEBUG, as the C standard requires. */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
void __libos_assert_fail(const char *expression, const char *file, int line);
#define assert(e) ((e) ? (void)0 : __libos_assert_fail(#e, __FILE__, __LINE__))
#endif
