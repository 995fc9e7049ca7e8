/*
 * Check functions: what a rule asserts about each node it selects.
 *
 * A rule's "then" names a function and, optionally, a field: the member
 * of the selected node to check ("@key" checks the member names of the
 * selected object instead).  Only "defined" sees a missing field; the
 * others pass when there is nothing to check.
 *
 * The functions marked core are done in code: by the loader (syntax,
 * repeated keys, byte order mark), or by the index.js checks (indexjs.h);
 * a rule that names one gives their findings its id and severity.
 */
#ifndef CONNLINT_CHECK_H
#define CONNLINT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;
struct check;
struct doc;
struct json_object;

enum check_result {
	CHECK_PASS,
	CHECK_FAIL,
	CHECK_LIMIT,		/* a pattern's work limit was hit: undecided;
				   "expected" then says why */
};

/* What is checked: a value, a member name, or a member that is missing. */
struct target {
	uint32_t node;		/* the value's node, or NODE_NONE if missing */
	bool is_key;		/* check node's key, not its value */
	uint32_t owner;		/* the selected node, whose field it is */
	uint32_t after;		/* for a check that reports each element:
				   look only at elements past this node (0,
				   the root, is before them all) */
};

/*
 * A check may narrow *t to a part of the value, such as the element of
 * an array that fails, so that the finding points at it.  A check that
 * reports each element (check_def.each) narrows to the first failing
 * element past t->after; the engine then calls it again, past that one.
 */
typedef enum check_result check_fn(const struct check *c, struct doc *d,
				   struct target *t, struct buf *expected);

/*
 * What a rule looks at: what its findings are in, and what its examples
 * show.  Every function but the index.js ones looks at the document.
 */
enum check_subject {
	SUBJECT_DOCUMENT,	/* connection.json's text */
	SUBJECT_INDEX_JS,	/* the text of the index.js beside it */
	SUBJECT_FOLDER,		/* their folder: an example lists its files */
};

struct check_def {
	const char *name;
	check_fn *run;		/* NULL for core functions */
	unsigned options;	/* the options it takes: 1 << enum option */
	unsigned required;	/* the options it needs, all of them */
	unsigned one_of;	/* the options it needs at least one of */
	bool sees_missing;	/* runs when the field is missing, too */
	bool each;		/* reports each failing element, not the
				   first only: see check_fn */
	const char *summary;
	enum check_subject subject;
};

struct regex;

/* A string of "values", borrowed from the values array. */
struct strref {
	const char *s;
	size_t len;
};

struct check {
	const struct check_def *def;	/* NULL for a condition (rule.h) */
	char *field;		/* owned: NULL for the selected node itself */
	size_t field_len;
	uint64_t field_bit;	/* doc_key_bit(field), for doc_member_bit() */
	char *message;		/* owned: NULL for the rule's message */
	struct json_object *values;	/* owned ref: "values" (an array) */
	char *values_text;	/* owned: the values, as messages show them */
	struct strref *strings;	/* owned: the string values, sorted */
	size_t nstrings;
	unsigned types;		/* "types": 1 << enum type_name */
	struct regex *match, *not_match;	/* owned */
	size_t min, max;	/* "min", "max" */
	char *in;		/* owned: "in", a member name */
	char *than;		/* owned: "than", a member name */
	char *member;		/* owned: "member", a member name */
	char *instead;		/* owned: "instead", a member name */
	char *beside;		/* owned: "beside", a member name */
	unsigned given;		/* the options that were given */
	unsigned shared;	/* a condition tested by other rules of its
				 * ruleset too: its number there, from 1;
				 * else 0 (rule.h) */
};

enum option {
	OPT_VALUES,
	OPT_TYPES,
	OPT_MATCH,
	OPT_NOT_MATCH,
	OPT_MIN,
	OPT_MAX,
	OPT_IN,
	OPT_THAN,
	OPT_MEMBER,
	OPT_INSTEAD,
	OPT_BESIDE,
	OPT__COUNT,
};

/* The check function called name, or NULL. */
const struct check_def *check_find(const char *name);
/* The list of all of them, for documentation. */
const struct check_def *check_defs(size_t *n);
/* The option called name, or -1. */
int option_find(const char *name);
const char *option_name(enum option opt);
/*
 * Sets option opt of c from node value in d.  Returns -1 with *err (the
 * caller's) when the value does not fit, and *err_node the node to blame.
 */
int check_set_option(struct check *c, enum option opt, struct doc *d,
		     uint32_t value, char **err, uint32_t *err_node);
void check_release(struct check *c);
/* Frees what option opt of c holds, for a copy of c that set only some. */
void check_release_option(struct check *c, enum option opt);

/*
 * Does the condition c (a check with no function: "values", "match" and
 * "notMatch", as a rule's "when" and "unless" have them; rule.h) hold for
 * the value at t?  CHECK_PASS: it holds; CHECK_FAIL: it does not;
 * CHECK_LIMIT: a pattern could not decide, and why (the caller's) says so.
 */
enum check_result check_condition(const struct check *c, struct doc *d,
				  struct target *t, struct buf *why);
/* Do conditions a and b test the same field the same way? */
bool check_same_condition(const struct check *a, const struct check *b);

/* "a string", "an object", "null" ...: for messages. */
const char *jtype_phrase(int jtype);

#endif
