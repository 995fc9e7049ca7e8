/*
 * Emitters: the gcc format's exact lines, control characters kept off
 * them, the json format's document, and write errors.
 */
#include "unit.h"

#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

/* A document of four lines, starting at offsets 0, 10, 22 and 35. */
static const char text[] =
	"{\"a\": 1,\r\n"		/* 0..9, CR LF */
	"  \"b\": \"x\",\n"		/* 10..21 */
	"\t\"a\": [true]\n"		/* 22..34 */
	"}\n";				/* 35..36 */

/* One linted file: its source and its findings. */
struct run {
	struct source *src;
	struct diag_list *l;
};

/* Runs the emitter called fmt over runs[] and returns its output. */
static char *
emit_all(const char *fmt, const struct run *runs, size_t n, int *rc)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	const struct emitter *e = emitter_find(fmt);
	struct emit em;

	assert_non_null(f);
	assert_non_null(e);
	emit_init(&em, e, f, NULL);
	for (size_t k = 0; k < n; k++)
		emit_file(&em, runs[k].src, runs[k].l);
	*rc = emit_finish(&em);
	assert_int_equal(fclose(f), 0);
	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	return out;
}

static char *
emit_one(const char *fmt, struct source *src, struct diag_list *l)
{
	struct run r = { src, l };
	int rc = -2;
	char *out = emit_all(fmt, &r, 1, &rc);

	assert_int_equal(rc, 0);
	return out;
}

/* Three findings: one with a note and a pointer, one warning, one note. */
static void
fill(struct diag_list *l)
{
	struct diag *d;

	/* the second "a" (offset 23..26); the first is at 1..4 */
	d = diag_add(l, "json-duplicate-key", SEV_ERROR, 23, 26,
		     xstrdup("duplicate key \"a\"; only the last one counts"));
	d->pointer = xstrdup("/a");
	d->note = xstrdup("the first one is here");
	d->note_off = 1;
	d->note_end = 4;
	/* the value "x" at 17..20 */
	d = diag_add(l, "rule-w", SEV_WARNING, 17, 20, xstrdup("a warning"));
	d->pointer = xstrdup("/b");
	/* the closing brace and its line end */
	diag_add(l, "rule-n", SEV_NOTE, 35, 37, xstrdup("a note"));
}

static void
test_find(void **state)
{
	(void)state;
	assert_non_null(emitter_find("gcc"));
	assert_non_null(emitter_find("json"));
	assert_ptr_not_equal(emitter_find("gcc"), emitter_find("json"));
	assert_null(emitter_find("xml"));
	assert_null(emitter_find("GCC"));
	assert_null(emitter_find(""));
}

static void
test_gcc_lines(void **state)
{
	struct source *src = source_from_mem("dir/connection.json", text,
					     sizeof(text) - 1);
	struct diag_list l = DIAG_LIST_INIT;
	char *out;

	(void)state;
	fill(&l);
	out = emit_one("gcc", src, &l);
	assert_string_equal(out,
		"dir/connection.json:3:2: error: duplicate key \"a\"; only the "
		"last one counts [json-duplicate-key]\n"
		"dir/connection.json:1:2: note: the first one is here\n"
		"dir/connection.json:2:8: warning: a warning [rule-w]\n"
		"dir/connection.json:4:1: note: a note [rule-n]\n");
	free(out);
	diag_list_release(&l);
	source_free(src);
}

