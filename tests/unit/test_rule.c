/*
 * Rule files: what loads, and every way a file is refused, each at its own
 * position, never skipped in silence.  Rule files here are written with `
 * for ", as in engine.h.
 */
#include "engine.h"

#include <json-c/json.h>
#include <stdbool.h>

#include "builtin.h"
#include "check.h"
#include "selector.h"
#include "xalloc.h"

/* A rule that loads, for the cases to spoil one part at a time. */
#define HEAD "{`id`:`r`,`severity`:`error`,`summary`:`s`,`description`:`d`,"
#define THEN "`then`:{`function`:`defined`,`field`:`x`}"
#define GOOD HEAD "`given`:`$`," THEN ",`message`:`m`}"

/* Loads text into rs; returns what ruleset_add returns. */
static int
add_text(struct ruleset *rs, const char *text, struct diag_list *errs)
{
	char *t = unquote(text);
	struct source *src = source_from_mem("my-rule.json", t, strlen(t));
	int rc = ruleset_add(rs, src, errs);

	source_free(src);
	free(t);
	return rc;
}

/*
 * Checks that text is refused with an error at the range needle marks (a
 * '^' in needle marks the start), whose message holds gist.  The rule set
 * is left as it was.
 */
static void
assert_refused_in(struct ruleset *rs, const char *text, const char *needle,
		  const char *gist)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct fx at = { .doc = unquote(text) };
	size_t n = rs->n, off, end;
	bool found = false;
	char *g = unquote(gist);

	fx_range(&at, needle, &off, &end);
	assert_int_equal(add_text(rs, text, &errs), -1);
	assert_int_equal(rs->n, n);
	assert_true(errs.n >= 1);
	for (size_t k = 0; k < errs.n; k++) {
		const struct diag *d = &errs.v[k];

		/* problems with a rule file belong to no rule */
		assert_null(d->rule);
		assert_int_equal(d->sev, SEV_ERROR);
		if (d->off == off && d->end == end && strstr(d->msg, g))
			found = true;
	}
	if (!found) {
		print_message("want %zu-%zu \"%s\" for %s\n", off, end, g,
			      at.doc);
		fx_dump(&errs);
	}
	assert_true(found);
	diag_list_release(&errs);
	free(at.doc);
	free(g);
}

static void
assert_refused(const char *text, const char *needle, const char *gist)
{
	struct ruleset rs;

	ruleset_init(&rs);
	assert_refused_in(&rs, text, needle, gist);
	ruleset_release(&rs);
}

static void
test_good(void **state)
{
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;

	(void)state;
	ruleset_init(&rs);
	assert_int_equal(add_text(&rs, GOOD, &errs), 0);
	assert_int_equal(errs.n, 0);
	assert_int_equal(rs.n, 1);
	assert_string_equal(rs.v[0]->id, "r");
	assert_string_equal(rs.v[0]->origin, "my-rule.json");
	assert_ptr_equal(ruleset_find(&rs, "r"), rs.v[0]);
	assert_null(ruleset_find(&rs, "s"));
	ruleset_release(&rs);
}

static void
test_fields(void **state)
{
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;
	const struct rule *r;
	char *text;

	(void)state;
	ruleset_init(&rs);
	assert_int_equal(add_text(&rs, "{`id`:`snake-keys`,`severity`:`note`,"
			 "`tags`:[`style`,`team-2`],`summary`:`sum`,"
			 "`description`:`desc`,`given`:`$form.properties`,"
			 "`then`:[{`function`:`pattern`,`field`:`@key`,"
			 "`match`:`^[a-z_]+$`,`message`:`{key}`},"
			 "{`function`:`length`,`min`:1,`max`:9}],"
			 "`message`:`{expected}`,"
			 "`examples`:{`bad`:{`a`:[1]},`good`:`{}\\n`}}",
			 &errs), 0);
	assert_int_equal(errs.n, 0);
	r = ruleset_find(&rs, "snake-keys");
	assert_non_null(r);
	assert_int_equal(r->severity, SEV_NOTE);
	assert_int_equal(r->ntags, 2);
	assert_string_equal(r->tags[0], "style");
	assert_string_equal(r->tags[1], "team-2");
	assert_string_equal(r->summary, "sum");
	assert_string_equal(r->description, "desc");
	assert_string_equal(selector_text(r->given), "$form.properties");
	assert_int_equal(r->nthen, 2);
	assert_string_equal(r->then[0].def->name, "pattern");
	assert_string_equal(r->then[0].field, "@key");
	assert_string_equal(r->then[0].message, "{key}");
	assert_non_null(r->then[0].match);
	assert_null(r->then[0].not_match);
	assert_string_equal(r->then[1].def->name, "length");
	assert_null(r->then[1].field);
	assert_null(r->then[1].message);
	assert_int_equal(r->then[1].min, 1);
	assert_int_equal(r->then[1].max, 9);
	assert_string_equal(r->message, "{expected}");
	assert_null(r->core);
	/* an example is a document: a value, or the text of one */
	text = rule_example(r, false);
	assert_string_equal(text, "{\n  \"a\": [\n    1\n  ]\n}");
	free(text);
	text = rule_example(r, true);
	assert_string_equal(text, "{}\n");
	free(text);
	/* judged on their contents alone: no file */
	assert_null(r->example_file);
	ruleset_release(&rs);
}

