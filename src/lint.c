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

/* What one failed check knows, for its message. */
struct finding {
	const struct lint_rule *rule;
	const struct check *check;
	uint32_t node;		/* the selected node */
	struct target target;
	const char *expected;
};

/*
 * A value as the file writes it, without the white space between tokens,
 * and cut after about DIAG_QUOTE_MAX bytes: a message names a value, it
 * does not copy it.
 */
static void
add_value(struct buf *out, struct doc *d, const struct target *t)
{
	const struct node *n;
	const char *p;
	size_t start = out->len, cut;
	bool in_string = false;

	if (t->node == NODE_NONE)
		return;
	n = doc_node(d, t->node);
	if (t->is_key) {
		buf_add_json_string(out, tree_key(&d->tree, n), n->key_len);
	} else {
		p = d->src->bytes;
		for (size_t k = n->off; k < n->end; k++) {
			if (out->len - start > DIAG_QUOTE_MAX)
				break;
			if (in_string && p[k] == '\\') {
				buf_add(out, p + k++, 2);
				continue;
			}
			if (p[k] == '"')
				in_string = !in_string;
			else if (!in_string && (p[k] == ' ' || p[k] == '\t' ||
						 p[k] == '\r' || p[k] == '\n'))
				continue;
			buf_addch(out, p[k]);
		}
	}
	if (out->len - start <= DIAG_QUOTE_MAX)
		return;
	cut = start + DIAG_QUOTE_MAX - 3;
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

	if (n->parent == NODE_NONE)
		return;
	if (doc_node(d, n->parent)->type == J_OBJECT) {
		buf_add_escaped_max(out, tree_key(&d->tree, n), n->key_len,
				    DIAG_QUOTE_MAX);
		return;
	}
	buf_addf(out, "%" PRIu32, n->key);	/* an element's index */
}

static void
add_key_of(struct buf *out, struct doc *d, const struct finding *f)
{
	add_key(out, d, f->target.is_key ? f->target.node : f->node);
}

/* "the form schema", or "property "name"" for a field (any other node). */
static void
add_schema(struct buf *out, struct doc *d, const struct finding *f)
{
	if (f->node == d->form) {
		buf_adds(out, "the form schema");
		return;
	}
	buf_adds(out, "property \"");
	add_key(out, d, f->node);
	buf_addch(out, '"');
}

static void
add_field(struct buf *out, struct doc *d, const struct finding *f)
{
	(void)d;
	if (f->check->field != NULL)
		buf_adds(out, f->check->field);
}

static void
add_value_of(struct buf *out, struct doc *d, const struct finding *f)
{
	add_value(out, d, &f->target);
}

static void
add_type(struct buf *out, struct doc *d, const struct finding *f)
{
	if (f->target.node == NODE_NONE)
		buf_adds(out, "nothing");
	else
		buf_adds(out, jtype_phrase(f->target.is_key ? J_STRING :
					   doc_node(d, f->target.node)->type));
}

static void
add_expected(struct buf *out, struct doc *d, const struct finding *f)
{
	(void)d;
	buf_adds(out, f->expected);
}

/* The placeholders of message templates, and what each stands for. */
static const struct {
	const char *name;
	void (*add)(struct buf *, struct doc *, const struct finding *);
} placeholders[] = {
	{ "{key}", add_key_of },
	{ "{schema}", add_schema },
	{ "{field}", add_field },
	{ "{value}", add_value_of },
	{ "{type}", add_type },
	{ "{expected}", add_expected },
};

/* The index of the placeholder p starts with, or -1. */
static int
placeholder_at(const char *p)
{
	for (size_t k = 0; k < ARRAY_SIZE(placeholders); k++)
		if (strncmp(p, placeholders[k].name,
			    strlen(placeholders[k].name)) == 0)
			return (int)k;
	return -1;
}

const char *
lint_template_error(const char *tmpl)
{
	for (const char *p = strchr(tmpl, '{'); p; p = strchr(p + 1, '{'))
		if (placeholder_at(p) < 0)
			return p;
	return NULL;
}

static char *
expand(const char *tmpl, struct doc *d, const struct finding *f)
{
	struct buf out = BUF_INIT;
	const char *p = tmpl;

	while (*p != '\0') {
		const char *brace = strchr(p, '{');
		int k;

		if (brace == NULL) {
			buf_adds(&out, p);
			break;
		}
		buf_add(&out, p, (size_t)(brace - p));
		k = placeholder_at(brace);
		if (k < 0) {
			buf_addch(&out, '{');	/* rule loading forbids it */
			p = brace + 1;
			continue;
		}
		placeholders[k].add(&out, d, f);
		p = brace + strlen(placeholders[k].name);
	}
	return buf_detach(&out);
}

