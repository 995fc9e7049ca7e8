/*
 * The check functions, each run through the engine: a rule file made in
 * memory, a document linted with it, and the exact findings.
 */
#include "engine.h"

#include <stdbool.h>

#include "check.h"
#include "regex.h"
#include "scan.h"

static void
test_defined(void **state)
{
	struct fx *f = *state;

	fx_add(f, "has-title", "$form",
	       "{`function`:`defined`,`field`:`title`}",
	       "no title in {key}; {type} there");
	/* a member of the root is missing: point at its '{' */
	fx_lint(f, "{`type`:`object`}");
	fx_count(f, 1);
	fx_expect(f, 0, "has-title", 0, 1, "no title in ; nothing there");
	assert_string_equal(f->out.v[0].pointer, "/title");
	assert_int_equal(f->out.v[0].sev, SEV_ERROR);
	fx_lint(f, " \n {`type`:`object`}");
	fx_count(f, 1);
	fx_expect(f, 0, "has-title", 3, 4, "no title in ; nothing there");
	/* below the root: point at the key of the object that lacks it */
	fx_lint(f, "{`input`: {`type`:`object`}}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "has-title", "`input`",
		     "no title in input; nothing there");
	assert_string_equal(f->out.v[0].pointer, "/input/title");
	/* null is a value: the member is there */
	fx_lint(f, "{`title`:null}");
	fx_count(f, 0);
	fx_lint(f, "{`title`:``}");
	fx_count(f, 0);
	/* a form that is not an object is another rule's business */
	fx_lint(f, "{`input`:[]}");
	fx_count(f, 0);
}

static void
test_defined_instead(void **state)
{
	struct fx *f = *state;

	fx_add(f, "title-not-label", "$fields",
	       "{`function`:`defined`,`field`:`title`,`instead`:`label`}",
	       "{key} has {field} under another name");
	fx_lint(f, "{`properties`:{`a`:{`label`:`A`},`b`:{`title`:`B`},"
		"`c`:{},`d`:{`title`:`D`,`label`:`D`},`e`:{`label`:null}}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "title-not-label", "`a`",
		     "a has title under another name");
	assert_string_equal(f->out.v[0].pointer, "/properties/a/title");
	fx_expect_at(f, 1, "title-not-label", "`e`",
		     "e has title under another name");
}

static void
test_defined_in_array(void **state)
{
	struct fx *f = *state;
	size_t off, end;

	fx_add(f, "item-name", "$.items[*]",
	       "{`function`:`defined`,`field`:`name`}",
	       "item {key} has no {field}");
	/* an element has no key: point at its '{' */
	fx_lint(f, "{`items`:[{`name`:1}, {`x`:2}, 3]}");
	fx_count(f, 1);
	fx_range(f, "{`x`", &off, &end);
	fx_expect(f, 0, "item-name", off, off + 1, "item 1 has no name");
	assert_string_equal(f->out.v[0].pointer, "/items/1/name");
}

static void
test_defined_fields(void **state)
{
	struct fx *f = *state;

	fx_add(f, "field-description", "$fields",
	       "{`function`:`defined`,`field`:`description`}",
	       "property '{key}' has no '{field}'");
	fx_lint(f, "{`properties`:{`url`:{`title`:`U`},"
		"`key`:{`description`:`d`},"
		"`auth`:{`properties`:{`user`:{}}}}}");
	fx_count(f, 3);
	fx_expect_at(f, 0, "field-description", "`url`",
		     "property 'url' has no 'description'");
	fx_expect_at(f, 1, "field-description", "`auth`",
		     "property 'auth' has no 'description'");
	fx_expect_at(f, 2, "field-description", "`user`",
		     "property 'user' has no 'description'");
	assert_string_equal(f->out.v[2].pointer,
			    "/properties/auth/properties/user/description");
}

static void
test_undefined(void **state)
{
	struct fx *f = *state;

	fx_add(f, "no-secret", "$",
	       "{`function`:`undefined`,`field`:`secret`}",
	       "{field} is {value}: {type}; expected {expected}");
	fx_lint(f, "{`secret`: `x`}");
	fx_count(f, 1);
	/* a value that should not be there: point at the value */
	fx_expect_at(f, 0, "no-secret", "`x`",
		     "secret is `x`: a string; expected nothing");
	assert_string_equal(f->out.v[0].pointer, "/secret");
	fx_lint(f, "{`secret`: {`a`: [1, 2]}}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "no-secret", "{`a`: [1, 2]}",
		     "secret is {`a`:[1,2]}: an object; expected nothing");
	fx_lint(f, "{`Secret`: 1}");
	fx_count(f, 0);
}

