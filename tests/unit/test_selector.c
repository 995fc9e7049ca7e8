/*
 * Selectors: what does not parse, and where; what the rest select in the
 * two shapes of a connection file.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "selector.h"
#include "source.h"

struct loaded {
	struct source *src;
	struct doc d;
	struct diag_list diags;
};

static struct loaded *
load(const char *text)
{
	struct loaded *l = calloc(1, sizeof(*l));

	assert_non_null(l);
	l->src = source_from_mem("doc.json", text, strlen(text));
	diag_list_init(&l->diags);
	assert_int_equal(doc_load(&l->d, l->src, DOC_MAX_DEPTH_DEFAULT,
				  &l->diags), 0);
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

/*
 * Evaluates sel and checks the nodes it finds, written as their JSON
 * Pointers after a '#' ("#" is the root), in order, space-separated.
 */
static void
assert_selects(const struct loaded *l, const char *sel, const char *want)
{
	struct selector *s;
	struct nodeset set = { 0 };
	struct buf got = BUF_INIT;
	char *err = NULL;
	size_t off = 0;

	s = selector_new(sel, &err, &off);
	if (s == NULL)
		print_message("%s: %s at %zu\n", sel, err, off);
	assert_non_null(s);
	assert_null(err);
	selector_eval(s, &l->d, &set);
	for (size_t k = 0; k < set.n; k++) {
		if (k > 0)
			buf_addch(&got, ' ');
		buf_addch(&got, '#');
		doc_pointer(&l->d, set.v[k], &got);
	}
	if (strcmp(got.s, want) != 0)
		print_message("%s selects \"%s\", not \"%s\"\n", sel, got.s,
			      want);
	assert_string_equal(got.s, want);
	buf_release(&got);
	nodeset_release(&set);
	selector_free(s);
}

static const char bare[] =
	"{\"type\":\"object\",\"title\":\"T\",\"format\":\"table\","
	"\"properties\":{"
	"\"url\":{\"type\":\"string\",\"title\":\"URL\"},"
	"\"auth\":{\"type\":\"object\",\"title\":\"Auth\",\"properties\":{"
	"\"user\":{\"type\":\"string\"},"
	"\"pass\":{\"type\":\"string\",\"properties\":\"x\"}}},"
	"\"tags\":{\"type\":\"array\","
	"\"items\":[{\"type\":\"string\"},{\"type\":\"number\"}]}}}";

static const char wrapper[] =
	"{\"name\":\"acme\","
	"\"input\":{\"type\":\"object\",\"title\":\"T\",\"properties\":{"
	"\"key\":{\"type\":\"string\"}}},"
	"\"output\":{\"type\":\"object\",\"properties\":{"
	"\"handle\":{\"type\":\"object\"}}}}";

#define P "#/properties/"

static void
test_roots_bare(void **state)
{
	struct loaded *l = load(bare);

	(void)state;
	assert_false(l->d.wrapper);
	assert_selects(l, "$", "#");
	assert_selects(l, "$form", "#");
	/* a bare schema has no metadata */
	assert_selects(l, "$wrapper", "");
	assert_selects(l, "$wrapper.*", "");
	assert_selects(l, "$output", "");
	assert_selects(l, "$fields",
		       P "url " P "auth " P "auth/properties/user "
		       P "auth/properties/pass " P "tags");
	/* the form schema, then its fields */
	assert_selects(l, "$schemas",
		       "# " P "url " P "auth " P "auth/properties/user "
		       P "auth/properties/pass " P "tags");
	unload(l);
}

static void
test_roots_wrapper(void **state)
{
	struct loaded *l = load(wrapper);

	(void)state;
	assert_true(l->d.wrapper);
	assert_selects(l, "$", "#");
	assert_selects(l, "$wrapper", "#");
	assert_selects(l, "$wrapper.name", "#/name");
	assert_selects(l, "$form", "#/input");
	assert_selects(l, "$output", "#/output");
	/* the output's properties are not fields of the form */
	assert_selects(l, "$fields", "#/input/properties/key");
	assert_selects(l, "$schemas", "#/input #/input/properties/key");
	assert_selects(l, "$form.properties.*", "#/input/properties/key");
	assert_selects(l, "$output.properties.handle.type",
		       "#/output/properties/handle/type");
	assert_selects(l, "$.name", "#/name");
	assert_selects(l, "$form.name", "");
	unload(l);
}

