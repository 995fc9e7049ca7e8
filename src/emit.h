/*
 * Emitters: how diagnostics are written, one per --format.
 *
 *   gcc   path:line:col: severity: message [rule-id]   (one line each)
 *   json  one document: every diagnostic, with ranges, offsets and JSON
 *         Pointers, and a summary
 *
 * An emitter is called once per linted file, in the order the files are
 * linted, with that file's diagnostics sorted by position.
 */
#ifndef CONNLINT_EMIT_H
#define CONNLINT_EMIT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct emitter;
struct json_object;
struct source;

struct emit {
	FILE *out;			/* borrowed */
	const struct emitter *fmt;	/* borrowed: static */
	struct json_object *items;	/* owned: json's diagnostics */
	size_t files;
	size_t count[SEV_ERROR + 1];
};

/*
 * Writes s with each control character as '?', so that a file name or a
 * message can never break a line or fake one.
 */
void emit_clean(FILE *out, const char *s);

/* The emitter called name ("gcc", "json"), or NULL. */
const struct emitter *emitter_find(const char *name);

void emit_init(struct emit *e, const struct emitter *fmt, FILE *out);
/* Writes src's diagnostics; src's line map is built if needed. */
void emit_file(struct emit *e, struct source *src, const struct diag_list *l);
/* Finishes the output and releases e; -1 if writing failed. */
int emit_finish(struct emit *e);

#endif