/*
 * Adds the finding f, unless the file's findings have filled their
 * budget (DIAG_BYTES_MAX): then a last one says that checking stopped
 * there, and false says to stop.
 */
static bool
report(struct doc *d, const struct finding *f, enum check_result r,
       struct diag_list *out)
{
	const struct node *n = doc_node(d, f->node);
	const struct node *t = f->target.node == NODE_NONE ? NULL :
	    doc_node(d, f->target.node);
	const char *tmpl = f->check->message != NULL ? f->check->message :
	    f->rule->rule->message;
	bool full = diag_list_full(out);
	size_t off, end;
	struct buf ptr = BUF_INIT;
	enum severity sev = f->rule->sev;
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
	if (full || r == CHECK_LIMIT) {
		struct buf b = BUF_INIT;

		/* Undecided is not a pass: always an error, never hidden. */
		if (full)
			buf_addf(&b, "connlint stopped checking this file here: "
				 "its findings passed %zu MiB; fix those first",
				 DIAG_BYTES_MAX >> 20);
		else
			buf_addf(&b, "the value was not checked: %s",
				 f->expected);
		msg = buf_detach(&b);
		sev = SEV_ERROR;
	} else {
		msg = expand(tmpl, d, f);
		if (msg[0] == '\0') {
			/* "{key}" of the root, "{field}" of no field: say
			 * something all the same. */
			struct buf b = BUF_INIT;

			free(msg);
			buf_addf(&b, "the check \"%s\" failed",
				 f->check->def->name);
			msg = buf_detach(&b);
		}
	}
	doc_pointer(d, t != NULL ? f->target.node : f->node, &ptr);
	if (t == NULL && f->check->field != NULL) {
		buf_addch(&ptr, '/');
		doc_pointer_escape(&ptr, f->check->field,
				   strlen(f->check->field));
	}
	diag_add_ptr(out, f->rule->rule->id, sev, off, end, msg,
		     buf_detach(&ptr));
	return !full;
}

/*
 * Runs check c of rule on node; false when the findings are full.
 * expected is scratch space, the caller's.
 */
static bool
run_check(const struct lint_rule *rule, const struct check *c, struct doc *d,
	  uint32_t node, struct buf *expected, struct diag_list *out)
{
	const struct node *n = doc_node(d, node);
	uint32_t target = node;
	struct finding f;
	enum check_result r;
	bool more = true;

	if (c->field != NULL && n->type != J_OBJECT)
		return true;	/* another rule says it should be an object */
	if (c->field != NULL && c->field[0] == '@' &&
	    strcmp(c->field, "@key") == 0) {
		f = (struct finding){ rule, c, node, { node, true, node, 0 },
				      NULL };
		for (uint32_t m = n->first; m != NODE_NONE && more;
		     m = doc_node(d, m)->next) {
			f.target.node = m;
			buf_reset(expected);
			r = c->def->run(c, d, &f.target, expected);
			f.expected = expected->s;
			if (r != CHECK_PASS)
				more = report(d, &f, r, out);
		}
		return more;
	}
	/* Most checks look for a member that is not there: done, at once. */
	if (c->field != NULL)
		target = doc_member_bit(d, node, c->field, c->field_len,
					c->field_bit);
	if (target == NODE_NONE && !c->def->sees_missing)
		return true;
	f = (struct finding){ rule, c, node, { target, false, node, 0 }, NULL };
	for (struct target whole = f.target; more;) {
		buf_reset(expected);
		r = c->def->run(c, d, &f.target, expected);
		f.expected = expected->s;
		if (r != CHECK_PASS)
			more = report(d, &f, r, out);
		/* Each failing element: go on past the one just reported.
		   Elements come after their array, so this ends. */
		if (r != CHECK_FAIL || !c->def->each ||
		    f.target.node <= whole.after ||
		    f.target.node == whole.node)
			break;
		whole.after = f.target.node;
		f.target = whole;
	}
	return more;
}

/*
 * What the shared conditions (check.h) decided in one document, by node:
 * 0 not yet, else 1 + CHECK_PASS or CHECK_FAIL.  An undecided one
 * (CHECK_LIMIT) is tried again by each rule, which reports it.
 */
struct decided {
	uint8_t **by_shared;	/* [c->shared]: by node, made when needed */
	size_t n;
	size_t nodes;
};

/*
 * Does condition c of a rule's "when" or "unless" hold for the selected
 * node?  *t gets what it tested: the field, or the node's own name for
 * "@key" (the root and array items have none).  A missing field holds
 * nothing.
 */
