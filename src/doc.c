#include "doc.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "source.h"
#include "xalloc.h"

static void
report(struct diag_list *out, const char *what, size_t off, size_t end,
       const char *msg)
{
	diag_add(out, what, SEV_ERROR, off, end, xstrdup(msg));
}

/*
 * json-c rejecting what the scanner accepted is a disagreement between the
 * two parsers: report it rather than lint a tree that is not there.
 */
static int
parse_json_c(struct doc *d, unsigned max_depth, struct diag_list *out)
{
	struct source *src = d->src;
	struct json_tokener *tok = json_tokener_new_ex((int)max_depth + 1);
	enum json_tokener_error e;
	struct buf msg = BUF_INIT;

	if (tok == NULL)
		xalloc_failed(sizeof(*tok));
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
			       JSON_TOKENER_VALIDATE_UTF8);
	/* The length includes the NUL, so a bare number at the end parses. */
	d->root = json_tokener_parse_ex(tok, src->bytes + src->bom,
					(int)(src->len - src->bom + 1));
	e = json_tokener_get_error(tok);
	if (e == json_tokener_success) {
		json_tokener_free(tok);
		return 0;
	}
	buf_addf(&msg, "the JSON parser rejected the input: %s",
		 json_tokener_error_desc(e));
	report(out, LOAD_SYNTAX, src->bom + json_tokener_get_parse_end(tok),
	       0, msg.s);
	buf_release(&msg);
	json_tokener_free(tok);
	json_object_put(d->root);
	d->root = NULL;
	return -1;
}

static void
find_shape(struct doc *d)
{
	uint32_t input;

	d->form = d->output = NODE_NONE;
	if (doc_node(d, 0)->type != J_OBJECT)
		return;
	input = doc_member(d, 0, "input");
	d->wrapper = input != NODE_NONE;
	if (!d->wrapper) {
		d->form = 0;
		return;
	}
	d->form = input;
	d->output = doc_member(d, 0, "output");
}

/*
 * Says how a key token is written when that is not how the key reads, so
 * that "\u0061" and "a", or "a\u0000b" and "a", are seen to be one key.
 */
static void
add_spelling(struct buf *out, const struct doc *d, const struct node *n)
{
	const char *tok = d->src->bytes + n->key_off;
	size_t len = n->key_end - n->key_off;
	struct buf plain = BUF_INIT;
	bool nul = false, same;

	buf_add_json_string(&plain, tree_key(&d->tree, n), n->key_len);
	same = plain.len == len && memcmp(plain.s, tok, len) == 0;
	buf_release(&plain);
	if (same)
		return;		/* written as it reads */
	/* Escape by escape, so that "\\u0000" (a backslash) is not taken. */
	for (size_t k = 0; k + 1 < len; k++) {
		if (tok[k] != '\\')
			continue;
		if (k + 6 <= len && memcmp(tok + k + 1, "u0000", 5) == 0)
			nul = true;
		k++;
	}
	buf_adds(out, " (written ");
	buf_add(out, tok, len);
	buf_adds(out, nul ? ", and a key ends at \\u0000)" : ")");
}

int
doc_load(struct doc *d, struct source *src, unsigned max_depth,
	 struct diag_list *out)
{
	struct scan_error err;

