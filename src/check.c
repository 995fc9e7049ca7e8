#include "check.h"

#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "layout.h"
#include "regex.h"
#include "repeat.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

/* The type names of the "type" check, as JSON Schema spells them. */
enum type_name {
	T_STRING,
	T_NUMBER,
	T_INTEGER,
	T_BOOLEAN,
	T_OBJECT,
	T_ARRAY,
	T_NULL,
	T__COUNT,
};

static const char *const type_names[T__COUNT] = {
	"string", "number", "integer", "boolean", "object", "array", "null",
};

static const char *const type_phrases[T__COUNT] = {
	"a string", "a number", "an integer", "a boolean", "an object",
	"an array", "null",
};

const char *
jtype_phrase(int jtype)
{
	static const char *const phrases[] = {
		[J_NULL] = "null", [J_BOOL] = "a boolean",
		[J_NUMBER] = "a number", [J_STRING] = "a string",
		[J_ARRAY] = "an array", [J_OBJECT] = "an object",
	};

	return phrases[jtype];
}

static int
type_find(const char *name)
{
	for (int k = 0; k < T__COUNT; k++)
		if (strcmp(name, type_names[k]) == 0)
			return k;
	return -1;
}

/*
 * A target's bytes when it is a string (a key is one); else NULL.  They
 * are len bytes, not a C string (doc_string()).
 */
static const char *
target_string(struct doc *d, const struct target *t, size_t *len)
{
	const struct node *n = doc_node(d, t->node);

	if (t->is_key) {
		*len = n->key_len;
		return tree_key(&d->tree, n);
	}
	if (n->type != J_STRING)
		return NULL;
	return doc_string(d, t->node, len);
}

static int
target_type(const struct doc *d, const struct target *t)
{
	return t->is_key ? J_STRING : doc_node(d, t->node)->type;
}

static bool
is_integer(struct doc *d, uint32_t node)
{
	struct json_object *v = doc_value(d, node);
	double x;

	if (json_object_is_type(v, json_type_int))
		return true;
	x = json_object_get_double(v);
	return isfinite(x) && x == floor(x);
}

/* Joins phrases as "a, b or c". */
static void
add_alternatives(struct buf *out, const char *const *words, unsigned set)
{
	unsigned left = (unsigned)__builtin_popcount(set);

	for (int k = 0; k < T__COUNT; k++) {
		if (!(set & 1u << k))
			continue;
		buf_adds(out, words[k]);
		left--;
		if (left > 1)
			buf_adds(out, ", ");
		else if (left == 1)
			buf_adds(out, " or ");
	}
}

/*
 * The field is present.  With "instead", only a field that is missing
 * while the member "instead" is there fails: a message of its own for a
 * field under another name ("label" for "title").
 */
static enum check_result
check_defined(const struct check *c, struct doc *d, struct target *t,
	      struct buf *expected)
{
	(void)expected;
	if (t->node != NODE_NONE)
		return CHECK_PASS;
	if (c->instead == NULL)
		return CHECK_FAIL;
	return t->owner != NODE_NONE &&
	       doc_member(d, t->owner, c->instead) != NODE_NONE ? CHECK_FAIL :
	       CHECK_PASS;
}

/*
 * The field is absent.  With "beside", only a field that is there while
 * the member "beside" is there too fails: a keyword that another makes
 * redundant ("minLength" beside "enum").
 */
static enum check_result
check_undefined(const struct check *c, struct doc *d, struct target *t,
		struct buf *expected)
{
	if (t->node == NODE_NONE)
		return CHECK_PASS;
	if (c->beside != NULL && (t->owner == NODE_NONE ||
				  doc_member(d, t->owner, c->beside) ==
				  NODE_NONE))
		return CHECK_PASS;
	buf_adds(expected, "nothing");
	return CHECK_FAIL;
}

/* The set of enum type_name that t's value is. */
static unsigned
value_types(struct doc *d, const struct target *t)
{
	unsigned is = 0;

	switch (target_type(d, t)) {
	case J_STRING: is = 1u << T_STRING; break;
	case J_BOOL: is = 1u << T_BOOLEAN; break;
	case J_NULL: is = 1u << T_NULL; break;
	case J_ARRAY: is = 1u << T_ARRAY; break;
	case J_OBJECT: is = 1u << T_OBJECT; break;
	case J_NUMBER:
		is = 1u << T_NUMBER;
		if (is_integer(d, t->node))
			is |= 1u << T_INTEGER;
		break;
	}
	return is;
}

static enum check_result
check_type(const struct check *c, struct doc *d, struct target *t,
	   struct buf *expected)
{
	unsigned is = value_types(d, t);

	if (c->types & is)
		return CHECK_PASS;
	add_alternatives(expected, type_phrases, c->types);
	return CHECK_FAIL;
}

static enum check_result
check_nonempty(const struct check *c, struct doc *d, struct target *t,
	       struct buf *expected)
{
	size_t len;
	const char *s = target_string(d, t, &len);
	int type = target_type(d, t);

	(void)c;
	/* The expected text is made only for a failure: checks mostly pass. */
	if (s != NULL) {
		if (!utf8_blank(s, len))
			return CHECK_PASS;
		buf_adds(expected, "a string that is not empty or blank");
		return CHECK_FAIL;
	}
	if ((type == J_ARRAY || type == J_OBJECT) &&
	    doc_node(d, t->node)->count == 0) {
		buf_addf(expected, "%s with at least one %s",
			 jtype_phrase(type), type == J_ARRAY ? "item" :
			 "member");
		return CHECK_FAIL;
	}
	return CHECK_PASS;
}

