/*
 * The engine: lints one document with a rule set.
 */
#ifndef CONNLINT_LINT_H
#define CONNLINT_LINT_H

#include "diag.h"
#include "doc.h"

struct ruleset;
struct source;

struct lint_opts {
	unsigned max_depth;	/* containers nested deeper: a syntax error */
};

#define LINT_OPTS_INIT { DOC_MAX_DEPTH_DEFAULT }

/*
 * Loads src and runs every rule of rs that is not off over it.  Findings
 * go into out with their rule's id and severity, sorted by position.
 */
void lint_source(const struct ruleset *rs, struct source *src,
		 const struct lint_opts *opts, struct diag_list *out);

/* Runs the rules of rs over the loaded document d (d->ok), into out. */
void lint_doc(const struct ruleset *rs, struct doc *d, struct diag_list *out);

#endif
