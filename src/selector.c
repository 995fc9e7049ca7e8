#include "selector.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "xalloc.h"

enum root {
	ROOT_DOC,
	ROOT_WRAPPER,
	ROOT_FORM,
	ROOT_OUTPUT,
	ROOT_FIELDS,
	ROOT_SCHEMAS,
};

static const struct {
	const char *name;
	enum root root;
} roots[] = {
	/* longest first, so that "$" does not shadow the others */
	{ "$schemas", ROOT_SCHEMAS },
	{ "$wrapper", ROOT_WRAPPER },
	{ "$fields", ROOT_FIELDS },
	{ "$output", ROOT_OUTPUT },
	{ "$form", ROOT_FORM },
	{ "$", ROOT_DOC },
};

enum step_kind {
	STEP_CHILD,		/* .name ['name'] */
	STEP_ANY_CHILD,		/* .* [*] */
	STEP_INDEX,		/* [n] */
	STEP_DESCENDANT,	/* ..name */
	STEP_ANY_DESCENDANT,	/* ..* */
};

struct step {
	enum step_kind kind;
	char *name;		/* owned: STEP_CHILD, STEP_DESCENDANT */
	size_t len;
	size_t index;		/* STEP_INDEX */
};

struct selector {
	char *text;
	enum root root;
	struct step *steps;
	size_t n, alloc;
};

static bool
is_name_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '$' ||
	       c == '@';
}

static struct step *
add_step(struct selector *sel, enum step_kind kind)
{
	struct step *st;

	sel->steps = xgrow(sel->steps, sizeof(*sel->steps), sel->n + 1,
			   &sel->alloc);
	st = &sel->steps[sel->n++];
	memset(st, 0, sizeof(*st));
	st->kind = kind;
	return st;
}

/* Parses a dotted name at text[*i]; returns its length, 0 if none. */
static size_t
dotted_name(const char *text, size_t *i)
{
	size_t start = *i;

	while (is_name_byte(text[*i]))
		(*i)++;
	return *i - start;
}

/* Parses ['name'] (with \' and \\ escapes) or [n] or [*] after the '['. */
static int
bracket(struct selector *sel, const char *text, size_t *i, char **err)
{
	if (text[*i] == '*' && text[*i + 1] == ']') {
		add_step(sel, STEP_ANY_CHILD);
		*i += 2;
		return 0;
	}
	if (text[*i] == '\'') {
		struct buf name = BUF_INIT;
		struct step *st;

		for ((*i)++; text[*i] != '\''; (*i)++) {
			if (text[*i] == '\0') {
				buf_release(&name);
				*err = xstrdup("unterminated name; expected "
					       "\"'\"");
				return -1;
			}
			if (text[*i] == '\\' && (text[*i + 1] == '\'' ||
						 text[*i + 1] == '\\'))
				(*i)++;
			buf_addch(&name, text[*i]);
		}
		if (text[*i + 1] != ']') {
			buf_release(&name);
			(*i)++;
			*err = xstrdup("expected ']' after the quoted name");
			return -1;
		}
		*i += 2;
		st = add_step(sel, STEP_CHILD);
		st->len = name.len;
		st->name = buf_detach(&name);
		return 0;
	}
	if (text[*i] >= '0' && text[*i] <= '9') {
		char *end;
		unsigned long long n;

		errno = 0;
		n = strtoull(text + *i, &end, 10);
		if (errno != 0 || n > UINT32_MAX || *end != ']') {
			*i = (size_t)(end - text);
			*err = xstrdup("expected an index below 2^32 and ']'");
			return -1;
		}
		add_step(sel, STEP_INDEX)->index = (size_t)n;
		*i = (size_t)(end - text) + 1;
		return 0;
	}
	*err = xstrdup("expected 'name', a number or * inside [ ]");
	return -1;
}

struct selector *
selector_new(const char *text, char **err, size_t *err_off)
{
	struct selector *sel = xcalloc(1, sizeof(*sel));
	size_t i = 0, k;

	sel->text = xstrdup(text);
	*err = NULL;
	for (k = 0; k < ARRAY_SIZE(roots); k++) {
		size_t len = strlen(roots[k].name);

		if (strncmp(text, roots[k].name, len) == 0 &&
		    !is_name_byte(text[len]) && text[len] != '$') {
			sel->root = roots[k].root;
			i = len;
			break;
		}
	}
	if (k == ARRAY_SIZE(roots)) {
		*err = xstrdup("a selector starts with $, $wrapper, $form, "
			       "$output, $fields or $schemas");
		goto fail;
	}
	while (text[i] != '\0') {
		if (text[i] == '.' && text[i + 1] == '.') {
			size_t len;

			i += 2;
			if (text[i] == '*') {
				add_step(sel, STEP_ANY_DESCENDANT);
				i++;
				continue;
			}
			k = i;
			len = dotted_name(text, &i);
			if (len == 0) {
				*err = xstrdup("expected a name or * after "
					       "'..'");
				goto fail;
			}
			add_step(sel, STEP_DESCENDANT)->name =
				xmemdup(text + k, len);
			sel->steps[sel->n - 1].len = len;
		} else if (text[i] == '.') {
			size_t len;

			i++;
			if (text[i] == '*') {
				add_step(sel, STEP_ANY_CHILD);
				i++;
				continue;
			}
			k = i;
			len = dotted_name(text, &i);
			if (len == 0) {
				*err = xstrdup("expected a name or * after "
					       "'.'");
				goto fail;
			}
			add_step(sel, STEP_CHILD)->name = xmemdup(text + k, len);
			sel->steps[sel->n - 1].len = len;
		} else if (text[i] == '[') {
			i++;
			if (bracket(sel, text, &i, err) < 0)
				goto fail;
		} else {
			*err = xstrdup("expected '.', '..' or '['");
			goto fail;
		}
	}
	return sel;
fail:
	*err_off = i;
	selector_free(sel);
	return NULL;
}

