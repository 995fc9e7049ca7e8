/*
 * The RFC 8259 scanner: what it accepts, where it stops on what it
 * rejects, and the tree it records.
 */
#include "unit.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "scan.h"

#define DEPTH 64

struct bad {
	const char *text;
	size_t len;		/* 0: strlen(text) */
	size_t off;		/* where the input stops being JSON */
	const char *gist;	/* a part of the message */
};

static const struct bad rejected[] = {
	/* structure */
	{ "{\"a\":1,}", 0, 7, "trailing commas are not allowed" },
	{ "[1,]", 0, 3, "trailing commas are not allowed" },
	{ "[1,,2]", 0, 3, "expected a value" },
	{ "[1 2]", 0, 3, "expected ',' or ']'" },
	{ "{\"a\" 1}", 0, 5, "expected ':'" },
	{ "{\"a\":1 \"b\":2}", 0, 7, "expected ',' or '}'" },
	{ "{\"a\":}", 0, 5, "expected a value" },
	{ "{,}", 0, 1, "expected a string key" },
	{ "{]", 0, 1, "expected a string key" },
	{ "[}", 0, 1, "expected a value" },
	{ "]", 0, 0, "expected a value" },
	{ "{'a':1}", 0, 1, "double quotes" },
	{ "{a:1}", 0, 1, "double quotes" },
	{ "{1:2}", 0, 1, "double quotes" },
	{ "['a']", 0, 1, "not single quotes" },
	{ "/* c */ {}", 0, 0, "comments are not allowed" },
	{ "{} // c", 0, 3, "after the JSON value" },
	/* words */
	{ "[NaN]", 0, 1, "JSON has no NaN" },
	{ "[Infinity]", 0, 1, "JSON has no Infinity" },
	{ "[undefined]", 0, 1, "use null" },
	{ "[True]", 0, 1, "did you mean true?" },
	{ "[None]", 0, 1, "did you mean null?" },
	{ "[bar]", 0, 1, "unexpected word 'bar'" },
	/* a prefix of a literal is still JSON */
	{ "[foo]", 0, 2, "expected false" },
	{ "[nil]", 0, 2, "expected null" },
	{ "[tru]", 0, 4, "expected true" },
	{ "[nulL]", 0, 4, "expected null" },
	{ "[truex]", 0, 5, "expected ',' or ']'" },
	{ "[nul", 0, 4, "unexpected end of input" },
	/* numbers */
	{ "[01]", 0, 2, "leading zero" },
	{ "[-01]", 0, 3, "leading zero" },
	{ "[-]", 0, 2, "digit after '-'" },
	{ "[-a]", 0, 2, "digit after '-', not 'a'" },
	{ "[2.]", 0, 3, "after the decimal point" },
	{ "[2.e1]", 0, 3, "after the decimal point" },
	{ "[.5]", 0, 1, "digit before the decimal point" },
	{ "[+1]", 0, 1, "cannot start with '+'" },
	{ "[1e]", 0, 3, "in the exponent" },
	{ "[1e+]", 0, 4, "in the exponent" },
	{ "[0x10]", 0, 2, "expected ',' or ']'" },
	{ "-", 0, 1, "unexpected end of input" },
	{ "1.", 0, 2, "unexpected end of input" },
	/* strings */
	{ "[\"a\tb\"]", 0, 3, "write it as \\t" },
	{ "[\"a\nb\"]", 0, 3, "write it as \\n" },
	{ "[\"\x01\"]", 0, 2, "write it as \\u0001" },
	{ "[\"\\x\"]", 0, 3, "invalid escape" },
	{ "[\"\\\"]", 0, 5, "unexpected end of input" },
	{ "[\"\\u12G4\"]", 0, 6, "not a hex digit" },
	{ "[\"\\u12\"]", 0, 6, "not a hex digit" },
	{ "[\"\\ud800\\u00X0\"]", 0, 12, "not a hex digit" },
	{ "[\"\\u00", 0, 6, "4 hex digits" },
	{ "[\"abc", 0, 5, "end of input in a string" },
	{ "[\"\xff\"]", 0, 2, "never occurs in UTF-8" },
	{ "[\"\x80\"]", 0, 2, "continuation byte" },
	{ "[\"\xc0\xaf\"]", 0, 2, "overlong" },
	{ "[\"\xe0\x80\xaf\"]", 0, 2, "overlong" },
	{ "[\"\xf0\x8f\xbf\xbf\"]", 0, 2, "overlong" },
	{ "[\"\xed\xa0\x80\"]", 0, 2, "surrogate" },
	{ "[\"\xf4\x90\x80\x80\"]", 0, 2, "beyond U+10FFFF" },
	{ "[\"\xc3\"]", 0, 2, "truncated" },
	{ "\"\xe2\x82", 0, 1, "truncated" },
	{ "{\"k\xff\":1}", 0, 3, "invalid UTF-8" },
	/* the end of the input */
	{ "", 0, 0, "empty input" },
	{ " \n\t\r", 0, 4, "empty input" },
	{ "{", 0, 1, "unexpected end of input" },
	{ "[1", 0, 2, "expected ',' or ']'" },
	{ "{\"a\":1", 0, 6, "expected ',' or '}'" },
	{ "{\"a\"", 0, 4, "expected ':'" },
	{ "{\"a\":", 0, 5, "expected a value" },
	{ "{} x", 0, 3, "unexpected 'x' after the JSON value" },
	{ "{}{}", 0, 2, "exactly one value" },
	{ "1 2", 0, 2, "after the JSON value" },
	{ "[1]]", 0, 3, "after the JSON value" },
	{ "{}\0", 3, 2, "NUL byte" },
	{ "[\0]", 3, 1, "NUL byte" },
	{ "\xef\xbb\xbf{}", 0, 0, "byte 0xEF" },
	{ "[\x7f]", 0, 1, "U+007F" },
};