/* "one of "a", "b"", made once when the option is set. */
static char *
value_list(struct json_object *values)
{
	size_t n = json_object_array_length(values);
	struct buf out = BUF_INIT;

	if (n > 1)
		buf_adds(&out, "one of ");
	for (size_t k = 0; k < n; k++) {
		if (k > 0)
			buf_adds(&out, ", ");
		buf_adds(&out, json_object_to_json_string_ext(
			json_object_array_get_idx(values, k),
			JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	}
	return buf_detach(&out);
}

static int
strref_cmp(const void *a, const void *b)
{
	const struct strref *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

/*
 * Whether the value is one of "values".  Most values checked are strings
 * (member names against known keywords, titles against placeholder
 * text), so the string values are kept sorted and a string is found by
 * bisection.
 */
static bool
enum_has(const struct check *c, struct doc *d, const struct target *t)
{
	struct strref key;
	struct json_object *v;
	size_t n;

	key.s = target_string(d, t, &key.len);
	if (key.s != NULL)
		return bsearch(&key, c->strings, c->nstrings, sizeof(key),
			       strref_cmp) != NULL;
	n = json_object_array_length(c->values);
	v = doc_value(d, t->node);
	for (size_t k = 0; k < n; k++)
		if (json_object_equal(json_object_array_get_idx(c->values, k),
				      v))
			return true;
	return false;
}

/* The value is one of "values". */
static enum check_result
check_enum(const struct check *c, struct doc *d, struct target *t,
	   struct buf *expected)
{
	if (enum_has(c, d, t))
		return CHECK_PASS;
	buf_adds(expected, c->values_text);
	return CHECK_FAIL;
}

/*
 * One pattern against s, without the text of a failure.  On CHECK_LIMIT,
 * expected says why the value could not be checked.
 */
static enum check_result
match_quiet(const struct regex *re, bool want, const char *s, size_t len,
	    struct buf *expected)
{
	struct buf why = BUF_INIT;
	enum regex_result r = regex_match(re, s, len, &why);

	if (r == REGEX_LIMIT) {
		buf_addf(expected, "matching /%s/ stopped: %s",
			 regex_pattern(re), why.s);
		buf_release(&why);
		return CHECK_LIMIT;
	}
	return (r == REGEX_MATCH) == want ? CHECK_PASS : CHECK_FAIL;
}

/* The same, with expected saying what a failure wanted. */
static enum check_result
match_one(const struct regex *re, bool want, const char *s, size_t len,
	  struct buf *expected)
{
	enum check_result r = match_quiet(re, want, s, len, expected);

	if (r == CHECK_FAIL)
		buf_addf(expected, "%s for /%s/", want ? "a match" : "no match",
			 regex_pattern(re));
	return r;
}

static enum check_result
check_pattern(const struct check *c, struct doc *d, struct target *t,
	      struct buf *expected)
{
	size_t len;
	const char *s = target_string(d, t, &len);
	enum check_result r = CHECK_PASS;

	if (s == NULL)
		return CHECK_PASS;
	if (c->match != NULL)
		r = match_one(c->match, true, s, len, expected);
	if (r == CHECK_PASS && c->not_match != NULL)
		r = match_one(c->not_match, false, s, len, expected);
	return r;
}

static enum check_result
check_length(const struct check *c, struct doc *d, struct target *t,
	     struct buf *expected)
{
	size_t len, n;
	const char *s = target_string(d, t, &len);
	int type = target_type(d, t);
	const char *unit = "character";
	size_t last;

	if (s != NULL)
		n = utf8_count(s, len);
	else if (type == J_ARRAY || type == J_OBJECT)
		n = doc_node(d, t->node)->count, unit = type == J_ARRAY ?
		    "item" : "member";
	else
		return CHECK_PASS;
	if (!((c->given & 1u << OPT_MIN) && n < c->min) &&
	    !((c->given & 1u << OPT_MAX) && n > c->max))
		return CHECK_PASS;
	if ((c->given & 1u << OPT_MIN) && (c->given & 1u << OPT_MAX))
		buf_addf(expected, "%zu to %zu", c->min, last = c->max);
	else if (c->given & 1u << OPT_MIN)
		buf_addf(expected, "at least %zu", last = c->min);
	else
		buf_addf(expected, "at most %zu", last = c->max);
	buf_addf(expected, " %s%s", unit, last == 1 ? "" : "s");
	return CHECK_FAIL;
}

/* Type names people write, and the JSON Schema name they mean. */
static const struct {
	const char *alias;
	const char *name;
} type_aliases[] = {
	{ "bool", "boolean" },	{ "dict", "object" },
	{ "double", "number" }, { "float", "number" },
	{ "int", "integer" },	{ "list", "array" },
	{ "map", "object" },	{ "password", "string" },
	{ "str", "string" },	{ "text", "string" },
};

/* Is s (len bytes) a schema type name?  "any" is Flow's, from draft 3. */
static bool
schema_type_name(const char *s, size_t len)
{
	if (len == 3 && memcmp(s, "any", 3) == 0)
		return true;
	for (int k = 0; k < T__COUNT; k++)
		if (strlen(type_names[k]) == len &&
		    memcmp(s, type_names[k], len) == 0)
			return true;
	return false;
}

static void
suggest_type(struct buf *out, const char *s, size_t len)
{
	char low[16];

	if (len >= sizeof(low) || memchr(s, '\0', len) != NULL)
		return;
	for (size_t k = 0; k < len; k++)
		low[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
	low[len] = '\0';
	if (type_find(low) >= 0) {
		buf_addf(out, " (did you mean \"%s\"?)", low);
		return;
	}
	for (size_t k = 0; k < ARRAY_SIZE(type_aliases); k++)
		if (strcmp(low, type_aliases[k].alias) == 0)
			buf_addf(out, " (did you mean \"%s\"?)",
				 type_aliases[k].name);
}

/* Is the value at t a type name, or a non-empty list of distinct ones? */
static bool
schema_type_ok(struct doc *d, const struct target *t)
{
	size_t len;
	const char *s = target_string(d, t, &len);
	const struct node *n = doc_node(d, t->node);

	if (s != NULL)
		return schema_type_name(s, len);
	if (n->type != J_ARRAY || n->count == 0)
		return false;
	for (uint32_t k = n->first; k != NODE_NONE; k = doc_node(d, k)->next) {
		struct target e = { k, false, NODE_NONE, 0 };

		s = target_string(d, &e, &len);
		if (s == NULL || !schema_type_name(s, len))
			return false;
		/* Each name once: with eight names, this loop stays short. */
		for (uint32_t j = n->first; j != k; j = doc_node(d, j)->next) {
			struct target o = { j, false, NODE_NONE, 0 };
			size_t olen = 0;
			const char *os = target_string(d, &o, &olen);

			if (os != NULL && olen == len &&
			    memcmp(os, s, len) == 0)
				return false;
		}
	}
	return true;
}

static enum check_result
check_schema_type(const struct check *c, struct doc *d,
		  struct target *t, struct buf *expected)
{
	size_t len;
	const char *s;

	(void)c;
	/* The text is made only for a failure: on a big file it was half
	   the run's instructions. */
	if (schema_type_ok(d, t))
		return CHECK_PASS;
	s = target_string(d, t, &len);
	buf_adds(expected, "one of ");
	for (int k = 0; k < T__COUNT; k++)
		buf_addf(expected, "%s%s", k ? ", " : "", type_names[k]);
	if (s != NULL)
		suggest_type(expected, s, len);
	else
		buf_adds(expected, ", or a non-empty array of them, none "
			 "repeated");
	return CHECK_FAIL;
}

/* The member of object obj whose key is s (len bytes), or NODE_NONE. */
static uint32_t
member_named(const struct doc *d, uint32_t obj, const char *s, size_t len)
{
	return doc_member_len(d, obj, s, len);
}

/* The keys of object obj, as "one of "a", "b"", for expected. */
static void
add_keys(struct buf *out, const struct doc *d, uint32_t obj)
{
	const struct node *o = doc_node(d, obj);
	uint32_t shown = 0;

	if (o->count > 1)
		buf_adds(out, "one of ");
	for (uint32_t m = o->first; m != NODE_NONE;
	     m = doc_node(d, m)->next, shown++) {
		const struct node *n = doc_node(d, m);

		if (shown == 10) {
			buf_adds(out, ", ...");
			break;
		}
		if (shown > 0)
			buf_adds(out, ", ");
		buf_add_json_string(out, tree_key(&d->tree, n), n->key_len);
	}
}

/*
 * Each string of an array is the key of a member of the object that is
 * the array's sibling "in".  Each one that is not becomes the target in
 * turn: the first past t->after.
 */
static enum check_result
check_keys_in(const struct check *c, struct doc *d, struct target *t,
	      struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	uint32_t obj;

	if (t->is_key || n->type != J_ARRAY || n->parent == NODE_NONE)
		return CHECK_PASS;
	obj = doc_member(d, n->parent, c->in);
	if (obj != NODE_NONE && doc_node(d, obj)->type != J_OBJECT)
		return CHECK_PASS;	/* another rule's business */
	for (uint32_t k = n->first; k != NODE_NONE; k = doc_node(d, k)->next) {
		struct target e = { k, false, NODE_NONE, 0 };
		size_t len;
		const char *s = target_string(d, &e, &len);

		if (k <= t->after)
			continue;	/* reported already */
		if (s == NULL || (obj != NODE_NONE &&
				  member_named(d, obj, s, len) != NODE_NONE))
			continue;
		if (obj == NODE_NONE || doc_node(d, obj)->count == 0)
			buf_addf(expected, "a key of \"%s\" (it has none)",
				 c->in);
		else
			add_keys(expected, d, obj);
		t->node = k;
		return CHECK_FAIL;
	}
	return CHECK_PASS;
}

/*
 * The types a schema's "type" (node ty) names, as a set of enum
 * type_name; "any" names them all.  With merge, number and integer go
 * together: a keyword for numbers applies to integers, and one for
 * integers to numbers that may be whole.
 */
static unsigned
schema_types(struct doc *d, uint32_t ty, bool merge)
{
	const struct node *n = doc_node(d, ty);
	uint32_t first = n->type == J_ARRAY ? n->first : ty;
	unsigned set = 0;

	if (n->type != J_ARRAY && n->type != J_STRING)
		return 0;
	for (uint32_t k = first; k != NODE_NONE;
	     k = n->type == J_ARRAY ? doc_node(d, k)->next : NODE_NONE) {
		struct target e = { k, false, NODE_NONE, 0 };
		size_t len;
		const char *s = target_string(d, &e, &len);
		char name[8];
		int type;

		if (s == NULL || len >= sizeof(name))
			continue;
		memcpy(name, s, len);
		name[len] = '\0';
		if (strcmp(name, "any") == 0)
			return (1u << T__COUNT) - 1;
		type = type_find(name);
		if (type < 0)
			continue;
		set |= 1u << type;
	}
	if (merge && (set & (1u << T_NUMBER | 1u << T_INTEGER)))
		set |= 1u << T_NUMBER | 1u << T_INTEGER;
	return set;
}

/*
 * The field is used only where the selected schema's "type" names one of
 * "types".  A schema with no "type", or one that names no known type,
 * passes: other rules report those.
 */
static enum check_result
check_applies_to(const struct check *c, struct doc *d, struct target *t,
		 struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	uint32_t ty;
	unsigned named;

	if (t->is_key || n->parent == NODE_NONE)
		return CHECK_PASS;
	ty = doc_member(d, n->parent, "type");
	if (ty == NODE_NONE)
		return CHECK_PASS;
	named = schema_types(d, ty, true);
	if (named == 0 || (named & c->types))
		return CHECK_PASS;
	buf_adds(expected, "a \"type\" of ");
	add_alternatives(expected, type_names, c->types);
	return CHECK_FAIL;
}

/* The value is none of "values". */
static enum check_result
check_not_enum(const struct check *c, struct doc *d, struct target *t,
	       struct buf *expected)
{
	const char *list = c->values_text;
	bool many;

	if (!enum_has(c, d, t))
		return CHECK_PASS;
	many = strncmp(list, "one of ", 7) == 0;
	buf_addf(expected, "%s %s", many ? "none of" : "not",
		 many ? list + 7 : list);
	return CHECK_FAIL;
}

/*
 * A condition of a rule's "when" or "unless" (rule.h) holds for the value
 * at t: it is one of "values", if the condition has them, and a string
 * that matches "match" and does not match "notMatch", if it has those.
 */
enum check_result
check_condition(const struct check *c, struct doc *d, struct target *t,
		struct buf *why)
{
	enum check_result r = CHECK_PASS;
	const char *s;
	size_t len;

	/* Conditions mostly fail: no text is made for that. */
	if (c->values != NULL && !enum_has(c, d, t))
		return CHECK_FAIL;
	if (c->match == NULL && c->not_match == NULL)
		return CHECK_PASS;
	s = target_string(d, t, &len);
	if (s == NULL)
		return CHECK_FAIL;	/* only a string matches a pattern */
	if (c->match != NULL)
		r = match_quiet(c->match, true, s, len, why);
	if (r == CHECK_PASS && c->not_match != NULL)
		r = match_quiet(c->not_match, false, s, len, why);
	return r;
}

static bool
same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

bool
check_same_condition(const struct check *a, const struct check *b)
{
	return a->def == NULL && b->def == NULL && a->given == b->given &&
	       same_text(a->field, b->field) &&
	       (a->values == b->values ||
		json_object_equal(a->values, b->values)) &&
	       /* regex_new() makes one regex of each pattern */
	       a->match == b->match && a->not_match == b->not_match;
}

/* A number is from "min" to "max"; other values pass. */
static enum check_result
check_range(const struct check *c, struct doc *d, struct target *t,
	    struct buf *expected)
{
	double x;

	if (t->is_key || doc_node(d, t->node)->type != J_NUMBER)
		return CHECK_PASS;
	x = json_object_get_double(doc_value(d, t->node));
	if ((c->given & 1u << OPT_MIN) && (c->given & 1u << OPT_MAX))
		buf_addf(expected, "%zu to %zu", c->min, c->max);
	else if (c->given & 1u << OPT_MIN)
		buf_addf(expected, "%zu or more", c->min);
	else
		buf_addf(expected, "%zu or less", c->max);
	if ((c->given & 1u << OPT_MIN) && x < (double)c->min)
		return CHECK_FAIL;
	if ((c->given & 1u << OPT_MAX) && x > (double)c->max)
		return CHECK_FAIL;
	return CHECK_PASS;
}

/*
 * A number is not greater than its sibling "than", when that is a number
 * too.  expected says what it may be at most, as the file writes it.
 */
static enum check_result
check_at_most(const struct check *c, struct doc *d, struct target *t,
	      struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	const struct node *o;
	uint32_t other;

	if (t->is_key || n->type != J_NUMBER || n->parent == NODE_NONE)
		return CHECK_PASS;
	other = doc_member(d, n->parent, c->than);
	if (other == NODE_NONE || doc_node(d, other)->type != J_NUMBER)
		return CHECK_PASS;
	o = doc_node(d, other);
	buf_addf(expected, "at most %.*s, the \"%s\"", (int)(o->end - o->off),
		 d->src->bytes + o->off, c->than);
	return json_object_get_double(doc_value(d, t->node)) >
	       json_object_get_double(doc_value(d, other)) ? CHECK_FAIL :
	       CHECK_PASS;
}

/*
 * The value is of a type that the selected schema's "type" names: what
 * a "default" must be.  No "type", or none known, passes.
 */
static enum check_result
check_fits_type(const struct check *c, struct doc *d, struct target *t,
		struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	uint32_t ty;
	unsigned named;

	(void)c;
	if (t->is_key || n->parent == NODE_NONE)
		return CHECK_PASS;
	ty = doc_member(d, n->parent, "type");
	if (ty == NODE_NONE)
		return CHECK_PASS;
	named = schema_types(d, ty, false);
	if (named == 0 || (named & value_types(d, t)))
		return CHECK_PASS;
	add_alternatives(expected, type_phrases, named);
	return CHECK_FAIL;
}

/*
 * Each item of an array has a type that the selected schema's "type"
 * names: what the items of an "enum" must have.  The array is a member
 * of the schema.  Each item that has not becomes the target in turn: the
 * first past t->after.  No "type", or none known, passes.
 */
static enum check_result
check_items_fit_type(const struct check *c, struct doc *d, struct target *t,
		     struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	uint32_t ty;
	unsigned named;

	(void)c;
	if (t->is_key || n->type != J_ARRAY || n->parent == NODE_NONE)
		return CHECK_PASS;
	ty = doc_member(d, n->parent, "type");
	if (ty == NODE_NONE)
		return CHECK_PASS;
	named = schema_types(d, ty, false);
	if (named == 0)
		return CHECK_PASS;
	for (uint32_t k = n->first; k != NODE_NONE; k = doc_node(d, k)->next) {
		struct target e = { k, false, NODE_NONE, 0 };

		if (k <= t->after || (named & value_types(d, &e)))
			continue;
		add_alternatives(expected, type_phrases, named);
		t->node = k;
		return CHECK_FAIL;
	}
	return CHECK_PASS;
}

/* The value is an object with a member "member"; other values pass. */
static enum check_result
check_has_member(const struct check *c, struct doc *d, struct target *t,
		 struct buf *expected)
{
	if (t->is_key || doc_node(d, t->node)->type != J_OBJECT ||
	    doc_member(d, t->node, c->member) != NODE_NONE)
		return CHECK_PASS;
	buf_adds(expected, "a member ");
	buf_add_json_string(expected, c->member, strlen(c->member));
	return CHECK_FAIL;
}

/*
 * A string is the name of one of the file's folders in the Flow CLI's
 * layout (layout.h): its version folder, or its name folder.  A file
 * outside the layout, or that has no such folder, passes.  expected is
 * the folder's name, as a JSON string.
 */
static enum check_result
check_folder(struct doc *d, struct target *t, struct buf *expected,
	     bool version)
{
	size_t len;
	const char *s = target_string(d, t, &len);
	struct layout l;
	const char *want;
	enum check_result r = CHECK_PASS;

	if (s == NULL || !layout_of_file(d->src->name, &l))
		return CHECK_PASS;
	want = version ? l.version : l.name;
	if (want != NULL && (strlen(want) != len ||
			     memcmp(want, s, len) != 0)) {
		buf_add_json_string(expected, want, strlen(want));
		r = CHECK_FAIL;
	}
	layout_release(&l);
	return r;
}

static enum check_result
check_name_folder(const struct check *c, struct doc *d, struct target *t,
		  struct buf *expected)
{
	(void)c;
	return check_folder(d, t, expected, false);
}

static enum check_result
check_version_folder(const struct check *c, struct doc *d, struct target *t,
		     struct buf *expected)
{
	(void)c;
	return check_folder(d, t, expected, true);
}

/* No item of an array equals, as JSON, an item before it. */
static enum check_result
check_unique(const struct check *c, struct doc *d, struct target *t,
	     struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	struct json_object **v;
	uint32_t *nodes, k;
	size_t count = 0, again, earlier;

	(void)c;
	if (t->is_key || n->type != J_ARRAY)
		return CHECK_PASS;
	v = xmalloc(n->count * sizeof(*v) + 1);
	nodes = xmalloc(n->count * sizeof(*nodes) + 1);
	for (k = n->first; k != NODE_NONE; k = doc_node(d, k)->next) {
		nodes[count] = k;
		v[count++] = doc_value(d, k);
	}
	again = repeat_find(v, count, &earlier);
	if (again < count) {
		buf_addf(expected, "item %zu repeats item %zu", again,
			 earlier);
		t->node = nodes[again];
	}
	free(v);
	free(nodes);
	return again < count ? CHECK_FAIL : CHECK_PASS;
}

/*
 * The value equals, as JSON, an item of the array that is its sibling
 * "in": what a "default" is to an "enum".  No such array passes.
 */
static enum check_result
check_item_of(const struct check *c, struct doc *d, struct target *t,
	      struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	struct json_object *v;
	uint32_t arr;

	if (t->is_key || n->parent == NODE_NONE)
		return CHECK_PASS;
	arr = doc_member(d, n->parent, c->in);
	if (arr == NODE_NONE || doc_node(d, arr)->type != J_ARRAY ||
	    doc_node(d, arr)->count == 0)
		return CHECK_PASS;
	v = doc_value(d, t->node);
	for (uint32_t k = doc_node(d, arr)->first; k != NODE_NONE;
	     k = doc_node(d, k)->next)
		if (json_object_equal(doc_value(d, k), v))
			return CHECK_PASS;
	buf_addf(expected, "one of the items of \"%s\"", c->in);
	return CHECK_FAIL;
}

/*
 * A string compiles as a regular expression, as JavaScript reads it
 * (regex_check_js); expected gives PCRE2's reason and how many
 * characters of the pattern it read before it stopped.
 */
static enum check_result
check_regex(const struct check *c, struct doc *d, struct target *t,
	    struct buf *expected)
{
	size_t len, off;
	const char *s = target_string(d, t, &len);
	char *why;

	(void)c;
	if (s == NULL || regex_check_js(s, len, &why, &off) == 0)
		return CHECK_PASS;
	if (off > len)
		off = len;
	off = utf8_count(s, off);
	if (off == 0)
		buf_addf(expected, "%s, at the start of the pattern", why);
	else
		buf_addf(expected, "%s, after character %zu of the pattern",
			 why, off);
	free(why);
	return CHECK_FAIL;
}

/*
 * Among the members of an object (the value), those that are objects
 * with a member called "member": no two of those are equal, as JSON.  The
 * repeat becomes the target, as propertyOrder among sibling fields, and
 * expected names the two members.
 */
static enum check_result
check_members_distinct(const struct check *c, struct doc *d,
		       struct target *t, struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	struct json_object **v;
	uint32_t *owner, k;
	size_t count = 0, again, earlier;

	if (t->is_key || n->type != J_OBJECT)
		return CHECK_PASS;
	v = xmalloc(n->count * sizeof(*v) + 1);
	owner = xmalloc(n->count * sizeof(*owner) + 1);
	for (k = n->first; k != NODE_NONE; k = doc_node(d, k)->next) {
		uint32_t m = doc_member(d, k, c->member);

		if (m == NODE_NONE)
			continue;
		owner[count] = k;
		v[count++] = doc_value(d, m);
	}
	again = repeat_find(v, count, &earlier);
	if (again < count) {
		const struct node *a = doc_node(d, owner[earlier]);
		const struct node *b = doc_node(d, owner[again]);

		buf_add_json_string(expected, tree_key(&d->tree, a),
				    a->key_len);
		buf_adds(expected, " and ");
		buf_add_json_string(expected, tree_key(&d->tree, b),
				    b->key_len);
		t->node = doc_member(d, owner[again], c->member);
	}
	free(v);
	free(owner);
	return again < count ? CHECK_FAIL : CHECK_PASS;
}

/*
 * Among the members of an object (the value) that are objects, all have
 * a member called "member", or none does.  The first that lacks it
 * becomes the target, and expected names it and one that has it.
 */
static enum check_result
check_members_all_or_none(const struct check *c, struct doc *d,
			  struct target *t, struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	uint32_t with = NODE_NONE, without = NODE_NONE;

	if (t->is_key || n->type != J_OBJECT)
		return CHECK_PASS;
	for (uint32_t k = n->first; k != NODE_NONE; k = doc_node(d, k)->next) {
		if (doc_node(d, k)->type != J_OBJECT)
			continue;
		if (doc_member(d, k, c->member) != NODE_NONE) {
			if (with == NODE_NONE)
				with = k;
		} else if (without == NODE_NONE) {
			without = k;
		}
	}
	if (with == NODE_NONE || without == NODE_NONE)
		return CHECK_PASS;
	buf_add_json_string(expected, tree_key(&d->tree,
						 doc_node(d, without)),
			    doc_node(d, without)->key_len);
	buf_adds(expected, " has none, but ");
	buf_add_json_string(expected, tree_key(&d->tree, doc_node(d, with)),
			    doc_node(d, with)->key_len);
	buf_adds(expected, " has one");
	t->node = without;
	return CHECK_FAIL;
}

/* A byte, lower-case when it is an ASCII letter. */
static unsigned char
fold(char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/*
 * The edit distance between a and b, ignoring ASCII case: insertions,
 * deletions, substitutions and swaps of two neighbours each count one.
 * Names longer than NAME_MAX_EDIT are not compared: SIZE_MAX.
 */
#define NAME_MAX_EDIT 64

static size_t
name_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[3][NAME_MAX_EDIT + 1];

	if (la > NAME_MAX_EDIT || lb > NAME_MAX_EDIT)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *cur = row[i % 3], *prev = row[(i - 1) % 3];
		size_t *prev2 = row[(i + 1) % 3];

		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = fold(a[i - 1]) != fold(b[j - 1]);
			size_t v = prev[j - 1] + cost;

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
	}
	return row[la % 3][lb];
}

/*
 * A string (a member name, with "@key") is one of "values"; when not,
 * expected suggests the nearest of them: one that differs only in case,
 * or by at most two edits and at most a third of the name.
 */
static enum check_result
check_known_name(const struct check *c, struct doc *d, struct target *t,
		 struct buf *expected)
{
	size_t len, n = json_object_array_length(c->values);
	size_t best = SIZE_MAX;
	const char *s = target_string(d, t, &len), *near = NULL;

	if (s == NULL || enum_has(c, d, t))
		return CHECK_PASS;
	/* Unknown: the nearest name, if one is near. */
	for (size_t k = 0; k < n; k++) {
		struct json_object *v = json_object_array_get_idx(c->values, k);
		const char *w;
		size_t wl, dist;

		if (!json_object_is_type(v, json_type_string))
			continue;
		w = json_object_get_string(v);
		wl = (size_t)json_object_get_string_len(v);
		dist = name_distance(s, len, w, wl);
		if (dist < best) {
			best = dist;
			near = w;
		}
	}
	if (near != NULL && (best == 0 || (best <= 2 && best * 3 <= len)))
		buf_add_json_string(expected, near, strlen(near));
	else
		buf_adds(expected, "a known name");
	return CHECK_FAIL;
}

/*
 * Credentials.  A kind of key that has a shape of its own (AKIA...,
 * ghp_..., "-----BEGIN ... PRIVATE KEY") is data: the rule gives those
 * shapes as "notMatch".  A key without one is a random string, which
 * random_run() tells from the words, numbers and ids that fill connection
 * files, on each run of the characters keys are written with (letters,
 * digits and + / = _ -) that has at least "min" of them (20 unless the
 * rule says: shorter runs are words, versions, ports, and a 20-character
 * key is the shortest of the common ones).
 */
#define CREDENTIAL_MIN_DEFAULT 20

static bool
key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '+' || ch == '/' ||
	       ch == '=' || ch == '_' || ch == '-';
}

/*
 * Does the run s[0..n) look random?  Four measures, each against a kind
 * of string that is not a secret; measured on random keys of 20 to 88
 * characters (base62, base64, lower-case and upper-case alphanumerics,
 * base32), they let 70 to 98 in 100 through, and about 1 in 200 of
 * identifiers made of English words and numbers (acme_prod_db_2024):
 *
 *   - not only hexadecimal digits and '-': UUIDs, hashes and the 32-digit
 *     uids of connection files are ids, far more common here than hex keys;
 *   - letters and digits, mixed: at least one change from a letter to a
 *     digit or back for each 8 characters (a random key has about one in
 *     4; "region2", "v1", "2024" written next to words have few);
 *   - under 30% of the letters are vowels: 19% in random letters, about
 *     40% in English words and the names made of them;
 *   - a Shannon entropy of at least log2(n) - 1 bits per character, or 4
 *     bits from 32 characters on: n characters hold at most log2(n) bits
 *     each, a random run comes within a bit of it (4.5 to 5.2 bits for 32
 *     to 64 base62 characters), and placeholder text that repeats
 *     ("x1x1x1...", "XXXX0000XXXX") is far below.
 *
 * *bits gets the entropy.
 */
static bool
random_run(const char *s, size_t n, double *bits)
{
	size_t count[128] = { 0 };
	size_t letters = 0, digits = 0, vowels = 0, changes = 0;
	int prev = 0, cls;
	bool hex = true;

	for (size_t k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)s[k];

		count[ch & 0x7F]++;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
			cls = 1;
			letters++;
			vowels += strchr("aeiouAEIOU", ch) != NULL;
			hex = hex && ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f');
		} else if (ch >= '0' && ch <= '9') {
			cls = 2;
			digits++;
		} else {
			hex = hex && ch == '-';
			continue;
		}
		changes += prev != 0 && prev != cls;
		prev = cls;
	}
	if (hex || letters == 0 || digits == 0 || changes * 8 < n ||
	    vowels * 10 >= letters * 3)
		return false;
	*bits = 0;
	for (size_t k = 0; k < ARRAY_SIZE(count); k++)
		if (count[k] > 0) {
			double p = (double)count[k] / (double)n;

			*bits -= p * log2(p);
		}
	return *bits >= fmin(log2((double)n) - 1, 4.0);
}