static enum check_result
test_condition(const struct check *c, struct doc *d, uint32_t node,
	       struct target *t, struct buf *why)
{
	const struct node *n = doc_node(d, node);

	*t = (struct target){ node, false, node, 0 };
	if (c->field != NULL && strcmp(c->field, "@key") == 0) {
		if (n->parent == NODE_NONE ||
		    doc_node(d, n->parent)->type != J_OBJECT)
			return CHECK_FAIL;
		t->is_key = true;
	} else if (c->field != NULL) {
		if (n->type != J_OBJECT)
			return CHECK_FAIL;
		t->node = doc_member_bit(d, node, c->field, c->field_len,
					 c->field_bit);
		if (t->node == NODE_NONE)
			return CHECK_FAIL;
	}
	return check_condition(c, d, t, why);
}

/* The same, decided once a node for a condition rules share. */
static enum check_result
condition(const struct check *c, struct doc *d, uint32_t node,
	  struct target *t, struct buf *why, struct decided *dec)
{
	uint8_t *seen;
	enum check_result r;

	if (c->shared == 0 || c->shared >= dec->n)
		return test_condition(c, d, node, t, why);
	if (dec->by_shared[c->shared] == NULL)
		dec->by_shared[c->shared] = xcalloc(dec->nodes, 1);
	seen = &dec->by_shared[c->shared][node];
	if (*seen != 0) {
		*t = (struct target){ node, false, node, 0 };
		return (enum check_result)(*seen - 1);
	}
	r = test_condition(c, d, node, t, why);
	if (r != CHECK_LIMIT)
		*seen = (uint8_t)(1 + r);
	return r;
}

/*
 * Does one of the conditions cs[0..n) hold?  CHECK_LIMIT: none does, but
 * one could not be decided; the first such one goes into f (unless f has
 * one already) and its reason into why.
 */
static enum check_result
any_holds(const struct check *cs, size_t n, struct doc *d, uint32_t node,
	  struct decided *dec, struct finding *f, struct buf *why)
{
	struct buf tmp = BUF_INIT, first = BUF_INIT;
	const struct check *undecided = NULL;
	struct target t, at = { NODE_NONE, false, node, 0 };
	enum check_result r = CHECK_FAIL;

	for (size_t k = 0; k < n && r != CHECK_PASS; k++) {
		buf_reset(&tmp);
		r = condition(&cs[k], d, node, &t, &tmp, dec);
		if (r == CHECK_LIMIT && undecided == NULL) {
			undecided = &cs[k];
			at = t;
			buf_adds(&first, tmp.s);
		}
	}
	if (r != CHECK_PASS && undecided != NULL) {
		r = CHECK_LIMIT;
		if (f->check == NULL) {
			f->check = undecided;
			f->target = at;
			buf_adds(why, first.s);
		}
	}
	buf_release(&tmp);
	buf_release(&first);
	return r;
}

/*
 * Does the rule run on node: does one of its "when" conditions hold, if
 * it has any, and none of its "unless"?  Undecided is not a pass: where it
 * matters, it is reported, as a check's is, and the rule does not run;
 * *more is then false when the findings are full.
 */
static bool
applies(const struct lint_rule *lr, struct doc *d, uint32_t node,
	struct decided *dec, struct diag_list *out, bool *more)
{
	const struct rule *r = lr->rule;
	struct finding f = { lr, NULL, node, { node, false, node, 0 }, NULL };
	struct buf why = BUF_INIT;
	enum check_result when = CHECK_PASS, unless = CHECK_FAIL;

	if (r->nwhen > 0)
		when = any_holds(r->when, r->nwhen, d, node, dec, &f, &why);
	if (when != CHECK_FAIL && r->nunless > 0)
		unless = any_holds(r->unless, r->nunless, d, node, dec, &f,
				   &why);
	if (when == CHECK_FAIL || unless == CHECK_PASS) {
		buf_release(&why);
		return false;
	}
	if (f.check != NULL) {
		f.expected = why.s;
		*more = report(d, &f, CHECK_LIMIT, out);
	}
	buf_release(&why);
	return f.check == NULL;
}

/*
 * Runs rule k on node; false when the findings are full.  Its findings
 * sort after those of the rules before it at the same offset, as if the
 * rules ran one after another.
 */
static bool
run_rule(const struct lint_rule *rules, size_t k, struct doc *d,
	 uint32_t node, struct decided *dec, struct buf *expected,
	 struct diag_list *out)
{
	const struct lint_rule *lr = &rules[k];
	const struct rule *rule = lr->rule;
	size_t first = out->n;
	bool more = true;
	bool runs = (rule->nwhen == 0 && rule->nunless == 0) ||
		    applies(lr, d, node, dec, out, &more);

