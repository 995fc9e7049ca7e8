/*
 * The engine: where findings point, what their messages say, how rules
 * combine, and how the loader's findings take their rule's id.
 */
#include "engine.h"

static void
test_placeholders(void **state)
{
	struct fx *f = *state;

	fx_add(f, "list-strings", "$.list[*]",
	       "{`function`:`type`,`types`:[`string`]}",
	       "<{key}|{field}|{value}|{type}|{expected}>");
	fx_add(f, "root-x", "$",
	       "{`function`:`defined`,`field`:`x`}",
	       "<{key}|{field}|{value}|{type}|{expected}>");
	fx_lint(f, "{`list`: [`a`, 5], `x`: 0}");
	fx_count(f, 1);
	/* an element's {key} is its index */
	fx_expect_at(f, 0, "list-strings", "5",
		     "<1||5|a number|a string>");
	/* the root has no key; a missing value shows no value, type nothing */
	fx_lint(f, "{`list`: []}");
	fx_count(f, 1);
	fx_expect(f, 0, "root-x", 0, 1, "<|x||nothing|>");
	/* text around and between placeholders is kept as it is */
	fx_add(f, "braces", "$.b",
	       "{`function`:`type`,`types`:[`null`]}",
	       "} {key}{key} }");
	fx_lint(f, "{`x`: 1, `b`: 2}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "braces", "2", "} bb }");
}

/* A message that comes out empty ({key} of the root) still says something. */
static void
test_empty_message(void **state)
{
	struct fx *f = *state;

	fx_add(f, "root-key", "$", "{`function`:`defined`,`field`:`x`}",
	       "{key}");
	fx_lint(f, "{}");
	fx_count(f, 1);
	fx_expect(f, 0, "root-key", 0, 1, "the check `defined` failed");
}

static void
test_value_truncated(void **state)
{
	struct fx *f = *state;
	char doc[256], want[256];
	char xs[101];

	fx_add(f, "v", "$.v", "{`function`:`type`,`types`:[`null`]}",
	       "{value}");
	memset(xs, 'x', 100);
	xs[100] = '\0';
	/* 80 bytes are shown whole */
	snprintf(doc, sizeof(doc), "{`v`: `%.78s`}", xs);
	fx_lint(f, doc);
	fx_count(f, 1);
	snprintf(want, sizeof(want), "`%.78s`", xs);
	fx_expect(f, 0, "v", 6, 6 + 80, want);
	/* more are cut to 77, and "..." */
	snprintf(doc, sizeof(doc), "{`v`: `%s`}", xs);
	fx_lint(f, doc);
	snprintf(want, sizeof(want), "`%.76s...", xs);
	fx_expect(f, 0, "v", 6, 6 + 102, want);
}

static void
test_value_truncated_utf8(void **state)
{
	struct fx *f = *state;
	struct buf doc = BUF_INIT, want = BUF_INIT;

	fx_add(f, "v", "$.v", "{`function`:`type`,`types`:[`null`]}",
	       "{value}");
	/* the cut falls inside an "é": the whole character goes */
	buf_adds(&doc, "{`v`: `x");
	buf_adds(&want, "`x");
	for (int k = 0; k < 60; k++)
		buf_adds(&doc, "\xc3\xa9");
	for (int k = 0; k < 37; k++)
		buf_adds(&want, "\xc3\xa9");
	buf_adds(&doc, "`}");
	buf_adds(&want, "...");
	fx_lint(f, doc.s);
	fx_count(f, 1);
	fx_expect(f, 0, "v", 6, 6 + 123, want.s);
	buf_release(&doc);
	buf_release(&want);
}