static const char *const accepted[] = {
	"0", "-0", "-0.0e+10", "1E5", "12.5e-3", "-1.5E-0",
	"123456789012345678901234567890",
	"\"\"", "[]", "{}", " \t\r\n[ ] \n", "true", "false", "null",
	"[true,false,null]", "{\"\":0}", "\"\\u0000\"",
	"\"\\u00e9\\ud83d\\ude00\\uD83D\\uDE00\"",
	"\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\u0041\"",
	"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
	"\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\x7f\"",
	"[1,[2,[3]],{\"a\":{\"b\":[]}}]",
	"{\"a\":1,\"b\":[{},[]],\"c\":{\"d\":\"e\"}}",
};

static void
test_rejects(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(rejected) / sizeof(rejected[0]); k++) {
		const struct bad *b = &rejected[k];
		size_t len = b->len ? b->len : strlen(b->text);
		struct tree t;
		struct scan_error e;
		int rc = scan_json(b->text, len, 0, DEPTH, &t, &e);

		if (rc != -1 || e.off != b->off || !strstr(e.msg, b->gist))
			print_message("case %zu \"%.*s\": rc %d, off %zu, "
				      "\"%s\"; want off %zu, \"%s\"\n", k,
				      (int)len, b->text, rc, e.off, e.msg,
				      b->off, b->gist);
		assert_int_equal(rc, -1);
		assert_int_equal(e.off, b->off);
		assert_non_null(strstr(e.msg, b->gist));
		tree_release(&t);
	}
}

