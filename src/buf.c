#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

char buf_empty[1];

void
buf_init(struct buf *b)
{
	b->s = buf_empty;
	b->len = b->alloc = 0;
}

void
buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->s);
	buf_init(b);
}

char *
buf_detach(struct buf *b)
{
	char *s = b->alloc ? b->s : xstrdup("");

	buf_init(b);
	return s;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->alloc)	/* buf_empty is shared, by threads too */
		b->s[0] = '\0';
}

static void
grow(struct buf *b, size_t extra)
{
	char *old = b->alloc ? b->s : NULL;

	b->s = xgrow(old, 1, b->len + extra + 1, &b->alloc);
	if (old == NULL)
		b->s[0] = '\0';
}

void
buf_add(struct buf *b, const void *p, size_t len)
{
	grow(b, len);
	memcpy(b->s + b->len, p, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addch(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(b->s + b->len, b->alloc ? b->alloc - b->len : 0, fmt, ap);
	if (n >= 0 && b->len + (size_t)n + 1 > b->alloc) {
		grow(b, (size_t)n);
		vsnprintf(b->s + b->len, b->alloc - b->len, fmt, again);
	}
	va_end(again);
	if (n >= 0)
		b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
buf_add_json_string(struct buf *b, const char *p, size_t len)
{
	buf_addch(b, '"');
	buf_add_escaped(b, p, len);
	buf_addch(b, '"');
}

void
buf_add_escaped(struct buf *b, const char *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (c) {
		case '"':  buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char u[6] = { '\\', 'u', '0', '0', hex[c >> 4],
					      hex[c & 15] };
				buf_add(b, u, 6);
			} else {
				buf_addch(b, (char)c);
			}
		}
	}
}

void
buf_add_escaped_max(struct buf *b, const char *p, size_t len, size_t max)
{
	size_t cut = max - 3;

	if (len <= max) {
		buf_add_escaped(b, p, len);
		return;
	}
	while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
		cut--;	/* not inside a UTF-8 sequence */
	buf_add_escaped(b, p, cut);
	buf_adds(b, "...");
}