static void
test_pointers(void **state)
{
	struct fx *f = *state;

	fx_add(f, "desc", "$fields",
	       "[{`function`:`defined`,`field`:`description`},"
	       "{`function`:`type`,`field`:`description`,"
	       "`types`:[`string`]}]",
	       "{key}");
	fx_lint(f, "{`properties`: {`a/b~c`: {}, `d`: {`description`: 1}}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "desc", "`a/b~c`", "a/b~c");
	assert_string_equal(f->out.v[0].pointer,
			    "/properties/a~1b~0c/description");
	fx_expect_at(f, 1, "desc", "1", "d");
	assert_string_equal(f->out.v[1].pointer, "/properties/d/description");
}

static void
test_pointer_missing_field_escaped(void **state)
{
	struct fx *f = *state;

	/* the missing member's name is escaped too (RFC 6901) */
	fx_add(f, "slash", "$", "{`function`:`defined`,`field`:`a/b~c`}",
	       "no {field}");
	fx_lint(f, "{}");
	fx_count(f, 1);
	fx_expect(f, 0, "slash", 0, 1, "no a/b~c");
	assert_string_equal(f->out.v[0].pointer, "/a~1b~0c");
}

static void
test_key_pointer(void **state)
{
	struct fx *f = *state;

	fx_add(f, "keys", "$.o", "{`function`:`length`,`field`:`@key`,"
	       "`max`:1}", "{key} is {value}");
	fx_lint(f, "{`o`: {`a`: 1, `bc`: {`x`: 2}}}");
	fx_count(f, 1);
	/* a member name points at the name, quotes included */
	fx_expect_at(f, 0, "keys", "`bc`", "bc is `bc`");
	assert_string_equal(f->out.v[0].pointer, "/o/bc");
}

static void
test_one_finding_per_node(void **state)
{
	struct fx *f = *state;

	fx_add(f, "title", "$fields",
	       "[{`function`:`defined`,`field`:`title`,"
	       "`message`:`{key}: missing`},"
	       "{`function`:`type`,`field`:`title`,`types`:[`string`],"
	       "`message`:`{key}: {type}`},"
	       "{`function`:`nonempty`,`field`:`title`,"
	       "`message`:`{key}: empty`}]",
	       NULL);
	/* the first check that fails speaks for the node; the others wait */
	fx_lint(f, "{`properties`: {`a`: {}, `b`: {`title`: 5},"
		" `c`: {`title`: ` `}, `d`: {`title`: `D`},"
		" `e`: {`title`: []}}}");
	fx_count(f, 4);
	fx_expect_at(f, 0, "title", "`a`", "a: missing");
	fx_expect_at(f, 1, "title", "5", "b: a number");
	fx_expect_at(f, 2, "title", "` `", "c: empty");
	fx_expect_at(f, 3, "title", "[]", "e: an array");
}

static void
test_severity(void **state)
{
	struct fx *f = *state;

	fx_add_file(f, "{`id`:`warn-title`,`severity`:`warning`,"
		    "`summary`:`s`,`description`:`d`,`given`:`$`,"
		    "`then`:{`function`:`defined`,`field`:`title`},"
		    "`message`:`no title`}");
	fx_add_file(f, "{`id`:`note-type`,`severity`:`note`,"
		    "`summary`:`s`,`description`:`d`,`given`:`$`,"
		    "`then`:{`function`:`defined`,`field`:`type`},"
		    "`message`:`no type`}");
	fx_add_file(f, "{`id`:`off-format`,`severity`:`off`,"
		    "`summary`:`s`,`description`:`d`,`given`:`$`,"
		    "`then`:{`function`:`defined`,`field`:`format`},"
		    "`message`:`no format`}");
	fx_lint(f, "{}");
	fx_count(f, 2);
	fx_expect(f, 0, "warn-title", 0, 1, "no title");
	fx_expect(f, 1, "note-type", 0, 1, "no type");
	assert_int_equal(f->out.v[0].sev, SEV_WARNING);
	assert_int_equal(f->out.v[1].sev, SEV_NOTE);
	assert_int_equal(f->out.count[SEV_WARNING], 1);
	assert_int_equal(f->out.count[SEV_NOTE], 1);
	assert_int_equal(f->out.count[SEV_ERROR], 0);
}

static void
test_sorted(void **state)
{
	struct fx *f = *state;

	fx_add(f, "late", "$.b", "{`function`:`type`,`types`:[`string`]}",
	       "b");
	fx_add(f, "early", "$.a", "{`function`:`type`,`types`:[`string`]}",
	       "a");
	fx_add(f, "root-1", "$", "{`function`:`defined`,`field`:`x`}", "x");
	fx_add(f, "root-2", "$", "{`function`:`defined`,`field`:`y`}", "y");
	fx_lint(f, "{`a`: 1, `b`: 2}");
	fx_count(f, 4);
	/* by offset; at one offset, in the order the rules were added */
	fx_expect(f, 0, "root-1", 0, 1, "x");
	fx_expect(f, 1, "root-2", 0, 1, "y");
	fx_expect_at(f, 2, "early", "1", "a");
	fx_expect_at(f, 3, "late", "2", "b");
}

static void
add_core(struct fx *f, const char *id, const char *sev, const char *fn)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "{`id`:`%s`,`severity`:`%s`,`summary`:`s`,"
		 "`description`:`d`,`then`:{`function`:`%s`}}", id, sev, fn);
	fx_add_file(f, b.s);
	buf_release(&b);
}