static void
test_roots_odd_shapes(void **state)
{
	struct loaded *l;

	(void)state;
	l = load("{\"input\":{\"properties\":{\"a\":{}}}}");
	assert_selects(l, "$form", "#/input");
	assert_selects(l, "$output", "");
	assert_selects(l, "$fields", "#/input/properties/a");
	unload(l);
	/* an input that is no object is still the form, with no fields */
	l = load("{\"input\":[1,{\"properties\":{\"a\":{}}}],\"output\":7}");
	assert_selects(l, "$form", "#/input");
	assert_selects(l, "$form[0]", "#/input/0");
	assert_selects(l, "$output", "#/output");
	assert_selects(l, "$fields", "");
	unload(l);
	/* a root that is no object has no form */
	l = load("[{\"input\":{},\"properties\":{\"a\":{}}}]");
	assert_selects(l, "$", "#");
	assert_selects(l, "$wrapper", "");
	assert_selects(l, "$form", "");
	assert_selects(l, "$fields", "");
	assert_selects(l, "$[0].input", "#/0/input");
	unload(l);
}

static void
test_fields_nested(void **state)
{
	struct loaded *l;

	(void)state;
	l = load("{\"properties\":{\"a\":{\"properties\":{\"b\":"
		 "{\"properties\":{\"c\":1}}}},"
		 "\"d\":[{\"properties\":{\"e\":{}}}]}}");
	/* fields of fields, however deep; a field that is no object has none */
	assert_selects(l, "$fields",
		       P "a " P "a/properties/b "
		       P "a/properties/b/properties/c " P "d");
	assert_selects(l, "$fields.properties", P "a/properties "
		       P "a/properties/b/properties");
	unload(l);
}

static void
test_child_steps(void **state)
{
	struct loaded *l = load(bare);

	(void)state;
	assert_selects(l, "$.type", "#/type");
	assert_selects(l, "$.properties.url.type", P "url/type");
	assert_selects(l, "$['properties']['url']", P "url");
	assert_selects(l, "$.properties['url'].title", P "url/title");
	assert_selects(l, "$.nope", "");
	assert_selects(l, "$.nope.type", "");
	assert_selects(l, "$.type.length", "");
	assert_selects(l, "$fields.title", P "url/title " P "auth/title");
	unload(l);
}

static void
test_wildcards(void **state)
{
	struct loaded *l = load(bare);

	(void)state;
	assert_selects(l, "$form.properties.*", P "url " P "auth " P "tags");
	assert_selects(l, "$.properties[*]", P "url " P "auth " P "tags");
	assert_selects(l, "$.properties.tags.items.*",
		       P "tags/items/0 " P "tags/items/1");
	assert_selects(l, "$.properties.tags.items[*].type",
		       P "tags/items/0/type " P "tags/items/1/type");
	assert_selects(l, "$.properties.*.title",
		       P "url/title " P "auth/title");
	/* a scalar has no children */
	assert_selects(l, "$.title.*", "");
	assert_selects(l, "$.title[*]", "");
	unload(l);
}

static void
test_index(void **state)
{
	struct loaded *l = load(bare);

	(void)state;
	assert_selects(l, "$.properties.tags.items[0]", P "tags/items/0");
	assert_selects(l, "$.properties.tags.items[1].type",
		       P "tags/items/1/type");
	assert_selects(l, "$.properties.tags.items[2]", "");
	/* an index selects an element, never a member */
	assert_selects(l, "$[0]", "");
	assert_selects(l, "$.properties[0]", "");
	unload(l);
	l = load("[[10,11],[20,21,22]]");
	assert_selects(l, "$[1][2]", "#/1/2");
	assert_selects(l, "$[*][1]", "#/0/1 #/1/1");
	assert_selects(l, "$[4294967295]", "");
	unload(l);
}

