#include "baseline.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "emit.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

#define BASELINE_VERSION 1

void
baseline_init(struct baseline *b)
{
	memset(b, 0, sizeof(*b));
}

void
baseline_release(struct baseline *b)
{
	for (size_t k = 0; k < b->n; k++) {
		free(b->v[k].file);
		free(b->v[k].rule);
		free(b->v[k].pointer);
	}
	free(b->v);
	baseline_init(b);
}

/* FNV-1a, 64 bits: stable everywhere, and enough to tell messages apart. */
static uint64_t
hash_message(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * A path as the baseline keeps it: valid UTF-8 (JSON holds nothing else),
 * without "./" steps or repeated slashes, so that "./a//b" and "a/b" are
 * one file.  A trailing slash goes too, for directories.
 */
static char *
normalise(const char *path)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	const char *p;

	utf8_add_valid(&in, path, strlen(path));
	p = in.s;
	if (*p == '/')
		buf_addch(&out, '/');
	while (*p != '\0') {
		size_t len = strcspn(p, "/");

		if (len > 0 && !(len == 1 && p[0] == '.')) {
			if (out.len > 0 && out.s[out.len - 1] != '/')
				buf_addch(&out, '/');
			buf_add(&out, p, len);
		}
		p += len;
		while (*p == '/')
			p++;
	}
	buf_release(&in);
	return buf_detach(&out);
}

/* NULL pointers sort first: a finding without one is not in any value. */
static int
strcmp_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
entry_cmp(const void *x, const void *y)
{
	const struct baseline_entry *a = x, *b = y;
	int c;

	if ((c = strcmp(a->file, b->file)) != 0 ||
	    (c = strcmp(a->rule, b->rule)) != 0 ||
	    (c = strcmp_null(a->pointer, b->pointer)) != 0)
		return c;
	return a->hash < b->hash ? -1 : a->hash > b->hash;
}

/* Sorts the entries and merges those with the same key. */
static void
sort_merge(struct baseline *b)
{
	size_t out = 0;

	if (b->n > 1)
		qsort(b->v, b->n, sizeof(*b->v), entry_cmp);
	for (size_t k = 0; k < b->n; k++) {
		struct baseline_entry *e = &b->v[k];

		if (out > 0 && entry_cmp(&b->v[out - 1], e) == 0) {
			size_t sum = b->v[out - 1].count + e->count;

			b->v[out - 1].count = sum > BASELINE_COUNT_MAX ?
			    BASELINE_COUNT_MAX : sum;
			free(e->file);
			free(e->rule);
			free(e->pointer);
			continue;
		}
		b->v[out++] = *e;
	}
	b->n = out;
}

static struct baseline_entry *
add_entry(struct baseline *b, char *file, const char *rule,
	  const char *pointer, uint64_t hash, size_t count)
{
	struct baseline_entry *e;

	b->v = xgrow(b->v, sizeof(*b->v), b->n + 1, &b->alloc);
	e = &b->v[b->n++];
	memset(e, 0, sizeof(*e));
	e->file = file;
	e->rule = xstrdup(rule);
	e->pointer = pointer != NULL ? xstrdup(pointer) : NULL;
	e->hash = hash;
	e->count = count;
	return e;
}

/* --- loading ------------------------------------------------------------ */

struct loader {
	struct doc doc;
	struct source *src;
	char *err;		/* the first problem, "path:line:col: msg" */
};

