/*
 * struct doc: one loaded connection file.  The loader scans the bytes
 * (struct tree: positions, strictness), and the shape is found; json-c's
 * value of a node is built from the scanned nodes when first asked for,
 * as json-c's own parser would build it from the bytes:
 *
 *   bare     the root is the form schema;
 *   wrapper  the root has an "input" member: it is the form schema, and
 *            "output" describes what the connection's connect() returns.
 *
 * Every node has its json-c value, built once; a member that json-c
 * merges away (a repeated key) keeps its own value.
 * The objects' keys are the scanner's (json-c's constant keys), kept
 * alive by a reference each object holds in its userdata: a value may be
 * kept past doc_release() with json_object_get(), but its userdata must
 * not be replaced.
 */
#ifndef CONNLINT_DOC_H
#define CONNLINT_DOC_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "scan.h"

struct buf;
struct json_object;
struct key_arena;
struct source;

#define DOC_MAX_DEPTH_DEFAULT 512

/*
 * What the loader reports, named by the check function that owns it; the
 * engine gives each the id and severity of the rule that uses the function.
 */
#define LOAD_SYNTAX "syntax"
#define LOAD_DUPLICATE_KEY "duplicate-keys"
#define LOAD_BOM "bom"

struct doc {
	struct source *src;		/* borrowed: outlives the doc */
	struct tree tree;
	struct json_object **values;	/* by node: NULL until built, then
					 * one reference each */
	struct key_arena *keys;		/* owned ref: tree.keys, which
					 * json-c's objects share */
	unsigned max_depth;
	bool ok;			/* the tree and values are usable */
	bool wrapper;			/* the file has the wrapper shape */
	uint32_t *members;		/* owned: the members of large objects,
					 * by (object, key), for doc_member */
	size_t members_mask;		/* the table's size, less one */
	uint64_t *sigs;			/* owned: by node, an object's keys as
					 * bits, for doc_member */
	uint32_t form;			/* the form schema, or NODE_NONE */
	uint32_t output;		/* wrapper's "output", or NODE_NONE */
};

/*
 * Loads src into d.  Syntax errors, repeated keys and a byte order mark
 * go into out, under the LOAD_* names.  Returns 0 when the document could
 * be parsed (d->ok), -1 when not; d must be released either way.
 */
int doc_load(struct doc *d, struct source *src, unsigned max_depth,
	     struct diag_list *out);
void doc_release(struct doc *d);

static inline const struct node *
doc_node(const struct doc *d, uint32_t i)
{
	return &d->tree.nodes[i];
}

/*
 * A key's bit in its object's signature (doc->sigs), the union of its
 * members' bits.  Most keys looked for are not there (a rule checks
 * "minLength" on every field), and a bit that is not set says so at
 * once: on the benchmark's 10,000 files, the lookups took 809 million
 * instructions of 3,828.  The bit needs no seed: a file that sets them
 * all only makes lookups as slow as a plain search, which large objects
 * do not use.
 */
static inline uint64_t
doc_key_bit(const char *key, size_t len)
{
	unsigned h = (unsigned)len;

	if (len > 0)
		h = h * 31 + (unsigned char)key[0] * 7 +
		    (unsigned char)key[len / 2] * 3 +
		    (unsigned char)key[len - 1];
	return (uint64_t)1 << (h & 63);
}

/* doc_member_len() past the signature: a search of the members. */
uint32_t doc_member_find(const struct doc *d, uint32_t obj, const char *key,
			 size_t len);

/*
 * The member of object node obj named key, of len bytes that may hold a
 * NUL (the last, if repeated), or NODE_NONE; in constant time on average,
 * however large the object.  Inline up to the signature: the rules look
 * members up 6.6 million times on the benchmark's 10,000 files, and the
 * call alone took a third of the lookups' 524 million instructions.
 * doc_member_bit() takes the key's doc_key_bit(), worked out once: a
 * check's field keeps its own.
 */
static inline uint32_t
doc_member_bit(const struct doc *d, uint32_t obj, const char *key,
	       size_t len, uint64_t bit)
{
	if (obj == NODE_NONE || d->tree.nodes[obj].type != J_OBJECT ||
	    (d->sigs != NULL && !(d->sigs[obj] & bit)))
		return NODE_NONE;
	return doc_member_find(d, obj, key, len);
}

static inline uint32_t
doc_member_len(const struct doc *d, uint32_t obj, const char *key,
	       size_t len)
{
	return doc_member_bit(d, obj, key, len, doc_key_bit(key, len));
}

/* The same, for a key that is a C string. */
uint32_t doc_member(const struct doc *d, uint32_t obj, const char *key);
/*
 * The json-c value of node i, and of the nodes below it, built on the
 * first call: borrowed from the doc; NULL is JSON null.
 */
struct json_object *doc_value(struct doc *d, uint32_t i);
/*
 * The decoded bytes of string node i, *len of them: read in place, not a
 * C string, when it holds no escape; else json-c's value's, borrowed
 * from the doc.  Reading in place spares making a json-c value for each
 * string a check reads (460,000 for the benchmark's 10,000 files).
 */
const char *doc_string(struct doc *d, uint32_t i, size_t *len);
/* Appends the RFC 6901 JSON Pointer of node i to out ("" for the root). */
void doc_pointer(const struct doc *d, uint32_t i, struct buf *out);
/* Appends a key as one RFC 6901 reference token: ~ is ~0, / is ~1. */
void doc_pointer_escape(struct buf *out, const char *s, size_t len);

#endif
