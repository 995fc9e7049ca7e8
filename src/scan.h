/*
 * The RFC 8259 scanner: checks that bytes are JSON, exactly, and records
 * where every value and key is.
 *
 * json-c builds connlint's value tree but keeps no positions, and even in
 * strict mode it accepts what RFC 8259 rejects (duplicate keys, NaN,
 * single-quoted keys, leading zeros, raw control characters in strings).
 * So this scanner runs first.  It stops at the first byte where the input
 * stops being JSON, and otherwise produces a struct tree: one node per
 * value, in document order, each with its byte range, its key and its
 * place among its siblings.
 */
#ifndef CONNLINT_SCAN_H
#define CONNLINT_SCAN_H

#include <stddef.h>
#include <stdint.h>

enum jtype {
	J_NULL,
	J_BOOL,
	J_NUMBER,
	J_STRING,
	J_ARRAY,
	J_OBJECT,
};

#define NODE_NONE UINT32_MAX

enum node_flags {
	NODE_SHADOWED = 1 << 0,	/* a member whose key comes again later */
	NODE_ESCAPED = 1 << 1,	/* a string value that holds an escape */
	/* an object whose members json-c merges: one with a repeated key,
	 * or with a key that holds "\u0000" (json-c cuts a key there) */
	NODE_KEY_CLASH = 1 << 2,
};

/*
 * Node 0 is the root.  A member of an object carries its key: the token's
 * range in the input and the decoded bytes in tree->keys, NUL-terminated.
 * A key ends at its first "\u0000", as in json-c (which keeps keys as C
 * strings): "a\u0000b" and "a" are the same key, and repeat each other.
 * Offsets are 32-bit: inputs are capped at 1 GiB.
 */
struct node {
	uint32_t off, end;	/* the value's bytes: [off, end) */
	uint32_t key_off, key_end;	/* the key token, quotes included */
	uint32_t key, key_len;	/* the decoded key: tree->keys + key; an
				   array's element: key is its index */
	uint32_t parent, next, first;	/* NODE_NONE where there is none */
	uint32_t count;		/* members or elements */
	uint8_t type;		/* enum jtype */
	uint8_t flags;		/* enum node_flags */
};

struct tree {
	struct node *nodes;
	size_t n, alloc;
	char *keys;
	size_t keys_len, keys_alloc;
	/* pairs (first member, repeated member): object by object, as they
	 * close, and in each in document order of the repeats */
	uint32_t *dups;
	size_t ndups, dups_alloc;
};

/* Where and why the input stops being JSON. */
struct scan_error {
	size_t off;
	char msg[160];
	size_t note_off;	/* with note: where the open token started */
	const char *note;	/* static text, or NULL */
};

void tree_release(struct tree *t);

static inline const char *
tree_key(const struct tree *t, const struct node *n)
{
	return t->keys + n->key;
}

/*
 * Scans p[start..len) (start skips a byte order mark).  Nesting deeper
 * than max_depth containers is an error.  Returns 0 and fills *t, or -1
 * and fills *err (t then holds what was scanned, to be released).
 */
int scan_json(const char *p, size_t len, size_t start, unsigned max_depth,
	      struct tree *t, struct scan_error *err);

/*
 * Decodes the len bytes between the quotes of a string that scan_json
 * accepted into out, which must have room for len bytes (the decoded
 * string is never longer), and returns the decoded length.  A lone UTF-16
 * surrogate becomes U+FFFD, as json-c makes it.
 */
size_t scan_unescape(const char *p, size_t len, char *out);

#endif
