#include "emit.h"

#include <json-c/json.h>
#include <string.h>

#include "buf.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

struct emitter {
	const char *name;
	void (*file)(struct emit *, struct source *, const struct diag_list *);
	void (*finish)(struct emit *);
};

void
emit_clean(FILE *out, const char *s)
{
	for (; *s; s++)
		putc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
}

static void
gcc_line(FILE *out, struct source *src, size_t off, const char *sev,
	 const char *msg, const char *rule)
{
	struct pos p = source_pos(src, off);

	emit_clean(out, src->name);
	fprintf(out, ":%zu:%zu: %s: ", p.line, p.col, sev);
	emit_clean(out, msg);
	if (rule != NULL)
		fprintf(out, " [%s]", rule);
	putc('\n', out);
}

static void
gcc_file(struct emit *e, struct source *src, const struct diag_list *l)
{
	for (size_t k = 0; k < l->n; k++) {
		const struct diag *d = &l->v[k];

		gcc_line(e->out, src, d->off, severity_name(d->sev), d->msg,
			 d->rule);
		if (d->note != NULL)
			gcc_line(e->out, src, d->note_off, "note", d->note,
				 NULL);
	}
}

/* JSON text is UTF-8; a path need not be, so bytes that are not show as U+FFFD. */
static struct json_object *
new_text(const char *s)
{
	struct buf b = BUF_INIT;
	struct json_object *o;

	utf8_add_valid(&b, s, strlen(s));
	o = json_object_new_string_len(b.s, (int)b.len);
	buf_release(&b);
	return o;
}

static void
add_range(struct json_object *o, struct source *src, size_t off, size_t end)
{
	struct pos a = source_pos(src, off), b = source_pos(src, end);

	json_object_object_add(o, "line", json_object_new_uint64(a.line));
	json_object_object_add(o, "column", json_object_new_uint64(a.col));
	json_object_object_add(o, "endLine", json_object_new_uint64(b.line));
	json_object_object_add(o, "endColumn", json_object_new_uint64(b.col));
	json_object_object_add(o, "offset", json_object_new_uint64(off));
	json_object_object_add(o, "endOffset", json_object_new_uint64(end));
}

static void
json_file(struct emit *e, struct source *src, const struct diag_list *l)
{
	for (size_t k = 0; k < l->n; k++) {
		const struct diag *d = &l->v[k];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "file", new_text(src->name));
		add_range(o, src, d->off, d->end);
		json_object_object_add(o, "pointer", d->pointer == NULL ? NULL :
				       new_text(d->pointer));
		json_object_object_add(o, "ruleId",
				       json_object_new_string(d->rule));
		json_object_object_add(o, "severity", json_object_new_string(
			severity_name(d->sev)));
		json_object_object_add(o, "message", new_text(d->msg));
		if (d->note != NULL) {
			struct json_object *n = json_object_new_object();
			struct json_object *notes = json_object_new_array();

			add_range(n, src, d->note_off, d->note_end);
			json_object_object_add(n, "message",
					       json_object_new_string(d->note));
			json_object_array_add(notes, n);
			json_object_object_add(o, "notes", notes);
		}
		json_object_array_add(e->items, o);
	}
}

static void
json_finish(struct emit *e)
{
	struct json_object *root = json_object_new_object();
	struct json_object *tool = json_object_new_object();
	struct json_object *sum = json_object_new_object();

	json_object_object_add(root, "version", json_object_new_int(1));
	json_object_object_add(tool, "name", json_object_new_string("connlint"));
	json_object_object_add(tool, "version",
			       json_object_new_string(CONNLINT_VERSION));
	json_object_object_add(root, "tool", tool);
	json_object_object_add(root, "diagnostics", e->items);
	e->items = NULL;
	json_object_object_add(sum, "files", json_object_new_uint64(e->files));
	json_object_object_add(sum, "errors",
			       json_object_new_uint64(e->count[SEV_ERROR]));
	json_object_object_add(sum, "warnings",
			       json_object_new_uint64(e->count[SEV_WARNING]));
	json_object_object_add(sum, "notes",
			       json_object_new_uint64(e->count[SEV_NOTE]));
	json_object_object_add(root, "summary", sum);
	fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
		JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE),
	      e->out);
	putc('\n', e->out);
	json_object_put(root);
}

static const struct emitter emitters[] = {
	{ "gcc", gcc_file, NULL },
	{ "json", json_file, json_finish },
};

const struct emitter *
emitter_find(const char *name)
{
	for (size_t k = 0; k < ARRAY_SIZE(emitters); k++)
		if (strcmp(name, emitters[k].name) == 0)
			return &emitters[k];
	return NULL;
}

void
emit_init(struct emit *e, const struct emitter *fmt, FILE *out)
{
	memset(e, 0, sizeof(*e));
	e->out = out;
	e->fmt = fmt;
	e->items = json_object_new_array();
}

void
emit_file(struct emit *e, struct source *src, const struct diag_list *l)
{
	e->files++;
	for (int s = 0; s <= SEV_ERROR; s++)
		e->count[s] += l->count[s];
	e->fmt->file(e, src, l);
}

int
emit_finish(struct emit *e)
{
	int rc;

	if (e->fmt->finish != NULL)
		e->fmt->finish(e);
	json_object_put(e->items);
	e->items = NULL;
	rc = fflush(e->out) == 0 && !ferror(e->out) ? 0 : -1;
	return rc;
}