/* "examples" may name the file its examples are linted as. */
static void
test_example_file(void **state)
{
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;

	(void)state;
	ruleset_init(&rs);
	assert_int_equal(add_text(&rs, HEAD "`given`:`$`," THEN ",`message`:"
				  "`m`,`examples`:{`file`:`a-b/v1/connection"
				  ".json`,`bad`:{},`good`:{`x`:1}}}", &errs),
			 0);
	assert_int_equal(errs.n, 0);
	assert_string_equal(rs.v[0]->example_file,
			    "a-b/v1/connection.json");
	ruleset_release(&rs);
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`m`,"
		       "`examples`:{`file`:1}}",
		       "1", "`file` must be a string, not a number");
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`m`,"
		       "`examples`:{`file`:``}}",
		       "``", "`file` must be a path");
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`m`,"
		       "`examples`:{`file`:`a\\u0000b`}}",
		       "`a\\u0000b`", "without \\u0000");
}

/*
 * How json-c's own parser reads an example value's text, printed as
 * connlint prints examples: what rule_example() must give.
 */
static char *
json_c_text(const char *json)
{
	struct json_object *v;
	char *s;

	assert_non_null(json);
	v = json_tokener_parse(json);
	s = xstrdup(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PRETTY |
		JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(v);
	return s;
}

/*
 * Loading keeps an example as the file writes it; rule_example() prints
 * it, each time it is asked, as json-c would.
 */
static void
test_example_text(void **state)
{
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;
	const char *bad = "{ `s` : `\\u00e9/\\/\\t` ,`n`:[1.50, -0.0, 1e2,"
			  " 12345678901234567890],`o`:{},`b`:[true,null] }";
	char *src = unquote(bad), *want = json_c_text(src), *text;
	struct buf rule = BUF_INIT;
	const struct rule *r;

	(void)state;
	ruleset_init(&rs);
	buf_addf(&rule, "%s`given`:`$`,%s,`message`:`m`,`examples`:{"
		 "`bad`:%s,`good`:5}}", HEAD, THEN, bad);
	assert_int_equal(add_text(&rs, rule.s, &errs), 0);
	assert_int_equal(errs.n, 0);
	r = rs.v[0];
	/* kept as written, not printed at load */
	assert_true(r->example_bad.json);
	assert_int_equal(r->example_bad.len, strlen(src));
	assert_memory_equal(r->example_bad.bytes, src, strlen(src));
	for (int k = 0; k < 2; k++) {
		text = rule_example(r, false);
		assert_string_equal(text, want);
		free(text);
	}
	text = rule_example(r, true);
	assert_string_equal(text, "5");
	free(text);
	ruleset_release(&rs);
	free(want);
	free(src);

	/* a string is the document's text, as it is; none is NULL */
	ruleset_init(&rs);
	assert_int_equal(add_text(&rs, HEAD "`given`:`$`," THEN ",`message`:"
				  "`m`,`examples`:{`good`:`{\\`a\\`: nul`}}",
				  &errs), 0);
	assert_int_equal(errs.n, 0);
	assert_false(rs.v[0]->example_good.json);
	text = rule_example(rs.v[0], true);
	assert_string_equal(text, "{\"a\": nul");
	free(text);
	assert_null(rule_example(rs.v[0], false));
	ruleset_release(&rs);
	ruleset_init(&rs);
	assert_int_equal(add_text(&rs, GOOD, &errs), 0);
	assert_null(rule_example(rs.v[0], false));
	assert_null(rule_example(rs.v[0], true));
	ruleset_release(&rs);
	buf_release(&rule);
}

static void
test_core(void **state)
{
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;

	(void)state;
	ruleset_init(&rs);
	assert_int_equal(add_text(&rs, HEAD "`then`:{`function`:`syntax`}}",
				  &errs), 0);
	assert_int_equal(errs.n, 0);
	assert_string_equal(rs.v[0]->core, "syntax");
	assert_null(rs.v[0]->given);
	assert_null(rs.v[0]->message);
	assert_ptr_equal(ruleset_core(&rs, "syntax"), rs.v[0]);
	assert_null(ruleset_core(&rs, "bom"));
	/* one rule per loader finding */
	assert_refused_in(&rs, "{`id`:`r2`,`severity`:`error`,`summary`:`s`,"
			  "`description`:`d`,`then`:{`function`:`syntax`}}",
			  "{`function`:`syntax`}",
			  "the core function `syntax` is already used by "
			  "rule `r`");
	ruleset_release(&rs);
}

static void
test_unknown_keys(void **state)
{
	(void)state;
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`m`,`foo`:1}",
		       "`foo`", "unknown key `foo` in a rule");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`defined`,"
		       "`feild`:`x`},`message`:`m`}",
		       "`feild`", "unknown key `feild` in a `defined` check");
	/* an option of another function is unknown here */
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`defined`,"
		       "`field`:`x`,`match`:`a`},`message`:`m`}",
		       "`match`", "unknown key `match`");
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`m`,"
		       "`examples`:{`bad`:1,`ugly`:2}}",
		       "`ugly`", "unknown key `ugly` in `examples`");
}

