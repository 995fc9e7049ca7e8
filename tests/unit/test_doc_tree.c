/*
 * The loader: the value tree it builds from the scanned nodes must be the
 * tree json-c's own strict parser builds from the same bytes, value for
 * value and byte for byte when printed, and every node must have its own
 * value.  Compared on hand-picked cases and on every file of the
 * repository that is JSON: the JSONTestSuite, the fixtures, the rules.
 *
 * Run from the top of the repository.
 */
#include "unit.h"

#include <dirent.h>
#include <stdbool.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "source.h"

static const char *const cases[] = {
	/* numbers: int64, uint64 above INT64_MAX, clamped overflow, doubles
	 * that keep their text */
	"[0, -0, 1, -1, 9223372036854775807, 9223372036854775808]",
	"[18446744073709551615, 18446744073709551616, "
	"123456789012345678901234567890, -9223372036854775808, "
	"-9223372036854775809, -123456789012345678901234567890]",
	"[0.0, -0.0, 1.5, 1e5, 1E5, 1e+5, 1e-5, 2.50, 1E400, -1e-400, "
	"1.7976931348623157e308, 0.1, 100000000000000000000000.0]",
	"12", "-3.25e2", "true", "false", "null", "\"s\"",
	/* strings */
	"[\"\", \"plain\", \"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\"]",
	"[\"\\ud83d\\ude00\", \"\\ud800\", \"\\udc00x\", \"\\ud800\\u0041\", "
	"\"a\\u0000b\", \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]",
	/* containers */
	"{}", "[]", "[[]]", "[{}]", "{\"a\":{}, \"b\":[]}",
	"{\"a\":[1,[2,[3,{\"b\":null}]]], \"c\":{\"d\":{\"e\":true}}}",
	/* keys json-c merges: a repeat replaces the first value, in place */
	"{\"a\":1,\"b\":2,\"a\":3}",
	"{\"a\":1,\"a\":{\"x\":[1]},\"a\":\"last\"}",
	"{\"a\\u0000b\":1,\"a\":2}", "{\"a\":2,\"a\\u0000b\":1}",
	"{\"\\u00e9\":1,\"\xc3\xa9\":2}",
	"{\"x\":{\"k\":1,\"k\":2},\"x\":3,\"y\":{\"x\":4}}",
};

static size_t compared;

/* Parses text with json-c, strict, as the loader once did. */
static struct json_object *
json_c_parse(const char *text, size_t len, int *ok)
{
	struct json_tokener *tok = json_tokener_new_ex(DOC_MAX_DEPTH_DEFAULT + 1);
	struct json_object *v;

	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
			       JSON_TOKENER_VALIDATE_UTF8);
	v = json_tokener_parse_ex(tok, text, (int)len + 1);
	*ok = json_tokener_get_error(tok) == json_tokener_success;
	json_tokener_free(tok);
	return v;
}

static const char *
printed(struct json_object *v)
{
	return json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
}

static int
type_matches(enum jtype t, struct json_object *v)
{
	switch (t) {
	case J_NULL: return v == NULL;
	case J_BOOL: return json_object_is_type(v, json_type_boolean);
	case J_NUMBER: return json_object_is_type(v, json_type_int) ||
			      json_object_is_type(v, json_type_double);
	case J_STRING: return json_object_is_type(v, json_type_string);
	case J_ARRAY: return json_object_is_type(v, json_type_array);
	case J_OBJECT: return json_object_is_type(v, json_type_object);
	}
	return 0;
}

/*
 * Loads text, and asks for its values in the order given: the root first
 * (the whole tree at once), or every node from the last to the first (so
 * that each container is built around values that exist already).  When
 * the scanner accepts the text, json-c must too, and build the same tree.
 */
static void
compare_order(const char *name, const char *text, size_t len, bool backward)
{
	struct source *src = source_from_mem(name, text, len);
	struct diag_list out = DIAG_LIST_INIT;
	struct json_object *want, *root;
	struct doc d;
	int ok;

	if (doc_load(&d, src, DOC_MAX_DEPTH_DEFAULT, &out) == 0) {
		for (uint32_t k = (uint32_t)d.tree.n; backward && k-- > 0;)
			doc_value(&d, k);
		root = doc_value(&d, 0);
		want = json_c_parse(src->bytes + src->bom, len - src->bom, &ok);
		if (!ok || !json_object_equal(root, want) ||
		    strcmp(printed(root), printed(want)) != 0) {
			print_message("%s: json-c %s\n", name,
				      ok ? "builds another tree" : "rejects it");
			if (ok)
				print_message("  json-c: %.200s\n", printed(want));
			print_message("  loader: %.200s\n", printed(root));
			fail();
		}
		for (uint32_t k = 0; k < d.tree.n; k++) {
			const struct node *n = doc_node(&d, k);

			if (!type_matches((enum jtype)n->type, doc_value(&d, k))) {
				print_message("%s: node %u is not its type\n",
					      name, k);
				fail();
			}
		}
		json_object_put(want);
		compared += !backward;
	}
	doc_release(&d);
	diag_list_release(&out);
	source_free(src);
}

