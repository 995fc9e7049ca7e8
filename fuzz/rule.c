/*
 * Fuzz target: the rule-file loader (ruleset_add on bytes from
 * source_from_mem), into a rule set that already holds the built-in
 * rules, so that repeated ids and core functions are reached; then a rule
 * that loads is run: over its own examples and over a few documents.
 *
 * Beyond not crashing:
 *   - a file that does not load adds no rule and says why: at least one
 *     error, each inside the file, with no rule id;
 *   - one that loads adds exactly one rule, with no error: a kebab-case
 *     id not used before, summary, description, checks, and a selector
 *     and a message for every check unless it is a core rule;
 *   - its findings point inside the document they are about, and a check
 *     that could not decide (a pattern's work limit) says so, as an error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "invariants.h"
#include "lint.h"
#include "rule.h"
#include "source.h"
#include "xalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset builtins;

/* Documents a new rule also runs over: both shapes, and a long value. */
static const char *const documents[] = {
	"{ \"type\": \"object\", \"title\": \"Acme\", \"format\": \"table\",\n"
	"  \"properties\": { \"user_name\": { \"type\": \"string\",\n"
	"    \"title\": \"User\", \"description\": \"who\" },\n"
	"    \"Port\": { \"type\": [\"integer\", \"null\"], \"title\": 7 } } }\n",
	"{ \"name\": \"acme\", \"version\": \"1.0.0\", \"input\": {\n"
	"  \"type\": \"object\", \"title\": \"acme:title\",\n"
	"  \"properties\": { \"a\": { \"properties\": { \"b\": {} } } } },\n"
	"  \"output\": { \"type\": \"object\" } }\n",
	"{ \"title\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\",\n"
	"  \"properties\": { \"x\": { \"title\": \"\\u00e9\\ud83d\\ude00\" } } }\n",
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	(void)argc;
	(void)argv;
	ruleset_init(&builtins);
	if (ruleset_add_builtin(&builtins, &err) < 0) {
		fprintf(stderr, "the built-in rules do not load: %s\n", err);
		abort();
	}
	return 0;
}

static bool
kebab(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      (*s == '-' && s[1] != '-' && s[1] != '\0')))
			return false;
	return true;
}

static void
check_rule(const struct rule *r)
{
	FUZZ_CHECK(r->id != NULL && kebab(r->id), "the id is not kebab-case");
	FUZZ_CHECK(ruleset_find(&builtins, r->id) == NULL,
		   "rule %s is added twice", r->id);
	FUZZ_CHECK(r->summary != NULL && r->description != NULL,
		   "rule %s has no summary or description", r->id);
	FUZZ_CHECK(r->severity <= SEV_ERROR, "rule %s: severity %d", r->id,
		   (int)r->severity);
	FUZZ_CHECK(r->nthen > 0 && r->then != NULL, "rule %s has no checks",
		   r->id);
	/* Every core function is the built-ins' already. */
	FUZZ_CHECK(r->core == NULL, "rule %s takes core function %s again",
		   r->id, r->core);
	FUZZ_CHECK(r->given != NULL, "rule %s has no selector", r->id);
	for (size_t k = 0; k < r->nthen; k++) {
		FUZZ_CHECK(r->then[k].def != NULL && r->then[k].def->run != NULL,
			   "rule %s: check %zu has no function", r->id, k);
		FUZZ_CHECK(r->message != NULL || r->then[k].message != NULL,
			   "rule %s: check %zu has no message", r->id, k);
		if (r->then[k].given & 1u << OPT_MIN &&
		    r->then[k].given & 1u << OPT_MAX)
			FUZZ_CHECK(r->then[k].min <= r->then[k].max,
				   "rule %s: min > max", r->id);
	}
	for (size_t k = 0; k < r->ntags; k++)
		FUZZ_CHECK(kebab(r->tags[k]), "rule %s: tag is not kebab-case",
			   r->id);
}

