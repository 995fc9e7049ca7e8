/*
 * What the fuzz targets assert, beyond "it did not crash".  Each check
 * aborts with a message naming the broken invariant, so libFuzzer keeps
 * the input as a crash.
 */
#ifndef CONNLINT_FUZZ_INVARIANTS_H
#define CONNLINT_FUZZ_INVARIANTS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct doc;
struct ruleset;
struct source;

void fuzz_fail(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

#define FUZZ_CHECK(cond, ...) \
	do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

/* Is p[0..len) valid UTF-8 (RFC 3629)? */
bool fuzz_utf8_valid(const char *p, size_t len);

/*
 * Every diagnostic of l points inside src ([off, end) and the note's
 * range within [0, len]), has a message of valid UTF-8, a severity, a
 * well-formed JSON Pointer if any; the per-severity counts add up; with
 * sorted, they are in offset order.
 */
void fuzz_check_diags(const struct diag_list *l, const struct source *src,
		      bool sorted);

/*
 * The scanner's tree of a loaded document is well formed: every node's
 * [off, end) is inside the input and inside its parent's, siblings are in
 * order and do not overlap, each token starts and ends with the right
 * bytes, keys are NUL-terminated with their length, counts and links
 * agree, repeated keys are recorded and shadowed.
 */
void fuzz_check_tree(const struct doc *d);

/*
 * The differential check of a document the scanner accepted at
 * max_depth: json-c's strict parser (JSON_TOKENER_STRICT |
 * JSON_TOKENER_VALIDATE_UTF8, the same nesting limit) accepts the input
 * too, and the tree the scanner's nodes describe (each scalar token
 * parsed alone, each key as the scanner decoded it) equals json-c's; the
 * doc's value of every node that is not shadowed equals it too.
 */
void fuzz_check_differential(struct doc *d, unsigned max_depth);

/*
 * Does json-c's strict parser accept p[0..len) with at most max_depth
 * nested arrays and objects?
 */
bool fuzz_json_c_accepts(const char *p, size_t len, unsigned max_depth);

/*
 * Writes l in every output format and checks each: the JSON ones parse
 * (strictly, as UTF-8) with one entry per diagnostic, the line formats
 * have one line per diagnostic (and note), nothing writes a control
 * character a terminal or an XML reader would choke on.
 */
void fuzz_check_emitters(struct source *src, const struct diag_list *l,
			 const struct ruleset *rules);

#endif
