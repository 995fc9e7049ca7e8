/*
 * Sources: reading files with their limits, and the map from byte
 * offsets to lines and columns.
 */
#include "unit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

/* The line:col of off in text, as "l:c", for compact assertions. */
static const char *
pos_of(const char *text, size_t len, size_t off)
{
	static char out[64];
	struct source *src = source_from_mem("mem.json", text, len);
	struct pos p = source_pos(src, off);

	snprintf(out, sizeof(out), "%zu:%zu", p.line, p.col);
	source_free(src);
	return out;
}

#define POS(text, off) pos_of(text, sizeof(text) - 1, off)

static void
test_pos_lf(void **state)
{
	(void)state;
	assert_string_equal(POS("ab\ncd", 0), "1:1");
	assert_string_equal(POS("ab\ncd", 1), "1:2");
	/* the line end belongs to the line it ends */
	assert_string_equal(POS("ab\ncd", 2), "1:3");
	assert_string_equal(POS("ab\ncd", 3), "2:1");
	assert_string_equal(POS("ab\ncd", 4), "2:2");
	assert_string_equal(POS("a\n\n\nb", 4), "4:1");
	assert_string_equal(POS("a\n\n\nb", 3), "3:1");
}

static void
test_pos_crlf(void **state)
{
	(void)state;
	/* CR LF is one line end, not two */
	assert_string_equal(POS("a\r\nb", 1), "1:2");
	assert_string_equal(POS("a\r\nb", 2), "1:3");
	assert_string_equal(POS("a\r\nb", 3), "2:1");
	assert_string_equal(POS("a\r\n\r\nb", 5), "3:1");
	assert_string_equal(POS("\r\n\r\n", 4), "3:1");
	assert_string_equal(POS("a\n\r\nb", 4), "3:1");
}

static void
test_pos_lone_cr(void **state)
{
	(void)state;
	assert_string_equal(POS("a\rb", 2), "2:1");
	assert_string_equal(POS("a\rb\r\rc", 4), "3:1");
	assert_string_equal(POS("a\rb\r\rc", 5), "4:1");
	/* LF CR is two line ends */
	assert_string_equal(POS("a\n\rb", 3), "3:1");
	assert_string_equal(POS("a\r", 2), "2:1");
}

static void
test_pos_bom(void **state)
{
	const char text[] = "\xef\xbb\xbf{\n \"a\": 1}";
	struct source *src = source_from_mem("bom.json", text,
					     sizeof(text) - 1);

	(void)state;
	assert_int_equal(src->bom, 3);
	source_free(src);
	/* the mark is not counted on line 1 */
	assert_string_equal(POS("\xef\xbb\xbf{\n \"a\": 1}", 3), "1:1");
	assert_string_equal(POS("\xef\xbb\xbf{\n \"a\": 1}", 4), "1:2");
	assert_string_equal(POS("\xef\xbb\xbf{\n \"a\": 1}", 0), "1:1");
	/* and changes nothing on the lines after */
	assert_string_equal(POS("\xef\xbb\xbf{\n \"a\": 1}", 5), "2:1");
	assert_string_equal(POS("\xef\xbb\xbf{\n \"a\": 1}", 6), "2:2");
	assert_string_equal(POS("\xef\xbb\xbf", 3), "1:1");
}

static void
test_bom_detection(void **state)
{
	struct source *src;

	(void)state;
	src = source_from_mem("x", "\xef\xbb\xbf", 3);
	assert_int_equal(src->bom, 3);
	source_free(src);
	src = source_from_mem("x", "\xef\xbb", 2);
	assert_int_equal(src->bom, 0);
	assert_string_equal(POS("\xef\xbb{}", 2), "1:3");
	source_free(src);
	/* a mark that is not at the start is just bytes */
	src = source_from_mem("x", " \xef\xbb\xbf", 4);
	assert_int_equal(src->bom, 0);
	source_free(src);
}