static void
fail(struct loader *l, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fail(struct loader *l, size_t off, const char *fmt, ...)
{
	struct pos p;
	struct buf b = BUF_INIT;
	va_list ap;

	if (l->err != NULL)
		return;
	p = source_pos(l->src, off);
	buf_addf(&b, "%s:%zu:%zu: ", l->src->name, p.line, p.col);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	l->err = buf_detach(&b);
}

static const struct node *
node(struct loader *l, uint32_t i)
{
	return doc_node(&l->doc, i);
}

/* The string at node i, or NULL after reporting what is wrong with it. */
static const char *
string_at(struct loader *l, uint32_t i, const char *key)
{
	struct json_object *v;

	if (node(l, i)->type != J_STRING) {
		fail(l, node(l, i)->off, "\"%s\" must be a string", key);
		return NULL;
	}
	v = doc_value(&l->doc, i);
	if (strlen(json_object_get_string(v)) !=
	    (size_t)json_object_get_string_len(v)) {
		fail(l, node(l, i)->off, "\"%s\" must not hold \\u0000", key);
		return NULL;
	}
	return json_object_get_string(v);
}

/* A count: digits only, 1 to BASELINE_COUNT_MAX. */
static size_t
count_at(struct loader *l, uint32_t i)
{
	const struct node *n = node(l, i);
	const char *p = l->src->bytes + n->off;
	size_t len = n->end - n->off, count = 0;

	for (size_t k = 0; n->type == J_NUMBER && k < len; k++) {
		if (p[k] < '0' || p[k] > '9' || count > BASELINE_COUNT_MAX) {
			count = 0;
			break;
		}
		count = count * 10 + (size_t)(p[k] - '0');
	}
	if (count == 0 || count > BASELINE_COUNT_MAX)
		fail(l, n->off, "\"%s\" must be a whole number from 1 to "
		     "1000000000", "count");
	return count;
}

static uint64_t
hash_at(struct loader *l, uint32_t i)
{
	const char *s = string_at(l, i, "messageHash");
	uint64_t h = 0;

	if (s == NULL)
		return 0;
	if (strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16) {
		fail(l, node(l, i)->off, "\"%s\" must be 16 lower-case hex "
		     "digits", "messageHash");
		return 0;
	}
	for (; *s != '\0'; s++)
		h = h << 4 | (uint64_t)(*s <= '9' ? *s - '0' : *s - 'a' + 10);
	return h;
}

struct key {
	const char *name;
	bool required;
};

/* The members of object obj must all be among keys, none missing. */
static void
check_keys(struct loader *l, uint32_t obj, const struct key keys[],
	   size_t nkeys, const char *what)
{
	for (uint32_t m = node(l, obj)->first; m != NODE_NONE;
	     m = node(l, m)->next) {
		const char *key = tree_key(&l->doc.tree, node(l, m));
		size_t k = 0;

		while (k < nkeys && strcmp(keys[k].name, key) != 0)
			k++;
		if (k == nkeys) {
			struct buf msg = BUF_INIT;

			buf_addf(&msg, "unknown key in %s: ", what);
			buf_add_json_string(&msg, key, node(l, m)->key_len);
			fail(l, node(l, m)->key_off, "%s", msg.s);
			buf_release(&msg);
		}
	}
	for (size_t k = 0; k < nkeys; k++) {
		if (keys[k].required &&
		    doc_member(&l->doc, obj, keys[k].name) == NODE_NONE) {
			struct buf msg = BUF_INIT;

			buf_addf(&msg, "%s has no \"%s\"", what, keys[k].name);
			fail(l, node(l, obj)->off, "%s", msg.s);
			buf_release(&msg);
		}
	}
}

static void
load_finding(struct loader *l, struct baseline *b, uint32_t f)
{
	static const struct key keys[] = {
		{ "file", true }, { "ruleId", true }, { "pointer", true },
		{ "messageHash", true }, { "count", true },
	};
	const char *file, *rule, *pointer = NULL;
	uint32_t ptr;
	uint64_t hash;
	size_t count;

	if (node(l, f)->type != J_OBJECT) {
		fail(l, node(l, f)->off, "%s", "a finding must be an object");
		return;
	}
	check_keys(l, f, keys, ARRAY_SIZE(keys), "a finding");
	if (l->err != NULL)
		return;
	file = string_at(l, doc_member(&l->doc, f, "file"), "file");
	rule = string_at(l, doc_member(&l->doc, f, "ruleId"), "ruleId");
	ptr = doc_member(&l->doc, f, "pointer");
	if (node(l, ptr)->type != J_NULL)
		pointer = string_at(l, ptr, "pointer");
	hash = hash_at(l, doc_member(&l->doc, f, "messageHash"));
	count = count_at(l, doc_member(&l->doc, f, "count"));
	if (l->err != NULL)
		return;
	if (*file == '\0' || *rule == '\0') {
		fail(l, node(l, f)->off, "%s", "a finding's \"file\" and "
		     "\"ruleId\" must not be empty");
		return;
	}
	add_entry(b, normalise(file), rule, pointer, hash, count);
}

static void
load_root(struct loader *l, struct baseline *b)
{
	static const struct key keys[] = {
		{ "version", true }, { "tool", false }, { "findings", true },
	};
	uint32_t version, findings, tool;
	const struct node *v;

	if (node(l, 0)->type != J_OBJECT) {
		fail(l, node(l, 0)->off, "%s", "a baseline is a JSON object");
		return;
	}
	check_keys(l, 0, keys, ARRAY_SIZE(keys), "the baseline");
	if (l->err != NULL)
		return;
	version = doc_member(&l->doc, 0, "version");
	v = node(l, version);
	if (v->type != J_NUMBER || v->end - v->off != 1 ||
	    l->src->bytes[v->off] != '0' + BASELINE_VERSION) {
		fail(l, v->off, "%s", "unknown \"version\"; this connlint "
		     "reads version 1");
		return;
	}
	tool = doc_member(&l->doc, 0, "tool");
	if (tool != NODE_NONE && string_at(l, tool, "tool") == NULL)
		return;
	findings = doc_member(&l->doc, 0, "findings");
	if (node(l, findings)->type != J_ARRAY) {
		fail(l, node(l, findings)->off, "%s",
		     "\"findings\" must be an array");
		return;
	}
	for (uint32_t f = node(l, findings)->first;
	     f != NODE_NONE && l->err == NULL; f = node(l, f)->next)
		load_finding(l, b, f);
}

int
baseline_load(struct baseline *b, const char *path, size_t max, char **err)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct loader l = { .err = NULL };
	char *why;

	l.src = source_read(path, NULL, max, false, &why);
	if (l.src == NULL) {
		struct buf msg = BUF_INIT;

		buf_addf(&msg, "%s: %s", path, why);
		free(why);
		*err = buf_detach(&msg);
		return -1;
	}
	/* Strict JSON, as for connection files: no BOM, no repeated key. */
	doc_load(&l.doc, l.src, DOC_MAX_DEPTH_DEFAULT, &diags);
	if (diags.n > 0) {
		diag_list_sort(&diags);
		fail(&l, diags.v[0].off, "%s", diags.v[0].msg);
	} else {
		load_root(&l, b);
	}
	diag_list_release(&diags);
	doc_release(&l.doc);
	source_free(l.src);
	if (l.err != NULL) {
		baseline_release(b);
		*err = l.err;
		return -1;
	}
	sort_merge(b);
	return 0;
}

