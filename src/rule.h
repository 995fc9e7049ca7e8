/*
 * Rules: one JSON file each, built-in or a user's, in the same format.
 *
 *   {
 *     "id": "property-description",          stable, kebab-case
 *     "severity": "error",                   error, warning, note or off
 *     "tags": ["contract"],
 *     "summary": "...", "description": "...",
 *     "given": "$fields",                    a selector (selector.h)
 *     "when": [ { "field": "@key", "match": "(?i)password$" } ],
 *     "unless": [ { "field": "type", "values": ["boolean"] } ],
 *     "then": { "function": "defined", "field": "description" },
 *     "message": "property \"{key}\" has no \"description\"",
 *     "examples": { "bad": {...}, "good": {...} }
 *   }
 *
 * "when" and "unless" narrow the selected nodes: the rule runs on a node
 * when one of the "when" conditions holds (or there is no "when") and
 * none of the "unless" ones does.  A condition is an object with an
 * optional "field" (a member of the selected node; "@key" is the node's
 * own member name, as {key} shows it; none: the node itself) and any of
 * the options "values" (the field is one of them, as JSON), "match" and
 * "notMatch" (it is a string that matches, that does not match): a check
 * without a function, whose parts must all hold.  A missing field, or a
 * node with no member name, fails every condition.  A pattern that cannot
 * decide is reported, as a check's is, and the rule does not run there.
 *
 * "examples" may also name the "file" its examples are linted as, such
 * as "acme-apikey/v1/connection.json", for a rule about where a file
 * sits (layout.h).
 *
 * "then" may be an array of checks, each with its own "message".  A
 * message may use {key} (the selected member's name), {field}, {value}
 * (the checked value as JSON), {type} ("a string", "an array" ...) and
 * {expected} (what the check wanted).  A rule whose function is a core
 * one ("syntax", "duplicate-keys", "bom") has no "given" and no message:
 * the loader writes those.
 *
 * Loading validates a file strictly: an unknown key, a wrong type, a
 * selector that does not parse, a pattern that does not compile, a
 * condition that tests nothing, an unknown placeholder or a repeated id
 * is an error at its own position.
 */
#ifndef CONNLINT_RULE_H
#define CONNLINT_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct check;
struct selector;
struct source;

/*
 * An example as its rule file holds it.  Loading copies it, and
 * rule_example() prints it when asked: pretty-printing every built-in
 * rule's examples at start-up took 1.27 million of the 7.14 million
 * instructions of a run on one small file (5.62 million without), for
 * text that only --explain, SARIF's rule help and the manual show.
 */
struct example_src {
	char *bytes;		/* owned: len bytes, then a NUL; NULL: none */
	size_t len;
	bool json;		/* bytes are the JSON value's text, as in the
				   rule file; else the decoded string's */
};

struct rule {
	char *id;
	enum severity severity;
	char **tags;
	size_t ntags;
	char *summary;
	char *description;
	struct selector *given;	/* NULL for a core rule */
	unsigned given_id;	/* rules of a ruleset with the same "given"
				 * share it, from 1; 0 for a core rule */
	struct check *when;	/* conditions (def NULL), any of which holds */
	size_t nwhen;
	struct check *unless;	/* conditions none of which holds */
	size_t nunless;
	struct check *then;
	size_t nthen;
	char *message;		/* NULL for a core rule */
	const char *core;	/* the loader finding it names, or NULL */
	char *origin;		/* the file it came from */
	struct example_src example_bad;	/* read them with rule_example() */
	struct example_src example_good;
	char *example_file;	/* the path both are linted as, or NULL:
				   judged on their contents alone */
};

struct ruleset {
	struct rule **v;	/* owned, each */
	size_t n, alloc;
	unsigned nshared;	/* conditions shared by rules: check.h */
	unsigned ngiven;	/* distinct "given" selectors */
};

void ruleset_init(struct ruleset *rs);
void ruleset_release(struct ruleset *rs);

/*
 * Adds the rule that src holds.  Problems go into errs, as diagnostics
 * against src with no rule id.  Returns 0, or -1 when the rule was not
 * added.
 */
int ruleset_add(struct ruleset *rs, struct source *src, struct diag_list *errs);

/*
 * Adds the rules compiled into connlint.  They are tested, so failing here
 * is a bug: -1, with *err (the caller's) saying where, as file:line:col.
 */
int ruleset_add_builtin(struct ruleset *rs, char **err);

/* What rule r looks at (SUBJECT_DOCUMENT ...: enum check_subject). */
int rule_subject(const struct rule *r);

/*
 * Rule r's bad example (good: its good one) as a document's text: a
 * string example as it is, any other value pretty-printed as JSON.  A new
 * string, the caller's to free; NULL when the rule has no such example.
 * It is made anew on each call, so rules stay read-only for the threads
 * that share them.
 */
char *rule_example(const struct rule *r, bool good);

const struct rule *ruleset_find(const struct ruleset *rs, const char *id);
/* The rule that gives the loader's finding called core its id. */
const struct rule *ruleset_core(const struct ruleset *rs, const char *core);

#endif