static void
test_unknown_function(void **state)
{
	(void)state;
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`defind`},"
		       "`message`:`m`}",
		       "`defind`", "unknown function `defind`; expected one "
		       "of applies-to, at-most, bom, defined, duplicate-keys");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:1},"
		       "`message`:`m`}",
		       "`function`:^1", "`function` must be a string, not a "
		       "number");
	assert_refused(HEAD "`given`:`$`,`then`:{`field`:`x`},"
		       "`message`:`m`}",
		       "{`field`:`x`}", "a check needs a `function`");
}

static void
test_bad_selector(void **state)
{
	(void)state;
	assert_refused(HEAD "`given`:`$.a b`," THEN ",`message`:`m`}",
		       "`$.a b`", "bad selector: expected '.', '..' or '['");
	assert_refused(HEAD "`given`:`properties`," THEN ",`message`:`m`}",
		       "`properties`", "bad selector");
	assert_refused(HEAD "`given`:[`$`]," THEN ",`message`:`m`}",
		       "[`$`]", "`given` must be a string, not an array");
}

static void
test_bad_pattern(void **state)
{
	(void)state;
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`pattern`,"
		       "`match`:`(a`},`message`:`m`}",
		       "`(a`", "the pattern does not compile");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`pattern`,"
		       "`match`:`a`,`notMatch`:`[z-a]`},`message`:`m`}",
		       "`[z-a]`", "the pattern does not compile");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`pattern`,"
		       "`match`:1},`message`:`m`}",
		       "`match`:^1", "a pattern must be a string");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`pattern`,"
		       "`field`:`a`},`message`:`m`}",
		       "{`function`:`pattern`,`field`:`a`}",
		       "a `pattern` check needs `match` or `notMatch`");
}

static void
test_missing_message(void **state)
{
	(void)state;
	/* neither the rule nor its check says what to print */
	assert_refused(HEAD "`given`:`$`," THEN "}",
		       "{`function`:`defined`,`field`:`x`}",
		       "the rule has no `message`");
	assert_refused(HEAD "`given`:`$`,`then`:[{`function`:`defined`,"
		       "`field`:`x`,`message`:`m`},{`function`:`defined`,"
		       "`field`:`y`}]}",
		       "[{`function`:`defined`,`field`:`x`,`message`:`m`},"
		       "{`function`:`defined`,`field`:`y`}]",
		       "the rule has no `message`");
}

