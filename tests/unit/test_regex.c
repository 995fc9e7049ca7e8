/*
 * Regular expressions: compile errors with their offsets, explicit
 * lengths, subjects that are not UTF-8, and matches that hit the limit.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "regex.h"

#define S(lit) lit, sizeof(lit) - 1

static struct regex *
compile(const char *pattern, size_t len)
{
	char *err = NULL;
	size_t off = 12345;
	struct regex *re = regex_new(pattern, len, &err, &off);

	if (re == NULL)
		print_message("/%.*s/ does not compile: %s at %zu\n",
			      (int)len, pattern, err, off);
	assert_non_null(re);
	return re;
}

/* Matches, checking that nothing is said about why. */
static enum regex_result
match(const struct regex *re, const char *s, size_t len)
{
	struct buf why = BUF_INIT;
	enum regex_result r = regex_match(re, s, len, &why);

	if (r != REGEX_LIMIT)
		assert_string_equal(why.s, "");
	buf_release(&why);
	return r;
}

static void
assert_compile_error(const char *pattern, size_t len, const char *msg,
		     size_t at)
{
	char *err = NULL;
	size_t off = 12345;
	struct regex *re = regex_new(pattern, len, &err, &off);

	if (re != NULL)
		print_message("/%.*s/ compiles\n", (int)len, pattern);
	assert_null(re);
	assert_non_null(err);
	assert_string_equal(err, msg);
	assert_int_equal(off, at);
	free(err);
}

static void
test_compile_errors(void **state)
{
	(void)state;
	assert_compile_error(S("a(b"), "missing closing parenthesis", 3);
	assert_compile_error(S("ab)"), "unmatched closing parenthesis", 2);
	assert_compile_error(S("*a"),
			     "quantifier does not follow a repeatable item", 0);
	assert_compile_error(S("x[a"),
			     "missing terminating ] for character class", 3);
	assert_compile_error(S("a{2,1}"),
			     "numbers out of order in {} quantifier", 5);
	assert_compile_error(S("\\"), "\\ at end of pattern", 1);
	/* \C could split a character: it is refused */
	assert_compile_error(S("a\\C"),
			     "using \\C is disabled by the application", 3);
	/* a pattern is UTF-8 */
	assert_compile_error(S("ab\xff"),
			     "UTF-8 error: illegal byte (0xfe or 0xff)", 2);
}

/* Compiles as JavaScript's RegExp would: 0, or -1 with err and off. */
static int
js(const char *p, char **err, size_t *off)
{
	*err = NULL;
	return regex_check_js(p, strlen(p), err, off);
}

static void
test_check_js(void **state)
{
	static const char *const good[] = {
		"^[a-z0-9-]+$", "\\u00e9", "[]", "[^]", "\\i\\y", "(a)|\\1",
		"(?<n>x)\\k<n>", "(?<=a)b", "", "\xc3\xa9+",
	};
	static const struct {
		const char *p;
		size_t off;
	} bad[] = {
		{ "^[a-z", 5 }, { "(ab", 3 }, { "a{2,1}", 5 }, { "*a", 0 },
		{ "(?<=x", 5 },
	};
	char *err;
	size_t off;

	(void)state;
	for (size_t k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
		if (js(good[k], &err, &off) != 0)
			print_message("%s: %s\n", good[k], err);
		assert_int_equal(js(good[k], &err, &off), 0);
		assert_null(err);
	}
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(js(bad[k].p, &err, &off), -1);
		assert_non_null(err);
		assert_int_equal(off, bad[k].off);
		free(err);
	}
	assert_int_equal(js("(ab", &err, &off), -1);
	assert_string_equal(err, "missing closing parenthesis");
	free(err);
	/* a NUL is a character of the pattern like any other */
	assert_int_equal(regex_check_js("a\0(", 3, &err, &off), -1);
	assert_int_equal(off, 3);
	free(err);
}