static void
test_descendants(void **state)
{
	struct loaded *l = load(bare);

	(void)state;
	assert_selects(l, "$..type",
		       "#/type " P "url/type " P "auth/type "
		       P "auth/properties/user/type "
		       P "auth/properties/pass/type " P "tags/type "
		       P "tags/items/0/type " P "tags/items/1/type");
	assert_selects(l, "$..properties",
		       "#/properties " P "auth/properties "
		       P "auth/properties/pass/properties");
	assert_selects(l, "$.properties.auth..*",
		       P "auth/type " P "auth/title " P "auth/properties "
		       P "auth/properties/user "
		       P "auth/properties/user/type "
		       P "auth/properties/pass "
		       P "auth/properties/pass/type "
		       P "auth/properties/pass/properties");
	assert_selects(l, "$..items..type",
		       P "tags/items/0/type " P "tags/items/1/type");
	assert_selects(l, "$..nope", "");
	/* overlapping subtrees give each node once, in document order */
	assert_selects(l, "$fields..type",
		       P "url/type " P "auth/type "
		       P "auth/properties/user/type "
		       P "auth/properties/pass/type " P "tags/type "
		       P "tags/items/0/type " P "tags/items/1/type");
	assert_selects(l, "$..*..title",
		       P "url/title " P "auth/title");
	unload(l);
}

static void
test_descendants_wrapper(void **state)
{
	struct loaded *l = load(wrapper);

	(void)state;
	assert_selects(l, "$..properties",
		       "#/input/properties #/output/properties");
	assert_selects(l, "$form..type",
		       "#/input/type #/input/properties/key/type");
	assert_selects(l, "$output..*",
		       "#/output/type #/output/properties "
		       "#/output/properties/handle "
		       "#/output/properties/handle/type");
	unload(l);
}

static void
test_descendant_name_is_a_key(void **state)
{
	/* ..name matches members, not strings that happen to equal name */
	struct loaded *l = load("{\"a\":[\"b\",{\"b\":1}],\"c\":\"b\"}");

	(void)state;
	assert_selects(l, "$..b", "#/a/1/b");
	assert_selects(l, "$..*", "#/a #/a/0 #/a/1 #/a/1/b #/c");
	unload(l);
}

static void
test_quoted_names(void **state)
{
	struct loaded *l = load("{\"na'me\":1,\"a.b\":{\"c d\":2},"
				"\"x\\\\y\":3,\"a/b~c\":4,\"\":5}");

	(void)state;
	assert_selects(l, "$['na\\'me']", "#/na'me");
	assert_selects(l, "$['a.b']['c d']", "#/a.b/c d");
	assert_selects(l, "$['a.b'].*", "#/a.b/c d");
	assert_selects(l, "$['x\\\\y']", "#/x\\y");
	assert_selects(l, "$['a/b~c']", "#/a~1b~0c");
	assert_selects(l, "$['']", "#/");
	assert_selects(l, "$.a.b", "");
	assert_selects(l, "$['na']", "");
	unload(l);
}

static void
test_shadowed(void **state)
{
	struct loaded *l = load("{\"a\":1,\"b\":2,\"a\":{\"c\":3}}");
	struct selector *s;
	struct nodeset set = { 0 };
	char *err;
	size_t off;

	(void)state;
	/* only the last of a repeated key is seen, as json-c keeps it */
	assert_selects(l, "$.*", "#/b #/a");
	assert_selects(l, "$..*", "#/b #/a #/a/c");
	s = selector_new("$.a", &err, &off);
	assert_non_null(s);
	selector_eval(s, &l->d, &set);
	assert_int_equal(set.n, 1);
	assert_int_equal(doc_node(&l->d, set.v[0])->off, 17);
	nodeset_release(&set);
	selector_free(s);
	unload(l);
}

static void
test_shadowed_subtree(void **state)
{
	/* what json-c dropped is not there to select, however deep */
	struct loaded *l = load("{\"a\":{\"c\":1},\"a\":2}");

	(void)state;
	assert_selects(l, "$..c", "");
	assert_selects(l, "$..*", "#/a");
	unload(l);
}

static void
test_shadowed_fields(void **state)
{
	struct loaded *l = load("{\"properties\":{\"x\":{},\"y\":{},"
				"\"x\":{\"properties\":{\"z\":{}}}}}");

	(void)state;
	assert_selects(l, "$fields", P "y " P "x " P "x/properties/z");
	unload(l);
}

static void
test_eval_replaces(void **state)
{
	struct loaded *l = load(wrapper);
	struct selector *a, *b;
	struct nodeset set = { 0 };
	char *err;
	size_t off;

	(void)state;
	a = selector_new("$..type", &err, &off);
	b = selector_new("$output", &err, &off);
	assert_non_null(a);
	assert_non_null(b);
	selector_eval(a, &l->d, &set);
	assert_int_equal(set.n, 4);
	/* the set is replaced, not appended to */
	selector_eval(b, &l->d, &set);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0], l->d.output);
	nodeset_release(&set);
	selector_free(a);
	selector_free(b);
	unload(l);
}