static void
test_accepts(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(accepted) / sizeof(accepted[0]); k++) {
		struct tree t;
		struct scan_error e;
		size_t len = strlen(accepted[k]);
		int rc = scan_json(accepted[k], len, 0, DEPTH, &t, &e);

		if (rc != 0)
			print_message("case %zu \"%s\": off %zu, \"%s\"\n", k,
				      accepted[k], e.off, e.msg);
		assert_int_equal(rc, 0);
		assert_true(t.n >= 1);
		assert_int_equal(t.nodes[0].parent, NODE_NONE);
		/* the root spans the value, not the white space around it */
		assert_int_equal(t.nodes[0].off,
				 strspn(accepted[k], " \t\r\n"));
		while (len > 0 && strchr(" \t\r\n", accepted[k][len - 1]))
			len--;
		assert_int_equal(t.nodes[0].end, len);
		tree_release(&t);
	}
}

/* A value's type and range, as the tree records them. */
static void
assert_node(const struct tree *t, uint32_t i, enum jtype type, uint32_t off,
	    uint32_t end, uint32_t parent, uint32_t next, uint32_t count)
{
	const struct node *n = &t->nodes[i];

	assert_int_equal(n->type, type);
	assert_int_equal(n->off, off);
	assert_int_equal(n->end, end);
	assert_int_equal(n->parent, parent);
	assert_int_equal(n->next, next);
	assert_int_equal(n->count, count);
}

static void
assert_key(const struct tree *t, uint32_t i, const char *key,
	   uint32_t key_off, uint32_t key_end)
{
	const struct node *n = &t->nodes[i];

	assert_int_equal(n->key_len, strlen(key));
	assert_string_equal(tree_key(t, n), key);
	assert_int_equal(n->key_off, key_off);
	assert_int_equal(n->key_end, key_end);
}

static void
test_nodes(void **state)
{
	/*          0         1         2         3
	 *          0123456789012345678901234567890123 */
	const char *s = "{\"a\": [1, {\"b\": null}], \"c\": \"x\"}";
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json(s, strlen(s), 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.n, 6);
	assert_node(&t, 0, J_OBJECT, 0, 33, NODE_NONE, NODE_NONE, 2);
	assert_int_equal(t.nodes[0].first, 1);
	assert_int_equal(t.nodes[0].key_len, 0);
	assert_node(&t, 1, J_ARRAY, 6, 22, 0, 5, 2);
	assert_key(&t, 1, "a", 1, 4);
	assert_int_equal(t.nodes[1].first, 2);
	assert_node(&t, 2, J_NUMBER, 7, 8, 1, 3, 0);
	assert_int_equal(t.nodes[2].first, NODE_NONE);
	assert_int_equal(t.nodes[2].key_len, 0);
	assert_int_equal(t.nodes[2].key_off, t.nodes[2].key_end);
	assert_node(&t, 3, J_OBJECT, 10, 21, 1, NODE_NONE, 1);
	assert_int_equal(t.nodes[3].first, 4);
	assert_node(&t, 4, J_NULL, 16, 20, 3, NODE_NONE, 0);
	assert_key(&t, 4, "b", 11, 14);
	assert_node(&t, 5, J_STRING, 29, 32, 0, NODE_NONE, 0);
	assert_key(&t, 5, "c", 24, 27);
	assert_int_equal(t.ndups, 0);
	for (size_t k = 0; k < t.n; k++)
		assert_int_equal(t.nodes[k].flags, 0);
	tree_release(&t);
}

static void
test_scalar_types(void **state)
{
	const char *s = "[true, false, null, -1.5e3, \"s\", [], {}]";
	static const enum jtype want[] = {
		J_ARRAY, J_BOOL, J_BOOL, J_NULL, J_NUMBER, J_STRING, J_ARRAY,
		J_OBJECT,
	};
	static const uint32_t offs[] = { 0, 1, 7, 14, 20, 28, 33, 37 };
	static const uint32_t ends[] = { 40, 5, 12, 18, 26, 31, 35, 39 };
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json(s, strlen(s), 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.n, 8);
	assert_int_equal(t.nodes[0].count, 7);
	for (size_t k = 0; k < t.n; k++) {
		assert_int_equal(t.nodes[k].type, want[k]);
		assert_int_equal(t.nodes[k].off, offs[k]);
		assert_int_equal(t.nodes[k].end, ends[k]);
	}
	tree_release(&t);
}

