#include "invariants.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "emit.h"
#include "source.h"
#include "xalloc.h"

void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("invariant violated: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* Written here from RFC 3629, not taken from src/utf8.c, to check it. */
bool
fuzz_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 2, cp = c & 0x1F, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 3, cp = c & 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 4, cp = c & 0x07, min = 0x10000;
		else
			return false;
		if (len - i < n)
			return false;
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n;
	}
	return true;
}

static void
check_pointer(const char *ptr, size_t k)
{
	if (ptr == NULL)
		return;
	FUZZ_CHECK(ptr[0] == '\0' || ptr[0] == '/',
		   "diagnostic %zu: pointer \"%s\" does not start with '/'", k,
		   ptr);
	for (const char *p = ptr; *p; p++)
		if (*p == '~')
			FUZZ_CHECK(p[1] == '0' || p[1] == '1', "diagnostic %zu: "
				   "pointer \"%s\" has a bare '~'", k, ptr);
	FUZZ_CHECK(fuzz_utf8_valid(ptr, strlen(ptr)),
		   "diagnostic %zu: pointer is not UTF-8", k);
}

void
fuzz_check_diags(const struct diag_list *l, const struct source *src,
		 bool sorted)
{
	size_t count[SEV_ERROR + 1] = { 0 };

	for (size_t k = 0; k < l->n; k++) {
		const struct diag *d = &l->v[k];

		FUZZ_CHECK(d->off <= d->end && d->end <= src->len,
			   "diagnostic %zu (%s): range [%zu, %zu) is outside "
			   "the input [0, %zu]", k, d->msg, d->off, d->end,
			   src->len);
		FUZZ_CHECK(d->sev >= SEV_NOTE && d->sev <= SEV_ERROR,
			   "diagnostic %zu: severity %d", k, (int)d->sev);
		FUZZ_CHECK(d->msg != NULL && d->msg[0] != '\0',
			   "diagnostic %zu: no message", k);
		FUZZ_CHECK(fuzz_utf8_valid(d->msg, strlen(d->msg)),
			   "diagnostic %zu: message is not UTF-8: %s", k,
			   d->msg);
		check_pointer(d->pointer, k);
		if (d->note != NULL) {
			FUZZ_CHECK(d->note_off <= d->note_end &&
				   d->note_end <= src->len,
				   "diagnostic %zu: note range [%zu, %zu) is "
				   "outside the input [0, %zu]", k, d->note_off,
				   d->note_end, src->len);
			FUZZ_CHECK(fuzz_utf8_valid(d->note, strlen(d->note)),
				   "diagnostic %zu: note is not UTF-8", k);
		}
		if (sorted && k > 0)
			FUZZ_CHECK(l->v[k - 1].off <= d->off,
				   "diagnostics %zu and %zu are out of order",
				   k - 1, k);
		count[d->sev]++;
	}
	for (int s = SEV_NOTE; s <= SEV_ERROR; s++)
		FUZZ_CHECK(count[s] == l->count[s], "severity %d: counted %zu, "
			   "the list says %zu", s, count[s], l->count[s]);
}

/* The token of node n is the bytes its type says. */
static void
check_token(const struct doc *d, uint32_t i)
{
	const struct node *n = doc_node(d, i);
	const char *p = d->src->bytes + n->off;
	size_t len = n->end - n->off;
	char first = p[0], last = p[len - 1];

	switch (n->type) {
	case J_OBJECT:
		FUZZ_CHECK(first == '{' && last == '}' && len >= 2,
			   "node %u: an object token is not {...}", i);
		break;
	case J_ARRAY:
		FUZZ_CHECK(first == '[' && last == ']' && len >= 2,
			   "node %u: an array token is not [...]", i);
		break;
	case J_STRING:
		FUZZ_CHECK(first == '"' && last == '"' && len >= 2,
			   "node %u: a string token is not \"...\"", i);
		break;
	case J_NUMBER:
		FUZZ_CHECK(first == '-' || (first >= '0' && first <= '9'),
			   "node %u: a number starts with '%c'", i, first);
		FUZZ_CHECK(last >= '0' && last <= '9',
			   "node %u: a number ends with '%c'", i, last);
		break;
	case J_BOOL:
		FUZZ_CHECK((len == 4 && memcmp(p, "true", 4) == 0) ||
			   (len == 5 && memcmp(p, "false", 5) == 0),
			   "node %u: a boolean is not true or false", i);
		break;
	case J_NULL:
		FUZZ_CHECK(len == 4 && memcmp(p, "null", 4) == 0,
			   "node %u: null is not null", i);
		break;
	default:
		fuzz_fail("node %u: type %d", i, n->type);
	}
}

