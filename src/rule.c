#include "rule.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "builtin.h"
#include "check.h"
#include "doc.h"
#include "lint.h"
#include "selector.h"
#include "source.h"
#include "xalloc.h"

/* One rule file being loaded. */
struct loader {
	struct ruleset *rs;
	struct doc doc;
	struct diag_list *errs;
	struct rule *rule;
	bool failed;
};

static void
errorf(struct loader *l, uint32_t node, bool at_key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Reports a problem at node's value, or at its key. */
static void
errorf(struct loader *l, uint32_t node, bool at_key, const char *fmt, ...)
{
	const struct node *n = doc_node(&l->doc, node);
	struct buf b = BUF_INIT;
	va_list ap;
	size_t off = n->off, end = n->end;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (at_key && n->key_end > n->key_off)
		off = n->key_off, end = n->key_end;
	diag_add(l->errs, NULL, SEV_ERROR, off, end, buf_detach(&b));
	l->failed = true;
}

static const char *
string_of(struct loader *l, uint32_t node)
{
	return json_object_get_string(doc_value(&l->doc, node));
}

static bool
expect_type(struct loader *l, uint32_t node, const char *key, int type)
{
	if (doc_node(&l->doc, node)->type == type)
		return true;
	errorf(l, node, false, "\"%s\" must be %s, not %s", key,
	       jtype_phrase(type), jtype_phrase(doc_node(&l->doc, node)->type));
	return false;
}

/* A string of kebab-case words: "property-title". */
static bool
kebab(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++) {
		if (*s == '-' && (s[1] == '-' || s[1] == '\0'))
			return false;
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	}
	return true;
}

/*
 * Checks a message template: it says something (not empty, and not cut
 * short by a \u0000), and every '{' in it starts a placeholder.
 */
static void
check_template(struct loader *l, uint32_t node, const char *msg)
{
	const char *bad;
	size_t n;

	if ((size_t)json_object_get_string_len(doc_value(&l->doc, node)) !=
	    strlen(msg)) {
		errorf(l, node, false, "a message cannot hold \\u0000");
		return;
	}
	if (msg[0] == '\0') {
		errorf(l, node, false, "a message cannot be empty");
		return;
	}
	bad = lint_template_error(msg);
	if (bad == NULL)
		return;
	/* Its first 12 bytes, without cutting a character in two. */
	n = strnlen(bad, 12);
	while (n > 0 && ((unsigned char)bad[n] & 0xC0) == 0x80)
		n--;
	errorf(l, node, false, "unknown placeholder at \"%.*s\"; a message "
	       "may use {key}, {field}, {value}, {type} and {expected}",
	       (int)n, bad);
}

static char *
dup_string(struct loader *l, uint32_t node)
{
	size_t len;
	const char *s = doc_string(&l->doc, node, &len);

	return xmemdup(s, len);
}