static void
test_pos_end(void **state)
{
	(void)state;
	assert_string_equal(POS("ab", 2), "1:3");
	assert_string_equal(POS("ab\n", 3), "2:1");
	assert_string_equal(POS("ab\r\n", 4), "2:1");
	assert_string_equal(POS("ab\r", 3), "2:1");
	assert_string_equal(POS("", 0), "1:1");
}

static void
test_pos_bytes(void **state)
{
	(void)state;
	/* a tab is one column */
	assert_string_equal(POS("\t\tx", 2), "1:3");
	assert_string_equal(POS("a\n\t\"b\"", 3), "2:2");
	/* columns count bytes, not characters */
	assert_string_equal(POS("\xc3\xa9 x", 3), "1:4");
	assert_string_equal(POS("\xf0\x9f\x98\x80x", 4), "1:5");
}

static void
test_pos_many_lines(void **state)
{
	enum { N = 1000 };
	char text[3 * N];
	struct source *src;
	struct pos p;

	(void)state;
	for (size_t k = 0; k < N; k++)
		memcpy(text + 3 * k, k % 2 ? "x\r\n" : "yy\n", 3);
	src = source_from_mem("many", text, sizeof(text));
	/* line 1+k starts at 3k */
	for (size_t k = 0; k < N; k += 37) {
		p = source_pos(src, 3 * k + 1);
		assert_int_equal(p.line, k + 1);
		assert_int_equal(p.col, 2);
	}
	p = source_pos(src, sizeof(text));
	assert_int_equal(p.line, N + 1);
	assert_int_equal(p.col, 1);
	source_free(src);
}

static void
test_from_mem(void **state)
{
	const char text[] = "{\"a\"\0:1}";
	struct source *src;

	(void)state;
	src = source_from_mem("name.json", text, sizeof(text) - 1);
	assert_string_equal(src->name, "name.json");
	assert_int_equal(src->len, 8);
	assert_memory_equal(src->bytes, text, 8);
	/* the bytes are a copy, NUL-terminated */
	assert_ptr_not_equal(src->bytes, text);
	assert_int_equal(src->bytes[8], '\0');
	source_free(src);
	source_free(NULL);
}

/* A temporary directory for the file tests, removed by teardown. */
struct tmp {
	char dir[4096];
	char path[4200];
};

static int
setup_tmp(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));
	const char *base = getenv("TMPDIR");

	if (t == NULL)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "%s/connlint-test-XXXXXX",
		 base != NULL && *base != '\0' ? base : "/tmp");
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int
teardown_tmp(void **state)
{
	struct tmp *t = *state;
	char path[4200];
	static const char *const names[] = {
		"exact.json", "over.json", "empty.json", "bom.json", "sub",
	};

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		snprintf(path, sizeof(path), "%s/%s", t->dir, names[k]);
		if (unlink(path) != 0)
			rmdir(path);
	}
	rmdir(t->dir);
	free(t);
	return 0;
}

