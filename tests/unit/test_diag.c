/*
 * Diagnostic lists: severities, what diag_add keeps, and a stable sort.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

static void
test_severity_names(void **state)
{
	static const struct {
		const char *name;
		enum severity sev;
	} names[] = {
		{ "off", SEV_OFF }, { "note", SEV_NOTE },
		{ "warning", SEV_WARNING }, { "error", SEV_ERROR },
	};
	enum severity sev;

	(void)state;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		sev = SEV_OFF;
		assert_string_equal(severity_name(names[k].sev),
				    names[k].name);
		assert_int_equal(severity_parse(names[k].name, &sev), 0);
		assert_int_equal(sev, names[k].sev);
	}
	sev = SEV_NOTE;
	assert_int_equal(severity_parse("Error", &sev), -1);
	assert_int_equal(severity_parse("warn", &sev), -1);
	assert_int_equal(severity_parse("", &sev), -1);
	/* a failed parse leaves the old value */
	assert_int_equal(sev, SEV_NOTE);
}

static void
test_add(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;
	struct diag *d;

	(void)state;
	d = diag_add(&l, "rule-a", SEV_WARNING, 10, 14, xstrdup("first"));
	d->pointer = xstrdup("/a");
	d->note = xstrdup("here");
	d->note_off = 2;
	d->note_end = 3;
	/* an end before the start is an empty range at the start */
	d = diag_add(&l, NULL, SEV_ERROR, 20, 5, xstrdup("second"));
	assert_int_equal(d->off, 20);
	assert_int_equal(d->end, 20);
	assert_null(d->rule);
	assert_null(d->pointer);
	assert_null(d->note);
	diag_add(&l, "rule-a", SEV_WARNING, 0, 0, xstrdup("third"));
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].rule, "rule-a");
	assert_int_equal(l.v[0].sev, SEV_WARNING);
	assert_int_equal(l.v[0].off, 10);
	assert_int_equal(l.v[0].end, 14);
	assert_string_equal(l.v[0].msg, "first");
	assert_string_equal(l.v[0].pointer, "/a");
	assert_int_equal(l.v[1].seq, 1);
	assert_int_equal(l.v[2].seq, 2);
	assert_int_equal(l.count[SEV_WARNING], 2);
	assert_int_equal(l.count[SEV_ERROR], 1);
	assert_int_equal(l.count[SEV_NOTE], 0);
	diag_list_release(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
	assert_int_equal(l.count[SEV_WARNING], 0);
}

static void
test_sort_stable(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;
	enum { N = 200 };

	(void)state;
	for (size_t k = 0; k < N; k++) {
		char msg[16];
		size_t off = (k * 7919) % 13;

		snprintf(msg, sizeof(msg), "%zu", k);
		diag_add(&l, "r", SEV_NOTE, off, off + 1, xstrdup(msg));
	}
	diag_list_sort(&l);
	assert_int_equal(l.n, N);
	for (size_t k = 1; k < N; k++) {
		const struct diag *a = &l.v[k - 1], *b = &l.v[k];

		assert_true(a->off <= b->off);
		/* equal offsets stay in the order they were added */
		if (a->off == b->off)
			assert_true(atoi(a->msg) < atoi(b->msg));
		/* and seq is the position now */
		assert_int_equal(b->seq, k);
	}
	assert_int_equal(l.v[0].off, 0);
	assert_int_equal(l.v[0].seq, 0);
	assert_int_equal(l.v[N - 1].off, 12);
	/* one added after the sort comes after those at its offset */
	diag_add(&l, "r", SEV_NOTE, 0, 1, xstrdup("late"));
	diag_list_sort(&l);
	for (size_t k = 0; k + 1 < l.n && l.v[k + 1].off == 0; k++)
		assert_string_not_equal(l.v[k].msg, "late");
	diag_list_release(&l);
}

/* A seq the adder sets orders findings at one offset. */
static void
test_sort_by_set_seq(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;

	(void)state;
	diag_add(&l, "b", SEV_NOTE, 5, 6, xstrdup("second"))->seq = 2;
	diag_add(&l, "a", SEV_NOTE, 5, 6, xstrdup("first"))->seq = 1;
	diag_add(&l, "c", SEV_NOTE, 1, 2, xstrdup("before"))->seq = 9;
	diag_list_sort(&l);
	assert_string_equal(l.v[0].msg, "before");
	assert_string_equal(l.v[1].msg, "first");
	assert_string_equal(l.v[2].msg, "second");
	diag_list_release(&l);
}

/* A note counts towards the findings' budget, as its message does. */
static void
test_note_counted(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;
	struct diag *d;
	size_t before;

	(void)state;
	d = diag_add(&l, "r", SEV_ERROR, 3, 4, xstrdup("message"));
	before = l.bytes;
	diag_set_note(&l, d, xstrdup("the first one is here"), 1, 2);
	assert_int_equal(l.bytes, before + sizeof("the first one is here"));
	assert_string_equal(d->note, "the first one is here");
	assert_int_equal(d->note_off, 1);
	assert_int_equal(d->note_end, 2);
	diag_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_sort_stable),
		cmocka_unit_test(test_sort_by_set_seq),
		cmocka_unit_test(test_note_counted),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