void
fuzz_check_tree(const struct doc *d)
{
	const struct tree *t = &d->tree;
	const struct source *src = d->src;
	size_t linked = 0, shadowed = 0;

	FUZZ_CHECK(t->n >= 1, "a loaded document has no nodes");
	FUZZ_CHECK(t->nodes[0].parent == NODE_NONE, "the root has a parent");
	FUZZ_CHECK(t->ndups % 2 == 0, "dups holds pairs");
	for (uint32_t i = 0; i < t->n; i++) {
		const struct node *n = &t->nodes[i];

		FUZZ_CHECK(n->off >= src->bom && n->off < n->end &&
			   n->end <= src->len, "node %u: [%u, %u) is outside "
			   "the input [%zu, %zu]", i, n->off, n->end, src->bom,
			   src->len);
		if (i > 0)
			FUZZ_CHECK(t->nodes[i - 1].off < n->off,
				   "node %u: not in document order", i);
		check_token(d, i);
		if (n->flags & NODE_SHADOWED)
			shadowed++;
		if (n->type != J_OBJECT && n->type != J_ARRAY)
			FUZZ_CHECK(n->first == NODE_NONE && n->count == 0,
				   "node %u: a scalar has children", i);
		if (i > 0) {
			const struct node *p;

			FUZZ_CHECK(n->parent < i, "node %u: its parent %u "
				   "comes after it", i, n->parent);
			p = &t->nodes[n->parent];
			FUZZ_CHECK(p->type == J_OBJECT || p->type == J_ARRAY,
				   "node %u: its parent is a scalar", i);
			FUZZ_CHECK(p->off < n->off && n->end < p->end,
				   "node %u: [%u, %u) is not nested inside its "
				   "parent's [%u, %u)", i, n->off, n->end,
				   p->off, p->end);
			if (p->type == J_OBJECT) {
				const char *key = tree_key(t, n);

				FUZZ_CHECK(p->off < n->key_off &&
					   n->key_off + 2 <= n->key_end &&
					   n->key_end <= n->off,
					   "node %u: key token [%u, %u) is not "
					   "between its parent's start and its "
					   "value", i, n->key_off, n->key_end);
				FUZZ_CHECK(src->bytes[n->key_off] == '"' &&
					   src->bytes[n->key_end - 1] == '"',
					   "node %u: the key token is not quoted",
					   i);
				FUZZ_CHECK((size_t)n->key + n->key_len <
					   t->keys_len &&
					   strlen(key) == n->key_len,
					   "node %u: the decoded key is not "
					   "NUL-terminated at its length", i);
				FUZZ_CHECK(fuzz_utf8_valid(key, n->key_len),
					   "node %u: the decoded key is not "
					   "UTF-8", i);
			} else {
				FUZZ_CHECK(n->key_off == n->key_end &&
					   n->key_len == 0 &&
					   !(n->flags & NODE_SHADOWED),
					   "node %u: an element has a key", i);
			}
		} else {
			FUZZ_CHECK(n->key_off == n->key_end,
				   "the root has a key");
		}
		if (n->type == J_OBJECT || n->type == J_ARRAY) {
			uint32_t prev = NODE_NONE, count = 0;

			for (uint32_t c = n->first; c != NODE_NONE;
			     c = t->nodes[c].next) {
				const struct node *cn;

				FUZZ_CHECK(c < t->n && c > i, "node %u: child "
					   "%u is out of range", i, c);
				cn = &t->nodes[c];
				FUZZ_CHECK(cn->parent == i, "node %u: child %u "
					   "names parent %u", i, c, cn->parent);
				if (prev != NODE_NONE) {
					uint32_t start = n->type == J_OBJECT ?
					    cn->key_off : cn->off;

					FUZZ_CHECK(prev < c &&
						   t->nodes[prev].end < start,
						   "node %u: children %u and %u "
						   "overlap or are out of order",
						   i, prev, c);
				}
				prev = c;
				count++;
				FUZZ_CHECK(count <= t->n, "node %u: the child "
					   "list loops", i);
			}
			FUZZ_CHECK(count == n->count, "node %u: %u children "
				   "linked, count says %u", i, count, n->count);
			linked += count;
		}
	}
	FUZZ_CHECK(linked == t->n - 1, "%zu nodes linked as children of %zu",
		   linked, t->n);
	/* Each repeated key: a pair of siblings with one key, in order. */
	for (size_t k = 0; k < t->ndups; k += 2) {
		const struct node *a, *b;

		FUZZ_CHECK(t->dups[k] < t->n && t->dups[k + 1] < t->n,
			   "dup pair %zu is out of range", k / 2);
		a = &t->nodes[t->dups[k]];
		b = &t->nodes[t->dups[k + 1]];
		FUZZ_CHECK(a->parent == b->parent && a->off < b->off &&
			   t->nodes[a->parent].type == J_OBJECT &&
			   a->key_len == b->key_len &&
			   memcmp(tree_key(t, a), tree_key(t, b),
				  a->key_len) == 0 &&
			   (a->flags & NODE_SHADOWED),
			   "dup pair %zu (%u, %u) is not two members with one "
			   "key, the first shadowed", k / 2, t->dups[k],
			   t->dups[k + 1]);
	}
	/* Shadowed: exactly the members whose key comes again later. */
	for (uint32_t i = 1; i < t->n; i++) {
		const struct node *n = &t->nodes[i];
		bool again = false;

		if (t->nodes[n->parent].type != J_OBJECT)
			continue;
		for (uint32_t c = n->next; c != NODE_NONE && !again;
		     c = t->nodes[c].next)
			again = t->nodes[c].key_len == n->key_len &&
			    memcmp(tree_key(t, &t->nodes[c]), tree_key(t, n),
				   n->key_len) == 0;
		FUZZ_CHECK(again == !!(n->flags & NODE_SHADOWED),
			   "node %u: shadowed is %d, but its key %s later", i,
			   !!(n->flags & NODE_SHADOWED),
			   again ? "comes again" : "does not come again");
		if (shadowed == 0)
			break;	/* no repeats: one check is enough */
	}
}

