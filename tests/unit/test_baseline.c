/*
 * Baselines: matching by key and count, paths, and a written baseline
 * reading back the same.  The CLI flow is in tests/baseline.sh.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "xalloc.h"

static void
add(struct diag_list *l, const char *rule, const char *pointer,
    const char *msg)
{
	struct diag *d = diag_add(l, rule, SEV_ERROR, 0, 1, xstrdup(msg));

	d->pointer = pointer != NULL ? xstrdup(pointer) : NULL;
}

/* Writes b to a temporary file and loads it into out. */
static void
round_trip(struct baseline *b, struct baseline *out)
{
	char path[] = "/tmp/connlint-baseline-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	char *err = NULL;

	assert_non_null(fp);
	baseline_write(b, fp);
	fclose(fp);
	baseline_init(out);
	if (baseline_load(out, path, 1 << 20, &err) < 0)
		fail_msg("%s", err);
	unlink(path);
}

static void
test_match_and_count(void **state)
{
	struct baseline rec, b;
	struct diag_list l = DIAG_LIST_INIT;

	(void)state;
	baseline_init(&rec);
	add(&l, "r1", "/a", "m");
	add(&l, "r1", "/a", "m");	/* the same finding twice */
	add(&l, "r2", NULL, "syntax");
	baseline_add(&rec, "./dir//f.json", &l);
	diag_list_release(&l);
	round_trip(&rec, &b);
	assert_int_equal(b.n, 2);
	assert_int_equal(baseline_count(&b), 3);
	assert_string_equal(b.v[0].file, "dir/f.json");

	/* three times now: two suppressed, one left; other keys stay */
	add(&l, "r1", "/a", "m");
	add(&l, "r1", "/a", "m");
	add(&l, "r1", "/a", "m");
	add(&l, "r1", "/b", "m");	/* another pointer */
	add(&l, "r1", "/a", "m2");	/* another message */
	add(&l, "r3", "/a", "m");	/* another rule */
	add(&l, "r2", NULL, "syntax");
	baseline_filter(&b, "dir/f.json", &l);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.count[SEV_ERROR], 4);
	assert_string_equal(l.v[0].pointer, "/a");
	assert_string_equal(l.v[1].pointer, "/b");
	assert_string_equal(l.v[2].msg, "m2");
	assert_string_equal(l.v[3].rule, "r3");
	diag_list_release(&l);
	/* nothing stale: every entry was found as often as recorded */
	assert_int_equal(baseline_report_stale(&b, "b", "note", stderr), 0);
	/* in another file, nothing matches */
	add(&l, "r1", "/a", "m");
	baseline_filter(&b, "dir/g.json", &l);
	assert_int_equal(l.n, 1);
	diag_list_release(&l);
	baseline_release(&b);
	baseline_release(&rec);
}

static void
test_stale(void **state)
{
	struct baseline rec, b;
	struct diag_list l = DIAG_LIST_INIT;
	FILE *out = tmpfile();
	char line[512] = "";

	(void)state;
	baseline_init(&rec);
	add(&l, "r1", "/a", "m");
	add(&l, "r1", "/a", "m");
	baseline_add(&rec, "d/x.json", &l);
	diag_list_release(&l);
	add(&l, "r1", "/\"q\"", "m");
	baseline_add(&rec, "e/y.json", &l);
	diag_list_release(&l);
	round_trip(&rec, &b);
	/* not looked at: not stale */
	assert_int_equal(baseline_report_stale(&b, "b", "note", out), 0);
	add(&l, "r1", "/a", "m");
	baseline_filter(&b, "d/x.json", &l);
	assert_int_equal(l.n, 0);
	diag_list_release(&l);
	assert_int_equal(baseline_report_stale(&b, "b.json", "note", out), 1);
	/* a walked directory covers the files below it, and no others */
	baseline_cover_dir(&b, "./d/");
	assert_int_equal(baseline_report_stale(&b, "b.json", "note", out), 1);
	baseline_cover_dir(&b, "e");
	assert_int_equal(baseline_report_stale(&b, "b.json", "error", out), 2);
	rewind(out);
	assert_non_null(fgets(line, sizeof(line), out));
	assert_string_equal(line, "connlint: b.json: note: stale entry: "
			    "d/x.json: r1 at \"/a\": recorded 2, found 1; "
			    "rewrite the baseline with --write-baseline\n");
	fclose(out);
	baseline_release(&b);
	baseline_release(&rec);
}

static void
test_cover_prefix(void **state)
{
	struct baseline rec, b;
	struct diag_list l = DIAG_LIST_INIT;
	FILE *sink = tmpfile();

	(void)state;
	baseline_init(&rec);
	add(&l, "r1", "/a", "m");
	baseline_add(&rec, "dir2/x.json", &l);
	baseline_add(&rec, "/abs/x.json", &l);
	diag_list_release(&l);
	round_trip(&rec, &b);
	/* "dir" is not a directory above "dir2/x.json" */
	baseline_cover_dir(&b, "dir");
	assert_int_equal(baseline_report_stale(&b, "b", "note", sink), 0);
	/* "." covers every relative path, not an absolute one */
	baseline_cover_dir(&b, ".");
	assert_int_equal(baseline_report_stale(&b, "b", "note", sink), 1);
	baseline_cover_dir(&b, "/");
	assert_int_equal(baseline_report_stale(&b, "b", "note", sink), 2);
	fclose(sink);
	baseline_release(&b);
	baseline_release(&rec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_and_count),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_cover_prefix),
	};

	return cmocka_run_group_tests_name("baseline", tests, NULL, NULL);
}