static void
test_compile_lengths(void **state)
{
	struct regex *re;

	(void)state;
	/* only len bytes are the pattern: the ')' after them is not */
	re = compile("abc)", 3);
	assert_string_equal(regex_pattern(re), "abc");
	assert_int_equal(match(re, S("xabcx")), REGEX_MATCH);
	regex_free(re);
	/* and a NUL byte is a byte of it */
	re = compile("^a\0b$", 5);
	assert_memory_equal(regex_pattern(re), "^a\0b$", 6);
	assert_int_equal(match(re, S("a\0b")), REGEX_MATCH);
	assert_int_equal(match(re, S("ab")), REGEX_NOMATCH);
	regex_free(re);
	/* the empty pattern matches everything */
	re = compile("", 0);
	assert_string_equal(regex_pattern(re), "");
	assert_int_equal(match(re, "", 0), REGEX_MATCH);
	assert_int_equal(match(re, S("x")), REGEX_MATCH);
	regex_free(re);
	regex_free(NULL);
}

static void
test_match(void **state)
{
	struct regex *re = compile(S("^[a-z][a-z0-9_]*$"));

	(void)state;
	assert_int_equal(match(re, S("api_key")), REGEX_MATCH);
	assert_int_equal(match(re, S("apiKey")), REGEX_NOMATCH);
	assert_int_equal(match(re, S("")), REGEX_NOMATCH);
	assert_int_equal(match(re, S("1a")), REGEX_NOMATCH);
	/* why may be NULL */
	assert_int_equal(regex_match(re, S("x"), NULL), REGEX_MATCH);
	assert_int_equal(regex_match(re, S("X"), NULL), REGEX_NOMATCH);
	regex_free(re);
	/* UTF-8 mode: a character is one '.', Unicode classes know it */
	re = compile(S("^.{4}$"));
	assert_int_equal(match(re, S("caf\xc3\xa9")), REGEX_MATCH);
	assert_int_equal(match(re, S("cafe\xcc\x81")), REGEX_NOMATCH);
	regex_free(re);
	re = compile(S("^\\w+$"));
	assert_int_equal(match(re, S("\xc3\xa9t\xc3\xa9")), REGEX_MATCH);
	regex_free(re);
}

static void
test_subject_lengths(void **state)
{
	static const char nul[] = "xa\0by";
	struct regex *re;

	(void)state;
	/* NUL bytes inside the subject are bytes of it */
	re = compile(S("a\\x00b"));
	assert_int_equal(match(re, nul, 5), REGEX_MATCH);
	assert_int_equal(match(re, nul, 4), REGEX_MATCH);
	assert_int_equal(match(re, nul, 3), REGEX_NOMATCH);
	regex_free(re);
	re = compile(S("y$"));
	assert_int_equal(match(re, nul, 5), REGEX_MATCH);
	assert_int_equal(match(re, nul, 4), REGEX_NOMATCH);
	regex_free(re);
	re = compile(S("^[^\\x00]*$"));
	assert_int_equal(match(re, nul, 2), REGEX_MATCH);
	assert_int_equal(match(re, nul, 3), REGEX_NOMATCH);
	regex_free(re);
	/* only len bytes: what follows them is not seen */
	re = compile(S("^abc$"));
	assert_int_equal(match(re, "abcdef", 3), REGEX_MATCH);
	assert_int_equal(match(re, "abcdef", 4), REGEX_NOMATCH);
	assert_int_equal(match(re, "abcdef", 2), REGEX_NOMATCH);
	regex_free(re);
}

