/*
 * struct buf: growth, ownership and JSON string quoting.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

static void
test_init(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	/* never NULL, so callers may print b.s at once */
	assert_non_null(b.s);
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	buf_release(&b);
	assert_string_equal(b.s, "");
	buf_init(&b);
	buf_reset(&b);
	assert_string_equal(b.s, "");
	assert_int_equal(b.alloc, 0);
}

static void
test_add(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_add(&b, "ab\0cd", 5);
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.s, "ab\0cd", 6);
	buf_adds(&b, "ef");
	buf_addch(&b, 'g');
	buf_addch(&b, '\0');
	assert_int_equal(b.len, 9);
	assert_memory_equal(b.s, "ab\0cdefg\0", 10);
	assert_true(b.alloc > b.len);
	buf_release(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
}

static void
test_addf(void **state)
{
	struct buf b = BUF_INIT;
	char big[5001];

	(void)state;
	buf_addf(&b, "%s:%zu:%d", "x.json", (size_t)12, -7);
	assert_string_equal(b.s, "x.json:12:-7");
	assert_int_equal(b.len, 12);
	/* more than is free: the second formatting must land whole */
	memset(big, 'z', 5000);
	big[5000] = '\0';
	buf_addf(&b, "[%s]", big);
	assert_int_equal(b.len, 12 + 5002);
	assert_memory_equal(b.s, "x.json:12:-7[zzz", 16);
	assert_int_equal(b.s[b.len - 1], ']');
	assert_int_equal(b.s[b.len], '\0');
	buf_addf(&b, "%s", "");
	assert_int_equal(b.len, 12 + 5002);
	buf_addf(&b, "%c", 'q');
	assert_int_equal(b.s[b.len - 1], 'q');
	buf_release(&b);
}

static void
test_detach_reset(void **state)
{
	struct buf b = BUF_INIT;
	char *s;

	(void)state;
	/* an empty buffer still gives a string of the caller's own */
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
	buf_adds(&b, "hello");
	s = buf_detach(&b);
	assert_string_equal(s, "hello");
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	free(s);
	buf_adds(&b, "again");
	buf_reset(&b);
	assert_string_equal(b.s, "");
	assert_int_equal(b.len, 0);
	assert_true(b.alloc > 0);
	buf_adds(&b, "x");
	assert_string_equal(b.s, "x");
	buf_release(&b);
}

static void
assert_quoted(const char *p, size_t len, const char *want)
{
	struct buf b = BUF_INIT;

	buf_add_json_string(&b, p, len);
	assert_string_equal(b.s, want);
	assert_int_equal(b.len, strlen(want));
	buf_release(&b);
}

static void
test_json_string(void **state)
{
	(void)state;
	assert_quoted("", 0, "\"\"");
	assert_quoted("plain", 5, "\"plain\"");
	assert_quoted("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
	assert_quoted("\n\r\t", 3, "\"\\n\\r\\t\"");
	assert_quoted("\x01\x1f\x7f\b\f", 5,
		      "\"\\u0001\\u001f\\u007f\\u0008\\u000c\"");
	/* the length counts, not the NUL */
	assert_quoted("a\0b", 3, "\"a\\u0000b\"");
	/* UTF-8 and '/' go through as they are */
	assert_quoted("\xc3\xa9/\xf0\x9f\x98\x80", 7,
		      "\"\xc3\xa9/\xf0\x9f\x98\x80\"");
	assert_quoted("abc", 2, "\"ab\"");
}

/* Quoting at most max bytes: cut where a UTF-8 character starts. */
static void
assert_cut(const char *in, size_t max, const char *want)
{
	struct buf b = BUF_INIT;

	buf_add_escaped_max(&b, in, strlen(in), max);
	assert_string_equal(b.s, want);
	buf_release(&b);
}

static void
test_escaped_max(void **state)
{
	(void)state;
	assert_cut("", 8, "");
	assert_cut("abcdefgh", 8, "abcdefgh");
	assert_cut("abcdefghi", 8, "abcde...");
	assert_cut("a\"cdefghi", 8, "a\\\"cde...");
	/* "\xc3\xa9" is one character: not split */
	assert_cut("abcd\xc3\xa9" "ghi", 8, "abcd...");
	assert_cut("abc\xc3\xa9" "fghi", 8, "abc\xc3\xa9...");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_detach_reset),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_escaped_max),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
