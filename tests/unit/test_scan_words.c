/*
 * The scanner's strings, eight bytes at a time: whatever a string holds,
 * at whatever place in a run of plain bytes, and wherever the input ends,
 * it is found and judged as it would be byte by byte.
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "scan.h"

#define DEPTH 64
#define RUN_MAX 24

/*
 * What goes at one place of a run: its bytes, and what scanning
 * "<run>" then says: the gist of the error and its offset from the
 * place, or NULL when the string is accepted.
 */
struct special {
	const char *bytes;
	size_t len;
	const char *gist;
	size_t at;
};

static const struct special specials[] = {
	/* the string ends there: the rest of the run is after the value */
	{ "\"", 1, "after the JSON value", 1 },
	{ "\\n", 2, NULL, 0 },
	{ "\\u00e9", 6, NULL, 0 },
	{ "\\x", 2, "invalid escape", 1 },
	{ "\x01", 1, "unescaped control character U+0001", 0 },
	{ "\x1f", 1, "unescaped control character U+001F", 0 },
	{ "\t", 1, "write it as \\t", 0 },
	{ "\n", 1, "line break inside a string", 0 },
	{ "\r", 1, "line break inside a string", 0 },
	{ "\0", 1, "U+0000", 0 },
	/* plain, at the edges of the test */
	{ " ", 1, NULL, 0 },
	{ "\x7f", 1, NULL, 0 },
	{ "!", 1, NULL, 0 },
	{ "#", 1, NULL, 0 },
	{ "[", 1, NULL, 0 },
	{ "]", 1, NULL, 0 },
	/* UTF-8: checked wherever it starts */
	{ "\xc3\xa9", 2, NULL, 0 },
	{ "\xe2\x82\xac", 3, NULL, 0 },
	{ "\xf0\x9f\x98\x80", 4, NULL, 0 },
	{ "\x80", 1, "invalid UTF-8", 0 },
	{ "\xff", 1, "invalid UTF-8", 0 },
	{ "\xc3", 1, "invalid UTF-8", 0 },	/* cut short by a plain byte */
	{ "\xc0\xaf", 2, "invalid UTF-8", 0 },	/* overlong */
	{ "\xed\xa0\x80", 3, "invalid UTF-8", 0 },	/* a surrogate */
};

/* "<n plain bytes, with sp at place>", in buf; returns its length. */
static size_t
make(char *buf, size_t n, size_t place, const struct special *sp)
{
	size_t len = 0;

	buf[len++] = '"';
	for (size_t k = 0; k < place; k++)
		buf[len++] = (char)('a' + k % 26);
	memcpy(buf + len, sp->bytes, sp->len);
	len += sp->len;
	for (size_t k = place + 1; k < n; k++)
		buf[len++] = (char)('A' + k % 26);
	buf[len++] = '"';
	return len;
}

static void
test_special_everywhere(void **state)
{
	char buf[RUN_MAX + 16];

	(void)state;
	for (size_t s = 0; s < sizeof(specials) / sizeof(specials[0]); s++) {
		const struct special *sp = &specials[s];

		for (size_t n = 1; n <= RUN_MAX; n++) {
			for (size_t place = 0; place < n; place++) {
				size_t len = make(buf, n, place, sp);
				struct tree t;
				struct scan_error e;
				int rc = scan_json(buf, len, 0, DEPTH, &t, &e);
				int want = sp->gist != NULL ? -1 : 0;

				if (rc != want ||
				    (want < 0 && (e.off != 1 + place + sp->at ||
						  !strstr(e.msg, sp->gist))))
					print_message("special %zu, run %zu, "
						      "place %zu: rc %d, off "
						      "%zu, \"%s\"\n", s, n,
						      place, rc, e.off, e.msg);
				assert_int_equal(rc, want);
				if (want < 0) {
					assert_int_equal(e.off,
							 1 + place + sp->at);
					assert_non_null(strstr(e.msg,
							       sp->gist));
				} else {
					assert_int_equal(t.nodes[0].end, len);
					assert_int_equal(t.nodes[0].flags &
							 NODE_ESCAPED,
							 sp->bytes[0] == '\\' ?
							 NODE_ESCAPED : 0);
				}
				tree_release(&t);
			}
		}
	}
}

/* The same strings as keys: the decoded key is the run. */
static void
test_keys_of_every_length(void **state)
{
	char buf[RUN_MAX + 16], key[RUN_MAX + 1];

	(void)state;
	for (size_t n = 0; n <= RUN_MAX; n++) {
		struct tree t;
		struct scan_error e;
		size_t len = 0;

		buf[len++] = '{';
		buf[len++] = '"';
		for (size_t k = 0; k < n; k++)
			key[k] = buf[len++] = (char)('a' + k % 26);
		key[n] = '\0';
		memcpy(buf + len, "\":1}", 4);
		len += 4;
		assert_int_equal(scan_json(buf, len, 0, DEPTH, &t, &e), 0);
		assert_int_equal(t.n, 2);
		assert_string_equal(tree_key(&t, &t.nodes[1]), key);
		assert_int_equal(t.nodes[1].key_off, 1);
		assert_int_equal(t.nodes[1].key_end, n + 3);
		tree_release(&t);
	}
}

/*
 * The input ends in the string, after a run of every length: the end is
 * found at the last byte, and never read past (the input is copied to
 * a buffer of just that size, for the address sanitizer).
 */
static void
test_end_of_input(void **state)
{
	(void)state;
	for (size_t n = 0; n <= RUN_MAX; n++) {
		for (int closed = 0; closed <= 1; closed++) {
			size_t len = 1 + n + (size_t)closed;
			char *buf = test_malloc(len);
			struct tree t;
			struct scan_error e;
			int rc;

			buf[0] = '"';
			memset(buf + 1, 'x', n);
			if (closed)
				buf[len - 1] = '"';
			rc = scan_json(buf, len, 0, DEPTH, &t, &e);
			if (closed) {
				assert_int_equal(rc, 0);
				assert_int_equal(t.nodes[0].end, len);
			} else {
				assert_int_equal(rc, -1);
				assert_int_equal(e.off, len);
				assert_non_null(strstr(e.msg, "in a string"));
			}
			tree_release(&t);
			test_free(buf);
		}
	}
}

/* A run, then a byte with the top bit set, ending the input. */
static void
test_utf8_cut_by_end(void **state)
{
	(void)state;
	for (size_t n = 0; n <= RUN_MAX; n++) {
		size_t len = 1 + n + 1;
		char *buf = test_malloc(len);
		struct tree t;
		struct scan_error e;

		buf[0] = '"';
		memset(buf + 1, 'x', n);
		buf[len - 1] = '\xc3';
		assert_int_equal(scan_json(buf, len, 0, DEPTH, &t, &e), -1);
		assert_int_equal(e.off, len - 1);
		assert_non_null(strstr(e.msg, "invalid UTF-8"));
		tree_release(&t);
		test_free(buf);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_special_everywhere),
		cmocka_unit_test(test_keys_of_every_length),
		cmocka_unit_test(test_end_of_input),
		cmocka_unit_test(test_utf8_cut_by_end),
	};

	return cmocka_run_group_tests_name("scan_words", tests, NULL, NULL);
}
