/*
 * Fuzz target: the index.js checks on any bytes (js_blank,
 * js_exports_find, then indexjs_lint with the built-in rules).  Beyond
 * not crashing:
 *   - the scanner keeps the length and every line break where it was,
 *     and only blanks: each byte out is the byte in, a space, or '_' for
 *     a byte outside ASCII; nothing out is outside ASCII;
 *   - every span is inside the input; an export is found at its name; a
 *     stub has a function and, with a callback, the callback's name; an
 *     ES module export is at "export"; a limit says why and judges
 *     nothing;
 *   - the same bytes give the same result twice;
 *   - the findings point inside the input, are sorted, have messages of
 *     valid UTF-8 and no JSON Pointer, and name the index.js rules only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "indexjs.h"
#include "invariants.h"
#include "jsexports.h"
#include "lint.h"
#include "rule.h"
#include "source.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ruleset rules;
static struct lint_rule *on;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	(void)argc;
	(void)argv;
	ruleset_init(&rules);
	if (ruleset_add_builtin(&rules, &err) < 0) {
		fprintf(stderr, "the built-in rules do not load: %s\n", err);
		abort();
	}
	on = calloc(rules.n, sizeof(*on));
	if (on == NULL)
		abort();
	for (size_t k = 0; k < rules.n; k++) {
		on[k].rule = rules.v[k];
		on[k].sev = rules.v[k]->severity;
		on[k].then = rules.v[k]->then;
	}
	return 0;
}

static void
check_blank(const char *in, size_t len)
{
	char *out = malloc(len + 1);

	if (out == NULL)
		abort();
	js_blank(in, len, out);
	for (size_t k = 0; k < len; k++) {
		unsigned char a = (unsigned char)in[k];
		unsigned char b = (unsigned char)out[k];

		FUZZ_CHECK(b < 0x80, "blank: byte %zu is 0x%02x", k, b);
		FUZZ_CHECK((a == '\n' || a == '\r') == (b == '\n' || b == '\r'),
			   "blank: a line break moved at %zu", k);
		FUZZ_CHECK(b == a || b == ' ' || (a >= 0x80 && b == '_'),
			   "blank: byte %zu 0x%02x became 0x%02x", k, a, b);
	}
	free(out);
}

static void
check_span(struct js_span s, size_t len, const char *what)
{
	FUZZ_CHECK(s.off <= s.end && s.end <= len,
		   "%s: [%zu, %zu) is not inside %zu bytes", what, s.off, s.end,
		   len);
}

/* The export e of name: at its name, in quotes or not. */
static void
check_export(const struct js_export *e, const char *name, const char *p,
	     size_t len)
{
	if (!e->found)
		return;
	check_span(e->at, len, name);
	FUZZ_CHECK(e->at.end - e->at.off == strlen(name) &&
		   memcmp(p + e->at.off, name, strlen(name)) == 0,
		   "%s is not at its name", name);
}

static void
check_exports(const char *p, size_t len)
{
	struct js_exports x, again;
	const struct js_export *v = &x.validate;

	js_exports_find(p, len, &x);
	check_export(&x.connect, "connect", p, len);
	check_export(&x.validate, "validate", p, len);
	FUZZ_CHECK(x.connect.stub == JS_STUB_NO, "connect is judged a stub");
	if (x.anchored)
		check_span(x.anchor, len, "anchor");
	if (x.esm) {
		check_span(x.esm_at, len, "esm");
		FUZZ_CHECK(x.esm_at.end - x.esm_at.off == 6 &&
			   memcmp(p + x.esm_at.off, "export", 6) == 0,
			   "an ES module export is not at \"export\"");
	}
	if (x.limit)
		FUZZ_CHECK(x.why[0] != '\0' && v->stub == JS_STUB_NO,
			   "a limit without a reason, or with a stub");
	if (v->stub != JS_STUB_NO) {
		FUZZ_CHECK(v->found, "a stub validate that is not exported");
		check_span(v->fn, len, "stub");
		FUZZ_CHECK(v->fn.end > v->fn.off, "a stub at no name");
		check_span(v->input, len, "input");
	}
	if (v->stub == JS_STUB_CALLBACK) {
		check_span(v->callback, len, "callback");
		FUZZ_CHECK(v->callback.end > v->callback.off,
			   "a callback stub without a callback");
	}
	js_exports_find(p, len, &again);
	FUZZ_CHECK(memcmp(&x, &again, sizeof(x)) == 0,
		   "the same bytes gave another result");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src = source_from_mem("index.js", data, size);
	struct diag_list out = DIAG_LIST_INIT;

	check_blank(src->bytes, src->len);
	check_exports(src->bytes, src->len);
	indexjs_lint(on, rules.n, src, &out);
	fuzz_check_diags(&out, src, true);
	for (size_t k = 0; k < out.n; k++) {
		FUZZ_CHECK(out.v[k].pointer == NULL, "a pointer in index.js");
		FUZZ_CHECK(strcmp(out.v[k].rule, INDEXJS_EXPORTS) == 0 ||
			   strcmp(out.v[k].rule, INDEXJS_STUB) == 0,
			   "a finding of rule %s in index.js", out.v[k].rule);
	}
	FUZZ_CHECK(out.n <= 3, "%zu findings in one index.js", out.n);
	diag_list_release(&out);
	source_free(src);
	return 0;
}
