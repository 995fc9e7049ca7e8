#include "scan.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "utf8.h"
#include "xalloc.h"

struct frame {
	uint32_t node;
	uint32_t last;		/* its last child so far, or NODE_NONE */
};

struct scanner {
	const unsigned char *p;
	size_t len, i;
	struct tree *t;
	struct scan_error *err;
	struct frame *stack;
	size_t depth, max_depth;
	uint32_t *slots;	/* scratch for finding repeated keys */
	size_t slots_alloc;
	size_t in_string;	/* the open quote while in a string, or 0 */
	bool has_key;		/* the key of the next value, if any: */
	bool key_has_nul;
	uint32_t key_off, key_end, key, key_len;
};

static int
fail(struct scanner *s, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct scanner *s, size_t off, const char *fmt, ...)
{
	va_list ap;

	s->err->off = off;
	va_start(ap, fmt);
	vsnprintf(s->err->msg, sizeof(s->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Names the byte at off for a message: 'x', NUL byte, byte 0xff ... */
static const char *
describe(const struct scanner *s, size_t off, char *out, size_t size)
{
	unsigned char c;

	if (off >= s->len)
		return "end of input";
	c = s->p[off];
	if (c == 0)
		snprintf(out, size, "NUL byte");
	else if (c < 0x20 || c == 0x7f)
		snprintf(out, size, "control character U+%04X", c);
	else if (c >= 0x80)
		snprintf(out, size, "byte 0x%02X", c);
	else
		snprintf(out, size, "'%c'", c);
	return out;
}

static int
fail_at_eof(struct scanner *s, const char *expected)
{
	if (s->in_string > 0) {
		s->err->note_off = s->in_string - 1;
		s->err->note = "the string starts here";
	} else if (s->depth > 0) {
		const struct node *open = &s->t->nodes[s->stack[s->depth - 1].node];

		s->err->note_off = open->off;
		s->err->note = open->type == J_OBJECT ?
		    "the object starts here" : "the array starts here";
	}
	return fail(s, s->len, "unexpected end of input%s; expected %s",
		    s->in_string > 0 ? " in a string" : "", expected);
}

static inline void
skip_ws(struct scanner *s)
{
	while (s->i < s->len) {
		unsigned char c = s->p[s->i];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		s->i++;
	}
}

/*
 * Grows an array only when it must.  The scanner adds to its arrays once
 * per node and key, and calling xgrow each time cost more than the check.
 */
static inline void *
grow(void *p, size_t size, size_t n, size_t *alloc)
{
	return n <= *alloc ? p : xgrow(p, size, n, alloc);
}

static uint32_t
new_node(struct scanner *s, enum jtype type)
{
	struct tree *t = s->t;
	struct node *n;
	uint32_t idx = (uint32_t)t->n;

	t->nodes = grow(t->nodes, sizeof(*t->nodes), t->n + 1, &t->alloc);
	n = &t->nodes[t->n++];
	memset(n, 0, sizeof(*n));
	n->type = (uint8_t)type;
	n->off = n->end = (uint32_t)s->i;
	n->parent = n->next = n->first = NODE_NONE;
	if (s->depth > 0) {
		struct frame *f = &s->stack[s->depth - 1];

		n->parent = f->node;
		if (t->nodes[f->node].type == J_ARRAY)
			n->key = t->nodes[f->node].count;
		if (f->last == NODE_NONE)
			t->nodes[f->node].first = idx;
		else
			t->nodes[f->last].next = idx;
		f->last = idx;
		t->nodes[f->node].count++;
	}
	if (s->has_key) {
		n->key_off = s->key_off;
		n->key_end = s->key_end;
		n->key = s->key;
		n->key_len = s->key_len;
		if (s->key_has_nul)
			t->nodes[n->parent].flags |= NODE_KEY_CLASH;
		s->has_key = false;
	}
	return idx;
}

static int
hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* Checks the escape whose backslash is at s->p[*at], and steps over it. */
static int
scan_escape(struct scanner *s, size_t *at)
{
	static const char short_escapes[] = "\"\\/bfnrt";
	size_t i = *at;
	unsigned char c;
	char what[40];

	if (i + 1 >= s->len)
		return fail_at_eof(s, "an escape after '\\'");
	c = s->p[i + 1];
	if (c != 'u') {
		if (c == '\0' || strchr(short_escapes, c) == NULL)
			return fail(s, i + 1, "invalid escape: %s cannot follow "
				    "'\\' (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
				    "\\uXXXX)",
				    describe(s, i + 1, what, sizeof(what)));
		*at = i + 2;
		return 0;
	}
	for (size_t k = i + 2; k < i + 6; k++) {
		if (k >= s->len)
			return fail_at_eof(s, "4 hex digits after \\u");
		if (hex_digit(s->p[k]) < 0)
			return fail(s, k, "invalid \\u escape: %s is not a hex "
				    "digit", describe(s, k, what, sizeof(what)));
	}
	*at = i + 6;
	return 0;
}

/*
 * The bytes a string holds as they are: all but '"', '\', the control
 * characters, and the bytes of UTF-8 sequences, which are checked.  Most
 * of a connection file is strings: one lookup a byte, in a loop over a
 * pointer (5 instructions a byte; 9 over an index), made strings a third
 * as costly as testing each byte for each of those.
 */
static const unsigned char plain_in_string[256] = {
	[0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 22 " */
	[0x30] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x40] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 5C \ */
	[0x60] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x70] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/*
 * A string's plain bytes are skipped eight at a time.  The word is put
 * together little-endian whatever the host's order (compilers make it
 * one load), so that its lowest byte is the first.
 */
#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

static inline uint64_t
load8(const unsigned char *q)
{
	return (uint64_t)q[0] | (uint64_t)q[1] << 8 | (uint64_t)q[2] << 16 |
	       (uint64_t)q[3] << 24 | (uint64_t)q[4] << 32 |
	       (uint64_t)q[5] << 40 | (uint64_t)q[6] << 48 |
	       (uint64_t)q[7] << 56;
}

/*
 * 0x80 in each byte of v that is not plain_in_string: '"', '\', below
 * 0x20, or 0x80 and above.  A byte x - c borrows, and so has its top
 * bit set, when x < c; x ^ '"' - 1 borrows when x is '"'.  A borrow
 * runs into the byte above, which may be flagged wrongly, but only above
 * a byte rightly flagged: the lowest flagged byte is exactly the first
 * byte that is not plain, and nothing is flagged when all are plain.
 */
static inline uint64_t
not_plain(uint64_t v)
{
	uint64_t below = v - 0x20 * ONES;
	uint64_t quote = (v ^ '"' * ONES) - ONES;
	uint64_t backslash = (v ^ '\\' * ONES) - ONES;

	return (((below | quote | backslash) & ~v) | v) & HIGHS;
}

/*
 * The first byte at or after q, before end, that is not plain: whole
 * words first, then the table for the last few bytes.  With this and
 * scan_string's inline fast path, scan_string, scan_key and scan_json
 * cost 221 M instructions on the benchmark's 10,000 files (strings of
 * 10 bytes on average), not 285 M, and 0.65 M, not 0.91 M, on one file
 * (mostly the built-in rules' long descriptions, at start-up).
 */
static inline const unsigned char *
skip_plain(const unsigned char *q, const unsigned char *end)
{
	uint64_t m;

	for (; end - q >= 8; q += 8) {
		m = not_plain(load8(q));
		if (m != 0)
			return q + __builtin_ctzll(m) / 8;
	}
	while (q < end && plain_in_string[*q])
		q++;
	return q;
}

/*
 * The rest of the string whose opening quote is at s->i, from i, its
 * first byte that is not plain: escapes, UTF-8, and what a string cannot
 * hold.  Leaves s->i after the closing quote.
 */
static int
scan_string_rest(struct scanner *s, size_t i, bool *escaped)
{
	static const char *const names[0x20] = {
		['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n",
		['\r'] = "\\r", ['\t'] = "\\t",
	};
	const unsigned char *p = s->p;
	size_t len = s->len;
	unsigned char c;

	s->in_string = s->i + 1;
	for (;;) {
		if (i >= len)
			return fail_at_eof(s, "'\"'");
		c = p[i];
		if (c == '"')
			break;
		if (c == '\\') {
			*escaped = true;
			if (scan_escape(s, &i) < 0)
				return -1;
		} else if (c >= 0x80) {
			const char *why;
			size_t n = utf8_seq((const char *)p + i, len - i, &why);

			if (n == 0)
				return fail(s, i, "invalid UTF-8 in a string: "
					    "%s (byte 0x%02X)", why, c);
			i += n;
		} else if (c == '\n' || c == '\r') {
			return fail(s, i, "line break inside a string; end the "
				    "string with '\"' before it, or write it "
				    "as %s", names[c]);
		} else if (names[c] != NULL) {
			return fail(s, i, "unescaped control character U+%04X "
				    "in a string; write it as %s", c, names[c]);
		} else {
			return fail(s, i, "unescaped control character U+%04X "
				    "in a string; write it as \\u%04X", c, c);
		}
		i = (size_t)(skip_plain(p + i, p + len) - p);
	}
	s->i = i + 1;
	s->in_string = 0;
	return 0;
}

/*
 * Scans the string at s->i (its opening quote) and leaves s->i after it.
 * *escaped says whether it holds an escape.  Most strings are plain
 * bytes up to their quote, and only that is inline: with the rest in
 * one function, each string paid for saving what the rest needs
 * (36 instructions of the 80 a string cost on the benchmark's files).
 */
static inline int
scan_string(struct scanner *s, bool *escaped)
{
	const unsigned char *end = s->p + s->len;
	const unsigned char *q = skip_plain(s->p + s->i + 1, end);

	*escaped = false;
	if (q < end && *q == '"') {
		s->i = (size_t)(q - s->p) + 1;
		return 0;
	}
	return scan_string_rest(s, (size_t)(q - s->p), escaped);
}

static uint32_t
hex4(const char *p)
{
	uint32_t cp = 0;

	for (int k = 0; k < 4; k++)
		cp = cp << 4 | (uint32_t)hex_digit((unsigned char)p[k]);
	return cp;
}

size_t
scan_unescape(const char *p, size_t len, char *out)
{
	static const char short_escapes[] = "\"\\/bfnrt";
	static const char short_values[] = "\"\\/\b\f\n\r\t";
	size_t i = 0, o = 0;
	uint32_t pending = 0;	/* a high surrogate waiting for a low one */

	while (i < len) {
		const char *bs = memchr(p + i, '\\', len - i);
		size_t run = bs != NULL ? (size_t)(bs - p) - i : len - i;
		uint32_t v, cp;

		if (pending != 0 && (run > 0 || p[i + 1] != 'u')) {
			o += utf8_encode(0xFFFD, out + o);
			pending = 0;
		}
		memcpy(out + o, p + i, run);
		o += run;
		i += run;
		if (i >= len)
			break;
		if (p[i + 1] != 'u') {
			out[o++] = short_values[strchr(short_escapes, p[i + 1]) -
						short_escapes];
			i += 2;
			continue;
		}
		/*
		 * As json-c decodes it, so that the tree built from these
		 * bytes is json-c's: a surrogate left alone is U+FFFD, and
		 * json-c (0.16, and to date: its pull request #893) tests the
		 * code point a pair makes with the tests of 16-bit values, so
		 * a pair that makes U+xD800 to U+xDFFF ("\ud837\ude00" is
		 * U+1DE00) is U+FFFD, or waits as a high surrogate would.
		 */
		v = hex4(p + i + 2);
		i += 6;
		cp = v;
		if (pending != 0) {
			if (v >= 0xDC00 && v <= 0xDFFF)
				cp = ((pending & 0x3FF) << 10 | (v & 0x3FF)) +
				     0x10000;
			else
				o += utf8_encode(0xFFFD, out + o);
			pending = 0;
		}
		if (cp >= 0x800 && (cp & 0xFC00) == 0xD800)
			pending = cp;
		else if (cp >= 0x800 && (cp & 0xFC00) == 0xDC00)
			o += utf8_encode(0xFFFD, out + o);
		else
			o += utf8_encode(cp, out + o);
	}
	if (pending != 0)
		o += utf8_encode(0xFFFD, out + o);
	return o;
}

static bool
is_digit(const struct scanner *s, size_t at)
{
	return at < s->len && s->p[at] >= '0' && s->p[at] <= '9';
}

static int
need_digit(struct scanner *s, const char *after)
{
	char what[40];

	if (is_digit(s, s->i))
		return 0;
	if (s->i >= s->len)
		return fail_at_eof(s, "a digit");
	return fail(s, s->i, "expected a digit %s, not %s", after,
		    describe(s, s->i, what, sizeof(what)));
}

static int
scan_number(struct scanner *s)
{
	if (s->p[s->i] == '-')
		s->i++;
	if (need_digit(s, "after '-'") < 0)
		return -1;
	if (s->p[s->i] == '0') {
		s->i++;
		if (is_digit(s, s->i))
			return fail(s, s->i, "a number cannot have a leading "
				    "zero");
	} else {
		while (is_digit(s, s->i))
			s->i++;
	}
	if (s->i < s->len && s->p[s->i] == '.') {
		s->i++;
		if (need_digit(s, "after the decimal point") < 0)
			return -1;
		while (is_digit(s, s->i))
			s->i++;
	}
	if (s->i < s->len && (s->p[s->i] | 0x20) == 'e') {
		s->i++;
		if (s->i < s->len && (s->p[s->i] == '+' || s->p[s->i] == '-'))
			s->i++;
		if (need_digit(s, "in the exponent") < 0)
			return -1;
		while (is_digit(s, s->i))
			s->i++;
	}
	return 0;
}

static bool
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$';
}

/* Words that people write for JSON values, and what JSON has instead. */
static const struct {
	const char *word;
	const char *hint;
} not_json[] = {
	{ "NaN", "JSON has no NaN" },
	{ "Infinity", "JSON has no Infinity" },
	{ "undefined", "JSON has no undefined; use null" },
	{ "True", "did you mean true?" },
	{ "False", "did you mean false?" },
	{ "TRUE", "did you mean true?" },
	{ "FALSE", "did you mean false?" },
	{ "None", "did you mean null?" },
	{ "NULL", "did you mean null?" },
	{ "Null", "did you mean null?" },
	{ "nil", "did you mean null?" },
};

static int
scan_word(struct scanner *s, enum jtype *type)
{
	static const char *const literals[] = { "true", "false", "null" };
	static const enum jtype types[] = { J_BOOL, J_BOOL, J_NULL };
	size_t start = s->i, end = s->i, n;

	while (end < s->len && is_word_byte(s->p[end]))
		end++;
	n = end - start;
	for (size_t k = 0; k < ARRAY_SIZE(literals); k++) {
		size_t m = 0;

		if (s->p[start] != (unsigned char)literals[k][0])
			continue;
		while (literals[k][m] != '\0' && start + m < s->len &&
		       s->p[start + m] == (unsigned char)literals[k][m])
			m++;
		if (literals[k][m] == '\0') {
			s->i = start + m;
			*type = types[k];
			return 0;
		}
		if (start + m >= s->len)
			return fail_at_eof(s, literals[k]);
		return fail(s, start + m, "invalid literal; expected %s",
			    literals[k]);
	}
	for (size_t k = 0; k < ARRAY_SIZE(not_json); k++) {
		if (strlen(not_json[k].word) == n &&
		    memcmp(s->p + start, not_json[k].word, n) == 0)
			return fail(s, start, "%s is not a JSON value; %s",
				    not_json[k].word, not_json[k].hint);
	}
	return fail(s, start, "unexpected word '%.*s'; strings must be in "
		    "double quotes", (int)(n > 40 ? 40 : n), s->p + start);
}

/* The reason a value cannot start at s->i. */
static int
fail_value(struct scanner *s, const char *context)
{
	char what[40];
	unsigned char c;

	if (s->i >= s->len)
		return fail_at_eof(s, "a value");
	c = s->p[s->i];
	if (c == '\'')
		return fail(s, s->i, "strings must be in double quotes, not "
			    "single quotes");
	if (c == '/')
		return fail(s, s->i, "comments are not allowed in JSON");
	if (c == '+')
		return fail(s, s->i, "a number cannot start with '+'");
	if (c == '.')
		return fail(s, s->i, "a number needs a digit before the "
			    "decimal point");
	if ((c == ']' || c == '}') && context != NULL)
		return fail(s, s->i, "expected a value %s, not '%c'%s", context,
			    c, strcmp(context, "after ','") == 0 ?
			    "; trailing commas are not allowed" : "");
	return fail(s, s->i, "expected a value, not %s",
		    describe(s, s->i, what, sizeof(what)));
}

static bool
same_key(const struct tree *t, uint32_t a, uint32_t b)
{
	const struct node *x = &t->nodes[a], *y = &t->nodes[b];

	return x->key_len == y->key_len &&
	       memcmp(t->keys + x->key, t->keys + y->key, x->key_len) == 0;
}

/* The hash of a member's key, for finding repeats in large objects. */
static uint64_t
key_hash(const struct tree *t, uint32_t m)
{
	const struct node *n = &t->nodes[m];

	return hash_bytes(t->keys + n->key, n->key_len, hash_seed());
}

/* Member b repeats the key of member a, its first occurrence. */
static void
add_dup(struct tree *t, uint32_t a, uint32_t b)
{
	t->dups = grow(t->dups, sizeof(*t->dups), t->ndups + 2,
		       &t->dups_alloc);
	t->dups[t->ndups++] = a;
	t->dups[t->ndups++] = b;
}

/*
 * Member b's key is that of member a, an earlier one: b is a repeat, a is
 * shadowed, and the repeat is paired with the key's first member.
 */
static void
repeat(struct tree *t, uint32_t first, uint32_t a, uint32_t b)
{
	t->nodes[a].flags |= NODE_SHADOWED;
	t->nodes[t->nodes[a].parent].flags |= NODE_KEY_CLASH;
	add_dup(t, first, b);
}

/*
 * An object with at most this many members has every pair of its keys
 * compared; a larger one has them hashed.  Most objects of a connection
 * file have 3 to 15 members, and comparing them costs less than hashing.
 */
#define FEW_MEMBERS 16

/*
 * Finds repeated keys in the object obj and records them in document
 * order of the repeats.  All but the last of a repeated key are
 * shadowed: json-c, like JavaScript, keeps the last value.
 */
static void
find_duplicates(struct scanner *s, uint32_t obj)
{
	struct tree *t = s->t;
	size_t n = t->nodes[obj].count, size = 1;
	uint32_t *v, m, k = 0;

	if (n < 2)
		return;
	if (n <= FEW_MEMBERS) {
		uint32_t few[FEW_MEMBERS];

		for (m = t->nodes[obj].first; m != NODE_NONE; m = t->nodes[m].next)
			few[k++] = m;
		for (size_t b = 1; b < n; b++) {
			size_t first = b, last = b;

			for (size_t a = 0; a < b; a++) {
				if (same_key(t, few[a], few[b])) {
					if (first == b)
						first = a;
					last = a;
				}
			}
			if (first != b)
				repeat(t, few[first], few[last], few[b]);
		}
		return;
	}
	/*
	 * An open-addressing table, at most half full, of (first, last)
	 * member for each key so far.
	 */
	while (size < 2 * n)
		size *= 2;
	s->slots = grow(s->slots, 2 * sizeof(*s->slots), size, &s->slots_alloc);
	v = s->slots;
	memset(v, 0xff, size * 2 * sizeof(*v));	/* NODE_NONE */
	for (m = t->nodes[obj].first; m != NODE_NONE; m = t->nodes[m].next) {
		size_t h = key_hash(t, m) & (size - 1);

		while (v[2 * h] != NODE_NONE && !same_key(t, v[2 * h], m))
			h = (h + 1) & (size - 1);
		if (v[2 * h] != NODE_NONE)
			repeat(t, v[2 * h], v[2 * h + 1], m);
		else
			v[2 * h] = m;
		v[2 * h + 1] = m;
	}
}

/* Opens a container at s->i; the caller has created its node. */
static int
push(struct scanner *s, uint32_t node)
{
	if (s->depth >= s->max_depth)
		return fail(s, s->i, "nesting is deeper than the limit of "
			    "%zu arrays and objects", s->max_depth);
	s->stack[s->depth].node = node;
	s->stack[s->depth].last = NODE_NONE;
	s->depth++;
	s->i++;
	return 0;
}

static void
pop(struct scanner *s)
{
	uint32_t node = s->stack[--s->depth].node;

	s->i++;
	s->t->nodes[node].end = (uint32_t)s->i;
	if (s->t->nodes[node].type == J_OBJECT)
		find_duplicates(s, node);
}

/* Scans a member's key and its ':' at s->i; context names what came before. */
static int
scan_key(struct scanner *s, const char *context)
{
	struct tree *t = s->t;
	char what[40];
	const char *text;
	size_t len;
	bool escaped;

	skip_ws(s);
	if (s->i >= s->len)
		return fail_at_eof(s, "a string key");
	if (s->p[s->i] != '"') {
		unsigned char c = s->p[s->i];

		if (c == '}')
			return fail(s, s->i, "expected a key %s, not '}'; "
				    "trailing commas are not allowed", context);
		if (c == '\'' || is_word_byte(c))
			return fail(s, s->i, "object keys must be strings in "
				    "double quotes");
		if (c == '/')
			return fail(s, s->i, "comments are not allowed in JSON");
		return fail(s, s->i, "expected a string key %s, not %s",
			    context, describe(s, s->i, what, sizeof(what)));
	}
	s->key_off = (uint32_t)s->i;
	if (scan_string(s, &escaped) < 0)
		return -1;
	s->key_end = (uint32_t)s->i;
	/* Decoded, the key goes to the arena: it is never longer than its
	 * text. */
	text = (const char *)s->p + s->key_off + 1;
	len = s->key_end - s->key_off - 2;
	t->keys = grow(t->keys, 1, t->keys_len + len + 1, &t->keys_alloc);
	if (escaped)
		len = scan_unescape(text, len, t->keys + t->keys_len);
	else
		memcpy(t->keys + t->keys_len, text, len);
	s->key_has_nul = escaped && memchr(t->keys + t->keys_len, '\0', len);
	s->key = (uint32_t)t->keys_len;
	/* A key ends at its first NUL (scan.h). */
	s->key_len = (uint32_t)(s->key_has_nul ?
	    strlen(t->keys + t->keys_len) : len);
	t->keys_len += len;
	t->keys[t->keys_len++] = '\0';
	s->has_key = true;
	skip_ws(s);
	if (s->i >= s->len)
		return fail_at_eof(s, "':'");
	if (s->p[s->i] != ':')
		return fail(s, s->i, "expected ':' after the key, not %s",
			    describe(s, s->i, what, sizeof(what)));
	s->i++;
	return 0;
}

/*
 * Scans one value at s->i (after white space).  A container is only
 * opened: the main loop scans its contents.  *opened says which.
 */
static int
scan_value(struct scanner *s, const char *context, bool *opened)
{
	unsigned char c;
	uint32_t node;
	enum jtype type = J_NULL;
	bool escaped;

	*opened = false;
	skip_ws(s);
	if (s->i >= s->len)
		return fail_value(s, context);
	c = s->p[s->i];
	switch (c) {
	case '{':
	case '[':
		node = new_node(s, c == '{' ? J_OBJECT : J_ARRAY);
		*opened = true;
		return push(s, node);
	case '"':
		node = new_node(s, J_STRING);
		if (scan_string(s, &escaped) < 0)
			return -1;
		if (escaped)
			s->t->nodes[node].flags |= NODE_ESCAPED;
		break;
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		if (c == '-' && s->i + 1 < s->len &&
		    s->p[s->i + 1] == 'I')
			return fail(s, s->i + 1, "-Infinity is not a JSON value; "
				    "JSON has no Infinity");
		node = new_node(s, J_NUMBER);
		if (scan_number(s) < 0)
			return -1;
		break;
	default:
		if (!is_word_byte(c) || (c >= '0' && c <= '9'))
			return fail_value(s, context);
		node = new_node(s, J_NULL);
		if (scan_word(s, &type) < 0)
			return -1;
		s->t->nodes[node].type = (uint8_t)type;
		break;
	}
	s->t->nodes[node].end = (uint32_t)s->i;
	return 0;
}

int
scan_json(const char *p, size_t len, size_t start, unsigned max_depth,
	  struct tree *t, struct scan_error *err)
{
	struct scanner s;
	const char *context = NULL;
	bool opened;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	memset(err, 0, sizeof(*err));
	memset(&s, 0, sizeof(s));
	s.p = (const unsigned char *)p;
	s.len = len;
	s.i = start;
	s.t = t;
	s.err = err;
	s.max_depth = max_depth;
	s.stack = xmalloc((max_depth + 1) * sizeof(*s.stack));
	if (len >= UINT32_MAX) {
		fail(&s, 0, "input is too large to scan");
		goto out;
	}
	skip_ws(&s);
	if (s.i >= len) {
		fail(&s, len, "empty input; expected a JSON value");
		goto out;
	}
next_value:
	if (scan_value(&s, context, &opened) < 0)
		goto out;
	if (opened) {
		const struct node *n = &t->nodes[s.stack[s.depth - 1].node];

		skip_ws(&s);
		if (s.i < len && s.p[s.i] == (n->type == J_OBJECT ? '}' : ']')) {
			pop(&s);
		} else if (n->type == J_OBJECT) {
			if (scan_key(&s, "after '{'") < 0)
				goto out;
			context = "after ':'";
			goto next_value;
		} else {
			context = NULL;
			goto next_value;
		}
	}
	/* A value is complete: close containers or go on to the next. */
	for (;;) {
		const struct node *n;
		char what[40];

		skip_ws(&s);
		if (s.depth == 0)
			break;
		n = &t->nodes[s.stack[s.depth - 1].node];
		if (s.i >= len) {
			fail_at_eof(&s, n->type == J_OBJECT ? "',' or '}'" :
				    "',' or ']'");
			goto out;
		}
		if (s.p[s.i] == (n->type == J_OBJECT ? '}' : ']')) {
			pop(&s);
			continue;
		}
		if (s.p[s.i] == '/') {
			fail(&s, s.i, "comments are not allowed in JSON");
			goto out;
		}
		if (s.p[s.i] != ',') {
			fail(&s, s.i, "expected ',' or '%c' after %s, not %s",
			     n->type == J_OBJECT ? '}' : ']',
			     n->type == J_OBJECT ? "an object member" :
			     "an array element",
			     describe(&s, s.i, what, sizeof(what)));
			goto out;
		}
		s.i++;
		if (n->type == J_OBJECT) {
			if (scan_key(&s, "after ','") < 0)
				goto out;
			context = "after ':'";
		} else {
			context = "after ','";
		}
		goto next_value;
	}
	if (s.i < len) {
		char what[40];

		fail(&s, s.i, "unexpected %s after the JSON value; a document "
		     "holds exactly one value",
		     describe(&s, s.i, what, sizeof(what)));
		goto out;
	}
	rc = 0;
out:
	free(s.stack);
	free(s.slots);
	return rc;
}

void
tree_release(struct tree *t)
{
	free(t->nodes);
	free(t->keys);
	free(t->dups);
	memset(t, 0, sizeof(*t));
}
