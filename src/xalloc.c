#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
xalloc_failed(size_t size)
{
	fprintf(stderr, "connlint: out of memory (%zu bytes)\n", size);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		xalloc_failed(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		xalloc_failed(n * size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		xalloc_failed(size);
	return p;
}

void *
xgrow(void *p, size_t size, size_t n, size_t *alloc)
{
	size_t want;

	if (n <= *alloc)
		return p;
	want = *alloc ? *alloc : 8;
	while (want < n) {
		if (want > SIZE_MAX / 2 / size)
			xalloc_failed(SIZE_MAX);
		want *= 2;
	}
	*alloc = want;
	return xrealloc(p, want * size);
}

char *
xmemdup(const void *p, size_t len)
{
	char *s = xmalloc(len + 1);

	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}