static void
test_gcc_files_in_order(void **state)
{
	struct source *a = source_from_mem("a.json", "{}", 2);
	struct source *b = source_from_mem("b.json", "\n\n  []", 6);
	struct source *c = source_from_mem("c.json", "{}", 2);
	struct diag_list la = DIAG_LIST_INIT, lb = DIAG_LIST_INIT;
	struct diag_list lc = DIAG_LIST_INIT;
	struct run runs[3] = { { b, &lb }, { c, &lc }, { a, &la } };
	int rc = -2;
	char *out;

	(void)state;
	diag_add(&la, "r", SEV_ERROR, 0, 1, xstrdup("in a"));
	diag_add(&lb, "r", SEV_ERROR, 4, 6, xstrdup("in b"));
	/* the end of input is a position too */
	diag_add(&lb, "r", SEV_ERROR, 6, 6, xstrdup("at the end of b"));
	out = emit_all("gcc", runs, 3, &rc);
	assert_int_equal(rc, 0);
	/* a file without findings prints nothing */
	assert_string_equal(out,
		"b.json:3:3: error: in b [r]\n"
		"b.json:3:5: error: at the end of b [r]\n"
		"a.json:1:1: error: in a [r]\n");
	free(out);
	/* no findings at all: no output */
	runs[0] = (struct run){ c, &lc };
	out = emit_all("gcc", runs, 1, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "");
	free(out);
	diag_list_release(&la);
	diag_list_release(&lb);
	source_free(a);
	source_free(b);
	source_free(c);
}

static char *
clean(const char *s)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	emit_clean(f, s);
	assert_int_equal(fclose(f), 0);
	return out;
}

static void
test_clean(void **state)
{
	char all[40];
	char *out;

	(void)state;
	out = clean("a\nb\rc\td\x1b[31me\x7f" "f\x01g");
	assert_string_equal(out, "a?b?c?d?[31me?f?g");
	free(out);
	/* every C0 control character, DEL too */
	for (int c = 1; c < 0x20; c++)
		all[c - 1] = (char)c;
	all[31] = 0x7f;
	all[32] = '\0';
	out = clean(all);
	assert_string_equal(out, "????????????????????????????????");
	free(out);
	/* printable ASCII and UTF-8 stay as they are */
	out = clean("caf\xc3\xa9 ~ \"x\" \\ \xe2\x82\xac");
	assert_string_equal(out, "caf\xc3\xa9 ~ \"x\" \\ \xe2\x82\xac");
	free(out);
	out = clean("");
	assert_string_equal(out, "");
	free(out);
}

/* A name or message with line breaks cannot make a line of its own. */
static void
test_gcc_cannot_fake_a_line(void **state)
{
	struct source *src = source_from_mem(
		"x.json:1:1: error: fake [r]\nevil\r.json", "{}", 2);
	struct diag_list l = DIAG_LIST_INIT;
	struct diag *d;
	char *out;

	(void)state;
	d = diag_add(&l, "r", SEV_ERROR, 0, 1,
		     xstrdup("one\nx.json:9:9: error: two [r]\x1b]0;t\a"));
	d->note = xstrdup("note\r\nx.json:1:1: error: three");
	d->note_off = 1;
	d->note_end = 2;
	out = emit_one("gcc", src, &l);
	assert_string_equal(out,
		"x.json:1:1: error: fake [r]?evil?.json:1:1: error: "
		"one?x.json:9:9: error: two [r]?]0;t? [r]\n"
		"x.json:1:1: error: fake [r]?evil?.json:1:2: note: "
		"note??x.json:1:1: error: three\n");
	free(out);
	diag_list_release(&l);
	source_free(src);
}

/* --- json ------------------------------------------------------------------ */

static struct json_object *
parse(const char *out)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o;

	assert_non_null(tok);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
			       JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, out, (int)strlen(out) + 1);
	if (json_tokener_get_error(tok) != json_tokener_success)
		print_message("not JSON (%s): %s\n", json_tokener_error_desc(
			json_tokener_get_error(tok)), out);
	assert_int_equal(json_tokener_get_error(tok), json_tokener_success);
	json_tokener_free(tok);
	assert_non_null(o);
	return o;
}

static struct json_object *
member(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		print_message("no member \"%s\" in %s\n", key,
			      json_object_to_json_string(o));
	assert_true(json_object_object_get_ex(o, key, &v));
	return v;
}

static void
assert_int_member(struct json_object *o, const char *key, int64_t want)
{
	struct json_object *v = member(o, key);

	assert_true(json_object_is_type(v, json_type_int));
	assert_int_equal(json_object_get_int64(v), want);
}