/* Scans a one-member object and checks its decoded key. */
static void
assert_decoded(const char *text, const char *key, size_t key_len)
{
	struct tree t;
	struct scan_error e;
	int rc = scan_json(text, strlen(text), 0, DEPTH, &t, &e);

	if (rc != 0)
		print_message("\"%s\": off %zu, \"%s\"\n", text, e.off, e.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.nodes[1].key_len, key_len);
	assert_memory_equal(tree_key(&t, &t.nodes[1]), key, key_len);
	/* the arena keeps keys NUL-terminated for C callers */
	assert_int_equal(tree_key(&t, &t.nodes[1])[key_len], '\0');
	assert_int_equal(t.nodes[1].key_off, 1);
	assert_int_equal(t.nodes[1].key_end, strchr(text, ':') - text);
	tree_release(&t);
}

static void
test_key_escapes(void **state)
{
	(void)state;
	assert_decoded("{\"plain\":1}", "plain", 5);
	assert_decoded("{\"\":1}", "", 0);
	assert_decoded("{\"a\\\"b\\\\c\\/d\\n\\t\\b\\f\\r\":1}",
		       "a\"b\\c/d\n\t\b\f\r", 12);
	assert_decoded("{\"\\u00e9\\u20AC\":1}", "\xc3\xa9\xe2\x82\xac", 5);
	assert_decoded("{\"\\u0041\\u007f\\u0080\\u07FF\\u0800\\uFFFF\":1}",
		       "A\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf", 12);
	/* raw UTF-8 is copied as it is */
	assert_decoded("{\"\xc3\xa9x\":1}", "\xc3\xa9x", 3);
}

static void
test_key_surrogates(void **state)
{
	(void)state;
	assert_decoded("{\"\\ud83d\\ude00\":1}", "\xf0\x9f\x98\x80", 4);
	assert_decoded("{\"\\uD83D\\uDE00!\":1}", "\xf0\x9f\x98\x80!", 5);
	assert_decoded("{\"\\ud800\\udc00\":1}", "\xf0\x90\x80\x80", 4);
	assert_decoded("{\"\\udbff\\udfff\":1}", "\xf4\x8f\xbf\xbf", 4);
}

static void
test_key_lone_surrogates(void **state)
{
	(void)state;
	/* a lone surrogate decodes to U+FFFD, as json-c decodes it */
	assert_decoded("{\"\\ud800\":1}", "\xef\xbf\xbd", 3);
	assert_decoded("{\"\\ud800x\":1}", "\xef\xbf\xbdx", 4);
	assert_decoded("{\"\\udc00\":1}", "\xef\xbf\xbd", 3);
	assert_decoded("{\"\\ud800\\u0041\":1}", "\xef\xbf\xbd" "A", 4);
	assert_decoded("{\"\\ud800\\ud800\":1}",
		       "\xef\xbf\xbd\xef\xbf\xbd", 6);
	assert_decoded("{\"\\ude00\\ud83d\":1}",
		       "\xef\xbf\xbd\xef\xbf\xbd", 6);
	assert_decoded("{\"\\ud800\\n\":1}", "\xef\xbf\xbd\n", 4);
}

/* The key json-c gives the one member of the object text. */
static void
assert_decoded_as_json_c(const char *text)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o;
	const char *key = NULL;

	assert_non_null(tok);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
			       JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, text, (int)strlen(text) + 1);
	assert_non_null(o);
	json_object_object_foreach(o, k, v) {
		(void)v;
		key = k;
	}
	assert_non_null(key);
	assert_decoded(text, key, strlen(key));
	json_object_put(o);
	json_tokener_free(tok);
}