static void
test_unknown_placeholder(void **state)
{
	(void)state;
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`bad {nope}`}",
		       "`bad {nope}`", "unknown placeholder");
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`{key`}",
		       "`{key`", "unknown placeholder");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`defined`,"
		       "`field`:`x`,`message`:`{Key}`}}",
		       "`{Key}`", "unknown placeholder");
	/* The quote stops before a character it cannot show whole. */
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`{exgipecte"
		       "\\ud83d\\ude00d}`}",
		       "`{exgipecte\\ud83d\\ude00d}`",
		       "unknown placeholder at `{exgipecte`; a message");
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`{abcdefghi"
		       "\\u00e9z}`}", "`{abcdefghi\\u00e9z}`",
		       "unknown placeholder at `{abcdefghi\xc3\xa9`; a message");
}

static void
test_empty_message(void **state)
{
	(void)state;
	/* a finding must say something (found by fuzz/rule.c) */
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:``}", "``",
		       "a message cannot be empty");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`defined`,"
		       "`field`:`x`,`message`:``}}", "``",
		       "a message cannot be empty");
	/* C strings end at \u0000: the rest would be lost */
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`\\u0000{key}`}",
		       "`\\u0000{key}`", "a message cannot hold \\u0000");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`defined`,"
		       "`field`:`x`,`message`:`no \\u0000 x`}}",
		       "`no \\u0000 x`", "a message cannot hold \\u0000");
}

static void
test_conditions(void **state)
{
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;
	const struct rule *r;

	(void)state;
	ruleset_init(&rs);
	assert_int_equal(add_text(&rs, HEAD "`given`:`$fields`,"
			 "`when`:[{`field`:`@key`,`match`:`(?i)key$`},"
			 "{`field`:`format`,`values`:[`password`]},"
			 "{`notMatch`:`x`}],"
			 "`unless`:[{`field`:`type`,`values`:[`boolean`,1]}],"
			 THEN ",`message`:`m`}", &errs), 0);
	assert_int_equal(errs.n, 0);
	r = rs.v[0];
	assert_int_equal(r->nwhen, 3);
	assert_null(r->when[0].def);
	assert_string_equal(r->when[0].field, "@key");
	assert_non_null(r->when[0].match);
	assert_null(r->when[0].values);
	assert_string_equal(r->when[1].field, "format");
	assert_non_null(r->when[1].values);
	assert_null(r->when[1].match);
	/* no field: the selected node itself */
	assert_null(r->when[2].field);
	assert_non_null(r->when[2].not_match);
	assert_int_equal(r->nunless, 1);
	assert_string_equal(r->unless[0].field, "type");
	assert_non_null(r->unless[0].values);
	/* a rule without them has none */
	assert_int_equal(add_text(&rs, "{`id`:`r2`,`severity`:`error`,"
			 "`summary`:`s`,`description`:`d`,`given`:`$`," THEN
			 ",`message`:`m`}", &errs), 0);
	assert_int_equal(rs.v[1]->nwhen, 0);
	assert_null(rs.v[1]->when);
	assert_int_equal(rs.v[1]->nunless, 0);
	ruleset_release(&rs);
}