static void
assert_str_member(struct json_object *o, const char *key, const char *want)
{
	struct json_object *v = member(o, key);

	assert_true(json_object_is_type(v, json_type_string));
	assert_string_equal(json_object_get_string(v), want);
}

static void
assert_range(struct json_object *o, int64_t line, int64_t col,
	     int64_t end_line, int64_t end_col, int64_t off, int64_t end)
{
	assert_int_member(o, "line", line);
	assert_int_member(o, "column", col);
	assert_int_member(o, "endLine", end_line);
	assert_int_member(o, "endColumn", end_col);
	assert_int_member(o, "offset", off);
	assert_int_member(o, "endOffset", end);
}

static void
assert_members(struct json_object *o, const char *const *keys, size_t n)
{
	size_t count = 0;

	json_object_object_foreach(o, k, v) {
		bool known = false;

		(void)v;
		for (size_t i = 0; i < n; i++)
			known = known || strcmp(k, keys[i]) == 0;
		if (!known)
			print_message("unexpected member \"%s\"\n", k);
		assert_true(known);
		count++;
	}
	assert_int_equal(count, n);
}

static void
test_json_document(void **state)
{
	static const char *const top[] = {
		"version", "tool", "diagnostics", "summary",
	};
	static const char *const with_note[] = {
		"file", "line", "column", "endLine", "endColumn", "offset",
		"endOffset", "pointer", "ruleId", "severity", "message",
		"notes",
	};
	static const char *const note_keys[] = {
		"line", "column", "endLine", "endColumn", "offset",
		"endOffset", "message",
	};
	struct source *src = source_from_mem("dir/connection.json", text,
					     sizeof(text) - 1);
	struct source *other = source_from_mem("other.json", "{}", 2);
	struct diag_list l = DIAG_LIST_INIT, none = DIAG_LIST_INIT;
	struct run runs[2] = { { src, &l }, { other, &none } };
	struct json_object *root, *diags, *d, *notes, *n, *v;
	int rc = -2;
	char *out;

	(void)state;
	fill(&l);
	out = emit_all("json", runs, 2, &rc);
	assert_int_equal(rc, 0);
	/* one document, ending with a newline */
	assert_true(strlen(out) > 2);
	assert_int_equal(out[0], '{');
	assert_string_equal(out + strlen(out) - 2, "}\n");
	/* pointers are written as they are: no "\/" */
	assert_non_null(strstr(out, "\"pointer\": \"/a\""));
	root = parse(out);
	assert_members(root, top, 4);
	assert_int_member(root, "version", 1);
	v = member(root, "tool");
	assert_str_member(v, "name", "connlint");
	assert_str_member(v, "version", CONNLINT_VERSION);

	diags = member(root, "diagnostics");
	assert_true(json_object_is_type(diags, json_type_array));
	assert_int_equal(json_object_array_length(diags), 3);

	d = json_object_array_get_idx(diags, 0);
	assert_members(d, with_note, 12);
	assert_str_member(d, "file", "dir/connection.json");
	/* the end is just after the range: the key token "a" */
	assert_range(d, 3, 2, 3, 5, 23, 26);
	assert_str_member(d, "pointer", "/a");
	assert_str_member(d, "ruleId", "json-duplicate-key");
	assert_str_member(d, "severity", "error");
	assert_str_member(d, "message",
			  "duplicate key \"a\"; only the last one counts");
	notes = member(d, "notes");
	assert_true(json_object_is_type(notes, json_type_array));
	assert_int_equal(json_object_array_length(notes), 1);
	n = json_object_array_get_idx(notes, 0);
	assert_members(n, note_keys, 7);
	assert_range(n, 1, 2, 1, 5, 1, 4);
	assert_str_member(n, "message", "the first one is here");

	d = json_object_array_get_idx(diags, 1);
	/* no note: no "notes" member */
	assert_members(d, with_note, 11);
	assert_range(d, 2, 8, 2, 11, 17, 20);
	assert_str_member(d, "pointer", "/b");
	assert_str_member(d, "ruleId", "rule-w");
	assert_str_member(d, "severity", "warning");
	assert_str_member(d, "message", "a warning");

	d = json_object_array_get_idx(diags, 2);
	/* the range ends at the start of the line after */
	assert_range(d, 4, 1, 5, 1, 35, 37);
	/* a pointer that is absent is null, not missing */
	assert_null(member(d, "pointer"));
	assert_str_member(d, "severity", "note");
	assert_str_member(d, "ruleId", "rule-n");

	v = member(root, "summary");
	assert_int_member(v, "files", 2);
	assert_int_member(v, "errors", 1);
	assert_int_member(v, "warnings", 1);
	assert_int_member(v, "notes", 1);
	json_object_put(root);
	free(out);
	diag_list_release(&l);
	source_free(src);
	source_free(other);
}