/* Bytes that are not UTF-8 never match a character, and never crash. */
static void
test_invalid_utf8_subjects(void **state)
{
	static const char *const bad[] = {
		"\xff", "\xfe", "\x80", "\xc3", "\xc0\xaf", "\xe0\x80\xaf",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80",
		"\xe2\x82", "\xf0\x9f\x98",
	};
	struct regex *any = compile(S("^a.b$"));
	struct regex *lit = compile(S("b"));
	struct regex *all = compile(S("^.*$"));
	struct regex *fffd = compile(S("\\x{fffd}"));
	struct regex *bytes = compile(S("^a\\X*b$"));

	(void)state;
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		char s[16];
		size_t len = strlen(bad[k]);

		s[0] = 'a';
		memcpy(s + 1, bad[k], len);
		s[len + 1] = 'b';
		if (match(lit, s, len + 2) != REGEX_MATCH)
			print_message("case %zu\n", k);
		/* the valid parts still match */
		assert_int_equal(match(lit, s, len + 2), REGEX_MATCH);
		/* the invalid ones match nothing */
		assert_int_equal(match(any, s, len + 2), REGEX_NOMATCH);
		assert_int_equal(match(all, s, len + 2), REGEX_NOMATCH);
		assert_int_equal(match(fffd, s, len + 2), REGEX_NOMATCH);
		assert_int_equal(match(bytes, s, len + 2), REGEX_NOMATCH);
		/* at the end of the subject, too */
		assert_int_equal(match(lit, s, len + 1), REGEX_NOMATCH);
		assert_int_equal(match(all, s, len + 1), REGEX_NOMATCH);
	}
	regex_free(any);
	regex_free(lit);
	regex_free(all);
	regex_free(fffd);
	regex_free(bytes);
}

static void
test_limit(void **state)
{
	struct regex *re = compile(S("^(a+)+$"));
	struct buf why = BUF_INIT;
	char s[64];

	(void)state;
	memset(s, 'a', 40);
	s[40] = '!';
	/* neither a match nor a miss, and says why */
	assert_int_equal(regex_match(re, s, 41, &why), REGEX_LIMIT);
	assert_true(why.len > 0);
	assert_non_null(strstr(why.s, "limit"));
	buf_release(&why);
	/* why may be NULL */
	assert_int_equal(regex_match(re, s, 41, NULL), REGEX_LIMIT);
	/* the same pattern decides easy subjects, after a limit too */
	assert_int_equal(match(re, s, 40), REGEX_MATCH);
	assert_int_equal(match(re, "aaa!", 4), REGEX_NOMATCH);
	assert_int_equal(regex_match(re, s, 41, NULL), REGEX_LIMIT);
	regex_free(re);
}

/*
 * The interpreter answers the first matches, the JIT's copy the rest:
 * both answer alike, the limit included, and search's groups too.
 */
static void
test_interpreter_then_jit(void **state)
{
	struct regex *re = compile(S("(?i)\\b(api|access)[ _-]?key\\z"));
	struct regex *slow = compile(S("^(a+)+$"));
	size_t ov[4];
	char s[64];

	(void)state;
	memset(s, 'a', 40);
	s[40] = '!';
	for (int k = 0; k < 300; k++) {
		assert_int_equal(match(re, S("Access_Key")), REGEX_MATCH);
		assert_int_equal(match(re, S("accessKeyId")), REGEX_NOMATCH);
		assert_int_equal(regex_search(re, S("my api-key"), 0, ov, 2,
					      NULL), REGEX_MATCH);
		assert_int_equal(ov[0], 3);
		assert_int_equal(ov[2], 3);
		assert_int_equal(ov[3], 6);
		assert_int_equal(regex_match(slow, s, 41, NULL), REGEX_LIMIT);
		assert_int_equal(match(slow, s, 40), REGEX_MATCH);
	}
	regex_free(re);
	regex_free(slow);
}

