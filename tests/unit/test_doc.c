/*
 * Documents: the two shapes, members and values, JSON Pointers, and what
 * the loader reports.
 */
#include "unit.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "source.h"

struct loaded {
	struct source *src;
	struct doc d;
	struct diag_list diags;
	int rc;
};

/* Loads len bytes of text; the result is checked by the caller. */
static struct loaded *
load_len(const char *text, size_t len, unsigned max_depth)
{
	struct loaded *l = calloc(1, sizeof(*l));

	assert_non_null(l);
	l->src = source_from_mem("doc.json", text, len);
	diag_list_init(&l->diags);
	l->rc = doc_load(&l->d, l->src, max_depth, &l->diags);
	return l;
}

static struct loaded *
load_any(const char *text)
{
	return load_len(text, strlen(text), DOC_MAX_DEPTH_DEFAULT);
}

static void
dump(const struct diag_list *l)
{
	for (size_t k = 0; k < l->n; k++)
		print_message("  [%zu] %s %zu-%zu: %s%s%s\n", k, l->v[k].rule,
			      l->v[k].off, l->v[k].end, l->v[k].msg,
			      l->v[k].note ? " / note: " : "",
			      l->v[k].note ? l->v[k].note : "");
}

/* Loads text, which must load without findings. */
static struct loaded *
load(const char *text)
{
	struct loaded *l = load_any(text);

	if (l->rc != 0 || l->diags.n != 0) {
		print_message("%s does not load cleanly:\n", text);
		dump(&l->diags);
	}
	assert_int_equal(l->rc, 0);
	assert_true(l->d.ok);
	assert_int_equal(l->diags.n, 0);
	return l;
}

static void
unload(struct loaded *l)
{
	doc_release(&l->d);
	diag_list_release(&l->diags);
	source_free(l->src);
	free(l);
}

/* The offset of the only occurrence of needle in the loaded text. */
static size_t
at(const struct loaded *l, const char *needle)
{
	const char *hit = strstr(l->src->bytes, needle);

	if (hit == NULL || strstr(hit + 1, needle) != NULL)
		print_message("%s is not once in %s\n", needle, l->src->bytes);
	assert_non_null(hit);
	assert_null(strstr(hit + 1, needle));
	return (size_t)(hit - l->src->bytes);
}

/* The JSON Pointer of node i, as a string to free. */
static char *
pointer(const struct loaded *l, uint32_t i)
{
	struct buf b = BUF_INIT;

	doc_pointer(&l->d, i, &b);
	return buf_detach(&b);
}

static void
assert_pointer(const struct loaded *l, uint32_t i, const char *want)
{
	char *p = pointer(l, i);

	assert_string_equal(p, want);
	free(p);
}

/* The i-th child (member or element) of container node c. */
static uint32_t
child(const struct loaded *l, uint32_t c, size_t i)
{
	uint32_t n;

	assert_int_not_equal(c, NODE_NONE);
	n = doc_node(&l->d, c)->first;
	for (; i > 0 && n != NODE_NONE; i--)
		n = doc_node(&l->d, n)->next;
	assert_int_not_equal(n, NODE_NONE);
	return n;
}

/* --- shapes -------------------------------------------------------------------- */

static void
test_shape_bare(void **state)
{
	struct loaded *l = load("{\"type\": \"object\", \"output\": {}, "
				"\"properties\": {\"input\": {}}}");

	(void)state;
	assert_false(l->d.wrapper);
	assert_int_equal(l->d.form, 0);
	/* "output" only counts in a wrapper; a nested "input" not at all */
	assert_int_equal(l->d.output, NODE_NONE);
	assert_ptr_equal(l->d.src, l->src);
	unload(l);
}

