/*
 * What the emitters share.  emit.c holds the table of formats; the larger
 * formats have a file each (emit_pretty.c, emit_sarif.c, emit_xml.c).
 * Only the emitters include this.
 */
#ifndef CONNLINT_EMIT_IMPL_H
#define CONNLINT_EMIT_IMPL_H

#include "emit.h"

struct emitter {
	const char *name;
	void (*file)(struct emit *, struct source *, const struct diag_list *);
	void (*finish)(struct emit *);	/* NULL: nothing to close */
};

void pretty_file(struct emit *e, struct source *src, const struct diag_list *l);
void pretty_finish(struct emit *e);
void sarif_file(struct emit *e, struct source *src, const struct diag_list *l);
void sarif_finish(struct emit *e);
void checkstyle_file(struct emit *e, struct source *src,
		     const struct diag_list *l);
void checkstyle_finish(struct emit *e);
void junit_file(struct emit *e, struct source *src, const struct diag_list *l);
void junit_finish(struct emit *e);

/* A JSON string of s; bytes that are not UTF-8 become U+FFFD. */
struct json_object *emit_json_text(const char *s);
/*
 * Appends, for a format that has no place for a related location, d's
 * note as a second line: "\nnote: MESSAGE (line L, column C)".  Nothing
 * when d has no note.
 */
void emit_add_note(struct buf *out, struct source *src, const struct diag *d);

#endif
