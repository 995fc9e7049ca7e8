#include "lint.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "regex.h"
#include "rule.h"
#include "selector.h"
#include "source.h"
#include "xalloc.h"

/* {value} shows at most this many bytes of a value. */
#define VALUE_SHOWN_MAX 80

/* What one failed check knows, for its message. */
struct finding {
	const struct rule *rule;
	const struct check *check;
	uint32_t node;		/* the selected node */
	struct target target;
	const char *expected;
};

/* A value as JSON: a scalar as written, a container made compact. */
static void
add_value(struct buf *out, struct doc *d, const struct target *t)
{
	const struct node *n;
	size_t start = out->len, cut;

	if (t->node == NODE_NONE)
		return;
	n = doc_node(d, t->node);
	if (t->is_key)
		buf_add_json_string(out, tree_key(&d->tree, n), n->key_len);
	else if (n->type != J_ARRAY && n->type != J_OBJECT)
		buf_add(out, d->src->bytes + n->off, n->end - n->off);
	else
		buf_adds(out, json_object_to_json_string_ext(
			doc_value(d, t->node),
			JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	if (out->len - start <= VALUE_SHOWN_MAX)
		return;
	cut = start + VALUE_SHOWN_MAX - 3;
	while (cut > start && ((unsigned char)out->s[cut] & 0xC0) == 0x80)
		cut--;	/* not inside a UTF-8 sequence */
	out->len = cut;
	buf_adds(out, "...");
}

/* The name {key} stands for: a member's key, or an element's index. */
static void
add_key(struct buf *out, const struct doc *d, uint32_t node)
{
	const struct node *n = doc_node(d, node);
	size_t idx = 0;

	if (n->parent == NODE_NONE)
		return;
	if (doc_node(d, n->parent)->type == J_OBJECT) {
		buf_add_escaped(out, tree_key(&d->tree, n), n->key_len);
		return;
	}
	for (uint32_t c = doc_node(d, n->parent)->first; c != node;
	     c = doc_node(d, c)->next)
		idx++;
	buf_addf(out, "%zu", idx);
}

static char *
expand(const char *tmpl, struct doc *d, const struct finding *f)
{
	struct buf out = BUF_INIT;
	const char *p = tmpl;

	while (*p != '\0') {
		const char *brace = strchr(p, '{');

		if (brace == NULL) {
			buf_adds(&out, p);
			break;
		}
		buf_add(&out, p, (size_t)(brace - p));
		p = brace;
		if (strncmp(p, "{key}", 5) == 0) {
			add_key(&out, d, f->target.is_key ? f->target.node :
				f->node);
		} else if (strncmp(p, "{field}", 7) == 0) {
			if (f->check->field != NULL)
				buf_adds(&out, f->check->field);
		} else if (strncmp(p, "{value}", 7) == 0) {
			add_value(&out, d, &f->target);
		} else if (strncmp(p, "{type}", 6) == 0) {
			buf_adds(&out, f->target.node == NODE_NONE ? "nothing" :
				 jtype_phrase(f->target.is_key ? J_STRING :
				 doc_node(d, f->target.node)->type));
		} else if (strncmp(p, "{expected}", 10) == 0) {
			buf_adds(&out, f->expected);
		} else {
			buf_addch(&out, '{');	/* rule loading forbids it */
			p++;
			continue;
		}
		p = strchr(p, '}') + 1;
	}
	return buf_detach(&out);
}

static void
report(struct doc *d, const struct finding *f, enum check_result r,
       struct diag_list *out)
{
	const struct node *n = doc_node(d, f->node);
	const struct node *t = f->target.node == NODE_NONE ? NULL :
	    doc_node(d, f->target.node);
	const char *tmpl = f->check->message != NULL ? f->check->message :
	    f->rule->message;
	size_t off, end;
	struct buf ptr = BUF_INIT;
	char *msg;

	if (t == NULL) {
		/* Missing: point at the key of the object that lacks it. */
		off = n->key_end > n->key_off ? n->key_off : n->off;
		end = n->key_end > n->key_off ? n->key_end : n->off + 1;
	} else if (f->target.is_key) {
		off = t->key_off, end = t->key_end;
	} else {
		off = t->off, end = t->end;
	}
	if (r == CHECK_LIMIT) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "the value was not checked: the pattern needed "
			 "more than %u steps (wanted %s)", REGEX_MATCH_LIMIT,
			 f->expected);
		msg = buf_detach(&b);
	} else {
		msg = expand(tmpl, d, f);
	}
	doc_pointer(d, t != NULL ? f->target.node : f->node, &ptr);
	if (t == NULL && f->check->field != NULL) {
		buf_addch(&ptr, '/');
		doc_pointer_escape(&ptr, f->check->field,
				   strlen(f->check->field));
	}
	diag_add(out, f->rule->id, f->rule->severity, off, end, msg)->pointer =
		buf_detach(&ptr);
}