/* A condition another rule tests too gets their shared number. */
static void
test_shared_conditions(void **state)
{
	static const char *const rules[] = {
		"{`id`:`a`,`severity`:`error`,`summary`:`s`,`description`:`d`,"
		"`given`:`$fields`,`when`:[{`field`:`@key`,`match`:`k$`},"
		"{`field`:`title`,`match`:`t$`}],`unless`:[{`field`:`type`,"
		"`values`:[`boolean`]}]," THEN ",`message`:`m`}",
		/* the same, but for the title's pattern */
		"{`id`:`b`,`severity`:`error`,`summary`:`s`,`description`:`d`,"
		"`given`:`$fields`,`when`:[{`field`:`title`,`match`:`T$`},"
		"{`field`:`@key`,`match`:`k$`}],`unless`:[{`field`:`type`,"
		"`values`:[`boolean`]}]," THEN ",`message`:`m`}",
		/* the same tests, in other fields or ways */
		"{`id`:`c`,`severity`:`error`,`summary`:`s`,`description`:`d`,"
		"`given`:`$fields`,`when`:[{`field`:`name`,`match`:`k$`},"
		"{`field`:`title`,`notMatch`:`t$`},{`field`:`type`,"
		"`values`:[`boolean`, `number`]}]," THEN ",`message`:`m`}",
		/* patterns alike up to a NUL: not the same */
		"{`id`:`e`,`severity`:`error`,`summary`:`s`,`description`:`d`,"
		"`given`:`$fields`,`when`:[{`field`:`title`,"
		"`match`:`\\u0000|^Foo`}]," THEN ",`message`:`m`}",
		"{`id`:`f`,`severity`:`error`,`summary`:`s`,`description`:`d`,"
		"`given`:`$fields`,`when`:[{`field`:`title`,"
		"`match`:`\\u0000|^Bar`}]," THEN ",`message`:`m`}",
		/* once more the first's key pattern */
		"{`id`:`d`,`severity`:`error`,`summary`:`s`,`description`:`d`,"
		"`given`:`$fields`,`unless`:[{`field`:`@key`,`match`:`k$`}],"
		THEN ",`message`:`m`}",
	};
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;

	(void)state;
	ruleset_init(&rs);
	for (size_t k = 0; k < sizeof(rules) / sizeof(rules[0]); k++)
		assert_int_equal(add_text(&rs, rules[k], &errs), 0);
	assert_int_equal(errs.n, 0);
	/* a's key pattern and type values, shared with b (and d) */
	assert_int_equal(rs.v[0]->when[0].shared, 1);
	assert_int_equal(rs.v[1]->when[1].shared, 1);
	assert_int_equal(rs.v[5]->unless[0].shared, 1);
	assert_int_equal(rs.v[3]->when[0].shared, 0);
	assert_int_equal(rs.v[4]->when[0].shared, 0);
	assert_int_equal(rs.v[0]->unless[0].shared, 2);
	assert_int_equal(rs.v[1]->unless[0].shared, 2);
	/* alike but not the same: not shared */
	assert_int_equal(rs.v[0]->when[1].shared, 0);
	assert_int_equal(rs.v[1]->when[0].shared, 0);
	for (size_t c = 0; c < rs.v[2]->nwhen; c++)
		assert_int_equal(rs.v[2]->when[c].shared, 0);
	assert_int_equal(rs.nshared, 2);
	ruleset_release(&rs);
}

static void
test_duplicate_id(void **state)
{
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;

	(void)state;
	ruleset_init(&rs);
	assert_int_equal(add_text(&rs, GOOD, &errs), 0);
	assert_refused_in(&rs, GOOD, "`r`",
			  "rule `r` is already defined in my-rule.json");
	assert_int_equal(rs.n, 1);
	ruleset_release(&rs);
}

static void
test_wrong_types(void **state)
{
	(void)state;
	assert_refused("{`id`:`r`,`severity`:1,`summary`:`s`,"
		       "`description`:`d`,`given`:`$`," THEN ",`message`:`m`}",
		       "`severity`:^1",
		       "`severity` must be a string, not a number");
	assert_refused(HEAD "`tags`:`x`,`given`:`$`," THEN ",`message`:`m`}",
		       "`tags`:^`x`", "`tags` must be an array, not a string");
	assert_refused(HEAD "`tags`:[`a`,2],`given`:`$`," THEN
		       ",`message`:`m`}",
		       "[`a`,^2|]", "`tags` must be a string, not a number");
	assert_refused("{`id`:`r`,`severity`:`error`,`summary`:[],"
		       "`description`:`d`,`given`:`$`," THEN ",`message`:`m`}",
		       "[]", "`summary` must be a string, not an array");
	assert_refused(HEAD "`given`:`$`,`then`:`defined`,`message`:`m`}",
		       "`then`:^`defined`", "`then` must be a check object");
	assert_refused(HEAD "`given`:`$`,`then`:[],`message`:`m`}",
		       "`then`:^[]", "`then` must be a check object");
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:false}",
		       "false", "`message` must be a string, not a boolean");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`defined`,"
		       "`field`:null},`message`:`m`}",
		       "null", "`field` must be a string, not null");
	assert_refused(HEAD "`given`:`$`," THEN ",`message`:`m`,"
		       "`examples`:[]}",
		       "[]", "`examples` must be an object, not an array");
	assert_refused("[" GOOD "]", "[" GOOD "]",
		       "must be an object, not an array");
}