static void
test_shape_wrapper(void **state)
{
	struct loaded *l = load("{\"name\": \"x\", \"input\": {\"type\": "
				"\"object\"}, \"output\": {\"type\": 1}}");
	const struct node *n;

	(void)state;
	assert_true(l->d.wrapper);
	assert_int_not_equal(l->d.form, NODE_NONE);
	assert_int_equal(l->d.form, doc_member(&l->d, 0, "input"));
	n = doc_node(&l->d, l->d.form);
	assert_int_equal(n->type, J_OBJECT);
	assert_int_equal(n->off, at(l, "{\"type\": \"object\"}"));
	assert_int_not_equal(l->d.output, NODE_NONE);
	assert_int_equal(l->d.output, doc_member(&l->d, 0, "output"));
	assert_int_equal(doc_node(&l->d, l->d.output)->off,
			 at(l, "{\"type\": 1}"));
	unload(l);
}

static void
test_shape_wrapper_odd(void **state)
{
	struct loaded *l;

	(void)state;
	/* no "output" */
	l = load("{\"input\": {}}");
	assert_true(l->d.wrapper);
	assert_int_equal(l->d.form, 1);
	assert_int_equal(l->d.output, NODE_NONE);
	unload(l);
	/* an "input" that is not an object still makes a wrapper */
	l = load("{\"input\": 5, \"output\": null}");
	assert_true(l->d.wrapper);
	assert_int_equal(doc_node(&l->d, l->d.form)->type, J_NUMBER);
	assert_int_equal(doc_node(&l->d, l->d.output)->type, J_NULL);
	unload(l);
	/* a repeated "input": the last one is the form */
	l = load_any("{\"input\": {\"a\": 1}, \"input\": {\"b\": 2}}");
	assert_int_equal(l->rc, 0);
	assert_true(l->d.wrapper);
	assert_int_equal(doc_node(&l->d, l->d.form)->off, at(l, "{\"b\""));
	unload(l);
}

static void
test_shape_not_an_object(void **state)
{
	static const char *const texts[] = {
		"[{\"input\": {}}]", "\"input\"", "1", "null", "true",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		struct loaded *l = load(texts[k]);

		assert_false(l->d.wrapper);
		assert_int_equal(l->d.form, NODE_NONE);
		assert_int_equal(l->d.output, NODE_NONE);
		assert_int_equal(doc_node(&l->d, 0)->parent, NODE_NONE);
		unload(l);
	}
}

/* --- members and values ------------------------------------------------------- */

static void
test_member(void **state)
{
	struct loaded *l = load("{\"a\": 1, \"b\": {\"a\": 2}, \"\": 3, "
				"\"A\": 4, \"ab\": 5}");
	uint32_t b;

	(void)state;
	assert_int_equal(doc_node(&l->d, doc_member(&l->d, 0, "a"))->off,
			 at(l, "1"));
	b = doc_member(&l->d, 0, "b");
	assert_int_equal(doc_node(&l->d, b)->type, J_OBJECT);
	assert_int_equal(doc_node(&l->d, doc_member(&l->d, b, "a"))->off,
			 at(l, "2"));
	/* the empty key is a key */
	assert_int_equal(doc_node(&l->d, doc_member(&l->d, 0, ""))->off,
			 at(l, "3"));
	/* keys are compared exactly: no case folding, no prefixes */
	assert_int_equal(doc_node(&l->d, doc_member(&l->d, 0, "A"))->off,
			 at(l, "4"));
	assert_int_equal(doc_member(&l->d, 0, "c"), NODE_NONE);
	assert_int_equal(doc_member(&l->d, 0, "abc"), NODE_NONE);
	assert_int_equal(doc_member(&l->d, b, "b"), NODE_NONE);
	/* not an object, or no node */
	assert_int_equal(doc_member(&l->d, doc_member(&l->d, 0, "a"), "a"),
			 NODE_NONE);
	assert_int_equal(doc_member(&l->d, NODE_NONE, "a"), NODE_NONE);
	unload(l);
}