/* Does the string s (len bytes) look like a credential? */
static enum check_result
credential_in(const struct check *c, const char *s, size_t len,
	      struct buf *expected)
{
	size_t min = c->given & 1u << OPT_MIN ? c->min :
	    CREDENTIAL_MIN_DEFAULT;
	double bits;

	if (c->not_match != NULL) {
		enum check_result r = match_quiet(c->not_match, false, s, len,
						  expected);

		if (r == CHECK_LIMIT)
			return r;
		/* Not the pattern: it is long and says little to a reader. */
		if (r == CHECK_FAIL) {
			buf_adds(expected, "it has the shape of a known kind "
				 "of key");
			return CHECK_FAIL;
		}
	}
	for (size_t k = 0; k < len;) {
		size_t start = k;

		while (k < len && key_char(s[k]))
			k++;
		if (k - start >= min && k > start &&
		    random_run(s + start, k - start, &bits)) {
			buf_addf(expected, "it holds a random-looking string "
				 "of %zu characters, %.1f bits of entropy each",
				 k - start, bits);
			return CHECK_FAIL;
		}
		while (k < len && !key_char(s[k]))
			k++;
	}
	return CHECK_PASS;
}

/*
 * No string in the value looks like a credential: the value itself, or
 * each string inside an array or object (a "default" or an "enum"), which
 * becomes the target when it fails.
 */