/*
 * json-c tests the code point a surrogate pair makes as if it were a
 * 16-bit value: U+1DE00 ("\ud837\ude00") has the low bits of a low
 * surrogate, so it is U+FFFD, and U+1D800 those of a high one, so it waits
 * for a low surrogate.  Keys must decode the same in the scanner, or a
 * member's value is not found in json-c's object (found by fuzz/scan.c).
 * This holds the scanner to the json-c it is built with, for every high
 * surrogate, before a few low ones, then whatever follows.
 */
static void
test_key_surrogates_as_json_c(void **state)
{
	static const unsigned lows[] = { 0xDC00, 0xDC01, 0xDE00, 0xDFFF };
	static const char *const after[] = {
		"", "x", "\\udc00", "\\ude00", "\\u0041", "\\n",
		"\\ud83d\\ude00", "\\udbff",
	};
	char text[64];

	(void)state;
	assert_decoded("{\"\\ud837\\ude00\":1}", "\xef\xbf\xbd", 3);
	assert_decoded("{\"\\ud836\\udc00\\udc00\":1}", "\xf0\x90\x80\x80", 4);
	for (unsigned hi = 0xD800; hi <= 0xDBFF; hi++) {
		for (size_t l = 0; l < sizeof(lows) / sizeof(*lows); l++) {
			for (size_t a = 0; a < sizeof(after) / sizeof(*after);
			     a++) {
				snprintf(text, sizeof(text),
					 "{\"\\u%04x\\u%04x%s\":1}", hi,
					 lows[l], after[a]);
				assert_decoded_as_json_c(text);
			}
		}
	}
}

