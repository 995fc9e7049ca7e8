/*
 * Globs: matching, and the bounds of its work.
 */
#include "unit.h"

#include <string.h>

#include "glob.h"

static void
test_match(void **state)
{
	static const struct {
		const char *glob, *path;
		bool want;
	} cases[] = {
		{ "a/**/b", "a/b", true },
		{ "a/**/b", "a/x/y/b", true },
		{ "a/**/b", "a/x/y/c", false },
		{ "**", "x/y", true },
		{ "dir/**", "dir/a/b", true },
		{ "dir/**", "dira/b", false },
		{ "*.json", "x/y/z.json", true },
		{ "*.json", "z.json", true },
		{ "*.json", "z.jsonx", false },
		{ "legacy/**/connection.json", "legacy/a/connection.json", true },
		{ "legacy/**/connection.json", "legacy/connection.json", true },
		{ "legacy/**/connection.json", "other/legacy/connection.json",
		  false },
		{ "a/*/c", "a/b/c", true },
		{ "a/*/c", "a/b/x/c", false },
		{ "a?c", "abc", true },
		{ "a?c", "a/c", false },
		{ "[a-c]x", "bx", true },
		{ "[!a-c]x", "bx", false },
		{ "[!a-c]x", "dx", true },
		{ "[]]x", "]x", true },
		{ "**/vendor/**", "a/vendor/x/connection.json", true },
		{ "**/vendor/**", "vendor/connection.json", true },
		{ "\\*x", "*x", true },
		{ "\\*x", "ax", false },
		{ "a/b", "a/b", true },
		{ "a/b", "a/b/c", false },
		{ "**/b", "b", true },
		{ "vendor", "vendor", true },
		{ "vendor", "a/vendor", true },
		{ "vendor", "vendors", false },
		{ "*", "", true },
		{ "", "", true },
		{ "", "a", false },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		bool got = glob_match(cases[k].glob, cases[k].path);

		if (got != cases[k].want)
			print_message("%s ~ %s: %d\n", cases[k].glob,
				      cases[k].path, got);
		assert_int_equal(got, cases[k].want);
	}
}

/* Many stars against a long near-miss: the greedy match stays linear-ish. */
static void
test_bounded(void **state)
{
	char name[4096 + 2], glob[64];

	(void)state;
	memset(name, 'a', sizeof(name) - 2);
	name[sizeof(name) - 2] = 'c';
	name[sizeof(name) - 1] = '\0';
	strcpy(glob, "*a*a*a*a*a*a*a*a*a*a*a*a*b");
	assert_false(glob_match(glob, name));
	for (size_t k = 0; k < 2000; k += 2)
		name[k + 1] = '/';
	assert_false(glob_match("**/a/**/a/**/a/**/a/**/b", name));
}

static void
test_check(void **state)
{
	static const struct {
		const char *glob;
		size_t off;	/* (size_t)-1: well formed */
	} cases[] = {
		{ "a/**/b", (size_t)-1 },
		{ "[abc]", (size_t)-1 },
		{ "a[bc", 1 },
		{ "a\\", 1 },
		{ "a**", 1 },
		{ "**a", 0 },
		{ "/abs", 0 },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const char *why = NULL;
		size_t off = (size_t)-1;
		int rc = glob_check(cases[k].glob, &why, &off);

		if (cases[k].off == (size_t)-1) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_non_null(why);
			assert_int_equal(off, cases[k].off);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests_name("glob", tests, NULL, NULL);
}