static enum check_result
check_not_credential(const struct check *c, struct doc *d, struct target *t,
		     struct buf *expected)
{
	const struct node *n = doc_node(d, t->node);
	enum check_result r;
	const char *s;
	size_t len;

	if (t->is_key || (n->type != J_ARRAY && n->type != J_OBJECT)) {
		s = target_string(d, t, &len);
		return s == NULL ? CHECK_PASS : credential_in(c, s, len,
							      expected);
	}
	/* Nodes are in document order: the value's subtree is a run of them. */
	for (uint32_t k = t->node + 1; k < d->tree.n &&
	     doc_node(d, k)->off < n->end; k++) {
		const struct node *e = doc_node(d, k);
		struct target et = { k, false, t->owner, 0 };

		if (e->flags & NODE_SHADOWED) {
			/* json-c dropped it, as the selectors do: skip it */
			while (k + 1 < d->tree.n &&
			       doc_node(d, k + 1)->off < e->end)
				k++;
			continue;
		}
		s = target_string(d, &et, &len);
		if (s == NULL)
			continue;
		r = credential_in(c, s, len, expected);
		if (r != CHECK_PASS) {
			t->node = k;
			return r;
		}
	}
	return CHECK_PASS;
}

#define O(x) (1u << (x))

static const struct check_def defs[] = {
	{ .name = "applies-to", .run = check_applies_to,
	  .options = O(OPT_TYPES), .required = O(OPT_TYPES),
	  .summary = "the field is present only where the selected schema's "
		     "\"type\" names one of \"types\"" },
	{ .name = "at-most", .run = check_at_most,
	  .options = O(OPT_THAN), .required = O(OPT_THAN),
	  .summary = "a number is not greater than the sibling number "
		     "\"than\"" },
	{ .name = "bom",
	  .summary = "the file starts with a UTF-8 byte order mark (loader)" },
	{ .name = "defined", .run = check_defined, .sees_missing = true,
	  .options = O(OPT_INSTEAD),
	  .summary = "the field is present; with \"instead\", only where "
		     "that member stands in its place" },
	{ .name = "duplicate-keys",
	  .summary = "an object repeats a key (loader)" },
	{ .name = "enum", .run = check_enum,
	  .options = O(OPT_VALUES), .required = O(OPT_VALUES),
	  .summary = "the value is one of \"values\"" },
	{ .name = "fits-type", .run = check_fits_type,
	  .summary = "the value has a type that the selected schema's "
		     "\"type\" names" },
	{ .name = "has-member", .run = check_has_member,
	  .options = O(OPT_MEMBER), .required = O(OPT_MEMBER),
	  .summary = "the value is an object with a member \"member\"" },
	{ .name = "index-js-exists", .subject = SUBJECT_FOLDER,
	  .summary = "the index.js beside a file named connection.json "
		     "exists (index.js check)" },
	{ .name = "index-js-exports", .subject = SUBJECT_INDEX_JS,
	  .summary = "index.js exports connect and validate (index.js "
		     "check)" },
	{ .name = "index-js-validate-stub", .subject = SUBJECT_INDEX_JS,
	  .summary = "index.js's validate is not a stub that ignores its "
		     "input and always succeeds (index.js check)" },
	{ .name = "item-of", .run = check_item_of,
	  .options = O(OPT_IN), .required = O(OPT_IN),
	  .summary = "the value is an item of the sibling array \"in\"" },
	{ .name = "items-fit-type", .run = check_items_fit_type, .each = true,
	  .summary = "each item of an array has a type that the selected "
		     "schema's \"type\" names" },
	{ .name = "keys-in", .run = check_keys_in, .each = true,
	  .options = O(OPT_IN), .required = O(OPT_IN),
	  .summary = "each string of an array is a key of the sibling "
		     "object \"in\"" },
	{ .name = "known-name", .run = check_known_name,
	  .options = O(OPT_VALUES), .required = O(OPT_VALUES),
	  .summary = "a string is one of \"values\"; if not, the nearest "
		     "is suggested" },
	{ .name = "length", .run = check_length,
	  .options = O(OPT_MIN) | O(OPT_MAX), .one_of = O(OPT_MIN) | O(OPT_MAX),
	  .summary = "a string's characters, or an array's or object's "
		     "items, number from \"min\" to \"max\"" },
	{ .name = "members-all-or-none", .run = check_members_all_or_none,
	  .options = O(OPT_MEMBER), .required = O(OPT_MEMBER),
	  .summary = "all the object members of an object have a member "
		     "\"member\", or none does" },
	{ .name = "members-distinct", .run = check_members_distinct,
	  .options = O(OPT_MEMBER), .required = O(OPT_MEMBER),
	  .summary = "no two members of an object have equal members "
		     "\"member\"" },
	{ .name = "name-folder", .run = check_name_folder,
	  .summary = "a string is the name of the file's folder, in the "
		     "Flow CLI's layout of connection.json files" },
	{ .name = "nonempty", .run = check_nonempty,
	  .summary = "a string is not empty or blank; an array or object "
		     "has items" },
	{ .name = "not-credential", .run = check_not_credential,
	  .options = O(OPT_NOT_MATCH) | O(OPT_MIN),
	  .summary = "no string in the value looks like a credential: none "
		     "matches \"notMatch\" (the shapes of known keys), none "
		     "holds a random-looking run of \"min\" (20) or more "
		     "characters" },
	{ .name = "not-enum", .run = check_not_enum,
	  .options = O(OPT_VALUES), .required = O(OPT_VALUES),
	  .summary = "the value is none of \"values\"" },
	{ .name = "pattern", .run = check_pattern,
	  .options = O(OPT_MATCH) | O(OPT_NOT_MATCH),
	  .one_of = O(OPT_MATCH) | O(OPT_NOT_MATCH),
	  .summary = "a string matches \"match\" and does not match "
		     "\"notMatch\" (PCRE2)" },
	{ .name = "range", .run = check_range,
	  .options = O(OPT_MIN) | O(OPT_MAX), .one_of = O(OPT_MIN) | O(OPT_MAX),
	  .summary = "a number is from \"min\" to \"max\"" },
	{ .name = "regex", .run = check_regex,
	  .summary = "a string compiles as a JavaScript regular expression "
		     "(PCRE2 with JavaScript options)" },
	{ .name = "schema-type", .run = check_schema_type,
	  .summary = "the value is a JSON Schema type name or a non-empty "
		     "array of them" },
	{ .name = "syntax",
	  .summary = "the file is JSON, as RFC 8259 defines it (loader)" },
	{ .name = "type", .run = check_type,
	  .options = O(OPT_TYPES), .required = O(OPT_TYPES),
	  .summary = "the value has one of the JSON types in \"types\"" },
	{ .name = "undefined", .run = check_undefined,
	  .options = O(OPT_BESIDE),
	  .summary = "the field is absent; with \"beside\", only where "
		     "that member is present" },
	{ .name = "unique", .run = check_unique,
	  .summary = "no item of an array repeats an earlier one" },
	{ .name = "version-folder", .run = check_version_folder,
	  .summary = "a string is the name of the file's version folder "
		     "(v1, v2 ...), where it sits in one" },
};

