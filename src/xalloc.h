/*
 * Allocation that cannot fail: on exhaustion these print a message and
 * abort, so callers never check their results.  Every pointer they return
 * is the caller's, to be released with free().
 */
#ifndef CONNLINT_XALLOC_H
#define CONNLINT_XALLOC_H

#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Says that memory ran out, and aborts: for allocators of other libraries. */
void xalloc_failed(size_t size) __attribute__((noreturn));

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grows *p to hold at least n items of size, doubling; *alloc tracks it. */
void *xgrow(void *p, size_t size, size_t n, size_t *alloc);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t len);	/* adds a NUL */

#endif