static void
test_member_repeated(void **state)
{
	struct loaded *l = load_any("{\"a\": 1, \"b\": 2, \"a\": 3, "
				    "\"\\u0061\": 4, \"c\": {\"a\": 5}}");
	uint32_t a;

	(void)state;
	assert_int_equal(l->rc, 0);
	/* the last "a", however it is written */
	a = doc_member(&l->d, 0, "a");
	assert_int_equal(doc_node(&l->d, a)->off, at(l, "4"));
	assert_int_equal(json_object_get_int(doc_value(&l->d, a)), 4);
	unload(l);

	/* a key ends at \u0000: "a\u0000b" is "a" */
	l = load_any("{\"a\": 1, \"a\\u0000b\": 2}");
	assert_int_equal(l->rc, 0);
	a = doc_member(&l->d, 0, "a");
	assert_int_equal(doc_node(&l->d, a)->off, at(l, "2"));
	assert_int_equal(json_object_get_int(doc_value(&l->d, a)), 2);
	unload(l);
	l = load_any("{\"a\\u0000b\": 1, \"a\": 2}");
	assert_int_equal(l->rc, 0);
	a = doc_member(&l->d, 0, "a");
	assert_int_equal(doc_node(&l->d, a)->off, at(l, "2"));
	assert_int_equal(json_object_get_int(doc_value(&l->d, a)), 2);
	unload(l);
}

/*
 * An object of more than a few members is looked up through the doc's
 * table: the same answers as the linear search, repeats and \u0000
 * included, and members of another object with the same key never match.
 */
static void
test_member_large(void **state)
{
	struct buf text = BUF_INIT;
	struct loaded *l;
	uint32_t big, small, m;
	char key[16];

	(void)state;
	buf_adds(&text, "{\"big\": {");
	for (int k = 0; k < 1000; k++)
		buf_addf(&text, "\"k%d\": %d, ", k, k);
	/* a repeat (the last counts), a key cut at \u0000, the empty key */
	buf_adds(&text, "\"k7\": -7, \"nul\\u0000x\": 1, \"\": 2}, "
		 "\"small\": {\"k1\": \"s\"}}");
	l = load_any(text.s);
	assert_int_equal(l->rc, 0);
	big = doc_member(&l->d, 0, "big");
	small = doc_member(&l->d, 0, "small");
	for (int k = 0; k < 1000; k++) {
		snprintf(key, sizeof(key), "k%d", k);
		m = doc_member(&l->d, big, key);
		assert_int_not_equal(m, NODE_NONE);
		assert_int_equal(doc_node(&l->d, m)->parent, big);
		assert_int_equal(json_object_get_int(doc_value(&l->d, m)),
				 k == 7 ? -7 : k);
	}
	assert_int_equal(doc_member(&l->d, big, "k1000"), NODE_NONE);
	assert_int_equal(doc_member(&l->d, big, "nul\0x"), doc_member(&l->d,
			 big, "nul"));
	assert_int_not_equal(doc_member(&l->d, big, "nul"), NODE_NONE);
	assert_int_equal(doc_member_len(&l->d, big, "nul\0x", 5), NODE_NONE);
	assert_int_not_equal(doc_member(&l->d, big, ""), NODE_NONE);
	/* a small object's member is not the large one's, and back */
	m = doc_member(&l->d, small, "k1");
	assert_int_equal(doc_node(&l->d, m)->parent, small);
	assert_int_equal(doc_member(&l->d, small, "k2"), NODE_NONE);
	assert_int_equal(doc_member(&l->d, big, "big"), NODE_NONE);
	unload(l);
	buf_release(&text);
}