/* Loads one check object of "then". */
static void
load_check(struct loader *l, uint32_t obj, struct check *c)
{
	struct doc *d = &l->doc;
	uint32_t fn = doc_member(d, obj, "function");

	if (!expect_type(l, obj, "then", J_OBJECT))
		return;
	if (fn == NODE_NONE) {
		errorf(l, obj, false, "a check needs a \"function\"");
		return;
	}
	if (!expect_type(l, fn, "function", J_STRING))
		return;
	c->def = check_find(string_of(l, fn));
	if (c->def == NULL) {
		size_t n;
		const struct check_def *defs = check_defs(&n);
		struct buf b = BUF_INIT;

		for (size_t k = 0; k < n; k++)
			buf_addf(&b, "%s%s", k ? ", " : "", defs[k].name);
		errorf(l, fn, false, "unknown function \"%s\"; expected one "
		       "of %s", string_of(l, fn), b.s);
		buf_release(&b);
		return;
	}
	for (uint32_t m = doc_node(d, obj)->first; m != NODE_NONE;
	     m = doc_node(d, m)->next) {
		const char *key = tree_key(&d->tree, doc_node(d, m));
		int opt;

		if (m == fn)
			continue;
		if (strcmp(key, "field") == 0 || strcmp(key, "message") == 0) {
			if (c->def->run == NULL)
				errorf(l, m, true, "the core function \"%s\" "
				       "takes no \"%s\"", c->def->name, key);
			else if (expect_type(l, m, key, J_STRING))
				*(key[0] == 'f' ? &c->field : &c->message) =
					dup_string(l, m);
			if (c->field != NULL && key[0] == 'f') {
				c->field_len = strlen(c->field);
				c->field_bit = doc_key_bit(c->field,
							   c->field_len);
				/* A member name, as "in" and "member" are. */
				if (c->field_len == 0 || c->field_len !=
				    (size_t)json_object_get_string_len(
					    doc_value(d, m)))
					errorf(l, m, false, "\"field\" must be a "
					       "member name: a non-empty string "
					       "without \\u0000");
			}
			if (c->message != NULL && key[0] == 'm')
				check_template(l, m, c->message);
			continue;
		}
		opt = option_find(key);
		if (opt < 0 || !(c->def->options & 1u << opt)) {
			struct buf b = BUF_INIT;

			for (int k = 0; k < OPT__COUNT; k++)
				if (c->def->options & 1u << k)
					buf_addf(&b, ", \"%s\"",
						 option_name((enum option)k));
			errorf(l, m, true, "unknown key \"%s\" in a \"%s\" check"
			       "; it takes \"function\", \"field\", "
			       "\"message\"%s", key, c->def->name, b.s);
			buf_release(&b);
			continue;
		}
		{
			char *why = NULL;
			uint32_t at;

			if (check_set_option(c, (enum option)opt, d, m, &why,
					     &at) < 0) {
				errorf(l, at, false, "%s", why);
				free(why);
			}
		}
	}
	if ((c->def->required & ~c->given) != 0 ||
	    (c->def->one_of && !(c->def->one_of & c->given))) {
		struct buf b = BUF_INIT;
		unsigned need = c->def->required | c->def->one_of;

		for (int k = 0; k < OPT__COUNT; k++)
			if (need & 1u << k)
				buf_addf(&b, "%s\"%s\"", b.len ? " or " : "",
					 option_name((enum option)k));
		errorf(l, obj, false, "a \"%s\" check needs %s",
		       c->def->name, b.s);
		buf_release(&b);
	}
	if ((c->given & 1u << OPT_MIN) && (c->given & 1u << OPT_MAX) &&
	    c->min > c->max)
		errorf(l, obj, false, "\"min\" is greater than \"max\"");
}

static void
load_then(struct loader *l, uint32_t node)
{
	struct doc *d = &l->doc;
	struct rule *r = l->rule;
	const struct node *n = doc_node(d, node);

	if (n->type == J_OBJECT) {
		r->nthen = 1;
		r->then = xcalloc(1, sizeof(*r->then));
		load_check(l, node, &r->then[0]);
	} else if (n->type == J_ARRAY && n->count > 0) {
		size_t k = 0;

		r->nthen = n->count;
		r->then = xcalloc(n->count, sizeof(*r->then));
		for (uint32_t c = n->first; c != NODE_NONE;
		     c = doc_node(d, c)->next)
			load_check(l, c, &r->then[k++]);
	} else {
		errorf(l, node, false, "\"then\" must be a check object or a "
		       "non-empty array of them");
	}
}

static void
load_given(struct loader *l, uint32_t node)
{
	char *why;
	size_t off;

	if (!expect_type(l, node, "given", J_STRING))
		return;
	l->rule->given = selector_new(string_of(l, node), &why, &off);
	if (l->rule->given == NULL) {
		errorf(l, node, false, "bad selector: %s (at offset %zu of "
		       "the selector)", why, off);
		free(why);
	}
}

/*
 * Loads one condition of "when" or "unless" (key): a "field" and any of
 * the options "values", "match" and "notMatch", set as a check's are.
 */
static void
load_condition(struct loader *l, uint32_t obj, const char *key,
	       struct check *c)
{
	struct doc *d = &l->doc;
	const unsigned tests = 1u << OPT_VALUES | 1u << OPT_MATCH |
	    1u << OPT_NOT_MATCH;