/* A json-c tokener in the strict mode connlint promises. */
static struct json_tokener *
strict_tokener(unsigned depth)
{
	struct json_tokener *tok = json_tokener_new_ex((int)depth);

	if (tok == NULL)
		abort();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
			       JSON_TOKENER_VALIDATE_UTF8);
	return tok;
}

bool
fuzz_json_c_accepts(const char *p, size_t len, unsigned max_depth)
{
	struct json_tokener *tok = strict_tokener(max_depth + 1);
	struct json_object *o = json_tokener_parse_ex(tok, p, (int)len + 1);
	bool ok = json_tokener_get_error(tok) == json_tokener_success;

	json_object_put(o);
	json_tokener_free(tok);
	return ok;
}

/* Parses one scalar token alone; it must parse, whole. */
static struct json_object *
parse_token(struct json_tokener *tok, const struct doc *d, uint32_t i)
{
	const struct node *n = doc_node(d, i);
	size_t len = n->end - n->off;
	char *copy = xmemdup(d->src->bytes + n->off, len);
	struct json_object *o;

	json_tokener_reset(tok);
	/* With the NUL, so that a number ends. */
	o = json_tokener_parse_ex(tok, copy, (int)len + 1);
	FUZZ_CHECK(json_tokener_get_error(tok) == json_tokener_success,
		   "node %u: json-c rejects its token alone: %s", i,
		   json_tokener_error_desc(json_tokener_get_error(tok)));
	FUZZ_CHECK(json_tokener_get_parse_end(tok) == len + 1 ||
		   json_tokener_get_parse_end(tok) == len,
		   "node %u: json-c ends its token at %zu of %zu", i,
		   json_tokener_get_parse_end(tok), len);
	free(copy);
	return o;
}

static const json_type json_types[] = {
	[J_NULL] = json_type_null, [J_BOOL] = json_type_boolean,
	[J_STRING] = json_type_string, [J_ARRAY] = json_type_array,
	[J_OBJECT] = json_type_object,
};

