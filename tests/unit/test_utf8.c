/*
 * UTF-8 as RFC 3629 has it: what is a valid sequence, encoding, counting,
 * and repairing bytes for output that must be UTF-8.
 */
#include "unit.h"

#include <string.h>

#include "buf.h"
#include "utf8.h"

struct seq {
	const char *bytes;
	size_t avail;
	size_t len;		/* 0: invalid */
	const char *why;
};

static const struct seq seqs[] = {
	{ "a", 1, 1, NULL },
	{ "\x7f", 1, 1, NULL },
	{ "\xc2\x80", 2, 2, NULL },
	{ "\xdf\xbf", 2, 2, NULL },
	{ "\xe0\xa0\x80", 3, 3, NULL },
	{ "\xed\x9f\xbf", 3, 3, NULL },
	{ "\xee\x80\x80", 3, 3, NULL },
	{ "\xef\xbf\xbf", 3, 3, NULL },
	{ "\xf0\x90\x80\x80", 4, 4, NULL },
	{ "\xf4\x8f\xbf\xbf", 4, 4, NULL },
	{ "\xc3\xa9xyz", 5, 2, NULL },
	{ "\x80", 1, 0, "continuation byte without a lead byte" },
	{ "\xbf", 1, 0, "continuation byte without a lead byte" },
	{ "\xc0\x80", 2, 0, "overlong" },
	{ "\xc1\xbf", 2, 0, "overlong" },
	{ "\xe0\x9f\xbf", 3, 0, "overlong" },
	{ "\xf0\x8f\xbf\xbf", 4, 0, "overlong" },
	{ "\xed\xa0\x80", 3, 0, "surrogate" },
	{ "\xed\xbf\xbf", 3, 0, "surrogate" },
	{ "\xf4\x90\x80\x80", 4, 0, "beyond U+10FFFF" },
	{ "\xf5\x80\x80\x80", 4, 0, "never occurs" },
	{ "\xff", 1, 0, "never occurs" },
	{ "\xc3", 1, 0, "truncated" },
	{ "\xe2\x82", 2, 0, "truncated" },
	{ "\xe2\x82x", 3, 0, "truncated" },
	{ "\xf0\x9f\x98", 3, 0, "truncated" },
};

static void
test_seq(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(seqs) / sizeof(seqs[0]); k++) {
		const char *why = NULL;
		size_t n = utf8_seq(seqs[k].bytes, seqs[k].avail, &why);

		if (n != seqs[k].len)
			print_message("case %zu: %zu, not %zu\n", k, n,
				      seqs[k].len);
		assert_int_equal(n, seqs[k].len);
		if (seqs[k].why != NULL) {
			assert_non_null(why);
			assert_non_null(strstr(why, seqs[k].why));
		}
	}
}

static void
test_encode(void **state)
{
	static const struct {
		uint32_t cp;
		const char *want;
	} cps[] = {
		{ 0, "\0" }, { 0x41, "A" }, { 0x7f, "\x7f" },
		{ 0x80, "\xc2\x80" }, { 0x7ff, "\xdf\xbf" },
		{ 0x800, "\xe0\xa0\x80" }, { 0xfffd, "\xef\xbf\xbd" },
		{ 0xffff, "\xef\xbf\xbf" }, { 0x10000, "\xf0\x90\x80\x80" },
		{ 0x1f600, "\xf0\x9f\x98\x80" },
		{ 0x10ffff, "\xf4\x8f\xbf\xbf" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cps) / sizeof(cps[0]); k++) {
		char out[4];
		size_t want = cps[k].cp == 0 ? 1 : strlen(cps[k].want);
		size_t n = utf8_encode(cps[k].cp, out);
		const char *why;

		assert_int_equal(n, want);
		assert_memory_equal(out, cps[k].want, want);
		/* what is encoded reads back as one valid sequence */
		assert_int_equal(utf8_seq(out, n, &why), n);
	}
}

static void
test_count(void **state)
{
	(void)state;
	assert_int_equal(utf8_count("", 0), 0);
	assert_int_equal(utf8_count("abc", 3), 3);
	assert_int_equal(utf8_count("a\0b", 3), 3);
	assert_int_equal(utf8_count("\xc3\xa9t\xc3\xa9", 5), 3);
	assert_int_equal(utf8_count("\xf0\x9f\x98\x80\xe2\x82\xac", 7), 2);
}

static void
assert_repaired(const char *s, size_t len, const char *want)
{
	struct buf b = BUF_INIT;

	utf8_add_valid(&b, s, len);
	assert_int_equal(b.len, strlen(want));
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void
test_add_valid(void **state)
{
	(void)state;
	assert_repaired("plain", 5, "plain");
	assert_repaired("\xc3\xa9\xf0\x9f\x98\x80", 6,
			"\xc3\xa9\xf0\x9f\x98\x80");
	/* each byte that is not valid becomes one U+FFFD */
	assert_repaired("a\xff" "b", 3, "a\xef\xbf\xbd" "b");
	assert_repaired("\xc0\xaf", 2, "\xef\xbf\xbd\xef\xbf\xbd");
	assert_repaired("x\xe2\x82", 3, "x\xef\xbf\xbd\xef\xbf\xbd");
	assert_repaired("\xed\xa0\x80!", 4,
			"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seq),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_add_valid),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