	if (!expect_type(l, obj, key, J_OBJECT))
		return;
	for (uint32_t m = doc_node(d, obj)->first; m != NODE_NONE;
	     m = doc_node(d, m)->next) {
		const char *name = tree_key(&d->tree, doc_node(d, m));
		int opt = option_find(name);
		char *why = NULL;
		uint32_t at;

		if (strcmp(name, "field") == 0) {
			struct json_object *v = doc_value(d, m);

			if (!expect_type(l, m, "field", J_STRING))
				continue;
			if (json_object_get_string_len(v) == 0 ||
			    memchr(json_object_get_string(v), '\0',
				   (size_t)json_object_get_string_len(v)))
				errorf(l, m, false, "\"field\" must be a "
				       "member name, or \"@key\": a string, "
				       "not empty");
			else
				c->field = dup_string(l, m);
			c->field_len = c->field != NULL ? strlen(c->field) : 0;
			c->field_bit = doc_key_bit(c->field, c->field_len);
			continue;
		}
		if (opt < 0 || !(tests & 1u << opt)) {
			errorf(l, m, true, "unknown key \"%s\" in a condition "
			       "of \"%s\"; it takes \"field\", \"values\", "
			       "\"match\" and \"notMatch\"", name, key);
			continue;
		}
		if (check_set_option(c, (enum option)opt, d, m, &why,
				     &at) < 0) {
			errorf(l, at, false, "%s", why);
			free(why);
		}
	}
	if (!(c->given & tests))
		errorf(l, obj, false, "a condition needs \"values\", "
		       "\"match\" or \"notMatch\"");
}

static void
load_conditions(struct loader *l, uint32_t node, const char *key,
		struct check **out, size_t *n)
{
	struct doc *d = &l->doc;
	const struct node *a = doc_node(d, node);
	size_t k = 0;

	if (a->type != J_ARRAY || a->count == 0) {
		errorf(l, node, false, "\"%s\" must be a non-empty array of "
		       "conditions", key);
		return;
	}
	*n = a->count;
	*out = xcalloc(a->count, sizeof(**out));
	for (uint32_t c = a->first; c != NODE_NONE; c = doc_node(d, c)->next)
		load_condition(l, c, key, &(*out)[k++]);
}

static void
load_when(struct loader *l, uint32_t node)
{
	load_conditions(l, node, "when", &l->rule->when, &l->rule->nwhen);
}

static void
load_unless(struct loader *l, uint32_t node)
{
	load_conditions(l, node, "unless", &l->rule->unless,
			&l->rule->nunless);
}

static void
load_tags(struct loader *l, uint32_t node)
{
	struct doc *d = &l->doc;
	struct rule *r = l->rule;

	if (!expect_type(l, node, "tags", J_ARRAY))
		return;
	r->tags = xcalloc(doc_node(d, node)->count, sizeof(*r->tags));
	for (uint32_t c = doc_node(d, node)->first; c != NODE_NONE;
	     c = doc_node(d, c)->next) {
		if (!expect_type(l, c, "tags", J_STRING))
			continue;
		if (!kebab(string_of(l, c))) {
			errorf(l, c, false, "a tag is a kebab-case word, like "
			       "\"contract\"");
			continue;
		}
		r->tags[r->ntags++] = dup_string(l, c);
	}
}

/*
 * An example is a document: a JSON value, or a string holding its text.
 * The value's bytes are kept as the file has them, for rule_example().
 */
static void
load_example(struct loader *l, uint32_t node, struct example_src *ex)
{
	const struct node *n = doc_node(&l->doc, node);

	ex->json = n->type != J_STRING;
	if (ex->json) {
		ex->len = n->end - n->off;
		ex->bytes = xmemdup(l->doc.src->bytes + n->off, ex->len);
	} else {
		struct json_object *v = doc_value(&l->doc, node);

		ex->len = (size_t)json_object_get_string_len(v);
		ex->bytes = xmemdup(json_object_get_string(v), ex->len);
	}
}

/*
 * The path the examples are linted as, for a rule about where a file
 * sits: a file name, not empty, that \u0000 does not cut short.
 */