static void
test_core_syntax(void **state)
{
	struct fx *f = *state;

	add_core(f, "my-syntax", "warning", "syntax");
	fx_add(f, "has-x", "$", "{`function`:`defined`,`field`:`x`}", "no x");
	/* the loader's finding takes the rule's id and severity */
	fx_lint(f, "{`a`: 1,}");
	fx_count(f, 1);
	fx_expect(f, 0, "my-syntax", 8, 9, "expected a key after ',', not "
		  "'}'; trailing commas are not allowed");
	assert_int_equal(f->out.v[0].sev, SEV_WARNING);
	assert_null(f->out.v[0].note);
	/* a file that is not JSON is not checked further */
	fx_lint(f, "{`a`: [1,");
	fx_count(f, 1);
	fx_expect(f, 0, "my-syntax", 9, 9,
		  "unexpected end of input; expected a value");
	assert_string_equal(f->out.v[0].note, "the array starts here");
	assert_int_equal(f->out.v[0].note_off, 6);
	fx_lint(f, "{`a`: 1}");
	fx_count(f, 1);
	fx_expect(f, 0, "has-x", 0, 1, "no x");
}

static void
test_core_off(void **state)
{
	struct fx *f = *state;

	/* no rule, or an off one, names the finding: it is dropped */
	fx_add(f, "has-x", "$", "{`function`:`defined`,`field`:`x`}", "no x");
	fx_lint(f, "{`a`: 1,}");
	fx_count(f, 0);
	add_core(f, "quiet-syntax", "off", "syntax");
	fx_lint(f, "[");
	fx_count(f, 0);
}

static void
test_core_duplicates(void **state)
{
	struct fx *f = *state;

	size_t off, end;

	add_core(f, "dup", "error", "duplicate-keys");
	fx_add(f, "a-string", "$.a", "{`function`:`type`,`types`:[`string`]}",
	       "a is {value}");
	fx_lint(f, "{`a`: 1, `b`: {`a`: 2}, `a`: 3}");
	fx_count(f, 2);
	/* at the repeated key; the document is still linted */
	fx_range(f, "`a`: 3", &off, &end);
	fx_expect(f, 0, "dup", off, off + 3, "duplicate key `a`; only the "
		  "last one counts");
	assert_string_equal(f->out.v[0].note, "the first one is here");
	assert_int_equal(f->out.v[0].note_off, 1);
	assert_int_equal(f->out.v[0].note_end, 4);
	fx_expect_at(f, 1, "a-string", "`a`: ^3", "a is 3");
}

static void
test_core_duplicates_note(void **state)
{
	struct fx *f = *state;

	add_core(f, "dup", "error", "duplicate-keys");
	fx_lint(f, "{`k`: 1, `x`: {`k`: 2, `k`: 3}, `k`: 4}");
	fx_count(f, 2);
	fx_expect(f, 0, "dup", 23, 26, "duplicate key `k`; only the last "
		  "one counts");
	assert_string_equal(f->out.v[0].note, "the first one is here");
	assert_int_equal(f->out.v[0].note_off, 15);
	assert_int_equal(f->out.v[0].note_end, 18);
	assert_string_equal(f->out.v[0].pointer, "/x/k");
	fx_expect(f, 1, "dup", 32, 35, "duplicate key `k`; only the last "
		  "one counts");
	assert_int_equal(f->out.v[1].note_off, 1);
	assert_string_equal(f->out.v[1].pointer, "/k");
}

static void
test_core_bom(void **state)
{
	struct fx *f = *state;

	add_core(f, "bom", "warning", "bom");
	fx_add(f, "has-x", "$", "{`function`:`defined`,`field`:`x`}", "no x");
	fx_lint(f, "\xef\xbb\xbf{}");
	fx_count(f, 2);
	fx_expect(f, 0, "bom", 0, 3, "the file starts with a UTF-8 byte "
		  "order mark; JSON text must not have one");
	assert_int_equal(f->out.v[0].sev, SEV_WARNING);
	/* the rest is still checked, at offsets of the whole file */
	fx_expect(f, 1, "has-x", 3, 4, "no x");
}