/* regex_search: offsets of the match and its groups, from a start. */
static void
test_search(void **state)
{
	struct regex *re = compile(S("(a)(x)?(b+)"));
	struct buf why = BUF_INIT;
	size_t ov[8];
	const char *s = "ab zabbb ab";

	(void)state;
	assert_int_equal(regex_search(re, s, strlen(s), 0, ov, 4, &why),
			 REGEX_MATCH);
	assert_int_equal(ov[0], 0);
	assert_int_equal(ov[1], 2);
	assert_int_equal(ov[2], 0);	/* (a) */
	assert_int_equal(ov[3], 1);
	assert_int_equal(ov[4], REGEX_UNSET);	/* (x)? took no part */
	assert_int_equal(ov[5], REGEX_UNSET);
	assert_int_equal(ov[6], 1);	/* (b+) */
	assert_int_equal(ov[7], 2);
	/* from an offset: the first match at or after it */
	assert_int_equal(regex_search(re, s, strlen(s), 1, ov, 4, NULL),
			 REGEX_MATCH);
	assert_int_equal(ov[0], 4);
	assert_int_equal(ov[1], 8);
	/* the subject's length bounds it, and a lookbehind sees before start */
	assert_int_equal(regex_search(re, s, 10, 9, ov, 4, NULL),
			 REGEX_NOMATCH);
	regex_free(re);
	re = compile(S("(?<!z)a"));
	assert_int_equal(regex_search(re, s, strlen(s), 4, ov, 1, NULL),
			 REGEX_MATCH);
	assert_int_equal(ov[0], 9);	/* not the a after z at 4 */
	regex_free(re);
	/* \G anchors at the start offset */
	re = compile(S("\\Gb+"));
	assert_int_equal(regex_search(re, s, strlen(s), 5, ov, 1, NULL),
			 REGEX_MATCH);
	assert_int_equal(ov[1], 8);
	assert_int_equal(regex_search(re, s, strlen(s), 4, ov, 1, NULL),
			 REGEX_NOMATCH);
	regex_free(re);
	/* fewer pairs than groups: the match still counts */
	re = compile(S("(a)(b)"));
	assert_int_equal(regex_search(re, s, strlen(s), 0, ov, 1, NULL),
			 REGEX_MATCH);
	assert_int_equal(ov[1], 2);
	regex_free(re);
	assert_string_equal(why.s, "");
	buf_release(&why);
}

/* Without the JIT: the same answers, under the same limits. */
static void
test_interpreted(void **state)
{
	char *err = NULL;
	size_t off = 0, ov[4];
	struct regex *re = regex_new_interpreted(S("(?<![\\w.])(b+)c"), &err,
						 &off);
	char s[64];

	(void)state;
	assert_non_null(re);
	assert_int_equal(regex_search(re, S("ab a.bc bbc"), 0, ov, 2, NULL),
			 REGEX_MATCH);
	assert_int_equal(ov[2], 8);
	assert_int_equal(ov[3], 10);
	assert_int_equal(match(re, S("bc")), REGEX_MATCH);
	regex_free(re);
	re = regex_new_interpreted(S("^(a+)+$"), &err, &off);
	assert_non_null(re);
	memset(s, 'a', 40);
	s[40] = '!';
	assert_int_equal(regex_match(re, s, 41, NULL), REGEX_LIMIT);
	regex_free(re);
	assert_null(regex_new_interpreted(S("(a"), &err, &off));
	assert_non_null(err);
	free(err);
}

static void
test_search_limit(void **state)
{
	struct regex *re = compile(S("^(a+)+$"));
	struct buf why = BUF_INIT;
	size_t ov[2] = { 7, 7 };
	char s[64];

	(void)state;
	memset(s, 'a', 40);
	s[40] = '!';
	assert_int_equal(regex_search(re, s, 41, 0, ov, 1, &why), REGEX_LIMIT);
	assert_non_null(strstr(why.s, "limit"));
	assert_int_equal(ov[0], 7);	/* left alone */
	buf_release(&why);
	regex_free(re);
}

static void
test_limit_other_patterns(void **state)
{
	static const char *const patterns[] = {
		"(x+x+)+y", "^(\\w+\\s?)*$", "^(a|a)*$", "^(a|aa)+$",
	};
	static const char *const subjects[] = {
		/* the 'y' it requires is there, so it must search */
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxzy",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(patterns) / sizeof(patterns[0]); k++) {
		struct regex *re = compile(patterns[k], strlen(patterns[k]));
		struct buf why = BUF_INIT;
		enum regex_result r = regex_match(re, subjects[k],
						  strlen(subjects[k]), &why);

		if (r != REGEX_LIMIT)
			print_message("/%s/ gave %d\n", patterns[k], (int)r);
		assert_int_equal(r, REGEX_LIMIT);
		assert_true(why.len > 0);
		buf_release(&why);
		regex_free(re);
	}
}

