/*
 * The companion index.js: "flow add connection" makes a folder with
 * connection.json and index.js, which exports connect and validate.  When
 * connlint lints a file named connection.json (the CLI's layout; a file
 * linted under another name, or standard input without --stdin-filename,
 * is judged on its contents alone), it checks the index.js beside it too:
 *
 *   index-js-exists          index.js is there: a finding in connection.json
 *   index-js-exports         it exports connect and validate
 *   index-js-validate-stub   its validate does not ignore its input and
 *                            always succeed
 *
 * Those are rules like the others, whose check functions (core ones, done
 * here) are named after them; they share the tag "index-js".  The findings
 * of the last two are in index.js, a file of their own, with no JSON
 * Pointer.  What index.js exports is found by patterns (jsexports.h).
 */
#ifndef CONNLINT_INDEXJS_H
#define CONNLINT_INDEXJS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct lint_rule;
struct source;

#define INDEXJS_FILE_NAME "index.js"

/* The core functions of the three rules. */
#define INDEXJS_EXISTS "index-js-exists"
#define INDEXJS_EXPORTS "index-js-exports"
#define INDEXJS_STUB "index-js-validate-stub"

/*
 * The path of the index.js beside name, a path as the user wrote it,
 * when name's last component is exactly connection.json: a new string,
 * the caller's.  Else NULL.
 */
char *indexjs_path(const char *name);

/* One connection.json's index.js: what checking it gave. */
struct indexjs {
	char *path;		/* owned: index.js's path, or NULL: not looked
				 * for (no rule on its text is on) */
	struct source *src;	/* owned: its text, or NULL: not read */
	struct diag_list diags;	/* its findings, sorted */
	char *error;		/* owned: why it could not be read, or NULL */
};

void indexjs_init(struct indexjs *js);
void indexjs_release(struct indexjs *js);

/*
 * Checks the index.js at path, beside the connection file conn.
 * conn_rules[0..nconn) are the rules as conn sees them: index-js-exists
 * adds its finding to conn_out (kept sorted).  js_rules[0..njs) are the
 * rules as index.js sees them: index.js is read (at most max bytes, a
 * regular file only) and linted only when a rule on its text is on.
 * Whatever cannot be read, other than a missing file, is js->error.
 */
void indexjs_check(struct indexjs *js, const char *path, size_t max,
		   const struct lint_rule *conn_rules, size_t nconn,
		   struct source *conn, struct diag_list *conn_out,
		   const struct lint_rule *js_rules, size_t njs);

/*
 * Lints src, an index.js's text, with the index.js rules of
 * rules[0..n): findings go into out, sorted.
 */
void indexjs_lint(const struct lint_rule *rules, size_t n,
		  struct source *src, struct diag_list *out);

#endif
