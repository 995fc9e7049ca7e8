/*
 * A growable NUL-terminated byte buffer, for messages and JSON Pointers.
 *
 * struct buf b = BUF_INIT;  buf_addf(&b, ...);  use b.s;  buf_release(&b);
 * b.s is never NULL: it points at "" until something is added.
 */
#ifndef CONNLINT_BUF_H
#define CONNLINT_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *s;
	size_t len;
	size_t alloc;
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_init(struct buf *b);
void buf_release(struct buf *b);
char *buf_detach(struct buf *b);	/* the string is the caller's */
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *p, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends p[0..len) as a JSON string literal, quotes included. */
void buf_add_json_string(struct buf *b, const char *p, size_t len);
/* The same without the quotes: control characters become \n, \u0000 ... */
void buf_add_escaped(struct buf *b, const char *p, size_t len);
/*
 * buf_add_escaped() of at most max bytes of p, cut where a UTF-8
 * character starts, then "..." if p was cut: a message names a key, it
 * does not copy a megabyte of one.  max is at least 4.
 */
void buf_add_escaped_max(struct buf *b, const char *p, size_t len,
			 size_t max);

#endif
