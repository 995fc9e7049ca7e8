/*
 * Fuzz target: the whole lint of one document with the built-in rules
 * (lint_source), then every output format.  Beyond not crashing:
 *   - the findings point inside the input, are sorted, have messages of
 *     valid UTF-8 and well-formed JSON Pointers, and each names a built-in
 *     rule at its default severity;
 *   - a document that is not JSON gets exactly one json-syntax finding
 *     (and json-bom, if it has a byte order mark), and nothing else;
 *   - every format writes what it promises (fuzz_check_emitters).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "invariants.h"
#include "lint.h"
#include "rule.h"
#include "source.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset rules;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	(void)argc;
	(void)argv;
	ruleset_init(&rules);
	if (ruleset_add_builtin(&rules, &err) < 0) {
		fprintf(stderr, "the built-in rules do not load: %s\n", err);
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lint_opts opts = LINT_OPTS_INIT;
	struct source *src = source_from_mem("fuzz/connection.json", data,
					     size);
	struct diag_list out = DIAG_LIST_INIT;
	size_t syntax = 0;

	lint_source(&rules, src, &opts, &out);
	fuzz_check_diags(&out, src, true);
	for (size_t k = 0; k < out.n; k++) {
		const struct diag *d = &out.v[k];
		const struct rule *r = d->rule ? ruleset_find(&rules, d->rule) :
		    NULL;

		FUZZ_CHECK(r != NULL, "finding %zu names no rule", k);
		/* Undecided values, and the end of a file's findings past
		 * their budget, are errors whatever the rule's severity. */
		FUZZ_CHECK(d->sev == r->severity || strstr(d->msg, "not "
			   "checked") != NULL || strncmp(d->msg, "connlint "
			   "stopped", 16) == 0, "finding %zu: rule %s at "
			   "severity %d, not its default", k, d->rule, d->sev);
		if (r->core != NULL && strcmp(r->core, "syntax") == 0)
			syntax++;
		else
			FUZZ_CHECK(d->pointer != NULL || (r->core != NULL &&
				   strcmp(r->core, "bom") == 0),
				   "finding %zu (%s) has no pointer", k,
				   d->rule);
	}
	FUZZ_CHECK(syntax <= 1, "%zu syntax findings", syntax);
	if (syntax == 1)
		for (size_t k = 0; k < out.n; k++)
			FUZZ_CHECK(strcmp(out.v[k].rule, "json-syntax") == 0 ||
				   strcmp(out.v[k].rule, "json-bom") == 0,
				   "a file that is not JSON has a %s finding",
				   out.v[k].rule);
	if (src->bom)
		FUZZ_CHECK(out.n > 0 && strcmp(out.v[0].rule, "json-bom") == 0,
			   "a byte order mark is not reported first");
	fuzz_check_emitters(src, &out, &rules);
	diag_list_release(&out);
	source_free(src);
	return 0;
}