static void
test_wrong_options(void **state)
{
	(void)state;
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`enum`,"
		       "`values`:[]},`message`:`m`}",
		       "[]", "`values` must be a non-empty array");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`enum`},"
		       "`message`:`m`}",
		       "{`function`:`enum`}", "a `enum` check needs `values`");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`type`,"
		       "`types`:[`string`,`strin`]},`message`:`m`}",
		       "`strin`", "unknown type; expected one of string");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`type`,"
		       "`types`:`string`},`message`:`m`}",
		       "`types`:^`string`",
		       "`types` must be a non-empty array");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`length`,"
		       "`min`:`1`},`message`:`m`}",
		       "`min`:^`1`", "must be a whole number, 0 or more");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`length`,"
		       "`max`:-1},`message`:`m`}",
		       "-1", "must be a whole number, 0 or more");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`length`,"
		       "`max`:1.5},`message`:`m`}",
		       "1.5", "must be a whole number, 0 or more");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`keys-in`,"
		       "`in`:``},`message`:`m`}",
		       "`in`:^``", "`in` must be a member name");
	/* the field of a check is a member name too */
	assert_refused(HEAD "`given`:`$fields`,`then`:{`function`:`defined`,"
		       "`field`:``},`message`:`{field}`}",
		       "`field`:^``", "`field` must be a member name");
	assert_refused(HEAD "`given`:`$fields`,`then`:{`function`:`defined`,"
		       "`field`:`a\\u0000b`},`message`:`m`}",
		       "`a\\u0000b`", "`field` must be a member name");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`keys-in`,"
		       "`in`:[`a`]},`message`:`m`}",
		       "[`a`]", "`in` must be a member name");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`at-most`,"
		       "`than`:1},`message`:`m`}",
		       "`than`:^1", "`than` must be a member name");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`keys-in`},"
		       "`message`:`m`}",
		       "{`function`:`keys-in`}", "a `keys-in` check needs "
		       "`in`");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`length`,"
		       "`min`:3,`max`:2},`message`:`m`}",
		       "{`function`:`length`,`min`:3,`max`:2}",
		       "`min` is greater than `max`");
	assert_refused(HEAD "`given`:`$`,`then`:{`function`:`length`},"
		       "`message`:`m`}",
		       "{`function`:`length`}",
		       "a `length` check needs `min` or `max`");
}

static void
test_bad_values(void **state)
{
	(void)state;
	assert_refused("{`id`:`r`,`severity`:`fatal`,`summary`:`s`,"
		       "`description`:`d`,`given`:`$`," THEN ",`message`:`m`}",
		       "`fatal`", "unknown severity `fatal`");
	assert_refused("{`id`:`Bad_Id`,`severity`:`error`,`summary`:`s`,"
		       "`description`:`d`,`given`:`$`," THEN ",`message`:`m`}",
		       "`Bad_Id`", "kebab-case");
	assert_refused("{`id`:`a--b`,`severity`:`error`,`summary`:`s`,"
		       "`description`:`d`,`given`:`$`," THEN ",`message`:`m`}",
		       "`a--b`", "kebab-case");
	assert_refused(HEAD "`tags`:[`Contract`],`given`:`$`," THEN
		       ",`message`:`m`}",
		       "`Contract`", "kebab-case");
}

static void
test_missing_members(void **state)
{
	(void)state;
	/* a member missing from the root: point at its '{' */
	assert_refused("{`severity`:`error`,`summary`:`s`,`description`:`d`,"
		       "`given`:`$`," THEN ",`message`:`m`}",
		       "^{`severity`:`error`,`summary`:`s`,`description`:`d`,"
		       "`given`:`$`," THEN ",`message`:`m`}",
		       "the rule has no `id`");
	assert_refused(HEAD THEN ",`message`:`m`}",
		       "^" HEAD THEN ",`message`:`m`}",
		       "the rule has no `given`");
	assert_refused(HEAD "`given`:`$`,`message`:`m`}",
		       "^" HEAD "`given`:`$`,`message`:`m`}",
		       "the rule has no `then`");
}

/* The key of member name in text, or its value: either is the offender. */
static void
assert_refused_at_member(const char *text, const char *key,
			 const char *value, const char *gist)
{
	struct ruleset rs;
	struct diag_list errs = DIAG_LIST_INIT;
	struct fx at = { .doc = unquote(text) };
	size_t key_off, key_end, val_off, val_end;
	bool found = false;
	char *g = unquote(gist);

	ruleset_init(&rs);
	fx_range(&at, key, &key_off, &key_end);
	fx_range(&at, value, &val_off, &val_end);
	assert_int_equal(add_text(&rs, text, &errs), -1);
	assert_int_equal(rs.n, 0);
	for (size_t k = 0; k < errs.n; k++) {
		const struct diag *d = &errs.v[k];

		if (strstr(d->msg, g) && ((d->off == key_off &&
		    d->end == key_end) || (d->off == val_off &&
		    d->end == val_end)))
			found = true;
	}
	if (!found) {
		print_message("want \"%s\" at %zu-%zu or %zu-%zu for %s\n", g,
			      key_off, key_end, val_off, val_end, at.doc);
		fx_dump(&errs);
	}
	assert_true(found);
	diag_list_release(&errs);
	ruleset_release(&rs);
	free(at.doc);
	free(g);
}

