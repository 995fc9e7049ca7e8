/*
 * The engine: lints one document with a rule set.
 */
#ifndef CONNLINT_LINT_H
#define CONNLINT_LINT_H

#include "diag.h"
#include "doc.h"

struct check;
struct rule;
struct ruleset;
struct source;

struct lint_opts {
	unsigned max_depth;	/* containers nested deeper: a syntax error */
};

#define LINT_OPTS_INIT { DOC_MAX_DEPTH_DEFAULT }

/*
 * A rule as one file sees it: the configuration may change its severity
 * (SEV_OFF: it does not run) and the options of its checks.
 */
struct lint_rule {
	const struct rule *rule;	/* borrowed */
	enum severity sev;
	const struct check *then;	/* borrowed: rule->then, or a variant */
};

/*
 * Loads src and runs rules[0..n) over it.  Findings go into out with
 * their rule's id and the severity given here, sorted by position.
 */
void lint_run(const struct lint_rule *rules, size_t n, struct source *src,
	      const struct lint_opts *opts, struct diag_list *out);

/*
 * The rule of rules[0..n) whose core function is core (LOAD_BOM ...):
 * it gives the findings done in code their id and severity.  NULL when
 * there is none; it may be off.
 */
const struct lint_rule *lint_find_core(const struct lint_rule *rules,
				       size_t n, const char *core);

/*
 * Checks a message template: returns NULL when every '{' starts one of
 * {key}, {field}, {value}, {type}, {expected}; else where the first bad
 * one is.
 */
const char *lint_template_error(const char *tmpl);

/* lint_run() with every rule of rs as it is defined. */
void lint_source(const struct ruleset *rs, struct source *src,
		 const struct lint_opts *opts, struct diag_list *out);

#endif
