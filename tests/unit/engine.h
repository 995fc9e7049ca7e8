/*
 * What the tests that run rules through the engine share: a rule set, a
 * linted document and its diagnostics.
 *
 * Rule files, documents, needles and expected messages are written with
 * ` where JSON has ", so that JSON reads well inside C strings; none of
 * these tests needs a real backquote.
 */
#ifndef CONNLINT_TEST_ENGINE_H
#define CONNLINT_TEST_ENGINE_H

#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "lint.h"
#include "rule.h"
#include "source.h"

struct fx {
	struct ruleset rs;
	struct diag_list out;
	char *doc;		/* the document last linted */
};

static inline char *
unquote(const char *s)
{
	size_t len = strlen(s);
	char *t = malloc(len + 1);

	assert_non_null(t);
	for (size_t k = 0; k <= len; k++)
		t[k] = s[k] == '`' ? '"' : s[k];
	return t;
}

static inline int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	ruleset_init(&f->rs);
	diag_list_init(&f->out);
	*state = f;
	return 0;
}

static inline int
fx_teardown(void **state)
{
	struct fx *f = *state;

	diag_list_release(&f->out);
	ruleset_release(&f->rs);
	free(f->doc);
	free(f);
	return 0;
}

static inline void
fx_dump(const struct diag_list *l)
{
	for (size_t k = 0; k < l->n; k++)
		print_message("  [%zu] %s %s %zu-%zu: %s\n", k,
			      l->v[k].rule ? l->v[k].rule : "(none)",
			      severity_name(l->v[k].sev), l->v[k].off,
			      l->v[k].end, l->v[k].msg);
}

/* Adds the rule file text, which must load. */
static inline void
fx_add_file(struct fx *f, const char *text)
{
	char *t = unquote(text);
	struct source *src = source_from_mem("test-rule.json", t, strlen(t));
	struct diag_list errs = DIAG_LIST_INIT;
	int rc = ruleset_add(&f->rs, src, &errs);

	if (rc != 0 || errs.n != 0) {
		print_message("rule does not load: %s\n", t);
		fx_dump(&errs);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(errs.n, 0);
	diag_list_release(&errs);
	source_free(src);
	free(t);
}

/* Adds an error rule from its parts; message may be NULL. */
static inline void
fx_add(struct fx *f, const char *id, const char *given, const char *then,
       const char *message)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "{`id`:`%s`,`severity`:`error`,`summary`:`s`,"
		 "`description`:`d`,`given`:`%s`,`then`:%s", id, given, then);
	if (message != NULL)
		buf_addf(&b, ",`message`:`%s`", message);
	buf_addch(&b, '}');
	fx_add_file(f, b.s);
	buf_release(&b);
}

/*
 * Lints doc, as a file of that name, with the rules added so far,
 * replacing the last findings.
 */
static inline void
fx_lint_as(struct fx *f, const char *name, const char *doc)
{
	struct lint_opts opts = LINT_OPTS_INIT;
	struct source *src;

	free(f->doc);
	f->doc = unquote(doc);
	diag_list_release(&f->out);
	src = source_from_mem(name, f->doc, strlen(f->doc));
	lint_source(&f->rs, src, &opts, &f->out);
	source_free(src);
}

/*
 * Lints doc as a file outside the flow CLI's layout (layout.h): a name
 * other than connection.json, so that no finding depends on the folder
 * the tests run in.
 */
static inline void
fx_lint(struct fx *f, const char *doc)
{
	fx_lint_as(f, "test-doc.json", doc);
}

static inline void
fx_count(const struct fx *f, size_t n)
{
	if (f->out.n != n) {
		print_message("%zu diagnostics, not %zu, for %s\n", f->out.n,
			      n, f->doc);
		fx_dump(&f->out);
	}
	assert_int_equal(f->out.n, n);
}

/*
 * The range that needle marks in the document: needle occurs exactly once
 * (without its marks); a '^' in it marks where the range starts, else it
 * starts with needle, and a '|' where it ends, else it ends with needle.
 */
static inline void
fx_range(const struct fx *f, const char *needle, size_t *off, size_t *end)
{
	char *n = unquote(needle);
	size_t start = 0, stop = strlen(n), w = 0, len;
	const char *hit;

	for (size_t r = 0; n[r] != '\0'; r++) {
		if (n[r] == '^')
			start = w;
		else if (n[r] == '|')
			stop = w;
		else
			n[w++] = n[r];
	}
	n[w] = '\0';
	len = w;
	if (stop > len)
		stop = len;
	hit = strstr(f->doc, n);
	if (hit == NULL || (*hit != '\0' && strstr(hit + 1, n) != NULL))
		print_message("needle %s is not once in %s\n", n, f->doc);
	assert_non_null(hit);
	if (*hit != '\0')
		assert_null(strstr(hit + 1, n));
	*off = (size_t)(hit - f->doc) + start;
	*end = (size_t)(hit - f->doc) + stop;
	free(n);
}

/* Checks finding k: its rule, range and whole message. */
static inline void
fx_expect(const struct fx *f, size_t k, const char *rule, size_t off,
	  size_t end, const char *msg)
{
	char *m = unquote(msg);

	if (k >= f->out.n || strcmp(f->out.v[k].rule, rule) != 0 ||
	    f->out.v[k].off != off || f->out.v[k].end != end ||
	    strcmp(f->out.v[k].msg, m) != 0) {
		print_message("want [%zu] %s %zu-%zu: %s\n", k, rule, off,
			      end, m);
		fx_dump(&f->out);
	}
	assert_true(k < f->out.n);
	assert_string_equal(f->out.v[k].rule, rule);
	assert_int_equal(f->out.v[k].off, off);
	assert_int_equal(f->out.v[k].end, end);
	assert_string_equal(f->out.v[k].msg, m);
	free(m);
}

/* Checks finding k, at the range that needle marks. */
static inline void
fx_expect_at(const struct fx *f, size_t k, const char *rule,
	     const char *needle, const char *msg)
{
	size_t off, end;

	fx_range(f, needle, &off, &end);
	fx_expect(f, k, rule, off, end, msg);
}

#endif
