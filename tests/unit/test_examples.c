/*
 * Every built-in rule's examples are tests: the bad one must make the rule
 * fire, and the good one must be clean of every rule, so that the
 * examples users read in the docs are exemplary.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "rule.h"
#include "source.h"

static struct ruleset rules;

static size_t
count_rule(const struct diag_list *l, const char *id)
{
	size_t n = 0;

	for (size_t k = 0; k < l->n; k++)
		n += strcmp(l->v[k].rule, id) == 0;
	return n;
}

static void
lint_text(const char *name, const char *text, struct diag_list *out)
{
	struct source *src = source_from_mem(name, text, strlen(text));
	struct lint_opts opts = LINT_OPTS_INIT;

	lint_source(&rules, src, &opts, out);
	source_free(src);
}

static void
test_rule_examples(void **state)
{
	const struct rule *r = *state;
	struct diag_list bad = DIAG_LIST_INIT, good = DIAG_LIST_INIT;

	assert_non_null(r->example_bad);
	assert_non_null(r->example_good);
	lint_text("bad.json", r->example_bad, &bad);
	lint_text("good.json", r->example_good, &good);
	for (size_t k = 0; k < good.n; k++)
		print_message("good example of %s: %s [%s]\n", r->id,
			      good.v[k].msg, good.v[k].rule);
	assert_true(count_rule(&bad, r->id) >= 1);
	assert_int_equal(good.n, 0);
	diag_list_release(&bad);
	diag_list_release(&good);
}

int
main(void)
{
	struct CMUnitTest *tests;
	char *err = NULL;
	int failed;

	ruleset_init(&rules);
	if (ruleset_add_builtin(&rules, &err) < 0) {
		fprintf(stderr, "built-in rules do not load: %s\n", err);
		free(err);
		return 1;
	}
	tests = calloc(rules.n, sizeof(*tests));
	if (tests == NULL)
		return 1;
	for (size_t k = 0; k < rules.n; k++) {
		tests[k].name = rules.v[k]->id;
		tests[k].test_func = test_rule_examples;
		tests[k].initial_state = rules.v[k];
	}
	/* The group macro needs a static array; the rules are known at run. */
	failed = _cmocka_run_group_tests("examples", tests, rules.n, NULL,
					 NULL);
	free(tests);
	ruleset_release(&rules);
	return failed;
}