static void
test_value(void **state)
{
	struct loaded *l = load("{\"a\": [10, {\"b\": \"x\", \"c\": [true, "
				"null]}, -2.5], \"d\": {\"e\": {\"f\": "
				"\"deep\"}}, \"g\": null}");
	uint32_t a, obj, c, f;
	struct json_object *v;

	(void)state;
	/* the deepest first: the containers above it are found on the way */
	f = doc_member(&l->d, doc_member(&l->d, doc_member(&l->d, 0, "d"),
					 "e"), "f");
	v = doc_value(&l->d, f);
	assert_true(json_object_is_type(v, json_type_string));
	assert_string_equal(json_object_get_string(v), "deep");
	/* array elements by position */
	a = doc_member(&l->d, 0, "a");
	obj = child(l, a, 1);
	c = doc_member(&l->d, obj, "c");
	v = doc_value(&l->d, child(l, c, 0));
	assert_true(json_object_is_type(v, json_type_boolean));
	assert_true(json_object_get_boolean(v));
	/* JSON null is NULL */
	assert_null(doc_value(&l->d, child(l, c, 1)));
	assert_null(doc_value(&l->d, doc_member(&l->d, 0, "g")));
	v = doc_value(&l->d, child(l, a, 0));
	assert_true(json_object_is_type(v, json_type_int));
	assert_int_equal(json_object_get_int(v), 10);
	v = doc_value(&l->d, child(l, a, 2));
	assert_true(json_object_is_type(v, json_type_double));
	assert_true(json_object_get_double(v) == -2.5);
	v = doc_value(&l->d, doc_member(&l->d, obj, "b"));
	assert_string_equal(json_object_get_string(v), "x");
	/* a container's value is the json-c container */
	v = doc_value(&l->d, a);
	assert_true(json_object_is_type(v, json_type_array));
	assert_int_equal(json_object_array_length(v), 3);
	assert_ptr_equal(doc_value(&l->d, obj),
			 json_object_array_get_idx(v, 1));
	/* the root, and the same object each time */
	v = doc_value(&l->d, 0);
	assert_true(json_object_is_type(v, json_type_object));
	assert_ptr_equal(v, doc_value(&l->d, 0));
	assert_ptr_equal(doc_value(&l->d, f), doc_value(&l->d, f));
	unload(l);
}

/* --- pointers -------------------------------------------------------------------- */

static void
test_pointer(void **state)
{
	struct loaded *l = load("{\"a/b\": {\"m~n\": [0, {\"\": 1, "
				"\"~01\": [[2, 3]]}]}, \"\\u00e9\\u0000x\": 4, "
				"\"sp ace\": 5}");
	uint32_t ab, mn, arr, empty, tilde;
	struct buf b = BUF_INIT;

	(void)state;
	assert_pointer(l, 0, "");
	assert_pointer(l, NODE_NONE, "");
	ab = doc_member(&l->d, 0, "a/b");
	assert_pointer(l, ab, "/a~1b");
	mn = doc_member(&l->d, ab, "m~n");
	assert_pointer(l, mn, "/a~1b/m~0n");
	assert_pointer(l, child(l, mn, 0), "/a~1b/m~0n/0");
	empty = doc_member(&l->d, child(l, mn, 1), "");
	assert_pointer(l, empty, "/a~1b/m~0n/1/");
	tilde = doc_member(&l->d, child(l, mn, 1), "~01");
	assert_pointer(l, tilde, "/a~1b/m~0n/1/~001");
	arr = child(l, tilde, 0);
	assert_pointer(l, arr, "/a~1b/m~0n/1/~001/0");
	assert_pointer(l, child(l, arr, 1), "/a~1b/m~0n/1/~001/0/1");
	/* a pointer holds the decoded key, which ends at \u0000 */
	assert_pointer(l, doc_member(&l->d, 0, "\xc3\xa9"), "/\xc3\xa9");
	assert_pointer(l, doc_member(&l->d, 0, "sp ace"), "/sp ace");
	/* it is appended to what the buffer holds */
	buf_adds(&b, "x#");
	doc_pointer(&l->d, child(l, mn, 0), &b);
	assert_string_equal(b.s, "x#/a~1b/m~0n/0");
	buf_release(&b);
	unload(l);
}