static void
test_json_summary_counts(void **state)
{
	struct source *a = source_from_mem("a.json", "[1,2,3]", 7);
	struct source *b = source_from_mem("b.json", "[1,2,3]", 7);
	struct diag_list la = DIAG_LIST_INIT, lb = DIAG_LIST_INIT;
	struct run runs[3] = { { a, &la }, { b, &lb }, { a, &la } };
	struct json_object *root, *sum, *diags;
	int rc = -2;
	char *out;

	(void)state;
	diag_add(&la, "e", SEV_ERROR, 1, 2, xstrdup("e1"));
	diag_add(&la, "e", SEV_ERROR, 3, 4, xstrdup("e2"));
	diag_add(&la, "w", SEV_WARNING, 5, 6, xstrdup("w1"));
	diag_add(&lb, "n", SEV_NOTE, 0, 7, xstrdup("n1"));
	diag_add(&lb, "n", SEV_NOTE, 0, 7, xstrdup("n2"));
	diag_add(&lb, "w", SEV_WARNING, 0, 7, xstrdup("w2"));
	out = emit_all("json", runs, 3, &rc);
	assert_int_equal(rc, 0);
	root = parse(out);
	diags = member(root, "diagnostics");
	assert_int_equal(json_object_array_length(diags), 9);
	/* in the order given: a's, b's, a's again */
	assert_str_member(json_object_array_get_idx(diags, 0), "message",
			  "e1");
	assert_str_member(json_object_array_get_idx(diags, 3), "file",
			  "b.json");
	assert_str_member(json_object_array_get_idx(diags, 5), "message",
			  "w2");
	assert_str_member(json_object_array_get_idx(diags, 6), "file",
			  "a.json");
	sum = member(root, "summary");
	assert_int_member(sum, "files", 3);
	assert_int_member(sum, "errors", 4);
	assert_int_member(sum, "warnings", 3);
	assert_int_member(sum, "notes", 2);
	json_object_put(root);
	free(out);

	/* nothing linted: still a document */
	out = emit_all("json", runs, 0, &rc);
	assert_int_equal(rc, 0);
	root = parse(out);
	assert_int_equal(json_object_array_length(member(root,
							 "diagnostics")), 0);
	sum = member(root, "summary");
	assert_int_member(sum, "files", 0);
	assert_int_member(sum, "errors", 0);
	assert_int_member(sum, "warnings", 0);
	assert_int_member(sum, "notes", 0);
	json_object_put(root);
	free(out);
	diag_list_release(&la);
	diag_list_release(&lb);
	source_free(a);
	source_free(b);
}

/* Bytes that are not UTF-8 become U+FFFD; control characters are escaped. */
static void
test_json_text(void **state)
{
	struct source *src = source_from_mem("caf\xe9/a\"b\\c\td\n.json",
					     "{}", 2);
	struct diag_list l = DIAG_LIST_INIT;
	struct json_object *root, *d;
	struct diag *dg;
	char *out;

	(void)state;
	dg = diag_add(&l, "r", SEV_ERROR, 0, 1,
		      xstrdup("bad \xff\xfe byte, \x01 and \"quotes\""));
	dg->pointer = xstrdup("/k\xc3/x");
	out = emit_one("json", src, &l);
	/* parse() checks the UTF-8 of the whole document */
	root = parse(out);
	d = json_object_array_get_idx(member(root, "diagnostics"), 0);
	assert_non_null(d);
	assert_str_member(d, "file", "caf\xef\xbf\xbd/a\"b\\c\td\n.json");
	assert_str_member(d, "message", "bad \xef\xbf\xbd\xef\xbf\xbd byte, "
			  "\x01 and \"quotes\"");
	assert_str_member(d, "pointer", "/k\xef\xbf\xbd/x");
	json_object_put(root);
	free(out);
	diag_list_release(&l);
	source_free(src);
}