static void
test_shadowed_not_linted(void **state)
{
	struct fx *f = *state;

	size_t off, end;

	add_core(f, "dup", "error", "duplicate-keys");
	fx_add(f, "t-is-x", "$..t", "{`function`:`enum`,`values`:[`x`]}",
	       "t is {value}");
	/* the first "a" is gone from the value: only the repeat counts */
	fx_lint(f, "{`a`: {`t`: `x`}, `a`: {`t`: `y`}}");
	fx_count(f, 2);
	fx_range(f, "`a`: {`t`: `y`", &off, &end);
	fx_expect(f, 0, "dup", off, off + 3, "duplicate key `a`; only the "
		  "last one counts");
	fx_expect_at(f, 1, "t-is-x", "`y`", "t is `y`");
}

static void
test_key_with_nul(void **state)
{
	struct fx *f = *state;

	/*
	 * "a\u0000b" and "a" are different keys, but json-c ends keys at a
	 * NUL: whatever the loader makes of that, no finding may show one
	 * member's value at the other's place.
	 */
	fx_add(f, "is-one", "$.*", "{`function`:`enum`,`values`:[1]}",
	       "{value}");
	fx_lint(f, "{`a\\u0000b`: 1, `a`: 2}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "is-one", "2", "2");
}

/*
 * Adds a rule that fails on every node it runs on, with message {key}:
 * its findings are the selected nodes that its "when" and "unless" (each
 * a JSON array, or NULL) let through.
 */
static void
add_narrowed(struct fx *f, const char *id, const char *given,
	     const char *when, const char *unless)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "{`id`:`%s`,`severity`:`error`,`summary`:`s`,"
		 "`description`:`d`,`given`:`%s`,", id, given);
	if (when != NULL)
		buf_addf(&b, "`when`:%s,", when);
	if (unless != NULL)
		buf_addf(&b, "`unless`:%s,", unless);
	buf_adds(&b, "`then`:{`function`:`undefined`},`message`:`{key}`}");
	fx_add_file(f, b.s);
	buf_release(&b);
}

static void
test_when(void **state)
{
	struct fx *f = *state;

	/* any condition may hold; a missing field holds none */
	add_narrowed(f, "secret", "$fields",
		     "[{`field`:`@key`,`match`:`(?i)key$`},"
		     "{`field`:`format`,`values`:[`password`]}]", NULL);
	fx_lint(f, "{`properties`: {`apiKey`: {}, `host`: {},"
		" `pin`: {`format`: `password`}, `keyName`: {`format`: 1},"
		" `x`: {`properties`: {`privateKey`: {}}}}}");
	fx_count(f, 3);
	fx_expect_at(f, 0, "secret", "{}|, `host`", "apiKey");
	fx_expect_at(f, 1, "secret", "{`format`: `password`}", "pin");
	fx_expect_at(f, 2, "secret", "{}|}}}", "privateKey");
}

static void
test_when_parts(void **state)
{
	struct fx *f = *state;

	/* the parts of one condition all hold; values compare as JSON */
	add_narrowed(f, "both", "$.*",
		     "[{`field`:`v`,`values`:[`ab`,`cd`,2],`match`:`^a`}]",
		     NULL);
	add_narrowed(f, "num", "$.*", "[{`field`:`v`,`values`:[2,null]}]",
		     NULL);
	add_narrowed(f, "miss", "$.*", "[{`field`:`v`,`notMatch`:`^a`}]",
		     NULL);
	fx_lint(f, "{`a`: {`v`: `ab`}, `b`: {`v`: `cd`}, `c`: {`v`: 2},"
		" `d`: {`v`: null}, `e`: {`w`: `ab`}, `f`: [1]}");
	/* a pattern needs a string: 2 and null match none, not even
	   "notMatch"; a node that is not an object has no field */
	fx_count(f, 4);
	fx_expect_at(f, 0, "both", "{`v`: `ab`}", "a");
	fx_expect_at(f, 1, "miss", "{`v`: `cd`}", "b");
	fx_expect_at(f, 2, "num", "{`v`: 2}", "c");
	fx_expect_at(f, 3, "num", "{`v`: null}", "d");
}