static void
test_pointer_array_indexes(void **state)
{
	struct buf text = BUF_INIT;
	struct loaded *l;
	uint32_t last;

	(void)state;
	/* twelve elements: the index is counted, not a digit */
	buf_adds(&text, "[");
	for (int k = 0; k < 12; k++)
		buf_addf(&text, "%s{\"k\": %d}", k ? "," : "", k);
	buf_adds(&text, "]");
	l = load(text.s);
	last = child(l, 0, 11);
	assert_pointer(l, last, "/11");
	assert_pointer(l, doc_member(&l->d, last, "k"), "/11/k");
	assert_pointer(l, child(l, 0, 10), "/10");
	assert_pointer(l, child(l, 0, 0), "/0");
	unload(l);
	buf_release(&text);
}

static void
test_pointer_escape(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" }, { "plain", "plain" }, { "~", "~0" }, { "/", "~1" },
		{ "~1", "~01" }, { "~0", "~00" }, { "/0", "~10" },
		{ "a/b~c", "a~1b~0c" }, { "//~~", "~1~1~0~0" },
		{ "\xc3\xa9~", "\xc3\xa9~0" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct buf b = BUF_INIT;

		doc_pointer_escape(&b, cases[k].in, strlen(cases[k].in));
		assert_string_equal(b.s, cases[k].out);
		buf_release(&b);
	}
	/* the length counts: a NUL inside is a byte like the others */
	{
		struct buf b = BUF_INIT;

		doc_pointer_escape(&b, "a/b/c", 3);
		assert_string_equal(b.s, "a~1b");
		buf_release(&b);
	}
}

/* --- the loader's findings ---------------------------------------------------- */

static void
test_syntax_error(void **state)
{
	struct loaded *l = load_any("{\"a\": 1,}");
	const struct diag *d;

	(void)state;
	assert_int_equal(l->rc, -1);
	assert_false(l->d.ok);
	assert_int_equal(l->diags.n, 1);
	d = &l->diags.v[0];
	assert_string_equal(d->rule, LOAD_SYNTAX);
	assert_int_equal(d->sev, SEV_ERROR);
	assert_int_equal(d->off, 8);
	assert_int_equal(d->end, 9);
	assert_non_null(strstr(d->msg, "'}'"));
	assert_null(d->note);
	assert_null(d->pointer);
	unload(l);
}

static void
test_syntax_error_with_note(void **state)
{
	struct loaded *l;
	const struct diag *d;

	(void)state;
	/* a string that never ends: the note shows where it starts */
	l = load_any("{\"a\": \"abc");
	assert_int_equal(l->rc, -1);
	assert_false(l->d.ok);
	assert_int_equal(l->diags.n, 1);
	d = &l->diags.v[0];
	assert_string_equal(d->rule, LOAD_SYNTAX);
	/* at the end of input: an empty range there */
	assert_int_equal(d->off, 10);
	assert_int_equal(d->end, 10);
	assert_string_equal(d->msg, "unexpected end of input in a string; "
			    "expected '\"'");
	assert_non_null(d->note);
	assert_string_equal(d->note, "the string starts here");
	assert_int_equal(d->note_off, 6);
	assert_int_equal(d->note_end, 7);
	unload(l);

	/* an array that never closes */
	l = load_any("{\"a\": [1, 2");
	assert_int_equal(l->rc, -1);
	assert_int_equal(l->diags.n, 1);
	d = &l->diags.v[0];
	assert_int_equal(d->off, 11);
	assert_string_equal(d->note, "the array starts here");
	assert_int_equal(d->note_off, 6);
	assert_int_equal(d->note_end, 7);
	unload(l);

	/* nothing at all */
	l = load_any("");
	assert_int_equal(l->rc, -1);
	assert_int_equal(l->diags.n, 1);
	assert_string_equal(l->diags.v[0].rule, LOAD_SYNTAX);
	assert_int_equal(l->diags.v[0].off, 0);
	assert_null(l->diags.v[0].note);
	unload(l);
}

