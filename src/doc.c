#include "doc.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "source.h"
#include "xalloc.h"

static void
report(struct diag_list *out, const char *what, size_t off, size_t end,
       const char *msg)
{
	diag_add(out, what, SEV_ERROR, off, end, xstrdup(msg));
}

/* json-c's constructors return NULL only when memory runs out. */
static struct json_object *
must(struct json_object *v)
{
	if (v == NULL)
		xalloc_failed(0);
	return v;
}

/* Room for decoding a string or copying a number's text. */
struct scratch {
	char *s;
	size_t alloc;
};

static char *
room(struct scratch *sc, size_t n)
{
	sc->s = xgrow(sc->s, 1, n, &sc->alloc);
	return sc->s;
}

/*
 * The json-c value of node n, made as json-c's parser makes it, so that
 * checks see, and messages print, what json-c would give: integers as
 * int64 (uint64 above INT64_MAX), clamped when they overflow; other
 * numbers as doubles that keep their text.  (strtod reads JSON numbers
 * as they are: connlint never sets a locale.)
 */
static struct json_object *
new_value(const struct doc *d, const struct node *n, struct scratch *sc)
{
	const char *text = d->src->bytes + n->off;
	size_t len = n->end - n->off;
	char *num;
	int64_t i;
	uint64_t u;

	switch (n->type) {
	case J_OBJECT:
		return must(json_object_new_object());
	case J_ARRAY:
		return must(json_object_new_array_ext(n->count ? (int)n->count
						      : 1));
	case J_STRING:
		text++, len -= 2;	/* the quotes */
		if (n->flags & NODE_ESCAPED) {
			len = scan_unescape(text, len, room(sc, len));
			text = sc->s;
		}
		return must(json_object_new_string_len(text, (int)len));
	case J_NUMBER:
		num = memcpy(room(sc, len + 1), text, len);
		num[len] = '\0';
		if (strpbrk(num, ".eE") != NULL)
			return must(json_object_new_double_s(strtod(num, NULL),
							     num));
		if (num[0] == '-') {
			json_parse_int64(num, &i);
			return must(json_object_new_int64(i));
		}
		json_parse_uint64(num, &u);
		if (u <= INT64_MAX)
			return must(json_object_new_int64((int64_t)u));
		return must(json_object_new_uint64(u));
	case J_BOOL:
		return must(json_object_new_boolean(text[0] == 't'));
	default:
		return NULL;	/* JSON null */
	}
}

/*
 * The scanner's arena of decoded keys, shared with json-c.  json-c copies
 * every key it is given unless told the key is constant, and on the
 * 100,000-field file those 500,000 copies took 15 MiB (a tenth of the
 * tree) and 55 ms of 320.  So json-c gets the keys in the arena, and
 * every object with members holds a reference to the arena, as the doc
 * does: a value may outlive its doc (a rule's "values" keeps one), and
 * then its keys live on with it.
 */
struct key_arena {
	size_t refs;
	char *bytes;
};

static void
key_arena_unref(struct json_object *o, void *p)
{
	struct key_arena *a = p;

	(void)o;
	if (--a->refs > 0)
		return;
	free(a->bytes);
	free(a);
}

/*
 * A new value for node k, which the doc holds a reference to; an object
 * with members holds one to the key arena.
 */
static struct json_object *
make_value(struct doc *d, uint32_t k, struct scratch *sc)
{
	const struct node *n = doc_node(d, k);
	struct json_object *v = new_value(d, n, sc);

	if (n->type == J_OBJECT && n->count > 0) {
		json_object_set_userdata(v, d->keys, key_arena_unref);
		d->keys->refs++;
	}
	d->values[k] = v;
	return v;
}

/*
 * Builds json-c's values for node i and the nodes below it, in one pass:
 * nodes are in document order, a node's parent comes before it, and the
 * nodes below i are those that start before i ends.  Values are built
 * when first asked for: most checks read a few strings and numbers, and
 * building every file's whole tree (a hash table per object) took 830
 * million instructions of 4,395 on the benchmark's 10,000 files.  A
 * node below i that already has its value brings it, with what is below
 * it.  Members go in in document order, as json-c's parser adds them;
 * where json-c merges members (a repeated key, a key cut at "\u0000"),
 * the doc's own reference keeps each member's value alive.
 */