struct bad {
	const char *text;
	size_t off;
	const char *gist;
};

static const struct bad bad_selectors[] = {
	{ "", 0, "starts with $" },
	{ "x", 0, "starts with $" },
	{ "form", 0, "starts with $" },
	{ "$foo", 0, "starts with $" },
	{ "$forms", 0, "starts with $" },
	{ "$wrappers", 0, "starts with $" },
	{ "$Wrapper", 0, "starts with $" },
	{ "$form$", 0, "starts with $" },
	{ "$ .a", 1, "expected '.', '..' or '['" },
	{ "$.", 2, "after '.'" },
	{ "$.a.", 4, "after '.'" },
	{ "$..", 3, "after '..'" },
	{ "$...a", 3, "after '..'" },
	{ "$.a b", 3, "expected '.', '..' or '['" },
	{ "$.*x", 3, "expected '.', '..' or '['" },
	{ "$['a']]", 6, "expected '.', '..' or '['" },
	{ "$.a[", 4, "inside [ ]" },
	{ "$[]", 2, "inside [ ]" },
	{ "$[-1]", 2, "inside [ ]" },
	{ "$[\"a\"]", 2, "inside [ ]" },
	{ "$['abc", 6, "unterminated" },
	{ "$['a\\']", 7, "unterminated" },
	{ "$['a'x", 5, "expected ']'" },
	{ "$[1x]", 3, "index" },
	{ "$[1", 3, "index" },
	{ "$fields.properties.", 19, "after '.'" },
};

static void
test_parse_errors(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(bad_selectors) / sizeof(bad_selectors[0]);
	     k++) {
		const struct bad *b = &bad_selectors[k];
		char *err = NULL;
		size_t off = 12345;
		struct selector *s = selector_new(b->text, &err, &off);

		if (s != NULL || err == NULL || off != b->off ||
		    strstr(err, b->gist) == NULL)
			print_message("\"%s\": %s at %zu; want \"%s\" at %zu\n",
				      b->text, s ? "parsed" : err, off,
				      b->gist, b->off);
		assert_null(s);
		assert_non_null(err);
		assert_int_equal(off, b->off);
		assert_non_null(strstr(err, b->gist));
		free(err);
	}
}

static void
test_parse_ok(void **state)
{
	static const char *const good[] = {
		"$", "$form", "$output", "$fields", "$.a-b_c$@", "$..*",
		"$[*]", "$['']", "$[0]", "$[4294967295]", "$form..name[3]",
		"$['a\\\\b'].c", "$fields['x'][*]..y",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
		char *err = NULL;
		size_t off = 0;
		struct selector *s = selector_new(good[k], &err, &off);

		if (s == NULL)
			print_message("\"%s\": %s at %zu\n", good[k], err, off);
		assert_non_null(s);
		assert_null(err);
		assert_string_equal(selector_text(s), good[k]);
		selector_free(s);
	}
	/* the index must fit in 32 bits */
	{
		char *err = NULL;
		size_t off = 0;

		assert_null(selector_new("$[4294967296]", &err, &off));
		assert_non_null(err);
		free(err);
	}
}

static void
test_scalar_root(void **state)
{
	struct loaded *l = load("\"text\"");

	(void)state;
	assert_selects(l, "$", "#");
	assert_selects(l, "$.*", "");
	assert_selects(l, "$[0]", "");
	/* a descendant step that finds nothing at all */
	assert_selects(l, "$..*", "");
	assert_selects(l, "$..a", "");
	unload(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roots_bare),
		cmocka_unit_test(test_roots_wrapper),
		cmocka_unit_test(test_roots_odd_shapes),
		cmocka_unit_test(test_fields_nested),
		cmocka_unit_test(test_child_steps),
		cmocka_unit_test(test_wildcards),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_descendants),
		cmocka_unit_test(test_descendants_wrapper),
		cmocka_unit_test(test_descendant_name_is_a_key),
		cmocka_unit_test(test_quoted_names),
		cmocka_unit_test(test_shadowed),
		cmocka_unit_test(test_shadowed_subtree),
		cmocka_unit_test(test_shadowed_fields),
		cmocka_unit_test(test_eval_replaces),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_scalar_root),
	};

	return cmocka_run_group_tests_name("selector", tests, NULL, NULL);
}