/* --- matching ---------------------------------------------------------- */

/* The first entry of file, or b->n. */
static size_t
first_of(const struct baseline *b, const char *file)
{
	size_t lo = 0, hi = b->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(b->v[mid].file, file) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
baseline_filter(struct baseline *b, const char *file, struct diag_list *l)
{
	char *name = normalise(file);
	size_t first = first_of(b, name), kept = 0;

	for (size_t k = first; k < b->n && strcmp(b->v[k].file, name) == 0;
	     k++)
		b->v[k].covered = true;
	for (size_t k = 0; k < l->n; k++) {
		struct diag *d = &l->v[k];
		struct baseline_entry key = {
			.file = name, .rule = (char *)d->rule,
			.pointer = d->pointer, .hash = hash_message(d->msg),
		};
		struct baseline_entry *e = NULL;

		if (d->rule != NULL && first < b->n)
			e = bsearch(&key, b->v + first, b->n - first,
				    sizeof(*b->v), entry_cmp);
		if (e != NULL && e->seen < e->count) {
			e->seen++;
			l->count[d->sev]--;
			free(d->msg);
			free(d->pointer);
			free(d->note);
			continue;
		}
		l->v[kept++] = *d;
	}
	l->n = kept;
	free(name);
}

void
baseline_cover_dir(struct baseline *b, const char *dir)
{
	char *name = normalise(dir);
	size_t len = strlen(name);

	for (size_t k = 0; k < b->n; k++) {
		const char *f = b->v[k].file;

		/* "" is ".": every relative path is below it */
		if (len == 0 ? f[0] != '/' :
		    strncmp(f, name, len) == 0 &&
		    (f[len] == '/' || name[len - 1] == '/'))
			b->v[k].covered = true;
	}
	free(name);
}

/* --- writing ---------------------------------------------------------- */

void
baseline_add(struct baseline *b, const char *file, const struct diag_list *l)
{
	for (size_t k = 0; k < l->n; k++) {
		const struct diag *d = &l->v[k];

		if (d->rule != NULL)
			add_entry(b, normalise(file), d->rule, d->pointer,
				  hash_message(d->msg), 1);
	}
}

size_t
baseline_count(const struct baseline *b)
{
	size_t n = 0;

	for (size_t k = 0; k < b->n; k++)
		n += b->v[k].count;
	return n;
}

void
baseline_write(struct baseline *b, FILE *out)
{
	struct buf line = BUF_INIT;

	sort_merge(b);
	fprintf(out, "{\n  \"version\": %d,\n  \"tool\": \"connlint\",\n"
		"  \"findings\": [", BASELINE_VERSION);
	for (size_t k = 0; k < b->n; k++) {
		const struct baseline_entry *e = &b->v[k];

		buf_reset(&line);
		buf_adds(&line, k ? ",\n    { \"file\": " : "\n    { \"file\": ");
		buf_add_json_string(&line, e->file, strlen(e->file));
		buf_adds(&line, ", \"ruleId\": ");
		buf_add_json_string(&line, e->rule, strlen(e->rule));
		buf_adds(&line, ", \"pointer\": ");
		if (e->pointer != NULL) {
			struct buf p = BUF_INIT;

			utf8_add_valid(&p, e->pointer, strlen(e->pointer));
			buf_add_json_string(&line, p.s, p.len);
			buf_release(&p);
		} else {
			buf_adds(&line, "null");
		}
		buf_addf(&line, ", \"messageHash\": \"%016llx\", \"count\": %zu }",
			 (unsigned long long)e->hash, e->count);
		fputs(line.s, out);
	}
	fputs(b->n ? "\n  ]\n}\n" : "]\n}\n", out);
	buf_release(&line);
}

size_t
baseline_report_stale(const struct baseline *b, const char *name,
		      const char *level, FILE *out)
{
	size_t n = 0;

	for (size_t k = 0; k < b->n; k++) {
		const struct baseline_entry *e = &b->v[k];

		if (!e->covered || e->seen >= e->count)
			continue;
		n++;
		/* The names come from a file: they must not fake a line. */
		fputs("connlint: ", out);
		emit_clean(out, name);
		fprintf(out, ": %s: stale entry: ", level);
		emit_clean(out, e->file);
		fputs(": ", out);
		emit_clean(out, e->rule);
		if (e->pointer != NULL) {
			struct buf p = BUF_INIT;

			buf_add_json_string(&p, e->pointer, strlen(e->pointer));
			fprintf(out, " at %s", p.s);
			buf_release(&p);
		}
		fprintf(out, ": recorded %zu, found %zu; rewrite the baseline "
			"with --write-baseline\n", e->count, e->seen);
	}
	return n;
}