static void
build_values(struct doc *d, uint32_t i)
{
	struct scratch sc = { NULL, 0 };
	uint32_t end = doc_node(d, i)->end;

	make_value(d, i, &sc);
	for (uint32_t k = i + 1; k < d->tree.n && doc_node(d, k)->off < end;
	     k++) {
		const struct node *n = doc_node(d, k);
		const struct node *p = doc_node(d, n->parent);
		struct json_object *v = d->values[k], *parent;
		bool built = v != NULL;
		int rc;

		if (!built)
			v = make_value(d, k, &sc);
		parent = d->values[n->parent];
		if (p->type == J_ARRAY)
			rc = json_object_array_add(parent, json_object_get(v));
		else
			rc = json_object_object_add_ex(parent,
				tree_key(&d->tree, n), json_object_get(v),
				JSON_C_OBJECT_KEY_IS_CONSTANT |
				(p->flags & NODE_KEY_CLASH ? 0 :
				 JSON_C_OBJECT_ADD_KEY_IS_NEW));
		if (rc != 0)
			xalloc_failed(0);
		/* Built before: so is everything below it. */
		while (built && k + 1 < d->tree.n &&
		       doc_node(d, k + 1)->off < n->end)
			k++;
	}
	free(sc.s);
}

/*
 * doc_member() compares keys one by one in an object of a few members.
 * In a large one (the 100,000 fields of a generated form, with a
 * "required" that names each) that is quadratic, so the members of large
 * objects go into one open-addressing table, at most half full, keyed by
 * (object, key).  Repeated keys are left out but for the last, the one
 * that counts.
 */
#define FEW_MEMBERS 16

static size_t
member_slot(const struct doc *d, uint32_t obj, const char *key, size_t len)
{
	return hash_bytes(key, len, hash_seed() + hash_mix(obj)) &
	       d->members_mask;
}

static bool
is_member(const struct doc *d, uint32_t m, uint32_t obj, const char *key,
	  size_t len)
{
	const struct node *n = doc_node(d, m);

	return n->parent == obj && n->key_len == len &&
	       memcmp(tree_key(&d->tree, n), key, len) == 0;
}

static void
index_members(struct doc *d)
{
	size_t count = 0, size = 1;

	d->sigs = xcalloc(d->tree.n, sizeof(*d->sigs));
	for (size_t k = 1; k < d->tree.n; k++) {
		const struct node *n = doc_node(d, (uint32_t)k);
		const struct node *p = doc_node(d, n->parent);

		if (p->type != J_OBJECT)
			continue;
		d->sigs[n->parent] |= doc_key_bit(tree_key(&d->tree, n),
						  n->key_len);
		count += p->count > FEW_MEMBERS;
	}
	if (count == 0)
		return;
	while (size < 2 * count)
		size *= 2;
	d->members = xmalloc(size * sizeof(*d->members));
	memset(d->members, 0xff, size * sizeof(*d->members));	/* NODE_NONE */
	d->members_mask = size - 1;
	for (uint32_t k = 1; k < d->tree.n; k++) {
		const struct node *n = doc_node(d, k);
		const struct node *p = doc_node(d, n->parent);
		size_t h;

		if (p->type != J_OBJECT || p->count <= FEW_MEMBERS ||
		    (n->flags & NODE_SHADOWED))
			continue;
		h = member_slot(d, n->parent, tree_key(&d->tree, n),
				n->key_len);
		while (d->members[h] != NODE_NONE)
			h = (h + 1) & d->members_mask;
		d->members[h] = k;
	}
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
	if (len > DIAG_QUOTE_MAX) {
		len = DIAG_QUOTE_MAX - 4;
		while (len > 0 && ((unsigned char)tok[len] & 0xC0) == 0x80)
			len--;	/* not inside a UTF-8 sequence */
		buf_add(out, tok, len);
		buf_adds(out, "...\"");
	} else {
		buf_add(out, tok, len);
	}
	buf_adds(out, nul ? ", and a key ends at \\u0000)" : ")");
}

int
doc_load(struct doc *d, struct source *src, unsigned max_depth,
	 struct diag_list *out)
{
	struct scan_error err;