static void
test_key_nul(void **state)
{
	const char *s =
	    "{\"a\\u0000b\":1,\"a\\u0000c\":2,\"a\":3,\"\\u0000\":4}";
	struct tree t;
	struct scan_error e;

	(void)state;
	/* a key ends at its first NUL, as json-c keeps keys (scan.h) */
	assert_decoded("{\"a\\u0000b\":1}", "a", 1);
	assert_decoded("{\"\\u0000\":1}", "", 0);
	/* so "a\u0000b", "a\u0000c" and "a" are one key, said three times */
	assert_int_equal(scan_json(s, strlen(s), 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.n, 5);
	assert_int_equal(t.nodes[1].key_len, 1);
	assert_int_equal(t.nodes[2].key_len, 1);
	assert_int_equal(t.nodes[3].key_len, 1);
	assert_int_equal(t.nodes[4].key_len, 0);
	assert_int_equal(t.ndups, 4);
	assert_int_equal(t.dups[0], 1);
	assert_int_equal(t.dups[1], 2);
	assert_int_equal(t.dups[2], 1);
	assert_int_equal(t.dups[3], 3);
	assert_int_equal(t.nodes[1].flags & NODE_SHADOWED, NODE_SHADOWED);
	assert_int_equal(t.nodes[2].flags & NODE_SHADOWED, NODE_SHADOWED);
	assert_int_equal(t.nodes[3].flags & NODE_SHADOWED, 0);
	assert_int_equal(t.nodes[4].flags & NODE_SHADOWED, 0);
	tree_release(&t);
}

static void
test_duplicates(void **state)
{
	const char *s = "{\"a\":1,\"b\":2,\"a\":3,\"a\":4}";
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json(s, strlen(s), 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.n, 5);
	/* each repeat is paired with the first, in document order */
	assert_int_equal(t.ndups, 4);
	assert_int_equal(t.dups[0], 1);
	assert_int_equal(t.dups[1], 3);
	assert_int_equal(t.dups[2], 1);
	assert_int_equal(t.dups[3], 4);
	/* all but the last "a" are shadowed: json-c keeps the last */
	assert_int_equal(t.nodes[1].flags & NODE_SHADOWED, NODE_SHADOWED);
	assert_int_equal(t.nodes[2].flags & NODE_SHADOWED, 0);
	assert_int_equal(t.nodes[3].flags & NODE_SHADOWED, NODE_SHADOWED);
	assert_int_equal(t.nodes[4].flags & NODE_SHADOWED, 0);
	/* the repeat's key range is its own */
	assert_int_equal(t.nodes[3].key_off, 13);
	assert_int_equal(t.nodes[3].key_end, 16);
	tree_release(&t);
}

static void
test_duplicates_unsorted(void **state)
{
	const char *s = "{\"c\":1,\"b\":2,\"a\":3,\"b\":4,\"d\":5}";
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json(s, strlen(s), 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.ndups, 2);
	assert_int_equal(t.dups[0], 2);
	assert_int_equal(t.dups[1], 4);
	for (uint32_t k = 0; k < t.n; k++)
		assert_int_equal(t.nodes[k].flags & NODE_SHADOWED,
				 k == 2 ? NODE_SHADOWED : 0);
	tree_release(&t);
}

static void
test_duplicates_decoded(void **state)
{
	/* keys are compared after decoding: "\u00e9" is "é" */
	const char *s = "{\"\\u00e9\":1,\"\xc3\xa9\":2,\"\\/\":3,\"/\":4}";
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json(s, strlen(s), 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.ndups, 4);
	assert_int_equal(t.dups[0], 1);
	assert_int_equal(t.dups[1], 2);
	assert_int_equal(t.dups[2], 3);
	assert_int_equal(t.dups[3], 4);
	assert_int_equal(t.nodes[1].flags & NODE_SHADOWED, NODE_SHADOWED);
	assert_int_equal(t.nodes[3].flags & NODE_SHADOWED, NODE_SHADOWED);
	assert_int_equal(t.nodes[2].flags & NODE_SHADOWED, 0);
	assert_int_equal(t.nodes[4].flags & NODE_SHADOWED, 0);
	tree_release(&t);
}

static void
test_duplicates_nested(void **state)
{
	const char *s = "{\"x\":{\"k\":1,\"k\":2},\"x\":3,\"y\":{\"x\":4}}";
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json(s, strlen(s), 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.n, 7);
	/* objects report when they close: the inner one first */
	assert_int_equal(t.ndups, 4);
	assert_int_equal(t.dups[0], 2);
	assert_int_equal(t.dups[1], 3);
	assert_int_equal(t.dups[2], 1);
	assert_int_equal(t.dups[3], 4);
	/* the same key in another object is no repeat */
	assert_int_equal(t.nodes[6].flags & NODE_SHADOWED, 0);
	assert_int_equal(t.nodes[1].flags & NODE_SHADOWED, NODE_SHADOWED);
	assert_int_equal(t.nodes[2].flags & NODE_SHADOWED, NODE_SHADOWED);
	tree_release(&t);
}

static void
test_duplicates_many(void **state)
{
	/* 40 members: k0 ... k35, with k7 three times and k20 twice more */
	static const int order[40] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 7, 15, 16, 17,
		18, 19, 20, 21, 22, 23, 24, 20, 25, 26, 27, 28, 7, 29, 30, 31,
		32, 33, 20, 34, 35,
	};
	char text[1024];
	size_t len = 0;
	struct tree t;
	struct scan_error e;

	(void)state;
	text[len++] = '{';
	for (int k = 0; k < 40; k++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"%s\"k%d\":%d", k ? "," : "",
					order[k], k);
	text[len++] = '}';
	text[len] = '\0';
	assert_int_equal(scan_json(text, len, 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.n, 41);
	/* member k is node k + 1; repeats in document order */
	assert_int_equal(t.ndups, 8);
	assert_int_equal(t.dups[0], 8);
	assert_int_equal(t.dups[1], 16);
	assert_int_equal(t.dups[2], 22);
	assert_int_equal(t.dups[3], 27);
	assert_int_equal(t.dups[4], 8);
	assert_int_equal(t.dups[5], 32);
	assert_int_equal(t.dups[6], 22);
	assert_int_equal(t.dups[7], 38);
	for (uint32_t k = 1; k < t.n; k++)
		assert_int_equal(t.nodes[k].flags & NODE_SHADOWED,
				 k == 8 || k == 16 || k == 22 || k == 27 ?
				 NODE_SHADOWED : 0);
	tree_release(&t);
}

static void
assert_depth(const char *text, unsigned max_depth, int rc, size_t off)
{
	struct tree t;
	struct scan_error e;

	assert_int_equal(scan_json(text, strlen(text), 0, max_depth, &t, &e),
			 rc);
	if (rc < 0) {
		char want[80];

		assert_int_equal(e.off, off);
		snprintf(want, sizeof(want), "limit of %u ", max_depth);
		assert_non_null(strstr(e.msg, want));
	}
	tree_release(&t);
}

static void
test_depth_limit(void **state)
{
	(void)state;
	assert_depth("[[[]]]", 3, 0, 0);
	assert_depth("[[[1,\"x\",null,true]]]", 3, 0, 0);
	assert_depth("[[[[]]]]", 3, -1, 3);
	assert_depth("{\"a\":{\"b\":{\"c\":1}}}", 3, 0, 0);
	assert_depth("{\"a\":{\"b\":{\"c\":{}}}}", 3, -1, 15);
	assert_depth("[{\"a\":[]}]", 3, 0, 0);
	assert_depth("[{\"a\":[{}]}]", 3, -1, 7);
	assert_depth("[]", 1, 0, 0);
	assert_depth("[1,[]]", 1, -1, 3);
	assert_depth("7", 0, 0, 0);
	assert_depth(" []", 0, -1, 1);
}

static void
test_depth_default(void **state)
{
	enum { N = 512 };
	char s[2 * (N + 1) + 1];
	struct tree t;
	struct scan_error e;

	(void)state;
	memset(s, '[', N);
	memset(s + N, ']', N);
	s[2 * N] = '\0';
	assert_int_equal(scan_json(s, 2 * N, 0, N, &t, &e), 0);
	assert_int_equal(t.n, N);
	assert_int_equal(t.nodes[N - 1].parent, N - 2);
	tree_release(&t);
	memset(s, '[', N + 1);
	memset(s + N + 1, ']', N + 1);
	s[2 * N + 2] = '\0';
	assert_int_equal(scan_json(s, 2 * N + 2, 0, N, &t, &e), -1);
	assert_int_equal(e.off, N);
	tree_release(&t);
}

/*
 * "-" starts a number, so the input stops being JSON at the 'I', as it
 * does at the 'x' of "-x".
 */
static void
test_minus_infinity(void **state)
{
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json("[-x]", 4, 0, DEPTH, &t, &e), -1);
	assert_int_equal(e.off, 2);
	tree_release(&t);
	assert_int_equal(scan_json("[-Infinity]", 11, 0, DEPTH, &t, &e), -1);
	assert_non_null(strstr(e.msg, "Infinity"));
	assert_int_equal(e.off, 2);
	tree_release(&t);
}