static void
test_max_depth(void **state)
{
	struct loaded *l;

	(void)state;
	l = load_len("[[1]]", 5, 2);
	assert_int_equal(l->rc, 0);
	assert_int_equal(l->diags.n, 0);
	unload(l);
	l = load_len("[[1]]", 5, 1);
	assert_int_equal(l->rc, -1);
	assert_int_equal(l->diags.n, 1);
	assert_string_equal(l->diags.v[0].rule, LOAD_SYNTAX);
	assert_int_equal(l->diags.v[0].off, 1);
	unload(l);
}

/*
 * The range that needle marks in the loaded text: needle occurs once, and
 * the range ends at its '|', or with it when it has none.
 */
static void
range(const struct loaded *l, const char *needle, size_t *off, size_t *end)
{
	char n[128];
	const char *bar = strchr(needle, '|');
	size_t len = bar != NULL ? (size_t)(bar - needle) : strlen(needle);

	assert_true(strlen(needle) < sizeof(n));
	memcpy(n, needle, len);
	strcpy(n + len, bar != NULL ? bar + 1 : "");
	*off = at(l, n);
	*end = *off + len;
}

/*
 * Checks the one duplicate-key finding of text: at the second key, marked
 * by needle second, with its note at the first key, marked by first.
 */
static void
assert_duplicate(const char *text, const char *second, const char *first,
		 const char *msg, const char *note, const char *ptr)
{
	struct loaded *l = load_any(text);
	const struct diag *d;
	size_t off2, end2, off1, end1;

	range(l, second, &off2, &end2);
	range(l, first, &off1, &end1);
	if (l->diags.n != 1)
		dump(&l->diags);
	assert_int_equal(l->rc, 0);
	assert_true(l->d.ok);
	assert_int_equal(l->diags.n, 1);
	d = &l->diags.v[0];
	assert_string_equal(d->rule, LOAD_DUPLICATE_KEY);
	assert_int_equal(d->sev, SEV_ERROR);
	/* the second key token, quotes included */
	assert_int_equal(d->off, off2);
	assert_int_equal(d->end, end2);
	assert_string_equal(d->msg, msg);
	assert_non_null(d->pointer);
	assert_string_equal(d->pointer, ptr);
	/* the note: at the first key token */
	assert_true(off1 < off2);
	assert_non_null(d->note);
	assert_string_equal(d->note, note);
	assert_int_equal(d->note_off, off1);
	assert_int_equal(d->note_end, end1);
	unload(l);
}

static void
test_duplicate_key(void **state)
{
	(void)state;
	assert_duplicate("{\"a\": 1, \"b\": 2, \"a\": 3}", "\"a\"|: 3",
			 "\"a\"|: 1",
			 "duplicate key \"a\"; only the last one counts",
			 "the first one is here", "/a");
	/* the second key's range is the key token alone */
	{
		struct loaded *l = load_any("{\"x\": {\"k/~\": 1,\n"
					    "  \"k/~\" : 2}}");

		assert_int_equal(l->diags.n, 1);
		assert_int_equal(l->diags.v[0].off, 19);
		assert_int_equal(l->diags.v[0].end, 24);
		assert_int_equal(l->diags.v[0].note_off, 7);
		assert_int_equal(l->diags.v[0].note_end, 12);
		assert_string_equal(l->diags.v[0].pointer, "/x/k~1~0");
		assert_string_equal(l->diags.v[0].msg, "duplicate key \"k/~\"; "
				    "only the last one counts");
		unload(l);
	}
	/* in an array, the pointer has the index */
	assert_duplicate("[0, {\"q\": 1, \"q\": 2}]", "\"q\"|: 2",
			 "\"q\"|: 1",
			 "duplicate key \"q\"; only the last one counts",
			 "the first one is here", "/1/q");
}