	memset(d, 0, sizeof(*d));
	d->src = src;
	d->form = d->output = NODE_NONE;
	if (src->bom)
		report(out, LOAD_BOM, 0, src->bom, "the file starts with a "
		       "UTF-8 byte order mark; JSON text must not have one");
	if (scan_json(src->bytes, src->len, src->bom, max_depth, &d->tree,
		      &err) < 0) {
		struct diag *dg = diag_add(out, LOAD_SYNTAX, SEV_ERROR, err.off,
					   err.off + (err.off < src->len),
					   xstrdup(err.msg));

		if (err.note != NULL) {
			dg->note = xstrdup(err.note);
			dg->note_off = err.note_off;
			dg->note_end = err.note_off + 1;
		}
		return -1;
	}
	for (size_t k = 0; k < d->tree.ndups; k += 2) {
		const struct node *first = doc_node(d, d->tree.dups[k]);
		const struct node *dup = doc_node(d, d->tree.dups[k + 1]);
		struct buf msg = BUF_INIT;
		struct diag *dg;

		buf_adds(&msg, "duplicate key ");
		buf_add_json_string(&msg, tree_key(&d->tree, dup),
				    dup->key_len);
		buf_adds(&msg, "; only the last one counts");
		add_spelling(&msg, d, dup);
		dg = diag_add(out, LOAD_DUPLICATE_KEY, SEV_ERROR, dup->key_off,
			      dup->key_end, buf_detach(&msg));
		buf_adds(&msg, "the first one is here");
		add_spelling(&msg, d, first);
		dg->note = buf_detach(&msg);
		dg->note_off = first->key_off;
		dg->note_end = first->key_end;
		doc_pointer(d, d->tree.dups[k + 1], &msg);
		dg->pointer = buf_detach(&msg);
	}
	if (parse_json_c(d, max_depth, out) < 0)
		return -1;
	d->values = xcalloc(d->tree.n, sizeof(*d->values));
	d->values[0] = d->root;
	d->tree.nodes[0].flags |= NODE_RESOLVED;
	find_shape(d);
	d->ok = true;
	return 0;
}

void
doc_release(struct doc *d)
{
	tree_release(&d->tree);
	json_object_put(d->root);
	free(d->values);
	memset(d, 0, sizeof(*d));
}

uint32_t
doc_member(const struct doc *d, uint32_t obj, const char *key)
{
	size_t len = strlen(key);
	uint32_t found = NODE_NONE;

	if (obj == NODE_NONE || doc_node(d, obj)->type != J_OBJECT)
		return NODE_NONE;
	for (uint32_t m = doc_node(d, obj)->first; m != NODE_NONE;
	     m = doc_node(d, m)->next) {
		const struct node *n = doc_node(d, m);

		if (n->key_len == len && !(n->flags & NODE_SHADOWED) &&
		    memcmp(tree_key(&d->tree, n), key, len) == 0)
			found = m;
	}
	return found;
}

/* Finds the json-c values of all the children of container node i at once. */
static void
resolve_children(struct doc *d, uint32_t i)
{
	struct json_object *parent = doc_value(d, i);
	bool is_array = doc_node(d, i)->type == J_ARRAY;
	size_t idx = 0;

	for (uint32_t c = doc_node(d, i)->first; c != NODE_NONE;
	     c = doc_node(d, c)->next, idx++) {
		struct node *n = &d->tree.nodes[c];
		struct json_object *v = NULL;

		if (is_array)
			v = json_object_array_get_idx(parent, idx);
		else
			json_object_object_get_ex(parent,
						  tree_key(&d->tree, n), &v);
		d->values[c] = v;
		n->flags |= NODE_RESOLVED;
	}
}

struct json_object *
doc_value(struct doc *d, uint32_t i)
{
	if (!(doc_node(d, i)->flags & NODE_RESOLVED))
		resolve_children(d, doc_node(d, i)->parent);
	return d->values[i];
}

void
doc_pointer_escape(struct buf *out, const char *s, size_t len)
{
	for (size_t k = 0; k < len; k++) {
		if (s[k] == '~')
			buf_add(out, "~0", 2);
		else if (s[k] == '/')
			buf_add(out, "~1", 2);
		else
			buf_addch(out, s[k]);
	}
}

void
doc_pointer(const struct doc *d, uint32_t i, struct buf *out)
{
	const struct node *n, *p;
	size_t idx = 0;

	if (i == 0 || i == NODE_NONE)
		return;
	n = doc_node(d, i);
	doc_pointer(d, n->parent, out);
	buf_addch(out, '/');
	p = doc_node(d, n->parent);
	if (p->type == J_OBJECT) {
		doc_pointer_escape(out, tree_key(&d->tree, n), n->key_len);
		return;
	}
	for (uint32_t c = p->first; c != i; c = doc_node(d, c)->next)
		idx++;
	buf_addf(out, "%zu", idx);
}