void
fuzz_check_differential(struct doc *d, unsigned max_depth)
{
	const struct tree *t = &d->tree;
	const struct source *src = d->src;
	struct json_tokener *tok = strict_tokener(max_depth + 1);
	struct json_tokener *scalar = strict_tokener(2);
	struct json_object *jc, **built;
	bool *hidden;
	enum json_tokener_error e;

	/* json-c on the whole input: it must agree that this is JSON. */
	jc = json_tokener_parse_ex(tok, src->bytes + src->bom,
				   (int)(src->len - src->bom + 1));
	e = json_tokener_get_error(tok);
	FUZZ_CHECK(e == json_tokener_success, "the scanner accepts the input "
		   "but json-c (strict, depth %u) rejects it at %zu: %s",
		   max_depth, src->bom + json_tokener_get_parse_end(tok),
		   json_tokener_error_desc(e));
	FUZZ_CHECK(d->ok, "the scanner accepts the input, json-c too, but "
		   "the doc did not load");
	/* The tree the scanner's nodes describe, built bottom-up. */
	built = xcalloc(t->n, sizeof(*built));
	hidden = xcalloc(t->n, sizeof(*hidden));
	for (uint32_t i = 0; i < t->n; i++) {
		const struct node *n = &t->nodes[i];
		struct json_object *o;

		if (n->type == J_OBJECT)
			o = json_object_new_object();
		else if (n->type == J_ARRAY)
			o = json_object_new_array();
		else
			o = parse_token(scalar, d, i);
		if (n->type == J_NUMBER)
			FUZZ_CHECK(json_object_is_type(o, json_type_int) ||
				   json_object_is_type(o, json_type_double),
				   "node %u: a number token is not a number", i);
		else
			FUZZ_CHECK(json_object_is_type(o, json_types[n->type]),
				   "node %u: json-c sees its token as a %s", i,
				   json_type_to_name(json_object_get_type(o)));
		built[i] = o;
		if (i == 0)
			continue;
		hidden[i] = hidden[n->parent] || (n->flags & NODE_SHADOWED);
		if (t->nodes[n->parent].type == J_ARRAY)
			json_object_array_add(built[n->parent],
					      json_object_get(o));
		else
			json_object_object_add(built[n->parent],
					       tree_key(t, n),
					       json_object_get(o));
	}
	FUZZ_CHECK(json_object_equal(built[0], jc),
		   "the scanner's tree differs from json-c's:\n  scanner %.300s"
		   "\n  json-c  %.300s",
		   json_object_to_json_string(built[0]),
		   json_object_to_json_string(jc));
	/* The doc's own values, node by node. */
	for (uint32_t i = 0; i < t->n; i++) {
		if (hidden[i])
			continue;
		FUZZ_CHECK(json_object_equal(doc_value(d, i), built[i]),
			   "node %u: the doc's value differs from the token's",
			   i);
	}
	for (uint32_t i = 0; i < t->n; i++)
		json_object_put(built[i]);
	free(built);
	free(hidden);
	json_object_put(jc);
	json_tokener_free(tok);
	json_tokener_free(scalar);
}

static size_t
count_byte(const char *p, size_t len, char c)
{
	size_t n = 0;

	for (size_t k = 0; k < len; k++)
		n += p[k] == c;
	return n;
}

static size_t
count_str(const char *p, const char *what)
{
	size_t n = 0;

	for (const char *q = strstr(p, what); q; q = strstr(q + 1, what))
		n++;
	return n;
}

/* Parses a whole JSON text strictly; it must parse. */
static struct json_object *
must_parse(const char *fmt, const char *p, size_t len)
{
	struct json_tokener *tok = strict_tokener(64);
	struct json_object *o = json_tokener_parse_ex(tok, p, (int)len + 1);

	FUZZ_CHECK(json_tokener_get_error(tok) == json_tokener_success,
		   "--format=%s: not JSON: %s\n%.400s", fmt,
		   json_tokener_error_desc(json_tokener_get_error(tok)), p);
	json_tokener_free(tok);
	return o;
}