/* Lints text, as a file called name, with the new rule and the core rules. */
static void
run_rule(const struct rule *r, const char *name, const char *text)
{
	struct lint_rule *rules = calloc(builtins.n + 1, sizeof(*rules));
	size_t n = 0;
	struct lint_opts opts = LINT_OPTS_INIT;
	struct diag_list out = DIAG_LIST_INIT;
	struct source *src = source_from_mem(name, text, strlen(text));

	for (size_t k = 0; k < builtins.n; k++)
		if (builtins.v[k]->core != NULL) {
			rules[n].rule = builtins.v[k];
			rules[n].sev = builtins.v[k]->severity;
			rules[n].then = builtins.v[k]->then;
			n++;
		}
	FUZZ_CHECK(rules != NULL, "out of memory");
	/* As a note: only an undecided check, or the end of findings past
	 * their budget, may make it an error. */
	rules[n].rule = r;
	rules[n].sev = SEV_NOTE;
	rules[n].then = r->then;
	n++;
	lint_run(rules, n, src, &opts, &out);
	fuzz_check_diags(&out, src, true);
	for (size_t k = 0; k < out.n; k++)
		if (out.v[k].rule == r->id)
			FUZZ_CHECK(out.v[k].sev == SEV_NOTE ||
				   (out.v[k].sev == SEV_ERROR &&
				    (strncmp(out.v[k].msg, "the value was not "
					     "checked: ", 27) == 0 ||
				     strncmp(out.v[k].msg, "connlint stopped",
					     16) == 0)),
				   "rule %s: a finding at severity %d: %s",
				   r->id, (int)out.v[k].sev, out.v[k].msg);
	diag_list_release(&out);
	source_free(src);
	free(rules);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src = source_from_mem("fuzz-rule.json", data, size);
	struct diag_list errs = DIAG_LIST_INIT;
	struct ruleset rs, added;
	int rc;

	/* The built-ins, borrowed: only what is added is freed here. */
	ruleset_init(&rs);
	rs.v = xmalloc(builtins.n * sizeof(*rs.v));
	memcpy(rs.v, builtins.v, builtins.n * sizeof(*rs.v));
	rs.n = rs.alloc = builtins.n;
	rc = ruleset_add(&rs, src, &errs);
	fuzz_check_diags(&errs, src, false);
	for (size_t k = 0; k < errs.n; k++)
		FUZZ_CHECK(errs.v[k].rule == NULL, "a load error has rule id "
			   "%s", errs.v[k].rule);
	if (rc < 0) {
		FUZZ_CHECK(errs.n > 0, "the rule did not load, and no reason");
		FUZZ_CHECK(rs.n == builtins.n, "a rule that failed was added");
	} else {
		const struct rule *r;

		FUZZ_CHECK(errs.n == 0, "the rule loaded, with %zu errors: %s",
			   errs.n, errs.v[0].msg);
		FUZZ_CHECK(rs.n == builtins.n + 1, "%zu rules added",
			   rs.n - builtins.n);
		r = rs.v[builtins.n];
		check_rule(r);
		for (int good = 0; good <= 1; good++) {
			char *text = rule_example(r, good);

			if (text != NULL)
				run_rule(r, r->example_file ?
					 r->example_file : "doc.json", text);
			free(text);
		}
		for (size_t k = 0; k < sizeof(documents) / sizeof(*documents);
		     k++)
			run_rule(r, "doc.json", documents[k]);
	}
	ruleset_init(&added);
	if (rs.n > builtins.n) {
		added.n = added.alloc = rs.n - builtins.n;
		added.v = xmalloc(added.n * sizeof(*added.v));
		memcpy(added.v, rs.v + builtins.n, added.n * sizeof(*added.v));
	}
	ruleset_release(&added);
	free(rs.v);
	diag_list_release(&errs);
	source_free(src);
	return 0;
}
