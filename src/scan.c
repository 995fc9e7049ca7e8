#include "scan.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	uint32_t *sort, *tmp;	/* scratch for finding duplicate keys */
	size_t sort_alloc, tmp_alloc;
	size_t in_string;	/* the open quote while in a string, or 0 */
	bool has_key;		/* the key of the next value, if any: */
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

static void
skip_ws(struct scanner *s)
{
	while (s->i < s->len) {
		unsigned char c = s->p[s->i];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		s->i++;
	}
}

static uint32_t
new_node(struct scanner *s, enum jtype type)
{
	struct tree *t = s->t;
	struct node *n;
	uint32_t idx = (uint32_t)t->n;

	t->nodes = xgrow(t->nodes, sizeof(*t->nodes), t->n + 1, &t->alloc);
	n = &t->nodes[t->n++];
	memset(n, 0, sizeof(*n));
	n->type = (uint8_t)type;
	n->off = n->end = (uint32_t)s->i;
	n->parent = n->next = n->first = NODE_NONE;
	if (s->depth > 0) {
		struct frame *f = &s->stack[s->depth - 1];

		n->parent = f->node;
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
		s->has_key = false;
	}
	return idx;
}

static void
key_add(struct scanner *s, const void *p, size_t len)
{
	struct tree *t = s->t;

	t->keys = xgrow(t->keys, 1, t->keys_len + len + 1, &t->keys_alloc);
	memcpy(t->keys + t->keys_len, p, len);
	t->keys_len += len;
}

static void
key_add_utf8(struct scanner *s, uint32_t cp)
{
	char u[4];

	key_add(s, u, utf8_encode(cp, u));
}

static int
hex4(struct scanner *s, size_t at, uint32_t *cp)
{
	*cp = 0;
	for (size_t k = 0; k < 4; k++) {
		unsigned char c;
		char what[40];

		if (at + k >= s->len)
			return fail_at_eof(s, "4 hex digits after \\u");
		c = s->p[at + k];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (unsigned char)((c | 0x20) - 'a' + 10);
		else
			return fail(s, at + k,
				    "invalid \\u escape: %s is not a hex digit",
				    describe(s, at + k, what, sizeof(what)));
		*cp = *cp << 4 | c;
	}
	return 0;
}

/*
 * Adds the key bytes of one \u escape of value v, as json-c decodes it, so
 * that a key is the same in the scanner's tree and in json-c's objects
 * (doc.c looks values up by key).  A high surrogate waits in *pending for
 * a low one; a surrogate left alone is U+FFFD.  json-c (0.16, and to date:
 * its pull request #893) then tests the code point a pair makes with the
 * surrogate tests of 16-bit values, so a pair that makes U+xD800 to
 * U+xDFFF (U+1DE00 is "\ud837\ude00") is U+FFFD, or waits as if it were a
 * high surrogate.  This does the same.
 */
static void
key_add_escape(struct scanner *s, uint32_t v, uint32_t *pending)
{
	uint32_t cp = v;

	if (*pending != 0) {
		if (v >= 0xDC00 && v <= 0xDFFF)
			cp = ((*pending & 0x3FF) << 10 | (v & 0x3FF)) + 0x10000;
		else
			key_add_utf8(s, 0xFFFD);
		*pending = 0;
	}
	if (cp >= 0x800 && (cp & 0xFC00) == 0xD800)
		*pending = cp;
	else if (cp >= 0x800 && (cp & 0xFC00) == 0xDC00)
		key_add_utf8(s, 0xFFFD);
	else
		key_add_utf8(s, cp);
}

/* A high surrogate that no low one follows is U+FFFD. */
static void
key_flush(struct scanner *s, uint32_t *pending)
{
	if (*pending != 0)
		key_add_utf8(s, 0xFFFD);
	*pending = 0;
}

/*
 * Scans the string at s->i (its opening quote) and leaves s->i after it.
 * With decode, the decoded bytes go to the key arena, NUL-terminated, with
 * \u escapes decoded as json-c decodes them (key_add_escape).
 */
