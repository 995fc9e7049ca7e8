/*
 * Emitters: how diagnostics are written, one per --format.
 *
 *   gcc         path:line:col: severity: message [rule-id]   (one line each)
 *   pretty      the gcc line, the source line with the range underlined,
 *               and a closing count line; ANSI colours when asked for
 *   json        one document: every diagnostic, with ranges, offsets and
 *               JSON Pointers, and a summary
 *   jsonl       json's diagnostics, one compact object a line
 *   sarif       SARIF 2.1.0, as GitHub code scanning reads it
 *   github      GitHub Actions workflow commands (::error file=...::msg)
 *   checkstyle  Checkstyle XML, as reviewdog and Jenkins read it
 *   junit       JUnit XML: a test case per file, a failure per diagnostic
 *
 * An emitter is called once per linted file, in the order the files are
 * linted, with that file's diagnostics sorted by position.  Only pretty
 * ever writes an ANSI escape, and only when opts.color says so.
 */
#ifndef CONNLINT_EMIT_H
#define CONNLINT_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"

struct emitter;
struct json_object;
struct ruleset;
struct source;

struct emit_opts {
	const struct ruleset *rules;	/* borrowed: sarif lists those on */
	bool color;			/* pretty: ANSI colours */
	bool quiet;			/* pretty: no closing count line */
};

struct emit {
	FILE *out;			/* borrowed */
	const struct emitter *fmt;	/* borrowed: static */
	struct emit_opts opts;
	struct json_object *items;	/* owned: json's and sarif's results */
	struct buf text;		/* owned: junit's test cases */
	size_t files;
	size_t failed_files;		/* files with a diagnostic */
	size_t count[SEV_ERROR + 1];
};

/*
 * Writes s with each control character as '?', so that a file name or a
 * message can never break a line or fake one.
 */
void emit_clean(FILE *out, const char *s);

/* The emitter called name ("gcc", "json", ...), or NULL. */
const struct emitter *emitter_find(const char *name);
/* "gcc, pretty, json, ...": the names, for help and errors. */
const char *emitter_names(void);

enum color_mode {
	COLOR_AUTO,
	COLOR_ALWAYS,
	COLOR_NEVER,
};

/* Sets *mode from "auto", "always" or "never"; -1 for anything else. */
int color_mode_parse(const char *name, enum color_mode *mode);
/*
 * Whether to colour what goes to fd: always, never, or (auto) when
 * NO_COLOR is unset or empty and either FORCE_COLOR is set and not empty
 * or fd is a terminal whose TERM is not "dumb".
 */
bool color_wanted(enum color_mode mode, int fd);

/* opts may be NULL: no rules listed, no colour. */
void emit_init(struct emit *e, const struct emitter *fmt, FILE *out,
	       const struct emit_opts *opts);
/* Writes src's diagnostics; src's line map is built if needed. */
void emit_file(struct emit *e, struct source *src, const struct diag_list *l);
/* Finishes the output and releases e; -1 if writing failed. */
int emit_finish(struct emit *e);

#endif