static void
run_check(const struct rule *rule, const struct check *c, struct doc *d,
	  uint32_t node, struct diag_list *out)
{
	struct finding f = { rule, c, node, { node, false }, NULL };
	struct buf expected = BUF_INIT;
	const struct node *n = doc_node(d, node);
	enum check_result r;

	if (c->field != NULL && n->type != J_OBJECT)
		return;	/* another rule says it should be an object */
	if (c->field != NULL && strcmp(c->field, "@key") == 0) {
		for (uint32_t m = n->first; m != NODE_NONE;
		     m = doc_node(d, m)->next) {
			f.target.node = m;
			f.target.is_key = true;
			buf_reset(&expected);
			r = c->def->run(c, d, &f.target, &expected);
			f.expected = expected.s;
			if (r != CHECK_PASS)
				report(d, &f, r, out);
		}
		buf_release(&expected);
		return;
	}
	if (c->field != NULL)
		f.target.node = doc_member(d, node, c->field);
	if (f.target.node != NODE_NONE || c->def->sees_missing) {
		r = c->def->run(c, d, &f.target, &expected);
		f.expected = expected.s;
		if (r != CHECK_PASS)
			report(d, &f, r, out);
	}
	buf_release(&expected);
}

void
lint_doc(const struct ruleset *rs, struct doc *d, struct diag_list *out)
{
	struct nodeset nodes = { 0 };

	for (size_t k = 0; k < rs->n; k++) {
		const struct rule *rule = rs->v[k];

		if (rule->core != NULL || rule->severity == SEV_OFF)
			continue;
		selector_eval(rule->given, d, &nodes);
		for (size_t j = 0; j < nodes.n; j++) {
			for (size_t c = 0; c < rule->nthen; c++) {
				size_t before = out->n;

				run_check(rule, &rule->then[c], d, nodes.v[j],
					  out);
				if (out->n > before)
					break;	/* one finding per node */
			}
		}
	}
	nodeset_release(&nodes);
}

void
lint_source(const struct ruleset *rs, struct source *src,
	    const struct lint_opts *opts, struct diag_list *out)
{
	struct diag_list found = DIAG_LIST_INIT;
	struct doc d;

	doc_load(&d, src, opts->max_depth, &found);
	/* The loader's findings take the id and severity of their rule. */
	for (size_t k = 0; k < found.n; k++) {
		struct diag *f = &found.v[k], *g;
		const struct rule *rule = ruleset_core(rs, f->rule);

		if (rule == NULL || rule->severity == SEV_OFF)
			continue;
		g = diag_add(out, rule->id, rule->severity, f->off, f->end,
			     f->msg);
		g->pointer = f->pointer;
		g->note = f->note;
		g->note_off = f->note_off;
		g->note_end = f->note_end;
		f->msg = f->pointer = f->note = NULL;
	}
	diag_list_release(&found);
	if (d.ok)
		lint_doc(rs, &d, out);
	doc_release(&d);
	diag_list_sort(out);
}