static void
load_example_file(struct loader *l, uint32_t node)
{
	struct json_object *v = doc_value(&l->doc, node);

	if (!expect_type(l, node, "file", J_STRING))
		return;
	if (json_object_get_string_len(v) == 0 ||
	    memchr(json_object_get_string(v), '\0',
		   (size_t)json_object_get_string_len(v)) != NULL) {
		errorf(l, node, false, "\"file\" must be a path, such as "
		       "\"acme-apikey/v1/connection.json\": not empty, and "
		       "without \\u0000");
		return;
	}
	l->rule->example_file = dup_string(l, node);
}

static void
load_examples(struct loader *l, uint32_t node)
{
	struct doc *d = &l->doc;

	if (!expect_type(l, node, "examples", J_OBJECT))
		return;
	for (uint32_t c = doc_node(d, node)->first; c != NODE_NONE;
	     c = doc_node(d, c)->next) {
		const char *key = tree_key(&d->tree, doc_node(d, c));

		if (strcmp(key, "bad") == 0)
			load_example(l, c, &l->rule->example_bad);
		else if (strcmp(key, "good") == 0)
			load_example(l, c, &l->rule->example_good);
		else if (strcmp(key, "file") == 0)
			load_example_file(l, c);
		else
			errorf(l, c, true, "unknown key \"%s\" in \"examples\";"
			       " expected \"bad\", \"good\" and \"file\"",
			       key);
	}
}

static void
load_id(struct loader *l, uint32_t node)
{
	const struct rule *other;

	if (!expect_type(l, node, "id", J_STRING))
		return;
	l->rule->id = dup_string(l, node);
	if (!kebab(l->rule->id))
		errorf(l, node, false, "a rule id is kebab-case: lower-case "
		       "words joined by '-'");
	other = ruleset_find(l->rs, l->rule->id);
	if (other != NULL)
		errorf(l, node, false, "rule \"%s\" is already defined in %s",
		       l->rule->id, other->origin);
}

static void
load_severity(struct loader *l, uint32_t node)
{
	if (expect_type(l, node, "severity", J_STRING) &&
	    severity_parse(string_of(l, node), &l->rule->severity) < 0)
		errorf(l, node, false, "unknown severity \"%s\"; expected "
		       "error, warning, note or off", string_of(l, node));
}

static void
load_text(struct loader *l, uint32_t node, char **out, const char *key)
{
	if (expect_type(l, node, key, J_STRING))
		*out = dup_string(l, node);
}

static void
load_summary(struct loader *l, uint32_t node)
{
	load_text(l, node, &l->rule->summary, "summary");
}

static void
load_description(struct loader *l, uint32_t node)
{
	load_text(l, node, &l->rule->description, "description");
}

static void
load_message(struct loader *l, uint32_t node)
{
	load_text(l, node, &l->rule->message, "message");
	if (l->rule->message != NULL)
		check_template(l, node, l->rule->message);
}

static const struct {
	const char *key;
	bool required;
	void (*load)(struct loader *, uint32_t);
} rule_keys[] = {
	{ "id", true, load_id },
	{ "severity", true, load_severity },
	{ "tags", false, load_tags },
	{ "summary", true, load_summary },
	{ "description", true, load_description },
	{ "given", false, load_given },
	{ "when", false, load_when },
	{ "unless", false, load_unless },
	{ "then", true, load_then },
	{ "message", false, load_message },
	{ "examples", false, load_examples },
};

/* A core function stands alone; any other needs a selector and messages. */
static void
check_shape(struct loader *l, uint32_t root)
{
	struct rule *r = l->rule;
	uint32_t then = doc_member(&l->doc, root, "then");
	size_t ncore = 0;

	for (size_t k = 0; k < r->nthen; k++)
		if (r->then[k].def != NULL && r->then[k].def->run == NULL)
			ncore++;
	if (ncore > 0) {
		const struct rule *other = ruleset_core(l->rs,
							r->then[0].def->name);
		static const char *const not_core[] = {
			"given", "when", "unless", "message",
		};
		const char *extra = NULL;

		for (size_t k = 0; k < ARRAY_SIZE(not_core) && !extra; k++)
			if (doc_member(&l->doc, root, not_core[k]) != NODE_NONE)
				extra = not_core[k];

		if (r->nthen > 1)
			errorf(l, then, false, "a core function must be the "
			       "rule's only check");
		else if (extra != NULL)
			errorf(l, doc_member(&l->doc, root, extra), true,
			       "a rule with the core function \"%s\" takes no "
			       "\"%s\": the loader finds what it reports, and "
			       "writes the message", r->then[0].def->name,
			       extra);
		else if (other != NULL)
			errorf(l, then, false, "the core function \"%s\" is "
			       "already used by rule \"%s\"",
			       r->then[0].def->name, other->id);
		else
			r->core = r->then[0].def->name;
		return;
	}
	if (doc_member(&l->doc, root, "given") == NODE_NONE)
		errorf(l, root, false, "the rule has no \"given\" selector");
	for (size_t k = 0; k < r->nthen; k++)
		if (r->message == NULL && r->then[k].message == NULL)
			errorf(l, then, false, "the rule has no \"message\", "
			       "and a check of it has none of its own");
}