/* A long subject that takes few steps a character is decided. */
static void
test_long_subject(void **state)
{
	enum { N = 50000 };
	char *s = malloc(N);
	struct regex *re = compile(S("^[a-z]+$"));

	(void)state;
	assert_non_null(s);
	memset(s, 'q', N);
	assert_int_equal(match(re, s, N), REGEX_MATCH);
	s[N - 1] = '!';
	assert_int_equal(match(re, s, N), REGEX_NOMATCH);
	regex_free(re);
	free(s);
}

/*
 * A repeated group over 10,000 bytes takes a few steps a byte, far fewer
 * than REGEX_MATCH_LIMIT: the match is decided, either way.
 */
static void
test_long_subject_repeated_group(void **state)
{
	enum { N = 10000 };
	static const char *const patterns[] = {
		"^(?:ab|q)+$", "^(?:[^<>]|&amp;)*$", "^(q)*$",
	};
	char *s = malloc(N);

	(void)state;
	assert_non_null(s);
	for (size_t k = 0; k < sizeof(patterns) / sizeof(patterns[0]); k++) {
		struct regex *re = compile(patterns[k], strlen(patterns[k]));
		struct buf why = BUF_INIT;
		enum regex_result r;

		memset(s, 'q', N);
		r = regex_match(re, s, N, &why);
		if (r != REGEX_MATCH)
			print_message("/%s/: %d (%s)\n", patterns[k], (int)r,
				      why.s);
		assert_int_equal(r, REGEX_MATCH);
		s[N - 1] = '<';
		buf_reset(&why);
		r = regex_match(re, s, N, &why);
		if (r != REGEX_NOMATCH)
			print_message("/%s/: %d (%s)\n", patterns[k], (int)r,
				      why.s);
		assert_int_equal(r, REGEX_NOMATCH);
		buf_release(&why);
		regex_free(re);
	}
	free(s);
}

/* regex_new() shares one regex per pattern; each user frees its own. */
static void
test_shared(void **state)
{
	char *err = NULL;
	size_t off = 0;
	struct regex *a = regex_new("^a+$", 4, &err, &off);
	struct regex *b = regex_new("^a+$", 4, &err, &off);
	struct regex *c = regex_new("^a+$x", 4, &err, &off);	/* 4 bytes */
	struct regex *other = regex_new("^b+$", 4, &err, &off);
	struct regex *own = regex_new_interpreted("^a+$", 4, &err, &off);

	(void)state;
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_ptr_equal(a, c);	/* the same len bytes */
	assert_ptr_not_equal(a, other);
	assert_ptr_not_equal(a, own);	/* never shared */
	regex_free(a);
	regex_free(c);
	/* b still works, after the other users let go */
	assert_int_equal(regex_match(b, "aaa", 3, NULL), REGEX_MATCH);
	assert_int_equal(regex_match(b, "ab", 2, NULL), REGEX_NOMATCH);
	regex_free(b);
	regex_free(other);
	regex_free(own);
	/* gone: made again */
	a = regex_new("^a+$", 4, &err, &off);
	assert_non_null(a);
	assert_int_equal(regex_match(a, "a", 1, NULL), REGEX_MATCH);
	regex_free(a);
	assert_null(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_check_js),
		cmocka_unit_test(test_compile_lengths),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_subject_lengths),
		cmocka_unit_test(test_invalid_utf8_subjects),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_interpreter_then_jit),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_search_limit),
		cmocka_unit_test(test_interpreted),
		cmocka_unit_test(test_limit_other_patterns),
		cmocka_unit_test(test_long_subject),
		cmocka_unit_test(test_long_subject_repeated_group),
	};

	return cmocka_run_group_tests_name("regex", tests, NULL, NULL);
}