static void
test_empty(void **state)
{
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json("", 0, 0, DEPTH, &t, &e), -1);
	assert_int_equal(e.off, 0);
	assert_string_equal(e.msg, "empty input; expected a JSON value");
	assert_null(e.note);
	tree_release(&t);
	/* a file that is only a byte order mark is empty too */
	assert_int_equal(scan_json("\xef\xbb\xbf", 3, 3, DEPTH, &t, &e), -1);
	assert_int_equal(e.off, 3);
	assert_non_null(strstr(e.msg, "empty input"));
	tree_release(&t);
}

static void
test_trailing(void **state)
{
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json("{} \n x", 6, 0, DEPTH, &t, &e), -1);
	assert_int_equal(e.off, 5);
	assert_string_equal(e.msg, "unexpected 'x' after the JSON value; a "
			    "document holds exactly one value");
	tree_release(&t);
	/* white space after the value is fine */
	assert_int_equal(scan_json("{} \r\n\t ", 7, 0, DEPTH, &t, &e), 0);
	assert_int_equal(t.nodes[0].end, 2);
	tree_release(&t);
}

static void
test_notes(void **state)
{
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json(" {\"a\":[1,", 9, 0, DEPTH, &t, &e), -1);
	assert_int_equal(e.off, 9);
	assert_int_equal(e.note_off, 6);
	assert_string_equal(e.note, "the array starts here");
	tree_release(&t);
	assert_int_equal(scan_json("{\"a\":1", 6, 0, DEPTH, &t, &e), -1);
	assert_int_equal(e.note_off, 0);
	assert_string_equal(e.note, "the object starts here");
	tree_release(&t);
	assert_int_equal(scan_json("[\"abc", 5, 0, DEPTH, &t, &e), -1);
	assert_int_equal(e.off, 5);
	assert_int_equal(e.note_off, 1);
	assert_string_equal(e.note, "the string starts here");
	tree_release(&t);
	/* an error in the middle has no note */
	assert_int_equal(scan_json("[1,]", 4, 0, DEPTH, &t, &e), -1);
	assert_null(e.note);
	tree_release(&t);
}