static void
rule_free(struct rule *r)
{
	if (r == NULL)
		return;
	free(r->id);
	for (size_t k = 0; k < r->ntags; k++)
		free(r->tags[k]);
	free(r->tags);
	free(r->summary);
	free(r->description);
	selector_free(r->given);
	for (size_t k = 0; k < r->nwhen; k++)
		check_release(&r->when[k]);
	free(r->when);
	for (size_t k = 0; k < r->nunless; k++)
		check_release(&r->unless[k]);
	free(r->unless);
	for (size_t k = 0; k < r->nthen; k++)
		check_release(&r->then[k]);
	free(r->then);
	free(r->message);
	free(r->origin);
	free(r->example_bad.bytes);
	free(r->example_good.bytes);
	free(r->example_file);
	free(r);
}

/* Condition i of r: its "when" ones, then its "unless" ones. */
static struct check *
condition_at(const struct rule *r, size_t i)
{
	return i < r->nwhen ? &r->when[i] : &r->unless[i - r->nwhen];
}

/*
 * Numbers each condition of r that a rule added before tests too, with
 * the number they share (check.h): the engine decides it once a node.
 * The security rules test one field name and title pattern each, and
 * matching it again took a twentieth of a run over 10,000 files.
 */
static void
share_conditions(struct ruleset *rs, const struct rule *r)
{
	for (size_t i = 0; i < r->nwhen + r->nunless; i++) {
		struct check *c = condition_at(r, i);

		for (size_t k = 0; k < rs->n && !c->shared; k++) {
			const struct rule *o = rs->v[k];

			for (size_t j = 0; j < o->nwhen + o->nunless; j++) {
				struct check *t = condition_at(o, j);

				if (!check_same_condition(c, t))
					continue;
				if (!t->shared)
					t->shared = ++rs->nshared;
				c->shared = t->shared;
				break;
			}
		}
	}
}

/* Numbers r's selector: the number of an earlier rule's with its text. */
static void
number_given(struct ruleset *rs, struct rule *r)
{
	if (r->given == NULL)
		return;
	for (size_t k = 0; k < rs->n && r->given_id == 0; k++)
		if (rs->v[k]->given != NULL &&
		    strcmp(selector_text(rs->v[k]->given),
			   selector_text(r->given)) == 0)
			r->given_id = rs->v[k]->given_id;
	if (r->given_id == 0)
		r->given_id = ++rs->ngiven;
}