void
selector_free(struct selector *sel)
{
	if (sel == NULL)
		return;
	for (size_t k = 0; k < sel->n; k++)
		free(sel->steps[k].name);
	free(sel->steps);
	free(sel->text);
	free(sel);
}

const char *
selector_text(const struct selector *sel)
{
	return sel->text;
}

static void
push(struct nodeset *s, uint32_t node)
{
	s->v = xgrow(s->v, sizeof(*s->v), s->n + 1, &s->alloc);
	s->v[s->n++] = node;
}

void
nodeset_release(struct nodeset *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static bool
key_is(const struct doc *d, const struct node *n, const char *name,
       size_t len)
{
	return n->key_len == len &&
	       memcmp(tree_key(&d->tree, n), name, len) == 0;
}

/* The fields of the form: members of "properties", recursively. */
static void
add_fields(const struct doc *d, uint32_t props, struct nodeset *out)
{
	if (props == NODE_NONE || doc_node(d, props)->type != J_OBJECT)
		return;
	for (uint32_t m = doc_node(d, props)->first; m != NODE_NONE;
	     m = doc_node(d, m)->next) {
		if (doc_node(d, m)->flags & NODE_SHADOWED)
			continue;
		push(out, m);
		add_fields(d, doc_member(d, m, "properties"), out);
	}
}

static void
apply(const struct step *st, const struct doc *d, uint32_t node,
      struct nodeset *out)
{
	const struct node *n = doc_node(d, node);
	size_t idx = 0;

	if (st->kind == STEP_DESCENDANT || st->kind == STEP_ANY_DESCENDANT) {
		/* Nodes are in document order: a subtree is a run of them. */
		for (uint32_t k = node + 1; k < d->tree.n &&
		     doc_node(d, k)->off < n->end; k++) {
			const struct node *c = doc_node(d, k);

			if (c->flags & NODE_SHADOWED) {
				/* json-c dropped it: skip its whole subtree */
				while (k + 1 < d->tree.n &&
				       doc_node(d, k + 1)->off < c->end)
					k++;
				continue;
			}
			if (st->kind == STEP_ANY_DESCENDANT ||
			    (doc_node(d, c->parent)->type == J_OBJECT &&
			     key_is(d, c, st->name, st->len)))
				push(out, k);
		}
		return;
	}
	if (n->type != J_OBJECT && n->type != J_ARRAY)
		return;
	for (uint32_t c = n->first; c != NODE_NONE;
	     c = doc_node(d, c)->next, idx++) {
		const struct node *cn = doc_node(d, c);

		if (cn->flags & NODE_SHADOWED)
			continue;
		switch (st->kind) {
		case STEP_ANY_CHILD:
			push(out, c);
			break;
		case STEP_CHILD:
			if (n->type == J_OBJECT &&
			    key_is(d, cn, st->name, st->len))
				push(out, c);
			break;
		case STEP_INDEX:
			if (n->type == J_ARRAY && idx == st->index)
				push(out, c);
			break;
		default:
			break;
		}
	}
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Sorts s into document order and drops repeats. */
static void
normalize(struct nodeset *s)
{
	size_t w = 0;

	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof(*s->v), u32_cmp);
	for (size_t r = 0; r < s->n; r++)
		if (w == 0 || s->v[w - 1] != s->v[r])
			s->v[w++] = s->v[r];
	s->n = w;
}

void
selector_eval(const struct selector *sel, const struct doc *d,
	      struct nodeset *out)
{
	struct nodeset next = { 0 };

	out->n = 0;
	switch (sel->root) {
	case ROOT_DOC:
		push(out, 0);
		break;
	case ROOT_WRAPPER:
		if (d->wrapper)
			push(out, 0);
		break;
	case ROOT_FORM:
		if (d->form != NODE_NONE)
			push(out, d->form);
		break;
	case ROOT_OUTPUT:
		if (d->output != NODE_NONE)
			push(out, d->output);
		break;
	case ROOT_FIELDS:
		add_fields(d, doc_member(d, d->form, "properties"), out);
		break;
	case ROOT_SCHEMAS:
		if (d->form == NODE_NONE)
			break;
		push(out, d->form);
		add_fields(d, doc_member(d, d->form, "properties"), out);
		break;
	}
	for (size_t k = 0; k < sel->n && out->n > 0; k++) {
		struct nodeset tmp;

		next.n = 0;
		for (size_t j = 0; j < out->n; j++)
			apply(&sel->steps[k], d, out->v[j], &next);
		if (sel->steps[k].kind == STEP_DESCENDANT ||
		    sel->steps[k].kind == STEP_ANY_DESCENDANT)
			normalize(&next);
		tmp = *out;
		*out = next;
		next = tmp;
	}
	nodeset_release(&next);
}