static const char *
tmp_file(struct tmp *t, const char *name, const void *p, size_t len)
{
	FILE *f;

	snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
	f = fopen(t->path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return t->path;
}

static void
test_read_missing(void **state)
{
	struct tmp *t = *state;
	char path[4200], want[256];
	char *err = NULL;
	struct source *src;

	snprintf(path, sizeof(path), "%s/no-such-file.json", t->dir);
	src = source_read(path, NULL, SOURCE_MAX_SIZE_DEFAULT, false, &err);
	assert_null(src);
	assert_non_null(err);
	snprintf(want, sizeof(want), "cannot open: %s", strerror(ENOENT));
	assert_string_equal(err, want);
	free(err);
}

static void
test_read_directory(void **state)
{
	struct tmp *t = *state;
	char *err = NULL;
	struct source *src;

	snprintf(t->path, sizeof(t->path), "%s/sub", t->dir);
	assert_int_equal(mkdir(t->path, 0700), 0);
	src = source_read(t->path, NULL, SOURCE_MAX_SIZE_DEFAULT, false, &err);
	assert_null(src);
	assert_non_null(err);
	assert_string_equal(err, "is a directory");
	free(err);
}

/* A file that may not be there: absent, a directory, a FIFO, a file. */
static void
test_read_optional(void **state)
{
	struct tmp *t = *state;
	char path[4200];
	char *err = NULL;
	struct source *src;
	bool absent = false;

	snprintf(path, sizeof(path), "%s/no-such-file.js", t->dir);
	src = source_read_optional(path, SOURCE_MAX_SIZE_DEFAULT, &err,
				   &absent);
	assert_null(src);
	assert_null(err);
	assert_true(absent);
	/* below a file: ENOTDIR, absent too */
	snprintf(path, sizeof(path), "%s/x", tmp_file(t, "f.js", "1", 1));
	src = source_read_optional(path, SOURCE_MAX_SIZE_DEFAULT, &err,
				   &absent);
	assert_null(src);
	assert_null(err);
	assert_true(absent);
	snprintf(t->path, sizeof(t->path), "%s/dir.js", t->dir);
	assert_int_equal(mkdir(t->path, 0700), 0);
	absent = false;
	src = source_read_optional(t->path, SOURCE_MAX_SIZE_DEFAULT, &err,
				   &absent);
	assert_null(src);
	assert_null(err);
	assert_true(absent);
	/* there, but not a regular file: an error, not absent */
	snprintf(t->path, sizeof(t->path), "%s/fifo.js", t->dir);
	assert_int_equal(mkfifo(t->path, 0600), 0);
	src = source_read_optional(t->path, SOURCE_MAX_SIZE_DEFAULT, &err,
				   &absent);
	assert_null(src);
	assert_false(absent);
	assert_string_equal(err, "not a regular file");
	free(err);
	src = source_read_optional(tmp_file(t, "index.js", "x()", 3),
				   SOURCE_MAX_SIZE_DEFAULT, &err, &absent);
	assert_non_null(src);
	assert_null(err);
	assert_false(absent);
	assert_int_equal(src->len, 3);
	source_free(src);
}

/*
 * A regular file whose size says 0 but that has bytes, a page a read
 * (/proc's), is read to its end, not to its first short read.
 */
static void
test_read_proc(void **state)
{
	char *err = NULL, chunk[4096];
	struct source *src;
	struct stat st;
	size_t n, total = 0;
	FILE *f;

	(void)state;
	if (stat("/proc/self/smaps", &st) != 0 || st.st_size != 0)
		skip();
	src = source_read("/proc/self/smaps", NULL, SOURCE_MAX_SIZE_DEFAULT,
			  false, &err);
	assert_non_null(src);
	assert_null(err);
	/* as long as stdio reads it, give or take a mapping made between */
	f = fopen("/proc/self/smaps", "r");
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		total += n;
	fclose(f);
	assert_true(total > 8192);
	assert_true(src->len > total / 10 * 9);
	assert_int_equal(src->bytes[src->len - 1], '\n');
	source_free(src);
}

static void
test_read_size_cap(void **state)
{
	struct tmp *t = *state;
	char *err = NULL;
	struct source *src;
	const char *path;

	/* exactly the cap is fine */
	path = tmp_file(t, "exact.json", "[1,2,3,45]", 10);
	src = source_read(path, NULL, 10, false, &err);
	assert_non_null(src);
	assert_null(err);
	assert_int_equal(src->len, 10);
	assert_memory_equal(src->bytes, "[1,2,3,45]", 10);
	assert_int_equal(src->bytes[10], '\0');
	source_free(src);
	/* one byte more is not */
	path = tmp_file(t, "over.json", "[1,2,3,456]", 11);
	src = source_read(path, NULL, 10, false, &err);
	assert_null(src);
	assert_non_null(err);
	assert_string_equal(err, "file is larger than the 10-byte limit");
	free(err);
}

static void
test_read_contents(void **state)
{
	struct tmp *t = *state;
	char *err = NULL;
	struct source *src;
	const char *path;

	path = tmp_file(t, "bom.json", "\xef\xbb\xbf{}\n", 6);
	src = source_read(path, "shown/connection.json",
			  SOURCE_MAX_SIZE_DEFAULT, false, &err);
	assert_non_null(src);
	assert_null(err);
	/* diagnostics use the display name */
	assert_string_equal(src->name, "shown/connection.json");
	assert_int_equal(src->len, 6);
	assert_int_equal(src->bom, 3);
	assert_memory_equal(src->bytes, "\xef\xbb\xbf{}\n", 7);
	source_free(src);
	src = source_read(path, NULL, SOURCE_MAX_SIZE_DEFAULT, false, &err);
	assert_non_null(src);
	assert_string_equal(src->name, path);
	source_free(src);
	path = tmp_file(t, "empty.json", "", 0);
	src = source_read(path, NULL, SOURCE_MAX_SIZE_DEFAULT, false, &err);
	assert_non_null(src);
	assert_int_equal(src->len, 0);
	assert_string_equal(src->bytes, "");
	assert_int_equal(src->bom, 0);
	source_free(src);
}

/* "l:c" of off, with the column in code points. */
static const char *
chars_of(const char *text, size_t len, size_t off)
{
	static char out[64];
	struct source *src = source_from_mem("mem.json", text, len);
	struct pos p = source_pos_chars(src, off);

	snprintf(out, sizeof(out), "%zu:%zu", p.line, p.col);
	source_free(src);
	return out;
}

#define CHARS(text, off) chars_of(text, sizeof(text) - 1, off)

static void
test_pos_chars(void **state)
{
	(void)state;
	assert_string_equal(CHARS("ab\ncd", 4), "2:2");
	/* \u00fc is two bytes, one code point; \u20ac three; U+1F600 four */
	assert_string_equal(CHARS("\"\xc3\xbc\": 1", 3), "1:3");
	assert_string_equal(CHARS("x\n\xe2\x82\xac\xf0\x9f\x98\x80!", 9),
			    "2:3");
	/* a byte that is not UTF-8 counts as one */
	assert_string_equal(CHARS("\xff\xfe!", 2), "1:3");
	/* a byte order mark does not count */
	assert_string_equal(CHARS("\xef\xbb\xbf{\xc3\xbc}", 6), "1:3");
	assert_string_equal(CHARS("\xef\xbb\xbf{}", 3), "1:1");
	/* the end of input */
	assert_string_equal(CHARS("a\r\n\xc3\xbc", 5), "2:2");
}

static void
test_line(void **state)
{
	static const char text[] = "\xef\xbb\xbf" "ab\r\ncd\n\ne\rf";
	struct source *src = source_from_mem("mem.json", text,
					     sizeof(text) - 1);
	static const struct {
		size_t line, start, end;
	} want[] = {
		{ 1, 3, 5 }, { 2, 7, 9 }, { 3, 10, 10 }, { 4, 11, 12 },
		{ 5, 13, 14 },
	};
	size_t start, end;

	(void)state;
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		source_line(src, want[k].line, &start, &end);
		assert_int_equal(start, want[k].start);
		assert_int_equal(end, want[k].end);
	}
	/* out of range: the last line */
	source_line(src, 99, &start, &end);
	assert_int_equal(start, 13);
	assert_int_equal(end, 14);
	source_free(src);
	src = source_from_mem("empty.json", "", 0);
	source_line(src, 1, &start, &end);
	assert_int_equal(start, 0);
	assert_int_equal(end, 0);
	source_free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pos_lf),
		cmocka_unit_test(test_pos_crlf),
		cmocka_unit_test(test_pos_lone_cr),
		cmocka_unit_test(test_pos_bom),
		cmocka_unit_test(test_bom_detection),
		cmocka_unit_test(test_pos_end),
		cmocka_unit_test(test_pos_bytes),
		cmocka_unit_test(test_pos_many_lines),
		cmocka_unit_test(test_from_mem),
		cmocka_unit_test(test_pos_chars),
		cmocka_unit_test(test_line),
		cmocka_unit_test_setup_teardown(test_read_missing, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_directory, setup_tmp,
						teardown_tmp),
		cmocka_unit_test(test_read_proc),
		cmocka_unit_test_setup_teardown(test_read_optional, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_size_cap, setup_tmp,
						teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_contents, setup_tmp,
						teardown_tmp),
	};

	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