static const char *const option_names[OPT__COUNT] = {
	[OPT_VALUES] = "values", [OPT_TYPES] = "types",
	[OPT_MATCH] = "match", [OPT_NOT_MATCH] = "notMatch",
	[OPT_MIN] = "min", [OPT_MAX] = "max", [OPT_IN] = "in",
	[OPT_THAN] = "than",
	[OPT_MEMBER] = "member",
	[OPT_INSTEAD] = "instead",
	[OPT_BESIDE] = "beside",
};

const struct check_def *
check_find(const char *name)
{
	for (size_t k = 0; k < ARRAY_SIZE(defs); k++)
		if (strcmp(name, defs[k].name) == 0)
			return &defs[k];
	return NULL;
}

const struct check_def *
check_defs(size_t *n)
{
	*n = ARRAY_SIZE(defs);
	return defs;
}

int
option_find(const char *name)
{
	for (int k = 0; k < OPT__COUNT; k++)
		if (strcmp(name, option_names[k]) == 0)
			return k;
	return -1;
}

const char *
option_name(enum option opt)
{
	return option_names[opt];
}

static int
set_types(struct check *c, struct doc *d, uint32_t value, char **err,
	  uint32_t *err_node)
{
	const struct node *n = doc_node(d, value);

	c->types = 0;	/* replaced, not added to: a config may set them */
	if (n->type != J_ARRAY || n->count == 0) {
		*err = xstrdup("\"types\" must be a non-empty array of type "
			       "names");
		return -1;
	}
	for (uint32_t k = n->first; k != NODE_NONE; k = doc_node(d, k)->next) {
		struct json_object *v = doc_value(d, k);
		int type = json_object_is_type(v, json_type_string) ?
		    type_find(json_object_get_string(v)) : -1;

		if (type < 0) {
			struct buf b = BUF_INIT;

			buf_adds(&b, "unknown type; expected one of ");
			add_alternatives(&b, type_names, (1u << T__COUNT) - 1);
			*err = buf_detach(&b);
			*err_node = k;
			return -1;
		}
		c->types |= 1u << type;
	}
	return 0;
}