	memset(d, 0, sizeof(*d));
	d->src = src;
	d->max_depth = max_depth;
	d->form = d->output = NODE_NONE;
	if (src->bom)
		report(out, LOAD_BOM, 0, src->bom, "the file starts with a "
		       "UTF-8 byte order mark; JSON text must not have one");
	if (scan_json(src->bytes, src->len, src->bom, max_depth, &d->tree,
		      &err) < 0) {
		struct diag *dg = diag_add(out, LOAD_SYNTAX, SEV_ERROR, err.off,
					   err.off + (err.off < src->len),
					   xstrdup(err.msg));

		if (err.note != NULL)
			diag_set_note(out, dg, xstrdup(err.note), err.note_off,
				      err.note_off + 1);
		return -1;
	}
	for (size_t k = 0; k < d->tree.ndups; k += 2) {
		const struct node *first = doc_node(d, d->tree.dups[k]);
		const struct node *dup = doc_node(d, d->tree.dups[k + 1]);
		struct buf msg = BUF_INIT, ptr = BUF_INIT;
		struct diag *dg;

		doc_pointer(d, d->tree.dups[k + 1], &ptr);
		if (diag_list_full(out)) {
			buf_addf(&msg, "connlint stopped reporting repeated "
				 "keys here: its findings passed %zu MiB; fix "
				 "those first", DIAG_BYTES_MAX >> 20);
			diag_add_ptr(out, LOAD_DUPLICATE_KEY, SEV_ERROR,
				     dup->key_off, dup->key_end,
				     buf_detach(&msg), buf_detach(&ptr));
			break;
		}
		buf_adds(&msg, "duplicate key \"");
		buf_add_escaped_max(&msg, tree_key(&d->tree, dup), dup->key_len,
				    DIAG_QUOTE_MAX);
		buf_adds(&msg, "\"; only the last one counts");
		add_spelling(&msg, d, dup);
		dg = diag_add_ptr(out, LOAD_DUPLICATE_KEY, SEV_ERROR,
				  dup->key_off, dup->key_end, buf_detach(&msg),
				  buf_detach(&ptr));
		buf_adds(&msg, "the first one is here");
		add_spelling(&msg, d, first);
		diag_set_note(out, dg, buf_detach(&msg), first->key_off,
			      first->key_end);
	}
	d->values = xcalloc(d->tree.n, sizeof(*d->values));
	d->keys = xmalloc(sizeof(*d->keys));
	d->keys->refs = 1;
	d->keys->bytes = d->tree.keys;
	index_members(d);
	find_shape(d);
	d->ok = true;
	return 0;
}

void
doc_release(struct doc *d)
{
	for (size_t k = 0; d->values != NULL && k < d->tree.n; k++)
		json_object_put(d->values[k]);
	free(d->values);
	free(d->members);
	free(d->sigs);
	if (d->keys != NULL) {
		d->tree.keys = NULL;	/* the arena's now */
		key_arena_unref(NULL, d->keys);
	}
	tree_release(&d->tree);
	memset(d, 0, sizeof(*d));
}

uint32_t
doc_member_find(const struct doc *d, uint32_t obj, const char *key,
		size_t len)
{
	const struct node *o;

	if (obj == NODE_NONE || doc_node(d, obj)->type != J_OBJECT)
		return NODE_NONE;
	o = doc_node(d, obj);
	if (o->count > FEW_MEMBERS && d->members != NULL) {
		for (size_t h = member_slot(d, obj, key, len);
		     d->members[h] != NODE_NONE; h = (h + 1) & d->members_mask)
			if (is_member(d, d->members[h], obj, key, len))
				return d->members[h];
		return NODE_NONE;
	}
	/* All but the last of a repeated key are shadowed: the first match
	 * that is not is the one. */
	for (uint32_t m = o->first; m != NODE_NONE; m = doc_node(d, m)->next)
		if (!(doc_node(d, m)->flags & NODE_SHADOWED) &&
		    is_member(d, m, obj, key, len))
			return m;
	return NODE_NONE;
}

uint32_t
doc_member(const struct doc *d, uint32_t obj, const char *key)
{
	return doc_member_len(d, obj, key, strlen(key));
}

struct json_object *
doc_value(struct doc *d, uint32_t i)
{
	if (d->values[i] == NULL && doc_node(d, i)->type != J_NULL)
		build_values(d, i);
	return d->values[i];
}

const char *
doc_string(struct doc *d, uint32_t i, size_t *len)
{
	const struct node *n = doc_node(d, i);
	struct json_object *v;

	if (!(n->flags & NODE_ESCAPED)) {
		*len = n->end - n->off - 2;
		return d->src->bytes + n->off + 1;
	}
	v = doc_value(d, i);
	*len = (size_t)json_object_get_string_len(v);
	return json_object_get_string(v);
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
	buf_addf(out, "%" PRIu32, n->key);
}