/* A note's message is text like the others: still a UTF-8 document. */
static void
test_json_note_text(void **state)
{
	struct source *src = source_from_mem("connection.json", "{}", 2);
	struct diag_list l = DIAG_LIST_INIT;
	struct json_object *root, *d, *n;
	struct diag *dg;
	char *out;

	(void)state;
	dg = diag_add(&l, "r", SEV_ERROR, 0, 1, xstrdup("m"));
	dg->note = xstrdup("first \x80 here, \x02 and \"\\\"");
	dg->note_off = 1;
	dg->note_end = 2;
	out = emit_one("json", src, &l);
	root = parse(out);
	d = json_object_array_get_idx(member(root, "diagnostics"), 0);
	assert_non_null(d);
	n = json_object_array_get_idx(member(d, "notes"), 0);
	assert_non_null(n);
	assert_str_member(n, "message",
			  "first \xef\xbf\xbd here, \x02 and \"\\\"");
	json_object_put(root);
	free(out);
	diag_list_release(&l);
	source_free(src);
}

static void
test_finish_write_error(void **state)
{
	static const char *const formats[] = { "gcc", "json" };
	struct source *src = source_from_mem("connection.json", text,
					     sizeof(text) - 1);
	struct diag_list l = DIAG_LIST_INIT;

	(void)state;
	fill(&l);
	for (size_t k = 0; k < ARRAY_SIZE(formats); k++) {
		FILE *f = fopen("/dev/full", "w");
		struct emit e;

		assert_non_null(f);
		emit_init(&e, emitter_find(formats[k]), f, NULL);
		emit_file(&e, src, &l);
		assert_int_equal(emit_finish(&e), -1);
		fclose(f);

		/* the same to a file that takes it: 0 */
		f = fopen("/dev/null", "w");
		assert_non_null(f);
		emit_init(&e, emitter_find(formats[k]), f, NULL);
		emit_file(&e, src, &l);
		assert_int_equal(emit_finish(&e), 0);
		assert_int_equal(fclose(f), 0);
	}
	diag_list_release(&l);
	source_free(src);
}

/* More output than a stdio buffer holds fails too, not only the flush. */
static void
test_finish_write_error_large(void **state)
{
	static const char *const formats[] = { "gcc", "json" };
	struct source *src = source_from_mem("connection.json", "{}", 2);
	struct diag_list l = DIAG_LIST_INIT;

	(void)state;
	for (size_t k = 0; k < 2000; k++)
		diag_add(&l, "rule", SEV_ERROR, 0, 1,
			 xstrdup("a message long enough to fill buffers"));
	for (size_t k = 0; k < ARRAY_SIZE(formats); k++) {
		FILE *f = fopen("/dev/full", "w");
		struct emit e;

		assert_non_null(f);
		emit_init(&e, emitter_find(formats[k]), f, NULL);
		emit_file(&e, src, &l);
		emit_file(&e, src, &l);
		assert_int_equal(emit_finish(&e), -1);
		fclose(f);
	}
	diag_list_release(&l);
	source_free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_gcc_lines),
		cmocka_unit_test(test_gcc_files_in_order),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_gcc_cannot_fake_a_line),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_json_summary_counts),
		cmocka_unit_test(test_json_text),
		cmocka_unit_test(test_json_note_text),
		cmocka_unit_test(test_finish_write_error),
		cmocka_unit_test(test_finish_write_error_large),
	};

	return cmocka_run_group_tests_name("emit", tests, NULL, NULL);
}
