/*
 * Selectors: which nodes of a document a rule looks at.  A subset of
 * JSONPath, with named roots for the two shapes of a connection file:
 *
 *   $        the root            $form    the form schema (either shape)
 *   $wrapper the root, only in    $output  the wrapper's output
 *            the wrapper shape    $fields  every form field, nested ones too
 *   $schemas the form schema and every field
 *
 * then steps: .name  ['name']  .*  [*]  [n]  ..name  ..*
 */
#ifndef CONNLINT_SELECTOR_H
#define CONNLINT_SELECTOR_H

#include <stddef.h>
#include <stdint.h>

struct doc;
struct selector;

/* The nodes a selector found: indexes into the doc's tree, in doc order. */
struct nodeset {
	uint32_t *v;
	size_t n, alloc;
};

/*
 * Compiles text.  Returns NULL when it does not parse, with *err (the
 * caller's) saying why and *err_off the offset in text.
 */
struct selector *selector_new(const char *text, char **err, size_t *err_off);
void selector_free(struct selector *sel);
const char *selector_text(const struct selector *sel);

/* Replaces out's contents with the nodes sel selects in d. */
void selector_eval(const struct selector *sel, const struct doc *d,
		   struct nodeset *out);
void nodeset_release(struct nodeset *s);

#endif