static int
set_pattern(struct regex **re, struct doc *d, uint32_t value, char **err)
{
	struct json_object *v = doc_value(d, value);
	char *why;
	size_t off;

	if (!json_object_is_type(v, json_type_string)) {
		*err = xstrdup("a pattern must be a string");
		return -1;
	}
	*re = regex_new(json_object_get_string(v),
			(size_t)json_object_get_string_len(v), &why, &off);
	if (*re == NULL) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "the pattern does not compile: %s (at offset "
			 "%zu of the pattern)", why, off);
		free(why);
		*err = buf_detach(&b);
		return -1;
	}
	return 0;
}

int
check_set_option(struct check *c, enum option opt, struct doc *d,
		 uint32_t value, char **err, uint32_t *err_node)
{
	struct json_object *v = doc_value(d, value);

	*err_node = value;
	c->given |= 1u << opt;
	switch (opt) {
	case OPT_VALUES:
		if (doc_node(d, value)->type != J_ARRAY ||
		    doc_node(d, value)->count == 0) {
			*err = xstrdup("\"values\" must be a non-empty array");
			return -1;
		}
		c->values = json_object_get(v);
		/* Made now: json-c caches printed text in the object itself,
		   which threads must not race to write. */
		c->values_text = value_list(c->values);
		c->strings = xcalloc(doc_node(d, value)->count,
				     sizeof(*c->strings));
		c->nstrings = 0;
		for (size_t k = 0; k < doc_node(d, value)->count; k++) {
			struct json_object *s = json_object_array_get_idx(v, k);

			if (!json_object_is_type(s, json_type_string))
				continue;
			c->strings[c->nstrings].s = json_object_get_string(s);
			c->strings[c->nstrings++].len =
				(size_t)json_object_get_string_len(s);
		}
		qsort(c->strings, c->nstrings, sizeof(*c->strings),
		      strref_cmp);
		return 0;
	case OPT_TYPES:
		return set_types(c, d, value, err, err_node);
	case OPT_MATCH:
		return set_pattern(&c->match, d, value, err);
	case OPT_NOT_MATCH:
		return set_pattern(&c->not_match, d, value, err);
	case OPT_MIN:
	case OPT_MAX:
		if (!json_object_is_type(v, json_type_int) ||
		    json_object_get_int64(v) < 0) {
			*err = xstrdup("must be a whole number, 0 or more");
			return -1;
		}
		*(opt == OPT_MIN ? &c->min : &c->max) =
			(size_t)json_object_get_int64(v);
		return 0;
	case OPT_IN:
	case OPT_THAN:
	case OPT_MEMBER:
	case OPT_INSTEAD:
	case OPT_BESIDE:
		if (!json_object_is_type(v, json_type_string) ||
		    json_object_get_string_len(v) == 0 ||
		    memchr(json_object_get_string(v), '\0',
			   (size_t)json_object_get_string_len(v)) != NULL) {
			struct buf b = BUF_INIT;

			buf_addf(&b, "\"%s\" must be a member name: a "
				 "string, not empty", option_names[opt]);
			*err = buf_detach(&b);
			return -1;
		}
		*(opt == OPT_IN ? &c->in : opt == OPT_THAN ? &c->than :
		  opt == OPT_MEMBER ? &c->member : opt == OPT_BESIDE ?
		  &c->beside : &c->instead) =
			xstrdup(json_object_get_string(v));
		return 0;
	case OPT__COUNT:
		break;
	}
	abort();
}

void
check_release_option(struct check *c, enum option opt)
{
	switch (opt) {
	case OPT_VALUES:
		json_object_put(c->values);
		free(c->values_text);
		free(c->strings);
		break;
	case OPT_MATCH:
		regex_free(c->match);
		break;
	case OPT_NOT_MATCH:
		regex_free(c->not_match);
		break;
	case OPT_IN:
		free(c->in);
		break;
	case OPT_THAN:
		free(c->than);
		break;
	case OPT_MEMBER:
		free(c->member);
		break;
	case OPT_INSTEAD:
		free(c->instead);
		break;
	case OPT_BESIDE:
		free(c->beside);
		break;
	default:
		break;	/* nothing held */
	}
}

void
check_release(struct check *c)
{
	free(c->field);
	free(c->message);
	for (int opt = 0; opt < OPT__COUNT; opt++)
		check_release_option(c, (enum option)opt);
	memset(c, 0, sizeof(*c));
}
