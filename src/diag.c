#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const char *const severity_names[] = {
	[SEV_OFF] = "off",
	[SEV_NOTE] = "note",
	[SEV_WARNING] = "warning",
	[SEV_ERROR] = "error",
};

const char *
severity_name(enum severity sev)
{
	return severity_names[sev];
}

int
severity_parse(const char *name, enum severity *sev)
{
	for (size_t i = 0; i < ARRAY_SIZE(severity_names); i++) {
		if (strcmp(name, severity_names[i]) == 0) {
			*sev = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

void
diag_list_init(struct diag_list *l)
{
	memset(l, 0, sizeof(*l));
}

void
diag_list_release(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].msg);
		free(l->v[i].pointer);
		free(l->v[i].note);
	}
	free(l->v);
	diag_list_init(l);
}

struct diag *
diag_add(struct diag_list *l, const char *rule, enum severity sev, size_t off,
	 size_t end, char *msg)
{
	struct diag *d;

	l->v = xgrow(l->v, sizeof(*l->v), l->n + 1, &l->alloc);
	d = &l->v[l->n];
	memset(d, 0, sizeof(*d));
	d->rule = rule;
	d->sev = sev;
	d->off = off;
	d->end = end > off ? end : off;
	d->msg = msg;
	d->seq = l->n++;
	l->count[sev]++;
	l->bytes += sizeof(*d) + (msg != NULL ? strlen(msg) + 1 : 0);
	return d;
}

struct diag *
diag_add_ptr(struct diag_list *l, const char *rule, enum severity sev,
	     size_t off, size_t end, char *msg, char *pointer)
{
	struct diag *d = diag_add(l, rule, sev, off, end, msg);

	d->pointer = pointer;
	l->bytes += pointer != NULL ? strlen(pointer) + 1 : 0;
	return d;
}

void
diag_set_note(struct diag_list *l, struct diag *d, char *note, size_t off,
	      size_t end)
{
	d->note = note;
	d->note_off = off;
	d->note_end = end;
	l->bytes += note != NULL ? strlen(note) + 1 : 0;
}

bool
diag_list_full(const struct diag_list *l)
{
	return l->bytes >= DIAG_BYTES_MAX;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_list_sort(struct diag_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), diag_cmp);
	for (size_t k = 0; k < l->n; k++)
		l->v[k].seq = k;
}