static void
test_duplicate_key_three_times(void **state)
{
	struct loaded *l = load_any("{\"a\": 1, \"a\": 2, \"a\": 3}");

	(void)state;
	assert_int_equal(l->rc, 0);
	/* each repetition is reported once */
	if (l->diags.n != 2)
		dump(&l->diags);
	assert_int_equal(l->diags.n, 2);
	for (size_t k = 0; k < 2; k++) {
		assert_string_equal(l->diags.v[k].rule, LOAD_DUPLICATE_KEY);
		assert_non_null(l->diags.v[k].note);
	}
	assert_int_equal(l->diags.v[0].off, 9);
	assert_int_equal(l->diags.v[1].off, 17);
	/* the note shows the first of them */
	assert_int_equal(l->diags.v[0].note_off, 1);
	assert_int_equal(l->diags.v[1].note_off, 1);
	unload(l);
}

static void
test_duplicate_key_spelling(void **state)
{
	(void)state;
	/* the second spelt differently */
	assert_duplicate("{\"a\": 1, \"\\u0061\": 2}", "\"\\u0061\"", "\"a\"",
			 "duplicate key \"a\"; only the last one counts "
			 "(written \"\\u0061\")",
			 "the first one is here", "/a");
	/* the first spelt differently */
	assert_duplicate("{\"\\u0061\": 1, \"a\": 2}", "\"a\"|: 2",
			 "\"\\u0061\"",
			 "duplicate key \"a\"; only the last one counts",
			 "the first one is here (written \"\\u0061\")", "/a");
	/* both */
	assert_duplicate("{\"\\u0061\": 1, \"\\u0061\": 2}", "\"\\u0061\"|: 2",
			 "\"\\u0061\"|: 1",
			 "duplicate key \"a\"; only the last one counts "
			 "(written \"\\u0061\")",
			 "the first one is here (written \"\\u0061\")", "/a");
	/* an escape that is how the key reads is not a spelling */
	assert_duplicate("{\"q\\\"\": 1, \"q\\\"\": 2}", "\"q\\\"\"|: 2",
			 "\"q\\\"\"|: 1",
			 "duplicate key \"q\\\"\"; only the last one counts",
			 "the first one is here", "/q\"");
	/* nor is raw UTF-8, but its escape is */
	assert_duplicate("{\"\xc3\xa9\": 1, \"\\u00E9\": 2}", "\"\\u00E9\"",
			 "\"\xc3\xa9\"",
			 "duplicate key \"\xc3\xa9\"; only the last one counts "
			 "(written \"\\u00E9\")",
			 "the first one is here", "/\xc3\xa9");
}

static void
test_duplicate_key_nul(void **state)
{
	(void)state;
	/* a key ends at \u0000 */
	assert_duplicate("{\"a\": 1, \"a\\u0000b\": 2}", "\"a\\u0000b\"",
			 "\"a\"",
			 "duplicate key \"a\"; only the last one counts "
			 "(written \"a\\u0000b\", and a key ends at \\u0000)",
			 "the first one is here", "/a");
	assert_duplicate("{\"a\\u0000b\": 1, \"a\": 2}", "\"a\"|: 2",
			 "\"a\\u0000b\"",
			 "duplicate key \"a\"; only the last one counts",
			 "the first one is here (written \"a\\u0000b\", and a "
			 "key ends at \\u0000)", "/a");
	/* two keys that differ only after \u0000 */
	assert_duplicate("{\"a\\u0000x\": 1, \"a\\u0000y\": 2}",
			 "\"a\\u0000y\"", "\"a\\u0000x\"",
			 "duplicate key \"a\"; only the last one counts "
			 "(written \"a\\u0000y\", and a key ends at \\u0000)",
			 "the first one is here (written \"a\\u0000x\", and a "
			 "key ends at \\u0000)", "/a");
}

/* An escaped backslash before "u0000" is no \u0000 escape. */
static void
test_duplicate_key_escaped_backslash(void **state)
{
	(void)state;
	assert_duplicate("{\"a\\\\u0000\": 1, \"\\u0061\\\\u0000\": 2}",
			 "\"\\u0061\\\\u0000\"", "\"a\\\\u0000\"",
			 "duplicate key \"a\\\\u0000\"; only the last one "
			 "counts (written \"\\u0061\\\\u0000\")",
			 "the first one is here", "/a\\u0000");
}