	for (size_t c = 0; runs && more && c < rule->nthen; c++) {
		size_t before = out->n;

		more = run_check(lr, &lr->then[c], d, node, expected, out);
		if (out->n > before)
			break;	/* one finding per node */
	}
	for (size_t i = first; i < out->n; i++)
		out->v[i].seq += (k + 1) << 32;
	return more;
}

/*
 * Runs the rules that are not core ones over the loaded document d, node
 * by node: the rules with one selector take each node it picks in turn,
 * while its members are in the cache.  Rule by rule, a large file went
 * through memory once for each rule, and twice the file took 2.2 times
 * as long.
 */
static void
lint_doc(const struct lint_rule *rules, size_t n, struct doc *d,
	 struct diag_list *out)
{
	size_t *group = xcalloc(n + 1, sizeof(*group));
	bool *done = xcalloc(n + 1, sizeof(*done));
	struct decided dec = { NULL, 1, d->tree.n };
	struct buf expected = BUF_INIT;

	for (size_t k = 0; k < n; k++) {
		const struct rule *r = rules[k].rule;

		for (size_t c = 0; c < r->nwhen; c++)
			if (r->when[c].shared >= dec.n)
				dec.n = r->when[c].shared + 1;
		for (size_t c = 0; c < r->nunless; c++)
			if (r->unless[c].shared >= dec.n)
				dec.n = r->unless[c].shared + 1;
	}
	dec.by_shared = xcalloc(dec.n, sizeof(*dec.by_shared));

	for (size_t k = 0; k < n; k++) {
		const struct rule *rule = rules[k].rule;
		struct nodeset nodes = { 0 };
		size_t ngroup = 0;

		if (done[k] || rule->core != NULL || rules[k].sev == SEV_OFF)
			continue;
		/* The rules from k on that share its selector. */
		for (size_t g = k; g < n; g++) {
			const struct rule *o = rules[g].rule;

			if (g != k && (rule->given_id == 0 ||
				       o->given_id != rule->given_id ||
				       o->core != NULL ||
				       rules[g].sev == SEV_OFF))
				continue;
			group[ngroup++] = g;
			done[g] = true;
		}
		selector_eval(rule->given, d, &nodes);
		for (size_t j = 0; j < nodes.n; j++)
			for (size_t g = 0; g < ngroup; g++)
				if (!run_rule(rules, group[g], d, nodes.v[j],
					      &dec, &expected, out)) {
					nodeset_release(&nodes);
					goto full;	/* findings are full */
				}
		nodeset_release(&nodes);
	}
full:
	buf_release(&expected);
	for (size_t k = 0; k < dec.n; k++)
		free(dec.by_shared[k]);
	free(dec.by_shared);
	free(group);
	free(done);
}

const struct lint_rule *
lint_find_core(const struct lint_rule *rules, size_t n, const char *core)
{
	for (size_t k = 0; k < n; k++)
		if (rules[k].rule->core != NULL &&
		    strcmp(rules[k].rule->core, core) == 0)
			return &rules[k];
	return NULL;
}

void
lint_run(const struct lint_rule *rules, size_t n, struct source *src,
	 const struct lint_opts *opts, struct diag_list *out)
{
	struct diag_list found = DIAG_LIST_INIT;
	struct doc d;

	doc_load(&d, src, opts->max_depth, &found);
	/* The loader's findings take the id and severity of their rule. */
	for (size_t k = 0; k < found.n; k++) {
		struct diag *f = &found.v[k], *g;
		const struct lint_rule *lr = lint_find_core(rules, n, f->rule);

		if (lr == NULL || lr->sev == SEV_OFF)
			continue;
		g = diag_add_ptr(out, lr->rule->id, lr->sev, f->off, f->end,
				 f->msg, f->pointer);
		diag_set_note(out, g, f->note, f->note_off, f->note_end);
		f->msg = f->pointer = f->note = NULL;
	}
	diag_list_release(&found);
	if (d.ok && !diag_list_full(out))
		lint_doc(rules, n, &d, out);
	doc_release(&d);
	diag_list_sort(out);
}

void
lint_source(const struct ruleset *rs, struct source *src,
	    const struct lint_opts *opts, struct diag_list *out)
{
	struct lint_rule *rules = xcalloc(rs->n, sizeof(*rules));

	for (size_t k = 0; k < rs->n; k++) {
		rules[k].rule = rs->v[k];
		rules[k].sev = rs->v[k]->severity;
		rules[k].then = rs->v[k]->then;
	}
	lint_run(rules, rs->n, src, opts, out);
	free(rules);
}