static void
test_undefined_beside(void **state)
{
	struct fx *f = *state;

	fx_add(f, "no-min-with-enum", "$schemas",
	       "{`function`:`undefined`,`field`:`minLength`,"
	       "`beside`:`enum`}", "{schema}: {field} {value}");
	fx_lint(f, "{`minLength`:1,`enum`:[`a`],`properties`:{"
		"`a`:{`minLength`:2},`b`:{`enum`:[`x`]},"
		"`c`:{`enum`:null,`minLength`:3},`d`:{`Enum`:[],`minLength`:4}}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "no-min-with-enum", "`minLength`:^1",
		     "the form schema: minLength 1");
	/* present is present, whatever its value */
	fx_expect_at(f, 1, "no-min-with-enum", "`minLength`:^3",
		     "property `c`: minLength 3");
	/* on the names of members too: the selected object has "beside" */
	fx_add(f, "no-x-keys", "$.o",
	       "{`function`:`undefined`,`field`:`@key`,`beside`:`flag`}",
	       "{key}");
	fx_lint(f, "{`o`:{`a`:1}}");
	fx_count(f, 0);
	fx_lint(f, "{`o`:{`a`:1,`flag`:true}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "no-x-keys", "`a`", "a");
	fx_expect_at(f, 1, "no-x-keys", "`flag`", "flag");
}

static void
test_type(void **state)
{
	struct fx *f = *state;

	fx_add(f, "title-string", "$",
	       "{`function`:`type`,`field`:`title`,`types`:[`string`]}",
	       "title is {type}; expected {expected}");
	fx_lint(f, "{`title`: 5}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "title-string", "5",
		     "title is a number; expected a string");
	fx_lint(f, "{`title`: null}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "title-string", "null",
		     "title is null; expected a string");
	fx_lint(f, "{`title`: `5`}");
	fx_count(f, 0);
	/* a missing field is not of a wrong type */
	fx_lint(f, "{}");
	fx_count(f, 0);
}

static void
test_type_alternatives(void **state)
{
	struct fx *f = *state;

	fx_add(f, "two-types", "$.a",
	       "{`function`:`type`,`types`:[`integer`,`string`]}",
	       "{type}; expected {expected}");
	fx_add(f, "three-types", "$.b",
	       "{`function`:`type`,`types`:[`null`,`number`,`string`]}",
	       "{type}; expected {expected}");
	fx_add(f, "null-or-object", "$.c",
	       "{`function`:`type`,`types`:[`object`,`null`]}",
	       "{type}; expected {expected}");
	fx_lint(f, "{`a`: true, `b`: [], `c`: null}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "two-types", "true",
		     "a boolean; expected a string or an integer");
	fx_expect_at(f, 1, "three-types", "[]",
		     "an array; expected a string, a number or null");
}

static void
test_type_integer(void **state)
{
	struct fx *f = *state;

	fx_add(f, "whole", "$.*",
	       "{`function`:`type`,`types`:[`integer`]}",
	       "{key} is {value}; expected {expected}");
	fx_add(f, "numeric", "$.*",
	       "{`function`:`type`,`types`:[`number`]}",
	       "{key} is {type}; expected {expected}");
	/* a number with no fraction is an integer, as JSON Schema says */
	fx_lint(f, "{`a`: 2, `b`: 2.0, `c`: 1.5, `d`: 1e2, `e`: -3,"
		" `f`: `2`, `g`: 15e-1, `h`: -0, `i`: 12345678901234567890}");
	fx_count(f, 4);
	fx_expect_at(f, 0, "whole", "1.5", "c is 1.5; expected an integer");
	fx_expect_at(f, 1, "whole", "`2`", "f is `2`; expected an integer");
	fx_expect_at(f, 2, "numeric", "`2`",
		     "f is a string; expected a number");
	fx_expect_at(f, 3, "whole", "15e-1", "g is 15e-1; expected an integer");
}

static void
test_nonempty(void **state)
{
	struct fx *f = *state;

	fx_add(f, "filled", "$.*", "{`function`:`nonempty`}",
	       "{key} is {value}; expected {expected}");
	fx_lint(f, "{`a`: ``, `b`: `  `, `c`: ` \\t\\n\\r`, `d`: ` x `,"
		" `e`: [], `f`: {}, `g`: 0, `h`: null, `i`: `\\u0000`,"
		" `j`: [0], `k`: false, `l`: {`m`: 0}}");
	fx_count(f, 5);
	fx_expect_at(f, 0, "filled", "``",
		     "a is ``; expected a string that is not empty or blank");
	fx_expect_at(f, 1, "filled", "`  `",
		     "b is `  `; expected a string that is not empty or blank");
	fx_expect_at(f, 2, "filled", "` \\t\\n\\r`",
		     "c is ` \\t\\n\\r`; expected a string that is not "
		     "empty or blank");
	fx_expect_at(f, 3, "filled", "[]",
		     "e is []; expected an array with at least one item");
	fx_expect_at(f, 4, "filled", "{}",
		     "f is {}; expected an object with at least one member");
}

static void
test_nonempty_field(void **state)
{
	struct fx *f = *state;

	fx_add(f, "title-filled", "$form",
	       "{`function`:`nonempty`,`field`:`title`}",
	       "the title is empty");
	fx_lint(f, "{`input`: {`title`: ` `}}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "title-filled", "` `", "the title is empty");
	assert_string_equal(f->out.v[0].pointer, "/input/title");
	/* only defined sees a missing field */
	fx_lint(f, "{`input`: {}}");
	fx_count(f, 0);
}

static void
test_enum(void **state)
{
	struct fx *f = *state;

	fx_add(f, "format-known", "$",
	       "{`function`:`enum`,`field`:`format`,"
	       "`values`:[`table`,`form`]}",
	       "format is {value}; expected {expected}");
	fx_add(f, "type-object", "$",
	       "{`function`:`enum`,`field`:`type`,`values`:[`object`]}",
	       "type is {value}; expected {expected}");
	fx_lint(f, "{`format`: `grid`, `type`: `Object`}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "format-known", "`grid`",
		     "format is `grid`; expected one of `table`, `form`");
	fx_expect_at(f, 1, "type-object", "`Object`",
		     "type is `Object`; expected `object`");
	fx_lint(f, "{`format`: `form`, `type`: `object`}");
	fx_count(f, 0);
	/* an array or object holding a value is not the value */
	fx_lint(f, "{`format`: [`table`], `type`: {`object`: 1}}");
	fx_count(f, 2);
}

static void
test_enum_values(void **state)
{
	struct fx *f = *state;

	fx_add(f, "mixed", "$.*",
	       "{`function`:`enum`,"
	       "`values`:[1, null, true, `a/b`, {`k`: [2]}]}",
	       "{key}: {value}; expected {expected}");
	fx_lint(f, "{`a`: 1, `b`: null, `c`: true, `d`: `a/b`,"
		" `e`: {`k`: [2]}, `f`: 2, `g`: false, `h`: `1`,"
		" `i`: {`k`: [3]}}");
	fx_count(f, 4);
	fx_expect_at(f, 0, "mixed", "`f`: ^2",
		     "f: 2; expected one of 1, null, true, `a/b`, {`k`:[2]}");
	fx_expect_at(f, 1, "mixed", "false",
		     "g: false; expected one of 1, null, true, `a/b`, "
		     "{`k`:[2]}");
	fx_expect_at(f, 2, "mixed", "`1`",
		     "h: `1`; expected one of 1, null, true, `a/b`, "
		     "{`k`:[2]}");
	fx_expect_at(f, 3, "mixed", "{`k`: [3]}",
		     "i: {`k`:[3]}; expected one of 1, null, true, `a/b`, "
		     "{`k`:[2]}");
}

static void
test_enum_key(void **state)
{
	struct fx *f = *state;

	fx_add(f, "known-keys", "$",
	       "{`function`:`enum`,`field`:`@key`,"
	       "`values`:[`type`,`title`,`1`]}",
	       "unknown key {key} ({value}, {type}); expected {expected}");
	/* "@key" checks member names, and points at each name */
	fx_lint(f, "{`type`: 1, `titel`: `type`, `1`: 2, `x`: `title`}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "known-keys", "`titel`",
		     "unknown key titel (`titel`, a string); expected one of "
		     "`type`, `title`, `1`");
	fx_expect_at(f, 1, "known-keys", "`x`",
		     "unknown key x (`x`, a string); expected one of "
		     "`type`, `title`, `1`");
	assert_string_equal(f->out.v[1].pointer, "/x");
}

static void
test_pattern_key(void **state)
{
	struct fx *f = *state;

	fx_add(f, "snake-case", "$form.properties",
	       "{`function`:`pattern`,`field`:`@key`,"
	       "`match`:`^[a-z][a-z0-9_]*$`}",
	       "property '{key}' is not snake_case; expected {expected}");
	fx_lint(f, "{`properties`: {`api_key`: {}, `ApiKey`: {},"
		" `2fa`: {}, `ok2`: {}}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "snake-case", "`ApiKey`",
		     "property 'ApiKey' is not snake_case; expected a match "
		     "for /^[a-z][a-z0-9_]*$/");
	fx_expect_at(f, 1, "snake-case", "`2fa`",
		     "property '2fa' is not snake_case; expected a match "
		     "for /^[a-z][a-z0-9_]*$/");
}

static void
test_pattern(void **state)
{
	struct fx *f = *state;

	fx_add(f, "not-any", "$.*",
	       "{`function`:`pattern`,`field`:`type`,`notMatch`:`^any$`}",
	       "{key}: {value}; expected {expected}");
	fx_add(f, "word", "$.*",
	       "{`function`:`pattern`,`field`:`name`,`match`:`^[a-z]+$`,"
	       "`notMatch`:`^(null|none)$`}",
	       "{key}: {value}; expected {expected}");
	fx_lint(f, "{`a`: {`type`: `any`}, `b`: {`type`: `anything`},"
		" `c`: {`type`: 5}, `d`: {`name`: `none`},"
		" `e`: {`name`: `X`}, `f`: {`name`: `ok`},"
		" `g`: {`name`: `x\\ny`}}");
	fx_count(f, 4);
	fx_expect_at(f, 0, "not-any", "`any`",
		     "a: `any`; expected no match for /^any$/");
	fx_expect_at(f, 1, "word", "`none`",
		     "d: `none`; expected no match for /^(null|none)$/");
	fx_expect_at(f, 2, "word", "`X`",
		     "e: `X`; expected a match for /^[a-z]+$/");
	/* $ matches before a final newline only, not an inner one */
	fx_expect_at(f, 3, "word", "`x\\ny`",
		     "g: `x\\ny`; expected a match for /^[a-z]+$/");
}

static void
test_pattern_bytes(void **state)
{
	struct fx *f = *state;

	/* the whole string is matched, NUL bytes and all, as UTF-8 */
	fx_add(f, "nul-inside", "$.a",
	       "{`function`:`pattern`,`match`:`^a\\\\x00b$`}",
	       "{value}; expected {expected}");
	fx_add(f, "upper", "$.b",
	       "{`function`:`pattern`,`match`:`^\\\\p{Lu}.$`}",
	       "{value}; expected {expected}");
	fx_lint(f, "{`a`: `a\\u0000b`, `b`: `\\u00c9t`}");
	fx_count(f, 0);
	fx_lint(f, "{`a`: `a\\u0000c`, `b`: `\\u00e9t`}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "nul-inside", "`a\\u0000c`",
		     "`a\\u0000c`; expected a match for /^a\\x00b$/");
	/* {value} shows a scalar as the file writes it, escapes included */
	fx_expect_at(f, 1, "upper", "`\\u00e9t`",
		     "`\\u00e9t`; expected a match for /^\\p{Lu}.$/");
}

static void
test_pattern_limit(void **state)
{
	struct fx *f = *state;
	char as[41], doc[128], needle[64], want[256];

	memset(as, 'a', 40);
	as[40] = '\0';
	fx_add(f, "all-a", "$.name",
	       "{`function`:`pattern`,`match`:`^(a+)+$`}",
	       "{value} is not all a");
	fx_add(f, "not-all-a", "$.name",
	       "{`function`:`pattern`,`notMatch`:`^(a+)+$`}",
	       "{value} is all a");
	/* exponential backtracking: undecided, and said so, never a pass */
	snprintf(doc, sizeof(doc), "{`name`: `%s!`}", as);
	snprintf(needle, sizeof(needle), "`%s!`", as);
	fx_lint(f, doc);
	fx_count(f, 2);
	snprintf(want, sizeof(want), "the value was not checked: matching "
		 "/^(a+)+$/ stopped: match limit exceeded");
	fx_expect_at(f, 0, "all-a", needle, want);
	snprintf(want, sizeof(want), "the value was not checked: matching "
		 "/^(a+)+$/ stopped: match limit exceeded");
	fx_expect_at(f, 1, "not-all-a", needle, want);
	assert_int_equal(f->out.v[1].sev, SEV_ERROR);
	/* the same pattern decides quickly where it can */
	snprintf(doc, sizeof(doc), "{`name`: `%s`}", as);
	snprintf(needle, sizeof(needle), "`%s`", as);
	snprintf(want, sizeof(want), "`%s` is all a", as);
	fx_lint(f, doc);
	fx_count(f, 1);
	fx_expect_at(f, 0, "not-all-a", needle, want);
}

static void
test_length(void **state)
{
	struct fx *f = *state;

	fx_add(f, "two-to-four", "$.*",
	       "{`function`:`length`,`min`:2,`max`:4}",
	       "{key} is {value}; expected {expected}");
	fx_lint(f, "{`a`: `x`, `b`: `xy`, `c`: `\\u00e9\\u00e9\\u00e9\\u00e9`,"
		" `d`: `xxxxx`, `e`: [1,2,3,4,5], `f`: {}, `g`: 5,"
		" `h`: `\\ud83d\\ude00\\ud83d\\ude00`, `i`: {`p`: 1, `q`: 2}}");
	fx_count(f, 4);
	fx_expect_at(f, 0, "two-to-four", "`x`",
		     "a is `x`; expected 2 to 4 characters");
	fx_expect_at(f, 1, "two-to-four", "`xxxxx`",
		     "d is `xxxxx`; expected 2 to 4 characters");
	fx_expect_at(f, 2, "two-to-four", "[1,2,3,4,5]",
		     "e is [1,2,3,4,5]; expected 2 to 4 items");
	fx_expect_at(f, 3, "two-to-four", "{}",
		     "f is {}; expected 2 to 4 members");
}

static void
test_length_bounds(void **state)
{
	struct fx *f = *state;

	fx_add(f, "short-key", "$",
	       "{`function`:`length`,`field`:`@key`,`max`:3}",
	       "key {key}: expected {expected}");
	fx_add(f, "long-title", "$",
	       "{`function`:`length`,`field`:`title`,`min`:3}",
	       "title {value}: expected {expected}");
	fx_lint(f, "{`abc`: 1, `abcd`: 2, `title`: `ab`}");
	fx_count(f, 3);
	fx_expect_at(f, 0, "short-key", "`abcd`",
		     "key abcd: expected at most 3 characters");
	fx_expect_at(f, 1, "short-key", "`title`",
		     "key title: expected at most 3 characters");
	fx_expect_at(f, 2, "long-title", "`ab`",
		     "title `ab`: expected at least 3 characters");
}

#define TYPES "one of string, number, integer, boolean, object, array, null"

static void
test_schema_type(void **state)
{
	struct fx *f = *state;

	fx_add(f, "schema-type", "$.*",
	       "{`function`:`schema-type`,`field`:`type`}",
	       "{key}: {value}; expected {expected}");
	fx_lint(f, "{`a`: {`type`: `string`}, `b`: {`type`: `any`},"
		" `c`: {`type`: `int`}, `d`: {`type`: `String`},"
		" `e`: {`type`: [`string`, `null`]}, `f`: {`type`: []},"
		" `g`: {`type`: [`string`, `int`]}, `h`: {`type`: 5},"
		" `i`: {`type`: `foo`}, `j`: {`type`: `password`},"
		" `k`: {}, `l`: {`type`: [`integer`, `any`]},"
		" `m`: {`type`: [`string`, 5]}, `n`: {`type`: null}}");
	fx_count(f, 9);
	fx_expect_at(f, 0, "schema-type", "`c`: {`type`: ^`int`",
		     "c: `int`; expected " TYPES " (did you mean `integer`?)");
	fx_expect_at(f, 1, "schema-type", "`d`: {`type`: ^`String`",
		     "d: `String`; expected " TYPES
		     " (did you mean `string`?)");
	fx_expect_at(f, 2, "schema-type", "`f`: {`type`: ^[]",
		     "f: []; expected " TYPES ", or a non-empty array of them, none repeated");
	fx_expect_at(f, 3, "schema-type", "`g`: {`type`: ^[`string`, `int`]",
		     "g: [`string`,`int`]; expected " TYPES
		     ", or a non-empty array of them, none repeated");
	fx_expect_at(f, 4, "schema-type", "`h`: {`type`: ^5",
		     "h: 5; expected " TYPES ", or a non-empty array of them, none repeated");
	fx_expect_at(f, 5, "schema-type", "`i`: {`type`: ^`foo`",
		     "i: `foo`; expected " TYPES);
	fx_expect_at(f, 6, "schema-type", "`j`: {`type`: ^`password`",
		     "j: `password`; expected " TYPES
		     " (did you mean `string`?)");
	fx_expect_at(f, 7, "schema-type", "`m`: {`type`: ^[`string`, 5]",
		     "m: [`string`,5]; expected " TYPES
		     ", or a non-empty array of them, none repeated");
	fx_expect_at(f, 8, "schema-type", "`n`: {`type`: ^null",
		     "n: null; expected " TYPES
		     ", or a non-empty array of them, none repeated");
}

static void
test_check_message(void **state)
{
	struct fx *f = *state;

	/* a check's own message wins over the rule's */
	fx_add(f, "title-rule", "$",
	       "[{`function`:`defined`,`field`:`title`,"
	       "`message`:`no {field} at all`},"
	       "{`function`:`type`,`field`:`title`,`types`:[`string`]}]",
	       "{field} is {type}");
	fx_lint(f, "{}");
	fx_count(f, 1);
	fx_expect(f, 0, "title-rule", 0, 1, "no title at all");
	fx_lint(f, "{`title`: []}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "title-rule", "[]", "title is an array");
}

/* The functions done by indexjs.c: they look at index.js or its folder. */
static bool
is_index_js(const char *name)
{
	return !strcmp(name, "index-js-exists") ||
	       !strcmp(name, "index-js-exports") ||
	       !strcmp(name, "index-js-validate-stub");
}

static bool
is_core(const char *name)
{
	return !strcmp(name, "bom") || !strcmp(name, "duplicate-keys") ||
	       !strcmp(name, "syntax") || is_index_js(name);
}

static void
test_keys_in(void **state)
{
	struct fx *f = *state;

	fx_add(f, "required-known", "$schemas",
	       "{`function`:`keys-in`,`field`:`required`,`in`:`properties`}",
	       "{schema}: {value} is not there; expected {expected}");
	/* each unknown name is the target in turn */
	fx_lint(f, "{`required`:[`a`,`x`,`y`],`properties`:{`a`:{},`b`:{}}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "required-known", "`x`",
		     "the form schema: `x` is not there; expected one of "
		     "`a`, `b`");
	assert_string_equal(f->out.v[0].pointer, "/required/1");
	fx_expect_at(f, 1, "required-known", "`y`",
		     "the form schema: `y` is not there; expected one of "
		     "`a`, `b`");
	assert_string_equal(f->out.v[1].pointer, "/required/2");
	/* nested schemas, one key, no "properties" or an empty one */
	fx_lint(f, "{`input`:{`properties`:{`p`:{`required`:[`q`],"
		"`properties`:{`r`:{}}},`s`:{`required`:[`t`]},"
		"`u`:{`required`:[`v`],`properties`:{}}}}}");
	fx_count(f, 3);
	fx_expect_at(f, 0, "required-known", "`q`",
		     "property `p`: `q` is not there; expected `r`");
	fx_expect_at(f, 1, "required-known", "`t`",
		     "property `s`: `t` is not there; expected a key of "
		     "`properties` (it has none)");
	fx_expect_at(f, 2, "required-known", "`v`",
		     "property `u`: `v` is not there; expected a key of "
		     "`properties` (it has none)");
	/* other values, other items and a "properties" of the wrong type
	   are other rules' business */
	fx_lint(f, "{`required`:`a`,`properties`:{}}");
	fx_count(f, 0);
	fx_lint(f, "{`required`:[1,null,`a`],`properties`:{`a`:1}}");
	fx_count(f, 0);
	fx_lint(f, "{`required`:[`a`],`properties`:[`a`]}");
	fx_count(f, 0);
	fx_lint(f, "{`required`:[],`properties`:{}}");
	fx_count(f, 0);
	/* the key is compared byte for byte, NUL included */
	fx_lint(f, "{`required`:[`a\\u0000b`],`properties`:{`a`:{}}}");
	fx_count(f, 1);
}

/* Each unknown name gets its own finding, at its own element. */
static void
test_keys_in_each(void **state)
{
	struct fx *f = *state;

	fx_add(f, "required-known", "$schemas",
	       "[{`function`:`keys-in`,`field`:`required`,`in`:`properties`},"
	       "{`function`:`undefined`,`field`:`required`}]",
	       "{schema}: {value}, {key}");
	fx_lint(f, "{`required`:[`x`,`a`,7,`y`,`x`,`b`,`z`],"
		"`properties`:{`a`:{},`b`:{`required`:[`c`,`d`],"
		"`properties`:{`c`:{}}}}}");
	fx_count(f, 5);
	fx_expect_at(f, 0, "required-known", "[^`x`",
		     "the form schema: `x`, ");
	assert_string_equal(f->out.v[0].pointer, "/required/0");
	fx_expect_at(f, 1, "required-known", "`y`",
		     "the form schema: `y`, ");
	assert_string_equal(f->out.v[1].pointer, "/required/3");
	/* a name unknown twice is reported twice: each is a mistake */
	fx_expect_at(f, 2, "required-known", "`y`,^`x`",
		     "the form schema: `x`, ");
	assert_string_equal(f->out.v[2].pointer, "/required/4");
	fx_expect_at(f, 3, "required-known", "`z`",
		     "the form schema: `z`, ");
	/* a nested schema's own, after the form's */
	fx_expect_at(f, 4, "required-known", "`d`",
		     "property `b`: `d`, b");
	/* a check that found something is the node's only finding: the
	   "undefined" after it does not run where "keys-in" reported */
	fx_lint(f, "{`required`:[`a`],`properties`:{`a`:{}}}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "required-known", "[`a`]",
		     "the form schema: [`a`], ");
}

static void
test_keys_in_many(void **state)
{
	struct fx *f = *state;

	fx_add(f, "required-known", "$form",
	       "{`function`:`keys-in`,`field`:`required`,`in`:`properties`}",
	       "{expected}");
	fx_lint(f, "{`required`:[`z`],`properties`:{`a`:1,`b`:1,`c`:1,"
		"`d`:1,`e`:1,`f`:1,`g`:1,`h`:1,`i`:1,`j`:1,`k`:1}}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "required-known", "`z`",
		     "one of `a`, `b`, `c`, `d`, `e`, `f`, `g`, `h`, `i`, "
		     "`j`, ...");
}

static void
test_applies_to(void **state)
{
	struct fx *f = *state;

	fx_add(f, "string-only", "$schemas",
	       "{`function`:`applies-to`,`field`:`minLength`,"
	       "`types`:[`string`]}",
	       "{schema}: {field} {value} wants {expected}");
	fx_add(f, "number-only", "$fields",
	       "{`function`:`applies-to`,`field`:`minimum`,"
	       "`types`:[`number`]}",
	       "{schema}: {field} wants {expected}");
	fx_lint(f, "{`type`:`object`,`minLength`:1,`properties`:{"
		"`a`:{`type`:`integer`,`minLength`:1,`minimum`:0},"
		"`b`:{`type`:[`null`,`string`],`minLength`:1},"
		"`c`:{`type`:[`boolean`,`array`],`minLength`:2,`minimum`:1},"
		"`d`:{`type`:`any`,`minLength`:1},"
		"`e`:{`minLength`:1,`minimum`:1},"
		"`f`:{`type`:`number`,`minimum`:1},"
		"`g`:{`type`:`integer`,`minimum`:1},"
		"`h`:{`type`:`strnig`,`minLength`:1},"
		"`i`:{`type`:`string`,`minimum`:3}}}");
	fx_count(f, 5);
	fx_expect_at(f, 0, "string-only", "`object`,`minLength`:^1",
		     "the form schema: minLength 1 wants a `type` of string");
	fx_expect_at(f, 1, "string-only", "`integer`,`minLength`:^1",
		     "property `a`: minLength 1 wants a `type` of string");
	fx_expect_at(f, 2, "string-only", "`minLength`:^2",
		     "property `c`: minLength 2 wants a `type` of string");
	fx_expect_at(f, 3, "number-only", "2,`minimum`:^1",
		     "property `c`: minimum wants a `type` of number");
	fx_expect_at(f, 4, "number-only", "`minimum`:^3",
		     "property `i`: minimum wants a `type` of number");
	/* several types: any of them */
	fx_add(f, "sized", "$fields",
	       "{`function`:`applies-to`,`field`:`maxLength`,"
	       "`types`:[`string`,`array`]}", "{expected}");
	fx_lint(f, "{`properties`:{`a`:{`type`:`object`,`maxLength`:1}}}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "sized", "1",
		     "a `type` of string or array");
}

static void
test_range(void **state)
{
	struct fx *f = *state;

	fx_add(f, "count", "$fields",
	       "{`function`:`range`,`field`:`n`,`min`:0}", "{value}: {expected}");
	fx_add(f, "percent", "$fields",
	       "{`function`:`range`,`field`:`p`,`min`:1,`max`:100}",
	       "{value}: {expected}");
	fx_add(f, "small", "$fields",
	       "{`function`:`range`,`field`:`s`,`max`:9}", "{value}: {expected}");
	fx_lint(f, "{`properties`:{`a`:{`n`:-1,`p`:0.5,`s`:9.5},"
		"`b`:{`n`:0,`p`:100,`s`:-3},`c`:{`n`:`-1`,`p`:null,`s`:[10]},"
		"`d`:{`p`:101,`s`:1e1}}}");
	fx_count(f, 5);
	fx_expect_at(f, 0, "count", "`n`:^-1|,", "-1: 0 or more");
	fx_expect_at(f, 1, "percent", "0.5", "0.5: 1 to 100");
	fx_expect_at(f, 2, "small", "9.5", "9.5: 9 or less");
	fx_expect_at(f, 3, "percent", "101", "101: 1 to 100");
	fx_expect_at(f, 4, "small", "1e1", "1e1: 9 or less");
}

static void
test_not_enum(void **state)
{
	struct fx *f = *state;

	fx_add(f, "no-zero", "$schemas",
	       "{`function`:`not-enum`,`field`:`minLength`,`values`:[0,`0`]}",
	       "{schema}: {value}, expected {expected}");
	fx_lint(f, "{`minLength`:0,`properties`:{`a`:{`minLength`:`0`},"
		"`b`:{`minLength`:1},`c`:{`minLength`:[0]},`d`:{}}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "no-zero", "{`minLength`:^0",
		     "the form schema: 0, expected none of 0, `0`");
	fx_expect_at(f, 1, "no-zero", "`minLength`:^`0`",
		     "property `a`: `0`, expected none of 0, `0`");
}

/* A random key: 32 letters and digits, 5.0 bits of entropy each. */
#define RANDOM_KEY "7fJ2kLm9QxZ4vB8nR3tW6yH1cD5gP0sA"

static void
test_not_credential(void **state)
{
	struct fx *f = *state;

	fx_add(f, "cred", "$.*", "{`function`:`not-credential`,"
	       "`notMatch`:`\\\\bAKIA[0-9A-Z]{16}\\\\b`}",
	       "{key}: {expected}");
	fx_lint(f, "{`a`: `AKIAIOSFODNN7EXAMPLE`, `b`: `" RANDOM_KEY "`,"
		" `c`: `Bearer " RANDOM_KEY "`, `d`: 42,"
		" `e`: [`ok`, {`k`: [`" RANDOM_KEY "`]}]}");
	fx_count(f, 4);
	/* the value is not repeated: the message would spread it */
	fx_expect_at(f, 0, "cred", "`AKIAIOSFODNN7EXAMPLE`",
		     "a: it has the shape of a known kind of key");
	fx_expect_at(f, 1, "cred", "`" RANDOM_KEY "`|,",
		     "b: it holds a random-looking string of 32 characters, "
		     "5.0 bits of entropy each");
	/* a run of key characters inside a longer string */
	fx_expect_at(f, 2, "cred", "`Bearer " RANDOM_KEY "`",
		     "c: it holds a random-looking string of 32 characters, "
		     "5.0 bits of entropy each");
	/* in an array or object, the string that looks like one */
	fx_expect_at(f, 3, "cred", "`" RANDOM_KEY "`|]",
		     "e: it holds a random-looking string of 32 characters, "
		     "5.0 bits of entropy each");
	assert_string_equal(f->out.v[3].pointer, "/e/1/k/0");
}

static void
test_not_credential_kept(void **state)
{
	struct fx *f = *state;
	static const char *const plain[] = {
		/* ids: hexadecimal, UUIDs */
		"6f1e2d3c4b5a69788796a5b4c3d2e1f0",
		"123e4567-e89b-12d3-a456-426614174000",
		"507f1f77bcf86cd799439011",
		/* i18n tokens, URLs, host names, paths */
		"acme:conn_apikey_access_key_description",
		"https://login.microsoftonline.com/common/oauth2/v2.0/token",
		"https://acme.example.com/oauth2/v1/authorize?response_type=code",
		"acme-prod-123456.eu-west-1.rds.amazonaws.com",
		"/subscriptions/00000000-0000-0000-0000-000000000000/"
		"resourceGroups/acme-rg-prod01",
		/* sentences, placeholders, words and numbers */
		"The key shown on your Acme account page, section 2",
		"your-api-key-goes-here", "<your-token>", "${ACME_API_KEY}",
		"xxxxxxxxxxxxxxxxxxxxxxxx", "x1x1x1x1x1x1x1x1x1x1x1x1",
		"XXXX0000XXXX0000XXXX0000", "MyVeryLongCamelCaseIdentifierName",
		"acme_connector_v2_production_env", "region1-zone2-rack3-host4",
		"organization-unit-12345678", "2026-01-05T10:00:00.000Z",
		/* short: under 20 */
		"Xk9vQ2pLm7RtY4wZ8nB",
	};
	char doc[256];

	fx_add(f, "cred", "$.v", "{`function`:`not-credential`}", "{value}");
	for (size_t k = 0; k < sizeof(plain) / sizeof(plain[0]); k++) {
		snprintf(doc, sizeof(doc), "{`v`: `%s`}", plain[k]);
		fx_lint(f, doc);
		fx_count(f, 0);
	}
	fx_lint(f, "{`v`: `Xk9vQ2pLm7RtY4wZ8nB3`}");
	fx_count(f, 1);
}

static void
test_not_credential_options(void **state)
{
	struct fx *f = *state;

	/* "min": the shortest run tested */
	fx_add(f, "long", "$.v", "{`function`:`not-credential`,`min`:33}",
	       "{expected}");
	fx_add(f, "short", "$.w", "{`function`:`not-credential`,`min`:8}",
	       "{expected}");
	fx_lint(f, "{`v`: `" RANDOM_KEY "`, `w`: `k7Qx9Zb2`}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "short", "`k7Qx9Zb2`", "it holds a random-looking "
		     "string of 8 characters, 3.0 bits of entropy each");
	/* names, with "@key" */
	fx_add(f, "names", "$.o", "{`function`:`not-credential`,"
	       "`field`:`@key`}", "{key}");
	fx_lint(f, "{`o`: {`" RANDOM_KEY "`: 1, `apiKey`: 2}}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "names", "`" RANDOM_KEY "`", RANDOM_KEY);
}

static void
test_not_credential_limit(void **state)
{
	struct fx *f = *state;
	char as[41], doc[128], needle[64];

	memset(as, 'a', 40);
	as[40] = '\0';
	fx_add(f, "cred", "$.v", "{`function`:`not-credential`,"
	       "`notMatch`:`^(a+)+$`}", "{expected}");
	snprintf(doc, sizeof(doc), "{`v`: [`x`, `%s!`]}", as);
	snprintf(needle, sizeof(needle), "`%s!`", as);
	fx_lint(f, doc);
	fx_count(f, 1);
	fx_expect_at(f, 0, "cred", needle, "the value was not checked: "
		     "matching /^(a+)+$/ stopped: match limit exceeded");
	assert_int_equal(f->out.v[0].sev, SEV_ERROR);
}

static void
test_at_most(void **state)
{
	struct fx *f = *state;

	fx_add(f, "min-max", "$fields",
	       "{`function`:`at-most`,`field`:`lo`,`than`:`hi`}",
	       "{key}: {value}, expected {expected}");
	fx_lint(f, "{`properties`:{`a`:{`lo`:3,`hi`:2},`b`:{`lo`:2,`hi`:2},"
		"`c`:{`lo`:1.5,`hi`:1.25e0},`d`:{`lo`:9},`e`:{`lo`:9,`hi`:`1`},"
		"`f`:{`lo`:`9`,`hi`:1},`g`:{`lo`:-1,`hi`:-2}}}");
	fx_count(f, 3);
	fx_expect_at(f, 0, "min-max", "3", "a: 3, expected at most 2, the `hi`");
	fx_expect_at(f, 1, "min-max", "1.5",
		     "c: 1.5, expected at most 1.25e0, the `hi`");
	fx_expect_at(f, 2, "min-max", "-1",
		     "g: -1, expected at most -2, the `hi`");
}

static void
test_fits_type(void **state)
{
	struct fx *f = *state;

	fx_add(f, "default-type", "$fields",
	       "{`function`:`fits-type`,`field`:`default`}",
	       "{key}: {value} is not {expected}");
	fx_lint(f, "{`properties`:{`a`:{`type`:`integer`,`default`:1.5},"
		"`b`:{`type`:`integer`,`default`:2.0},"
		"`c`:{`type`:`number`,`default`:3},"
		"`d`:{`type`:[`string`,`null`],`default`:false},"
		"`e`:{`type`:`any`,`default`:[]},`f`:{`default`:{}},"
		"`g`:{`type`:`strnig`,`default`:1},"
		"`h`:{`type`:`object`,`default`:{}},"
		"`i`:{`type`:`array`,`default`:{}}}}");
	fx_count(f, 3);
	fx_expect_at(f, 0, "default-type", "1.5",
		     "a: 1.5 is not an integer");
	fx_expect_at(f, 1, "default-type", "false",
		     "d: false is not a string or null");
	fx_expect_at(f, 2, "default-type", "`array`,`default`:^{}",
		     "i: {} is not an array");
}

static void
test_items_fit_type(void **state)
{
	struct fx *f = *state;

	fx_add(f, "enum-type", "$schemas",
	       "{`function`:`items-fit-type`,`field`:`enum`}",
	       "{schema}: {value} ({key}) is not {expected}");
	fx_lint(f, "{`properties`:{"
		"`a`:{`type`:`integer`,`enum`:[`1`,2,`3`,2.5,3.0]},"
		"`b`:{`type`:`number`,`enum`:[1,2.5,-1e3]},"
		"`c`:{`type`:[`string`,`null`],`enum`:[`x`,null,true]},"
		"`d`:{`type`:`any`,`enum`:[1,`x`,null]},"
		"`e`:{`enum`:[1,`x`]},"
		"`f`:{`type`:`strnig`,`enum`:[1]},"
		"`g`:{`type`:`string`,`enum`:`x`},"
		"`h`:{`type`:`object`,`enum`:[{},[],{`k`:1}]}}}");
	fx_count(f, 5);
	fx_expect_at(f, 0, "enum-type", "`1`", "property `a`: `1` (a) is "
		     "not an integer");
	assert_string_equal(f->out.v[0].pointer, "/properties/a/enum/0");
	fx_expect_at(f, 1, "enum-type", "`3`", "property `a`: `3` (a) is "
		     "not an integer");
	fx_expect_at(f, 2, "enum-type", "`3`,^2.5", "property `a`: 2.5 (a) is "
		     "not an integer");
	fx_expect_at(f, 3, "enum-type", "true", "property `c`: true (c) is "
		     "not a string or null");
	fx_expect_at(f, 4, "enum-type", "[]", "property `h`: [] (h) is "
		     "not an object");
	/* the form schema's own */
	fx_lint(f, "{`type`:`boolean`,`enum`:[true,0]}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "enum-type", "0", "the form schema: 0 () is not "
		     "a boolean");
}

static void
test_has_member(void **state)
{
	struct fx *f = *state;

	fx_add(f, "handle", "$output",
	       "{`function`:`has-member`,`field`:`properties`,"
	       "`member`:`handle`}", "{field}: {value}, expected {expected}");
	fx_lint(f, "{`input`:{},`output`:{`properties`:{`client`:{}}}}");
	fx_count(f, 1);
	/* what lacks the member is the value: point at it */
	fx_expect_at(f, 0, "handle", "{`client`:{}}",
		     "properties: {`client`:{}}, expected a member `handle`");
	assert_string_equal(f->out.v[0].pointer, "/output/properties");
	fx_lint(f, "{`input`:{},`output`:{`properties`:{`handle`:null}}}");
	fx_count(f, 0);
	fx_lint(f, "{`input`:{},`output`:{`properties`:{}}}");
	fx_count(f, 1);
	/* other values, and no such field, are other checks' business */
	fx_lint(f, "{`input`:{},`output`:{`properties`:[`handle`]}}");
	fx_count(f, 0);
	fx_lint(f, "{`input`:{},`output`:{}}");
	fx_count(f, 0);
}

/* The folder checks: the file's path, as given, against its "name". */
static void
test_name_folder(void **state)
{
	struct fx *f = *state;
	static const char doc[] = "{`name`:`acme-apikey`,`input`:{}}";

	fx_add(f, "name-folder", "$",
	       "{`function`:`name-folder`,`field`:`name`}",
	       "{value}, expected {expected}");
	fx_lint_as(f, "x/acme-apikey/v1/connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "/x/acme-apikey/connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "x/acme-basic/v2/connection.json", doc);
	fx_count(f, 1);
	fx_expect_at(f, 0, "name-folder", "`acme-apikey`",
		     "`acme-apikey`, expected `acme-basic`");
	/* no version folder: the file's own folder is the name folder */
	fx_lint_as(f, "/x/acme-basic/connection.json", doc);
	fx_count(f, 1);
	fx_expect_at(f, 0, "name-folder", "`acme-apikey`",
		     "`acme-apikey`, expected `acme-basic`");
	/* resolved by name: "." and ".." and repeated slashes */
	fx_lint_as(f, "/x/acme-basic/../acme-apikey/./v1//connection.json",
		   doc);
	fx_count(f, 0);
	fx_lint_as(f, "/x/acme-apikey/v1/../../acme-basic/connection.json",
		   doc);
	fx_count(f, 1);
	/* another file name: judged on its contents alone */
	fx_lint_as(f, "/x/acme-basic/v1/connection.json.orig", doc);
	fx_count(f, 0);
	fx_lint_as(f, "/x/acme-basic/v1/Connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "<stdin>", doc);
	fx_count(f, 0);
	/* no folder above the version folder: nothing to compare */
	fx_lint_as(f, "/v1/connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "/connection.json", doc);
	fx_count(f, 0);
	/* only a string is compared */
	fx_lint_as(f, "/x/acme-basic/connection.json", "{`name`:7,`input`:{}}");
	fx_count(f, 0);
	/* the name is compared byte for byte, NUL included */
	fx_lint_as(f, "/x/acme/connection.json",
		   "{`name`:`acme\\u0000b`,`input`:{}}");
	fx_count(f, 1);
}

static void
test_version_folder(void **state)
{
	struct fx *f = *state;
	static const char doc[] = "{`name`:`acme-apikey`,`version`:`v1`}";

	fx_add(f, "version-folder", "$",
	       "{`function`:`version-folder`,`field`:`version`}",
	       "{value}, expected {expected}");
	fx_lint_as(f, "/x/acme-apikey/v1/connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "/x/acme-apikey/v2/connection.json", doc);
	fx_count(f, 1);
	fx_expect_at(f, 0, "version-folder", "`v1`", "`v1`, expected `v2`");
	fx_lint_as(f, "/x/v12/connection.json", doc);
	fx_count(f, 1);
	fx_expect_at(f, 0, "version-folder", "`v1`", "`v1`, expected `v12`");
	/* not in a version folder: nothing to compare */
	fx_lint_as(f, "/x/acme-apikey/connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "/x/acme-apikey/V2/connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "/x/acme-apikey/v/connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "/x/acme-apikey/v2a/connection.json", doc);
	fx_count(f, 0);
	fx_lint_as(f, "/x/acme-apikey/v2/index.json", doc);
	fx_count(f, 0);
}

static void
test_unique(void **state)
{
	struct fx *f = *state;

	fx_add(f, "enum-unique", "$fields",
	       "{`function`:`unique`,`field`:`enum`}", "{key}: {value}, {expected}");
	fx_lint(f, "{`properties`:{`a`:{`enum`:[`x`,`y`,`x`,`y`]},"
		"`b`:{`enum`:[{`k`:[1,2]},{`k`:[2,1]},{`k`:[1,2]}]},"
		"`c`:{`enum`:[1,`1`,true,null,[]]},`d`:{`enum`:`xx`},"
		"`e`:{`enum`:[]}}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "enum-unique", "`y`,^`x`|,`y`]",
		     "a: `x`, item 2 repeats item 0");
	fx_expect_at(f, 1, "enum-unique", "[2,1]},^{`k`:[1,2]}",
		     "b: {`k`:[1,2]}, item 2 repeats item 0");
}

static void
test_item_of(void **state)
{
	struct fx *f = *state;

	fx_add(f, "default-in-enum", "$fields",
	       "{`function`:`item-of`,`field`:`default`,`in`:`enum`}",
	       "{key}: {value}, {expected}");
	fx_lint(f, "{`properties`:{`a`:{`enum`:[`x`,`y`],`default`:`z`},"
		"`b`:{`enum`:[`x`,`y`],`default`:`y`},"
		"`c`:{`enum`:[[1]],`default`:[1]},`d`:{`default`:`q`},"
		"`e`:{`enum`:`q`,`default`:`q`},`f`:{`enum`:[],`default`:1},"
		"`g`:{`enum`:[null],`default`:false}}}");
	fx_count(f, 2);
	fx_expect_at(f, 0, "default-in-enum", "`z`",
		     "a: `z`, one of the items of `enum`");
	fx_expect_at(f, 1, "default-in-enum", "false",
		     "g: false, one of the items of `enum`");
}

static void
test_regex(void **state)
{
	struct fx *f = *state;
	size_t off, end;

	fx_add(f, "pattern-compiles", "$fields",
	       "{`function`:`regex`,`field`:`pattern`}", "{key}: {expected}");
	fx_lint(f, "{`properties`:{`a`:{`pattern`:`^[a-z`},"
		"`b`:{`pattern`:`\\u00e9\\\\d[]`},`c`:{`pattern`:`\u00e9\u00e9(`},"
		"`d`:{`pattern`:`?`},`e`:{`pattern`:1},`f`:{}}}");
	fx_count(f, 3);
	/* the range of "^[a-z": a needle cannot hold its '^' */
	fx_range(f, "{`a`:{`pattern`:|", &off, &end);
	fx_expect(f, 0, "pattern-compiles", end, end + 7, "a: missing terminating ] for character class, after "
		     "character 5 of the pattern");
	/* characters, not bytes */
	fx_expect_at(f, 1, "pattern-compiles", "`\u00e9\u00e9(`",
		     "c: missing closing parenthesis, after character 3 of the "
		     "pattern");
	fx_expect_at(f, 2, "pattern-compiles", "`?`",
		     "d: quantifier does not follow a repeatable item, at the "
		     "start of the pattern");
}

static void
test_members_distinct(void **state)
{
	struct fx *f = *state;

	fx_add(f, "order-distinct", "$schemas",
	       "{`function`:`members-distinct`,`field`:`properties`,"
	       "`member`:`o`}", "{schema}: {expected}, {value}");
	fx_lint(f, "{`properties`:{`a`:{`o`:1},`b`:{`o`:2},`c`:{},`d`:{`o`:2},"
		"`e`:{`o`:1},`f`:3,`g`:{`o`:`1`,`properties`:{`x`:{`o`:[0]},"
		"`y`:{`o`:[0]}}}}}");
	/* the first repeat only, per object */
	fx_count(f, 2);
	fx_expect_at(f, 0, "order-distinct", "`d`:{`o`:^2",
		     "the form schema: `b` and `d`, 2");
	fx_expect_at(f, 1, "order-distinct", "`y`:{`o`:^[0]",
		     "property `g`: `x` and `y`, [0]");
	fx_lint(f, "{`properties`:[]}");
	fx_count(f, 0);
}

static void
test_members_all_or_none(void **state)
{
	struct fx *f = *state;

	fx_add(f, "order-all", "$schemas",
	       "{`function`:`members-all-or-none`,`field`:`properties`,"
	       "`member`:`o`}", "{schema}: {expected}");
	fx_lint(f, "{`properties`:{`a`:{},`b`:{`o`:1},`c`:{},`d`:7,"
		"`e`:{`o`:null,`properties`:{`x`:{},`y`:{}}},"
		"`f`:{`properties`:{`x`:{`o`:1},`y`:1,`z`:{`o`:2}}}}}");
	fx_count(f, 1);
	fx_expect_at(f, 0, "order-all", "{`a`:^{}",
		     "the form schema: `a` has none, but `b` has one");
}

static void
test_known_name(void **state)
{
	struct fx *f = *state;

	fx_add(f, "keywords", "$schemas",
	       "{`function`:`known-name`,`field`:`@key`,"
	       "`values`:[`title`,`description`,`minLength`,`id`,`if`,1]}",
	       "{schema}: {value}, expected {expected}");
	fx_lint(f, "{`title`:1,`Title`:1,`properties`:{`a`:{`descripton`:1,"
		"`tilte`:1,`minlength`:1,`ig`:1,`xyz`:1,`description`:1,"
		"`desc`:1}}}");
	fx_count(f, 8);
	fx_expect_at(f, 0, "keywords", "`Title`",
		     "the form schema: `Title`, expected `title`");
	/* "properties" is not in this list */
	fx_expect_at(f, 1, "keywords", "`properties`",
		     "the form schema: `properties`, expected a known name");
	fx_expect_at(f, 2, "keywords", "`descripton`",
		     "property `a`: `descripton`, expected `description`");
	/* a swap of two neighbours is one edit */
	fx_expect_at(f, 3, "keywords", "`tilte`",
		     "property `a`: `tilte`, expected `title`");
	fx_expect_at(f, 4, "keywords", "`minlength`",
		     "property `a`: `minlength`, expected `minLength`");
	/* one edit in two letters is too many to guess */
	fx_expect_at(f, 5, "keywords", "`ig`",
		     "property `a`: `ig`, expected a known name");
	fx_expect_at(f, 6, "keywords", "`xyz`",
		     "property `a`: `xyz`, expected a known name");
	fx_expect_at(f, 7, "keywords", "`desc`",
		     "property `a`: `desc`, expected a known name");
}

static void
test_defs(void **state)
{
	size_t n;
	const struct check_def *defs = check_defs(&n);
	static const char *const names[] = {
		"applies-to", "at-most", "bom", "defined", "duplicate-keys", "enum",
		"fits-type", "index-js-exists", "index-js-exports",
		"index-js-validate-stub", "item-of", "keys-in", "known-name",
		"length", "members-all-or-none", "members-distinct",
		"not-credential", "not-enum",
		"range", "regex", "unique", "has-member", "items-fit-type",
		"name-folder", "version-folder",
		"nonempty", "pattern", "schema-type", "syntax", "type",
		"undefined",
	};

	(void)state;
	assert_true(n >= sizeof(names) / sizeof(names[0]));
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		assert_non_null(check_find(names[k]));
	for (size_t k = 0; k < n; k++) {
		assert_ptr_equal(check_find(defs[k].name), &defs[k]);
		assert_non_null(defs[k].summary);
		/* only the functions done in code have none here */
		assert_int_equal(defs[k].run == NULL, is_core(defs[k].name));
		/* and only the index.js ones look at anything but the file */
		assert_int_equal(defs[k].subject != SUBJECT_DOCUMENT,
				 is_index_js(defs[k].name));
	}
	assert_null(check_find("Defined"));
	assert_null(check_find(""));
	assert_int_equal(option_find("notMatch"), OPT_NOT_MATCH);
	assert_int_equal(option_find("not_match"), -1);
	assert_int_equal(option_find("in"), OPT_IN);
	assert_int_equal(option_find("member"), OPT_MEMBER);
	assert_int_equal(option_find("beside"), OPT_BESIDE);
	/* only the checks that narrow to an element report each one */
	assert_true(check_find("keys-in")->each);
	assert_true(check_find("items-fit-type")->each);
	assert_false(check_find("unique")->each);
	assert_string_equal(option_name(OPT_VALUES), "values");
	assert_string_equal(jtype_phrase(J_OBJECT), "an object");
	assert_string_equal(jtype_phrase(J_NULL), "null");
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_defined),
		T(test_defined_instead),
		T(test_defined_in_array),
		T(test_defined_fields),
		T(test_undefined),
		T(test_undefined_beside),
		T(test_type),
		T(test_type_alternatives),
		T(test_type_integer),
		T(test_nonempty),
		T(test_nonempty_field),
		T(test_enum),
		T(test_enum_values),
		T(test_enum_key),
		T(test_pattern_key),
		T(test_pattern),
		T(test_pattern_bytes),
		T(test_pattern_limit),
		T(test_length),
		T(test_length_bounds),
		T(test_schema_type),
		T(test_keys_in),
		T(test_keys_in_each),
		T(test_keys_in_many),
		T(test_applies_to),
		T(test_range),
		T(test_not_enum),
		T(test_not_credential),
		T(test_not_credential_kept),
		T(test_not_credential_options),
		T(test_not_credential_limit),
		T(test_at_most),
		T(test_fits_type),
		T(test_items_fit_type),
		T(test_has_member),
		T(test_name_folder),
		T(test_version_folder),
		T(test_unique),
		T(test_item_of),
		T(test_regex),
		T(test_members_distinct),
		T(test_members_all_or_none),
		T(test_known_name),
		T(test_check_message),
		cmocka_unit_test(test_defs),
	};

	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