static void
test_core_shape(void **state)
{
	(void)state;
	assert_refused(HEAD "`then`:{`function`:`syntax`,`field`:`x`}}",
		       "`field`", "the core function `syntax` takes no "
		       "`field`");
	assert_refused(HEAD "`then`:[{`function`:`syntax`},"
		       "{`function`:`bom`}]}",
		       "[{`function`:`syntax`},{`function`:`bom`}]",
		       "a core function must be the rule's only check");
}

static void
test_core_with_given(void **state)
{
	(void)state;
	assert_refused_at_member(HEAD "`then`:{`function`:`syntax`},"
				 "`given`:`$`}",
				 "`given`", "`$`", "takes no `given`");
	assert_refused_at_member(HEAD "`then`:{`function`:`bom`},"
				 "`message`:`m`}",
				 "`message`", "`m`", "no `message`");
}

static void
test_bad_conditions(void **state)
{
	(void)state;
	assert_refused(HEAD "`given`:`$`,`when`:{`field`:`a`,`values`:[1]},"
		       THEN ",`message`:`m`}",
		       "{`field`:`a`,`values`:[1]}",
		       "`when` must be a non-empty array of conditions");
	assert_refused(HEAD "`given`:`$`,`unless`:[]," THEN ",`message`:`m`}",
		       "[]", "`unless` must be a non-empty array of "
		       "conditions");
	assert_refused(HEAD "`given`:`$`,`when`:[`title`]," THEN
		       ",`message`:`m`}",
		       "[^`title`|]", "`when` must be an object, not a string");
	/* a condition tests something, and only what a condition can */
	assert_refused(HEAD "`given`:`$`,`when`:[{`field`:`title`}]," THEN
		       ",`message`:`m`}",
		       "{`field`:`title`}",
		       "a condition needs `values`, `match` or `notMatch`");
	assert_refused(HEAD "`given`:`$`,`unless`:[{`field`:`type`,"
		       "`types`:[`string`]}]," THEN ",`message`:`m`}",
		       "`types`", "unknown key `types` in a condition of "
		       "`unless`; it takes `field`, `values`, `match` and "
		       "`notMatch`");
	assert_refused(HEAD "`given`:`$`,`when`:[{`function`:`enum`,"
		       "`values`:[1]}]," THEN ",`message`:`m`}",
		       "{^`function`|:`enum`", "unknown key `function` in a "
		       "condition of `when`");
	/* each option is checked as a check's is, at its own place */
	assert_refused(HEAD "`given`:`$`,`when`:[{`field`:`a`,`match`:`(a`}],"
		       THEN ",`message`:`m`}",
		       "`(a`", "the pattern does not compile");
	assert_refused(HEAD "`given`:`$`,`when`:[{`field`:`a`,`values`:[]}],"
		       THEN ",`message`:`m`}",
		       "[]", "`values` must be a non-empty array");
	assert_refused(HEAD "`given`:`$`,`when`:[{`field`:`a`,`notMatch`:2}],"
		       THEN ",`message`:`m`}",
		       "`notMatch`:^2", "a pattern must be a string");
	assert_refused(HEAD "`given`:`$`,`when`:[{`field`:7,`values`:[1]}],"
		       THEN ",`message`:`m`}",
		       "`field`:^7", "`field` must be a string, not a number");
	assert_refused(HEAD "`given`:`$`,`when`:[{`field`:``,`values`:[1]}],"
		       THEN ",`message`:`m`}",
		       "`field`:^``", "`field` must be a member name");
	assert_refused(HEAD "`given`:`$`,`when`:[{`field`:`a\\u0000b`,"
		       "`values`:[1]}]," THEN ",`message`:`m`}",
		       "`a\\u0000b`", "`field` must be a member name");
	/* a core rule has nothing to narrow */
	assert_refused_at_member(HEAD "`then`:{`function`:`bom`},"
				 "`when`:[{`field`:`a`,`values`:[1]}]}",
				 "`when`", "[{`field`:`a`,`values`:[1]}]",
				 "the core function `bom` takes no `when`");
	assert_refused_at_member(HEAD "`then`:{`function`:`bom`},"
				 "`unless`:[{`field`:`a`,`values`:[1]}]}",
				 "`unless`", "[{`field`:`a`,`values`:[1]}]",
				 "takes no `unless`");
}