static struct json_object *
get_path(struct json_object *o, const char *const *keys)
{
	for (; *keys != NULL; keys++) {
		if (json_object_is_type(o, json_type_array))
			o = json_object_array_get_idx(o, 0);
		else if (!json_object_object_get_ex(o, *keys, &o))
			return NULL;
	}
	return o;
}

static void
check_output(const char *fmt, const char *out, size_t len, size_t n,
	     size_t notes)
{
	FUZZ_CHECK(strlen(out) == len, "--format=%s: writes a NUL byte", fmt);
	FUZZ_CHECK(fuzz_utf8_valid(out, len), "--format=%s: not UTF-8", fmt);
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)out[k];

		if (strcmp(fmt, "pretty") == 0)
			break;	/* colours are escapes, on purpose */
		FUZZ_CHECK(c >= 0x20 || c == '\n' ||
			   (c == '\t' && strcmp(fmt, "gcc") != 0),
			   "--format=%s: writes control character 0x%02X", fmt,
			   c);
		/* DEL is valid in JSON and XML; gcc lines promise '?' */
		FUZZ_CHECK(c != 0x7f || strcmp(fmt, "gcc") != 0,
			   "--format=%s: writes DEL", fmt);
	}
	if (strcmp(fmt, "gcc") == 0) {
		FUZZ_CHECK(count_byte(out, len, '\n') == n + notes,
			   "--format=gcc: %zu lines for %zu diagnostics and %zu "
			   "notes", count_byte(out, len, '\n'), n, notes);
	} else if (strcmp(fmt, "github") == 0) {
		FUZZ_CHECK(count_byte(out, len, '\n') == n, "--format=github: "
			   "%zu lines for %zu diagnostics",
			   count_byte(out, len, '\n'), n);
	} else if (strcmp(fmt, "jsonl") == 0) {
		const char *line = out;

		FUZZ_CHECK(count_byte(out, len, '\n') == n, "--format=jsonl: "
			   "%zu lines for %zu diagnostics",
			   count_byte(out, len, '\n'), n);
		for (size_t k = 0; k < n; k++) {
			const char *nl = strchr(line, '\n');

			json_object_put(must_parse(fmt, line,
						   (size_t)(nl - line)));
			line = nl + 1;
		}
	} else if (strcmp(fmt, "json") == 0) {
		static const char *const path[] = { "diagnostics", NULL };
		struct json_object *o = must_parse(fmt, out, len);

		FUZZ_CHECK(json_object_array_length(get_path(o, path)) == n,
			   "--format=json: the diagnostics are not all there");
		json_object_put(o);
	} else if (strcmp(fmt, "sarif") == 0) {
		static const char *const path[] = { "runs", "", "results", NULL };
		struct json_object *o = must_parse(fmt, out, len);

		FUZZ_CHECK(json_object_array_length(get_path(o, path)) == n,
			   "--format=sarif: the results are not all there");
		json_object_put(o);
	} else if (strcmp(fmt, "checkstyle") == 0) {
		FUZZ_CHECK(count_str(out, "<error ") == n, "--format=checkstyle:"
			   " %zu <error> for %zu diagnostics",
			   count_str(out, "<error "), n);
	} else if (strcmp(fmt, "junit") == 0) {
		FUZZ_CHECK(count_str(out, "<failure ") == n, "--format=junit: "
			   "%zu <failure> for %zu diagnostics",
			   count_str(out, "<failure "), n);
	}
}

void
fuzz_check_emitters(struct source *src, const struct diag_list *l,
		    const struct ruleset *rules)
{
	static const char *const formats[] = {
		"gcc", "pretty", "json", "jsonl", "sarif", "github",
		"checkstyle", "junit",
	};
	size_t notes = 0;

	for (size_t k = 0; k < l->n; k++)
		notes += l->v[k].note != NULL;
	for (size_t k = 0; k < ARRAY_SIZE(formats); k++) {
		struct emit_opts opts = { rules, k == 1, false };
		struct emit e;
		char *out = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);

		if (f == NULL)
			abort();
		emit_init(&e, emitter_find(formats[k]), f, &opts);
		emit_file(&e, src, l);
		FUZZ_CHECK(emit_finish(&e) == 0, "--format=%s: write failed",
			   formats[k]);
		fclose(f);
		check_output(formats[k], out, len, l->n, notes);
		free(out);
	}
}
