#include "AllocationCounter.h"
#include <stdlib.h>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
// Sanitizers bring their own malloc; replacing it breaks them.
#define ALLOCATION_COUNTER_OFF 1
#endif
#endif

#if defined(__linux__) && defined(__GLIBC__) && !defined(ALLOCATION_COUNTER_OFF)
// The C library's own entry points, which these wrappers forward to.
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

// Per thread, so tests running in parallel do not count each other's allocations.
static __thread long count;

void *malloc(size_t n) { count++; return __libc_malloc(n); }
void *calloc(size_t m, size_t n) { count++; return __libc_calloc(m, n); }
void *realloc(void *p, size_t n) { count++; return __libc_realloc(p, n); }

int allocation_counter_available(void) { return 1; }
void allocation_counter_reset(void) { count = 0; }
long allocation_counter_value(void) { return count; }
#else
int allocation_counter_available(void) { return 0; }
void allocation_counter_reset(void) {}
long allocation_counter_value(void) { return 0; }
#endif