static void
compare(const char *name, const char *text, size_t len)
{
	compare_order(name, text, len, false);
	compare_order(name, text, len, true);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		compare(cases[k], cases[k], strlen(cases[k]));
	assert_int_equal(compared, sizeof(cases) / sizeof(cases[0]));
}

/* Each member keeps its own value, even where json-c merged it away. */
static void
test_merged_members(void **state)
{
	const char text[] = "{\"a\":1,\"b\":2,\"a\":{\"x\":3},\"c\\u0000\":4,"
			    "\"c\":5}";
	struct source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct diag_list out = DIAG_LIST_INIT;
	struct json_object *b;
	struct doc d;

	(void)state;
	assert_int_equal(doc_load(&d, src, DOC_MAX_DEPTH_DEFAULT, &out), 0);
	/* built before the root is: the root's tree takes it in */
	b = doc_value(&d, 2);
	assert_string_equal(printed(doc_value(&d, 0)),
			    "{\"a\":{\"x\":3},\"b\":2,\"c\":5}");
	assert_int_equal(json_object_get_int(doc_value(&d, 1)), 1);
	assert_string_equal(printed(doc_value(&d, 3)), "{\"x\":3}");
	assert_int_equal(json_object_get_int(doc_value(&d, 4)), 3);
	assert_int_equal(json_object_get_int(doc_value(&d, 5)), 4);
	assert_int_equal(json_object_get_int(doc_value(&d, 6)), 5);
	/* a member's value is the one json-c's tree holds, where it holds it */
	assert_ptr_equal(json_object_object_get(doc_value(&d, 0), "b"), b);
	assert_ptr_equal(doc_value(&d, 2), b);
	doc_release(&d);
	diag_list_release(&out);
	source_free(src);
}

/* A value kept past its doc keeps its keys (json-c shares the doc's). */
static void
test_value_outlives_doc(void **state)
{
	const char text[] = "{\"v\":[{\"k\":1},{\"j\":{\"x\":2}},{}],"
			    "\"w\":{\"a\":1,\"a\":2}}";
	struct source *src = source_from_mem("m", text, sizeof(text) - 1);
	struct diag_list out = DIAG_LIST_INIT;
	struct json_object *v, *w;
	struct doc d;

	(void)state;
	assert_int_equal(doc_load(&d, src, DOC_MAX_DEPTH_DEFAULT, &out), 0);
	v = json_object_get(doc_value(&d, doc_member(&d, 0, "v")));
	w = json_object_get(doc_value(&d, doc_member(&d, 0, "w")));
	doc_release(&d);
	diag_list_release(&out);
	source_free(src);
	assert_string_equal(printed(v), "[{\"k\":1},{\"j\":{\"x\":2}},{}]");
	assert_int_equal(json_object_get_int(json_object_object_get(
		json_object_array_get_idx(v, 0), "k")), 1);
	assert_string_equal(printed(w), "{\"a\":2}");
	json_object_put(v);
	json_object_put(w);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *p = NULL;
	long n = 0;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0 || (p = malloc((size_t)n + 1)) == NULL ||
	    fread(p, 1, (size_t)n, fp) != (size_t)n) {
		print_message("cannot read %s\n", path);
		fail();
	}
	fclose(fp);
	*len = (size_t)n;
	return p;
}

/* Compares every *.json below dir; returns how many were compared. */
static size_t
compare_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t before = compared;

	if (dp == NULL) {
		print_message("cannot open %s (run from the top of the "
			      "repository)\n", dir);
		fail();
	}
	while ((e = readdir(dp)) != NULL) {
		char path[4096];
		size_t nlen = strlen(e->d_name), len;
		char *text;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (nlen < 5 || strcmp(e->d_name + nlen - 5, ".json") != 0) {
			DIR *sub = opendir(path);

			if (sub != NULL) {
				closedir(sub);
				compare_dir(path);
			}
			continue;
		}
		text = read_file(path, &len);
		compare(path, text, len);
		free(text);
	}
	closedir(dp);
	return compared - before;
}

static void
test_files(void **state)
{
	(void)state;
	/* most of the 318 parsing tests are valid, or undecided and accepted */
	assert_true(compare_dir("tests/conformance/JSONTestSuite") > 100);
	assert_true(compare_dir("fixtures") > 10);
	assert_true(compare_dir("rules") > 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_merged_members),
		cmocka_unit_test(test_value_outlives_doc),
		cmocka_unit_test(test_files),
	};

	return cmocka_run_group_tests_name("doc-tree", tests, NULL, NULL);
}