static void
test_when_key(void **state)
{
	struct fx *f = *state;

	/* "@key" is the selected node's own name; no field: the node */
	add_narrowed(f, "named", "$..*", "[{`field`:`@key`,`values`:[`n`]}]",
		     NULL);
	add_narrowed(f, "itself", "$.list[*]", "[{`values`:[`b`]}]", NULL);
	add_narrowed(f, "root", "$", "[{`field`:`@key`,`match`:``}]", NULL);
	fx_lint(f, "{`n`: 1, `list`: [`n`, `b`], `o`: {`n`: `n`}}");
	fx_count(f, 3);
	fx_expect_at(f, 0, "named", "1", "n");
	fx_expect_at(f, 1, "itself", "`b`", "1");
	fx_expect_at(f, 2, "named", "`n`|}", "n");
	/* the root and array items have no name: nothing matches it */
}

static void
test_unless(void **state)
{
	struct fx *f = *state;

	add_narrowed(f, "strings", "$fields",
		     "[{`field`:`@key`,`match`:`^p`}]",
		     "[{`field`:`type`,`values`:[`boolean`]},"
		     "{`field`:`type`,`notMatch`:`^string$`}]");
	add_narrowed(f, "no-when", "$fields", NULL,
		     "[{`field`:`@key`,`match`:`^[pq]`}]");
	fx_lint(f, "{`properties`: {`p1`: {`type`: `string`},"
		" `p2`: {`type`: `boolean`}, `p3`: {`type`: [`string`]},"
		" `p4`: {`type`: `integer`}, `q`: {}, `r`: {}}}");
	fx_count(f, 3);
	fx_expect_at(f, 0, "strings", "{`type`: `string`}", "p1");
	/* "type" an array: not a string, so "notMatch" does not hold */
	fx_expect_at(f, 1, "strings", "{`type`: [`string`]}", "p3");
	fx_expect_at(f, 2, "no-when", "{}|}}", "r");
}

static void
test_when_limit(void **state)
{
	struct fx *f = *state;
	char as[41], doc[256], needle[64], object[128];
	const char *want = "the value was not checked: matching /^(a+)+$/ "
	    "stopped: match limit exceeded";

	memset(as, 'a', 40);
	as[40] = '\0';
	/* undecided is not a pass: reported where it matters, and the
	   rule does not run there */
	add_narrowed(f, "when", "$.*", "[{`field`:`t`,`match`:`^(a+)+$`}]",
		     NULL);
	add_narrowed(f, "when-or", "$.*", "[{`field`:`t`,`match`:`^(a+)+$`},"
		     "{`field`:`u`,`values`:[1]}]", NULL);
	add_narrowed(f, "unless", "$.*", "[{`field`:`u`,`values`:[1]}]",
		     "[{`field`:`t`,`notMatch`:`^(a+)+$`}]");
	add_narrowed(f, "unless-or", "$.*", NULL,
		     "[{`field`:`t`,`match`:`^(a+)+$`},"
		     "{`field`:`u`,`values`:[1]}]");
	snprintf(doc, sizeof(doc), "{`x`: {`t`: `%s!`, `u`: 1}}", as);
	snprintf(needle, sizeof(needle), "`%s!`", as);
	snprintf(object, sizeof(object), "{`t`: `%s!`, `u`: 1}", as);
	fx_lint(f, doc);
	fx_count(f, 3);
	/* another condition holds: the undecided one does not matter */
	fx_expect_at(f, 0, "when-or", object, "x");
	fx_expect_at(f, 1, "when", needle, want);
	assert_int_equal(f->out.v[1].sev, SEV_ERROR);
	assert_string_equal(f->out.v[1].pointer, "/x/t");
	fx_expect_at(f, 2, "unless", needle, want);
	/* "unless-or": another condition holds, so the rule does not run */
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_placeholders),
		T(test_empty_message),
		T(test_value_truncated),
		T(test_value_truncated_utf8),
		T(test_pointers),
		T(test_pointer_missing_field_escaped),
		T(test_key_pointer),
		T(test_one_finding_per_node),
		T(test_severity),
		T(test_sorted),
		T(test_core_syntax),
		T(test_core_off),
		T(test_core_duplicates),
		T(test_core_duplicates_note),
		T(test_core_bom),
		T(test_shadowed_not_linted),
		T(test_key_with_nul),
		T(test_when),
		T(test_when_parts),
		T(test_when_key),
		T(test_unless),
		T(test_when_limit),
	};

	return cmocka_run_group_tests_name("lint", tests, NULL, NULL);
}