static void
test_not_json(void **state)
{
	(void)state;
	assert_refused("{`id`:}", "}", "expected a value");
	assert_refused("{`id`:`r`,`id`:`s`}", "`r`,^`id`|:`s`",
		       "duplicate key `id`");
	assert_refused(" ", " ^|", "empty input");
}

static void
test_builtin(void **state)
{
	struct ruleset rs;
	char *err = NULL;
	static const char *const cores[][2] = {
		{ "syntax", "json-syntax" },
		{ "duplicate-keys", "json-duplicate-key" },
		{ "bom", "json-bom" },
	};

	(void)state;
	ruleset_init(&rs);
	assert_int_equal(ruleset_add_builtin(&rs, &err), 0);
	assert_null(err);
	assert_int_equal(rs.n, builtin_rules_count);
	assert_true(rs.n >= 14);
	for (size_t k = 0; k < rs.n; k++) {
		const struct rule *r = rs.v[k];
		char want[256];

		/* one file per rule, named after it */
		snprintf(want, sizeof(want), "rules/%s.json", r->id);
		assert_string_equal(r->origin, want);
		assert_string_equal(builtin_rules[k].name, want);
		assert_non_null(r->summary);
		assert_non_null(r->description);
		assert_true(r->ntags >= 1);
		assert_true(r->core != NULL || (r->given != NULL &&
						r->nthen >= 1));
	}
	for (size_t k = 0; k < sizeof(cores) / sizeof(cores[0]); k++) {
		const struct rule *r = ruleset_core(&rs, cores[k][0]);

		assert_non_null(r);
		assert_string_equal(r->id, cores[k][1]);
	}
	assert_non_null(ruleset_find(&rs, "property-description"));
	/* every example prints as json-c reads it from the rule file */
	for (size_t k = 0; k < rs.n; k++) {
		const struct builtin_file *f = &builtin_rules[k];
		struct json_tokener *tok = json_tokener_new();
		struct json_object *file, *examples, *v;

		file = json_tokener_parse_ex(tok, f->data, (int)f->len);
		assert_non_null(file);
		json_tokener_free(tok);
		for (int good = 0; good <= 1; good++) {
			char *text = rule_example(rs.v[k], good);
			char *want = NULL;

			if (json_object_object_get_ex(file, "examples",
						      &examples) &&
			    json_object_object_get_ex(examples, good ? "good" :
						      "bad", &v))
				want = json_object_is_type(v, json_type_string) ?
				       xstrdup(json_object_get_string(v)) :
				       json_c_text(json_object_to_json_string(v));
			if (want == NULL)
				assert_null(text);
			else
				assert_string_equal(text, want);
			free(text);
			free(want);
		}
		json_object_put(file);
	}
	/* loading them twice fails at the first file, with its position */
	assert_int_equal(ruleset_add_builtin(&rs, &err), -1);
	assert_non_null(err);
	assert_int_equal(strncmp(err, builtin_rules[0].name,
				 strlen(builtin_rules[0].name)), 0);
	assert_non_null(strstr(err, "is already defined in"));
	free(err);
	ruleset_release(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_example_file),
		cmocka_unit_test(test_example_text),
		cmocka_unit_test(test_core),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_unknown_function),
		cmocka_unit_test(test_bad_selector),
		cmocka_unit_test(test_bad_pattern),
		cmocka_unit_test(test_missing_message),
		cmocka_unit_test(test_unknown_placeholder),
		cmocka_unit_test(test_empty_message),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_shared_conditions),
		cmocka_unit_test(test_bad_conditions),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_wrong_options),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_missing_members),
		cmocka_unit_test(test_core_shape),
		cmocka_unit_test(test_core_with_given),
		cmocka_unit_test(test_not_json),
		cmocka_unit_test(test_builtin),
	};

	return cmocka_run_group_tests_name("rule", tests, NULL, NULL);
}