static void
test_bom(void **state)
{
	static const char text[] = "\xef\xbb\xbf{\"a\": 1, \"input\": {}}";
	struct loaded *l = load_len(text, sizeof(text) - 1,
				    DOC_MAX_DEPTH_DEFAULT);
	uint32_t a;

	(void)state;
	assert_int_equal(l->rc, 0);
	assert_true(l->d.ok);
	assert_int_equal(l->diags.n, 1);
	assert_string_equal(l->diags.v[0].rule, LOAD_BOM);
	assert_int_equal(l->diags.v[0].sev, SEV_ERROR);
	assert_int_equal(l->diags.v[0].off, 0);
	assert_int_equal(l->diags.v[0].end, 3);
	assert_non_null(strstr(l->diags.v[0].msg, "byte order mark"));
	assert_null(l->diags.v[0].note);
	/* the rest is loaded, at offsets in the file */
	assert_int_equal(doc_node(&l->d, 0)->off, 3);
	assert_true(l->d.wrapper);
	a = doc_member(&l->d, 0, "a");
	assert_int_equal(doc_node(&l->d, a)->off, 9);
	assert_int_equal(json_object_get_int(doc_value(&l->d, a)), 1);
	assert_pointer(l, a, "/a");
	unload(l);
}

static void
test_bom_with_other_findings(void **state)
{
	static const char dup[] = "\xef\xbb\xbf{\"a\": 1, \"a\": 2}";
	static const char bad[] = "\xef\xbb\xbf{\"a\": }";
	struct loaded *l;

	(void)state;
	l = load_len(dup, sizeof(dup) - 1, DOC_MAX_DEPTH_DEFAULT);
	assert_int_equal(l->rc, 0);
	assert_int_equal(l->diags.n, 2);
	assert_string_equal(l->diags.v[0].rule, LOAD_BOM);
	assert_string_equal(l->diags.v[1].rule, LOAD_DUPLICATE_KEY);
	assert_int_equal(l->diags.v[1].off, 12);
	assert_int_equal(l->diags.v[1].note_off, 4);
	unload(l);
	l = load_len(bad, sizeof(bad) - 1, DOC_MAX_DEPTH_DEFAULT);
	assert_int_equal(l->rc, -1);
	assert_false(l->d.ok);
	assert_int_equal(l->diags.n, 2);
	assert_string_equal(l->diags.v[0].rule, LOAD_BOM);
	assert_string_equal(l->diags.v[1].rule, LOAD_SYNTAX);
	assert_int_equal(l->diags.v[1].off, 9);
	unload(l);
	/* a mark alone is no JSON value */
	l = load_len("\xef\xbb\xbf", 3, DOC_MAX_DEPTH_DEFAULT);
	assert_int_equal(l->rc, -1);
	assert_int_equal(l->diags.n, 2);
	assert_string_equal(l->diags.v[1].rule, LOAD_SYNTAX);
	assert_int_equal(l->diags.v[1].off, 3);
	unload(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape_bare),
		cmocka_unit_test(test_shape_wrapper),
		cmocka_unit_test(test_shape_wrapper_odd),
		cmocka_unit_test(test_shape_not_an_object),
		cmocka_unit_test(test_member),
		cmocka_unit_test(test_member_repeated),
		cmocka_unit_test(test_member_large),
		cmocka_unit_test(test_value),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_pointer_array_indexes),
		cmocka_unit_test(test_pointer_escape),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_syntax_error_with_note),
		cmocka_unit_test(test_max_depth),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_three_times),
		cmocka_unit_test(test_duplicate_key_spelling),
		cmocka_unit_test(test_duplicate_key_nul),
		cmocka_unit_test(test_duplicate_key_escaped_backslash),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_bom_with_other_findings),
	};

	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
