#include "utf8.h"

#include "buf.h"

size_t
utf8_seq(const char *s, size_t avail, const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char c = p[0];
	size_t n;
	uint32_t cp, min;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, cp = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, cp = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, cp = c & 0x07, min = 0x10000;
	} else {
		*why = c == 0xC0 || c == 0xC1 ? "overlong UTF-8 encoding" :
		    c <= 0xBF ? "UTF-8 continuation byte without a lead byte" :
		    "byte that never occurs in UTF-8";
		return 0;
	}
	if (avail < n) {
		*why = "truncated UTF-8 sequence";
		return 0;
	}
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*why = "truncated UTF-8 sequence";
			return 0;
		}
		cp = cp << 6 | (p[k] & 0x3F);
	}
	if (cp < min)
		*why = "overlong UTF-8 encoding";
	else if (cp >= 0xD800 && cp <= 0xDFFF)
		*why = "UTF-8 encoded UTF-16 surrogate";
	else if (cp > 0x10FFFF)
		*why = "UTF-8 sequence beyond U+10FFFF";
	else
		return n;
	return 0;
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t k = 0; k < len; k++)
		n += ((unsigned char)s[k] & 0xC0) != 0x80;
	return n;
}

void
utf8_add_valid(struct buf *out, const char *s, size_t len)
{
	for (size_t k = 0; k < len;) {
		const char *why;
		size_t n = utf8_seq(s + k, len - k, &why);

		if (n == 0) {
			buf_add(out, "\xEF\xBF\xBD", 3);
			k++;
		} else {
			buf_add(out, s + k, n);
			k += n;
		}
	}
}

/* Decodes the valid sequence at s of length n. */
static uint32_t
decode(const unsigned char *s, size_t n)
{
	static const unsigned char lead_mask[] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	uint32_t cp = s[0] & lead_mask[n];

	for (size_t k = 1; k < n; k++)
		cp = cp << 6 | (s[k] & 0x3F);
	return cp;
}

/* White space (Unicode's Zs, and line ends) and invisible format marks. */
static bool
is_blank(uint32_t cp)
{
	static const struct {
		uint32_t lo, hi;
	} blanks[] = {
		{ 0x09, 0x0D }, { 0x20, 0x20 }, { 0x85, 0x85 },
		{ 0xA0, 0xA0 }, { 0x1680, 0x1680 }, { 0x180E, 0x180E },
		{ 0x2000, 0x200D }, { 0x2028, 0x2029 }, { 0x202F, 0x202F },
		{ 0x205F, 0x2060 }, { 0x3000, 0x3000 }, { 0xFEFF, 0xFEFF },
	};

	for (size_t k = 0; k < sizeof(blanks) / sizeof(blanks[0]); k++)
		if (cp >= blanks[k].lo && cp <= blanks[k].hi)
			return true;
	return false;
}

bool
utf8_blank(const char *s, size_t len)
{
	for (size_t k = 0; k < len;) {
		const char *why;
		size_t n = utf8_seq(s + k, len - k, &why);

		if (n == 0 || !is_blank(decode((const unsigned char *)s + k, n)))
			return false;
		k += n;
	}
	return true;
}