static int
scan_string(struct scanner *s, bool decode)
{
	static const char short_escapes[] = "\"\\/bfnrt";
	static const char short_values[] = "\"\\/\b\f\n\r\t";
	size_t open = s->i, run;
	const unsigned char *p = s->p;
	uint32_t pending = 0;	/* a high surrogate, when decoding */

	s->i++;
	run = s->i;
	s->in_string = open + 1;
	for (;;) {
		unsigned char c;

		if (s->i >= s->len)
			return fail_at_eof(s, "'\"'");
		c = p[s->i];
		if (c == '"')
			break;
		if (c < 0x20) {
			static const char *const names[0x20] = {
				['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n",
				['\r'] = "\\r", ['\t'] = "\\t",
			};

			if (c == '\n' || c == '\r')
				return fail(s, s->i, "line break inside a string; "
					    "end the string with '\"' before it, "
					    "or write it as %s", names[c]);
			if (names[c] != NULL)
				return fail(s, s->i, "unescaped control "
					    "character U+%04X in a string; "
					    "write it as %s", c, names[c]);
			return fail(s, s->i, "unescaped control character "
				    "U+%04X in a string; write it as \\u%04X",
				    c, c);
		}
		if (c >= 0x80) {
			const char *why;
			size_t n = utf8_seq((const char *)p + s->i,
					    s->len - s->i, &why);

			if (n == 0)
				return fail(s, s->i, "invalid UTF-8 in a "
					    "string: %s (byte 0x%02X)", why, c);
			s->i += n;
			continue;
		}
		if (c != '\\') {
			s->i++;
			continue;
		}
		/* an escape */
		if (decode && s->i > run) {
			key_flush(s, &pending);
			key_add(s, p + run, s->i - run);
		}
		if (s->i + 1 >= s->len)
			return fail_at_eof(s, "an escape after '\\'");
		c = p[s->i + 1];
		if (c == 'u') {
			uint32_t cp;

			if (hex4(s, s->i + 2, &cp) < 0)
				return -1;
			s->i += 6;
			if (decode)
				key_add_escape(s, cp, &pending);
		} else {
			const char *e = c ? strchr(short_escapes, c) : NULL;
			char what[40];

			if (e == NULL)
				return fail(s, s->i + 1, "invalid escape: %s "
					    "cannot follow '\\' (valid: \\\" "
					    "\\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
					    describe(s, s->i + 1, what,
						     sizeof(what)));
			if (decode) {
				key_flush(s, &pending);
				key_add(s, &short_values[e - short_escapes], 1);
			}
			s->i += 2;
		}
		run = s->i;
	}
	if (decode) {
		key_flush(s, &pending);
		key_add(s, p + run, s->i - run);
	}
	s->i++;
	s->in_string = 0;
	return 0;
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

static int
key_cmp(const struct tree *t, uint32_t a, uint32_t b)
{
	const struct node *x = &t->nodes[a], *y = &t->nodes[b];
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(t->keys + x->key, t->keys + y->key, n);

	if (c != 0)
		return c;
	return (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* A stable merge sort of member nodes by key, so repeats keep their order. */
static void
sort_members(const struct tree *t, uint32_t *v, uint32_t *tmp, size_t n)
{
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t a = lo, b = mid, k = lo;

			while (a < mid && b < hi)
				tmp[k++] = key_cmp(t, v[b], v[a]) < 0 ?
				    v[b++] : v[a++];
			while (a < mid)
				tmp[k++] = v[a++];
			while (b < hi)
				tmp[k++] = v[b++];
		}
		memcpy(v, tmp, n * sizeof(*v));
	}
}

/*
 * Finds repeated keys in the object obj.  All but the last of a repeated
 * key are shadowed: json-c, like JavaScript, keeps the last value.
 */
static void
find_duplicates(struct scanner *s, uint32_t obj)
{
	struct tree *t = s->t;
	size_t n = t->nodes[obj].count, k = 0;

	if (n < 2)
		return;
	s->sort = xgrow(s->sort, sizeof(*s->sort), n, &s->sort_alloc);
	s->tmp = xgrow(s->tmp, sizeof(*s->tmp), n, &s->tmp_alloc);
	for (uint32_t m = t->nodes[obj].first; m != NODE_NONE;
	     m = t->nodes[m].next)
		s->sort[k++] = m;
	sort_members(t, s->sort, s->tmp, n);
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && key_cmp(t, s->sort[a], s->sort[b]) == 0;
		     b++) {
			t->dups = xgrow(t->dups, sizeof(*t->dups),
					t->ndups + 2, &t->dups_alloc);
			t->dups[t->ndups++] = s->sort[a];
			t->dups[t->ndups++] = s->sort[b];
			t->nodes[s->sort[b - 1]].flags |= NODE_SHADOWED;
		}
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
	char what[40];

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
	s->key = (uint32_t)s->t->keys_len;
	if (scan_string(s, true) < 0)
		return -1;
	s->key_end = (uint32_t)s->i;
	s->t->keys[s->t->keys_len++] = '\0';
	s->key_len = (uint32_t)strlen(s->t->keys + s->key);	/* see scan.h */
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
		if (scan_string(s, false) < 0)
			return -1;
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
	free(s.sort);
	free(s.tmp);
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