static void
test_messages(void **state)
{
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json("{\"a\":1,}", 8, 0, DEPTH, &t, &e), -1);
	assert_string_equal(e.msg, "expected a key after ',', not '}'; "
			    "trailing commas are not allowed");
	tree_release(&t);
	assert_int_equal(scan_json("[1,]", 4, 0, DEPTH, &t, &e), -1);
	assert_string_equal(e.msg, "expected a value after ',', not ']'; "
			    "trailing commas are not allowed");
	tree_release(&t);
	assert_int_equal(scan_json("[\"\x01\"]", 5, 0, DEPTH, &t, &e), -1);
	assert_string_equal(e.msg, "unescaped control character U+0001 in a "
			    "string; write it as \\u0001");
	tree_release(&t);
	assert_int_equal(scan_json("[\"\xff\"]", 5, 0, DEPTH, &t, &e), -1);
	assert_string_equal(e.msg, "invalid UTF-8 in a string: byte that "
			    "never occurs in UTF-8 (byte 0xFF)");
	tree_release(&t);
}

static void
test_bom_start(void **state)
{
	const char *s = "\xef\xbb\xbf {\"a\":1}";
	struct tree t;
	struct scan_error e;

	(void)state;
	assert_int_equal(scan_json(s, strlen(s), 3, DEPTH, &t, &e), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.nodes[0].off, 4);
	assert_int_equal(t.nodes[0].end, 11);
	assert_key(&t, 1, "a", 5, 8);
	assert_int_equal(t.nodes[1].off, 9);
	tree_release(&t);
	/* offsets stay those of the whole input */
	assert_int_equal(scan_json("\xef\xbb\xbf[1,]", 7, 3, DEPTH, &t, &e),
			 -1);
	assert_int_equal(e.off, 6);
	tree_release(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_accepts),
		cmocka_unit_test(test_nodes),
		cmocka_unit_test(test_scalar_types),
		cmocka_unit_test(test_key_escapes),
		cmocka_unit_test(test_key_surrogates),
		cmocka_unit_test(test_key_lone_surrogates),
		cmocka_unit_test(test_key_surrogates_as_json_c),
		cmocka_unit_test(test_key_nul),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_duplicates_unsorted),
		cmocka_unit_test(test_duplicates_decoded),
		cmocka_unit_test(test_duplicates_nested),
		cmocka_unit_test(test_duplicates_many),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_depth_default),
		cmocka_unit_test(test_minus_infinity),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_trailing),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_bom_start),
	};

	return cmocka_run_group_tests_name("scan", tests, NULL, NULL);
}