int
ruleset_add(struct ruleset *rs, struct source *src, struct diag_list *errs)
{
	struct loader l = { rs, { 0 }, errs, NULL, false };
	size_t first = errs->n;
	struct doc *d = &l.doc;

	if (doc_load(d, src, DOC_MAX_DEPTH_DEFAULT, errs) < 0 ||
	    errs->n > first) {
		for (size_t k = first; k < errs->n; k++)
			errs->v[k].rule = NULL;
		doc_release(d);
		return -1;
	}
	l.rule = xcalloc(1, sizeof(*l.rule));
	l.rule->origin = xstrdup(src->name);
	if (!expect_type(&l, 0, "a rule file", J_OBJECT))
		goto out;
	for (uint32_t m = doc_node(d, 0)->first; m != NODE_NONE;
	     m = doc_node(d, m)->next) {
		const char *key = tree_key(&d->tree, doc_node(d, m));
		size_t k;

		for (k = 0; k < ARRAY_SIZE(rule_keys); k++)
			if (strcmp(key, rule_keys[k].key) == 0)
				break;
		if (k == ARRAY_SIZE(rule_keys)) {
			errorf(&l, m, true, "unknown key \"%s\" in a rule; "
			       "expected id, severity, tags, summary, "
			       "description, given, when, unless, then, "
			       "message, examples",
			       key);
			continue;
		}
		rule_keys[k].load(&l, m);
	}
	for (size_t k = 0; k < ARRAY_SIZE(rule_keys); k++)
		if (rule_keys[k].required &&
		    doc_member(d, 0, rule_keys[k].key) == NODE_NONE)
			errorf(&l, 0, false, "the rule has no \"%s\"",
			       rule_keys[k].key);
	if (!l.failed)
		check_shape(&l, 0);
out:
	doc_release(d);
	if (l.failed) {
		rule_free(l.rule);
		return -1;
	}
	share_conditions(rs, l.rule);
	number_given(rs, l.rule);
	rs->v = xgrow(rs->v, sizeof(*rs->v), rs->n + 1, &rs->alloc);
	rs->v[rs->n++] = l.rule;
	return 0;
}

int
ruleset_add_builtin(struct ruleset *rs, char **err)
{
	for (size_t k = 0; k < builtin_rules_count; k++) {
		const struct builtin_file *f = &builtin_rules[k];
		struct source *src = source_from_mem(f->name, f->data, f->len);
		struct diag_list errs = DIAG_LIST_INIT;

		if (ruleset_add(rs, src, &errs) < 0) {
			struct pos p = source_pos(src, errs.n ? errs.v[0].off : 0);
			struct buf b = BUF_INIT;

			buf_addf(&b, "%s:%zu:%zu: %s", src->name, p.line, p.col,
				 errs.n ? errs.v[0].msg : "cannot load");
			*err = buf_detach(&b);
			diag_list_release(&errs);
			source_free(src);
			return -1;
		}
		diag_list_release(&errs);
		source_free(src);
	}
	return 0;
}

void
ruleset_init(struct ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void
ruleset_release(struct ruleset *rs)
{
	for (size_t k = 0; k < rs->n; k++)
		rule_free(rs->v[k]);
	free(rs->v);
	ruleset_init(rs);
}

/*
 * A JSON example is printed from the json-c values doc.c builds, as it
 * built them when loading the rule file: its bytes parse alone as they
 * parsed there (strictly, with no repeated key, or the rule was refused),
 * so doc_load() does not fail here.
 */
char *
rule_example(const struct rule *r, bool good)
{
	const struct example_src *ex = good ? &r->example_good :
					      &r->example_bad;
	struct diag_list errs = DIAG_LIST_INIT;
	struct source *src;
	struct doc d;
	char *text = NULL;

	if (ex->bytes == NULL)
		return NULL;
	if (!ex->json)
		return xmemdup(ex->bytes, ex->len);
	src = source_from_mem(r->origin, ex->bytes, ex->len);
	if (doc_load(&d, src, DOC_MAX_DEPTH_DEFAULT, &errs) == 0)
		text = xstrdup(json_object_to_json_string_ext(doc_value(&d, 0),
			JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			JSON_C_TO_STRING_NOSLASHESCAPE));
	doc_release(&d);
	diag_list_release(&errs);
	source_free(src);
	return text;
}

const struct rule *
ruleset_find(const struct ruleset *rs, const char *id)
{
	for (size_t k = 0; k < rs->n; k++)
		if (strcmp(rs->v[k]->id, id) == 0)
			return rs->v[k];
	return NULL;
}

const struct rule *
ruleset_core(const struct ruleset *rs, const char *core)
{
	for (size_t k = 0; k < rs->n; k++)
		if (rs->v[k]->core != NULL && strcmp(rs->v[k]->core, core) == 0)
			return rs->v[k];
	return NULL;
}

int
rule_subject(const struct rule *r)
{
	return r->nthen > 0 && r->then[0].def != NULL ?
	       (int)r->then[0].def->subject : SUBJECT_DOCUMENT;
}
