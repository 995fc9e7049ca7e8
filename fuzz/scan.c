/*
 * Fuzz target: the scanner and the loader (scan_json, doc_load) on any
 * bytes.  Beyond not crashing:
 *   - every diagnostic's range is inside the input;
 *   - an accepted document's tree is well formed (fuzz_check_tree), and
 *     json-c's strict parser accepts the same bytes and builds the same
 *     tree (fuzz_check_differential);
 *   - a rejected one has exactly one json-syntax finding, at the scanner's
 *     error position, which is inside the input;
 *   - the nesting limit is exact: at a small limit too, what the scanner
 *     accepts json-c accepts, and a nesting error is at a '[' or '{' that
 *     would open container limit + 1.  (The converse does not hold:
 *     json-c does not count an empty innermost container, so it accepts
 *     "[[[[]]]]" at a limit of 3.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "invariants.h"
#include "scan.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SMALL_DEPTH 3

/*
 * The containers open before off, in bytes the scanner accepted up to
 * there: a bracket counter that skips strings is enough.
 */
static size_t
open_containers(const char *p, size_t start, size_t off)
{
	size_t depth = 0;
	bool in_string = false;

	for (size_t k = start; k < off; k++) {
		if (in_string) {
			if (p[k] == '\\')
				k++;
			else if (p[k] == '"')
				in_string = false;
		} else if (p[k] == '"') {
			in_string = true;
		} else if (p[k] == '[' || p[k] == '{') {
			depth++;
		} else if (p[k] == ']' || p[k] == '}') {
			depth--;
		}
	}
	return depth;
}

static void
check_nesting_error(const struct source *src, const struct scan_error *err,
		    unsigned max_depth)
{
	size_t depth;

	if (strstr(err->msg, "nesting is deeper") == NULL)
		return;
	FUZZ_CHECK(err->off < src->len && (src->bytes[err->off] == '[' ||
					   src->bytes[err->off] == '{'),
		   "a nesting error is not at a '[' or '{'");
	depth = open_containers(src->bytes, src->bom, err->off);
	FUZZ_CHECK(depth == max_depth, "a nesting error with %zu containers "
		   "open, at a limit of %u", depth, max_depth);
}

static void
check_rejected(const struct source *src, const struct scan_error *err,
	       const struct diag_list *diags)
{
	size_t syntax = 0;

	FUZZ_CHECK(err->off >= src->bom && err->off <= src->len,
		   "the error position %zu is outside the input [%zu, %zu]",
		   err->off, src->bom, src->len);
	FUZZ_CHECK(err->msg[0] != '\0' &&
		   memchr(err->msg, '\0', sizeof(err->msg)) != NULL,
		   "the error has no message");
	FUZZ_CHECK(fuzz_utf8_valid(err->msg, strlen(err->msg)),
		   "the error message is not UTF-8: %s", err->msg);
	if (err->note != NULL)
		FUZZ_CHECK(err->note_off < err->off, "the note (%zu) is not "
			   "before the error (%zu)", err->note_off, err->off);
	for (size_t k = 0; k < diags->n; k++) {
		const struct diag *d = &diags->v[k];

		if (strcmp(d->rule, LOAD_SYNTAX) == 0) {
			syntax++;
			FUZZ_CHECK(d->off == err->off &&
				   strcmp(d->msg, err->msg) == 0,
				   "the syntax finding is not the scanner's "
				   "error");
		} else {
			FUZZ_CHECK(strcmp(d->rule, LOAD_BOM) == 0,
				   "a document that is not JSON has a %s "
				   "finding", d->rule);
		}
	}
	FUZZ_CHECK(syntax == 1, "%zu syntax findings", syntax);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src = source_from_mem("fuzz.json", data, size);
	struct diag_list diags = DIAG_LIST_INIT;
	struct scan_error err;
	struct tree t;
	struct doc d;
	int loaded, scanned;

	loaded = doc_load(&d, src, DOC_MAX_DEPTH_DEFAULT, &diags);
	fuzz_check_diags(&diags, src, false);
	FUZZ_CHECK((loaded == 0) == d.ok, "doc_load returns %d, ok is %d",
		   loaded, d.ok);
	FUZZ_CHECK((src->bom != 0) == (diags.n > 0 &&
				       strcmp(diags.v[0].rule, LOAD_BOM) == 0),
		   "a byte order mark is not the first finding");
	scanned = scan_json(src->bytes, src->len, src->bom,
			    DOC_MAX_DEPTH_DEFAULT, &t, &err);
	if (scanned == 0) {
		FUZZ_CHECK(loaded == 0, "the scanner accepts the input, but "
			   "doc_load fails: %s",
			   diags.n ? diags.v[diags.n - 1].msg : "?");
		FUZZ_CHECK(t.n == d.tree.n && t.ndups == d.tree.ndups,
			   "two scans of one input differ");
		for (size_t k = 0; k < diags.n; k++)
			FUZZ_CHECK(strcmp(diags.v[k].rule, LOAD_SYNTAX) != 0,
				   "an accepted document has a syntax finding");
		fuzz_check_tree(&d);
		fuzz_check_differential(&d, DOC_MAX_DEPTH_DEFAULT);
	} else {
		FUZZ_CHECK(loaded < 0, "the scanner rejects the input, but "
			   "doc_load succeeds");
		check_rejected(src, &err, &diags);
		check_nesting_error(src, &err, DOC_MAX_DEPTH_DEFAULT);
	}
	tree_release(&t);

	/* The same at a limit that short inputs reach. */
	scanned = scan_json(src->bytes, src->len, src->bom, SMALL_DEPTH, &t,
			    &err);
	if (scanned == 0)
		FUZZ_CHECK(fuzz_json_c_accepts(src->bytes + src->bom,
					       src->len - src->bom, SMALL_DEPTH),
			   "the scanner accepts the input at depth %d, json-c "
			   "does not", SMALL_DEPTH);
	else
		check_nesting_error(src, &err, SMALL_DEPTH);
	tree_release(&t);

	doc_release(&d);
	diag_list_release(&diags);
	source_free(src);
	return 0;
}
