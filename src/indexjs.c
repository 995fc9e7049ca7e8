#include "indexjs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "jsexports.h"
#include "lint.h"
#include "rule.h"
#include "source.h"
#include "utf8.h"
#include "walk.h"
#include "xalloc.h"

char *
indexjs_path(const char *name)
{
	const char *slash = strrchr(name, '/');
	const char *base = slash != NULL ? slash + 1 : name;
	struct buf b = BUF_INIT;

	if (strcmp(base, WALK_FILE_NAME) != 0)
		return NULL;
	buf_add(&b, name, (size_t)(base - name));
	buf_adds(&b, INDEXJS_FILE_NAME);
	return buf_detach(&b);
}

void
indexjs_init(struct indexjs *js)
{
	memset(js, 0, sizeof(*js));
}

void
indexjs_release(struct indexjs *js)
{
	free(js->path);
	source_free(js->src);
	diag_list_release(&js->diags);
	free(js->error);
	indexjs_init(js);
}

/* The rule whose core function is core, when it is on; else NULL. */
static const struct lint_rule *
rule_on(const struct lint_rule *rules, size_t n, const char *core)
{
	const struct lint_rule *lr = lint_find_core(rules, n, core);

	return lr != NULL && lr->sev != SEV_OFF ? lr : NULL;
}

/*
 * A name of the text, as a message shows it: cut after DIAG_QUOTE_MAX
 * bytes, and valid UTF-8 (index.js's bytes need not be).
 */
static void
add_name(struct buf *out, const struct source *src, struct js_span s)
{
	size_t len = s.end - s.off;

	if (len > DIAG_QUOTE_MAX) {
		len = DIAG_QUOTE_MAX - 3;
		while (len > 0 && (src->bytes[s.off + len] & 0xC0) == 0x80)
			len--;	/* not inside a UTF-8 sequence */
	}
	utf8_add_valid(out, src->bytes + s.off, len);
	if (len < s.end - s.off)
		buf_adds(out, "...");
}

static void
add(struct diag_list *out, const struct lint_rule *lr, size_t off, size_t end,
    struct buf *msg)
{
	diag_add(out, lr->rule->id, lr->sev, off, end, buf_detach(msg));
}

/* What connect and validate are for, as the messages say it. */
static const struct {
	const char *name;
	const char *call;
	const char *purpose;
} exported[] = {
	{ "connect", "connect(input, output)",
	  "Flow calls it to open the connection" },
	{ "validate", "validate(input, options, output)",
	  "Flow calls it to test the credentials a user enters" },
};

static void
missing_export(const struct lint_rule *lr, const struct js_exports *x,
	       size_t which, struct source *src, struct diag_list *out)
{
	struct buf msg = BUF_INIT;
	struct js_span at = { src->bom, src->bom };

	if (x->anchored) {
		at = x->anchor;
	} else if (x->esm) {
		at = x->esm_at;
		buf_addf(&msg, "index.js does not export \"%s\" with "
			 "module.exports; Flow loads index.js with require(), "
			 "so an ES module \"export\" does not count: add %s "
			 "to module.exports", exported[which].name,
			 exported[which].call);
		add(out, lr, at.off, at.end, &msg);
		return;
	}
	buf_addf(&msg, "index.js does not export \"%s\"; add %s to "
		 "module.exports: %s", exported[which].name,
		 exported[which].call, exported[which].purpose);
	add(out, lr, at.off, at.end, &msg);
}

static void
stub(const struct lint_rule *lr, const struct js_export *v,
     struct source *src, struct diag_list *out)
{
	struct buf msg = BUF_INIT;

	if (v->input.end == v->input.off) {
		buf_adds(&msg, "validate takes no input");
	} else if (src->bytes[v->input.off] != '{' &&
		   src->bytes[v->input.off] != '[') {
		buf_adds(&msg, "validate never reads \"");
		add_name(&msg, src, v->input);
		buf_addch(&msg, '"');
	} else {
		buf_adds(&msg, "validate never reads its input");
	}
	if (v->stub == JS_STUB_CALLBACK) {
		buf_adds(&msg, " and only calls ");
		add_name(&msg, src, v->callback);
		buf_adds(&msg, "(null, ...), so any credentials pass; check "
			 "them, such as with a request to the service, and "
			 "call ");
		add_name(&msg, src, v->callback);
		buf_adds(&msg, "(error) when they are wrong");
	} else {
		buf_adds(&msg, " and always returns true, so any credentials "
			 "pass; check them, such as with a request to the "
			 "service, and fail when they are wrong");
	}
	add(out, lr, v->fn.off, v->fn.end, &msg);
}

void
indexjs_lint(const struct lint_rule *rules, size_t n, struct source *src,
	     struct diag_list *out)
{
	const struct lint_rule *exports = rule_on(rules, n, INDEXJS_EXPORTS);
	const struct lint_rule *stubs = rule_on(rules, n, INDEXJS_STUB);
	const struct js_export *found[ARRAY_SIZE(exported)];
	struct js_exports x;

	if (exports == NULL && stubs == NULL)
		return;
	js_exports_find(src->bytes, src->len, &x);
	found[0] = &x.connect;
	found[1] = &x.validate;
	if (x.limit) {
		struct buf msg = BUF_INIT;

		/* Undecided is not a pass: an error, as for any pattern. */
		buf_addf(&msg, "index.js was not checked: %s", x.why);
		diag_add(out, (exports != NULL ? exports : stubs)->rule->id,
			 SEV_ERROR, src->bom, src->bom, buf_detach(&msg));
		return;
	}
	for (size_t k = 0; exports != NULL && !x.opaque &&
	     k < ARRAY_SIZE(exported); k++)
		if (!found[k]->found)
			missing_export(exports, &x, k, src, out);
	if (stubs != NULL && x.validate.stub != JS_STUB_NO)
		stub(stubs, &x.validate, src, out);
	diag_list_sort(out);
}

/* Is there no index.js at path, as Flow would see it?  -1: cannot tell. */
static int
missing(const char *path, char **err)
{
	struct stat st;
	struct buf b = BUF_INIT;

	if (stat(path, &st) == 0)
		return S_ISDIR(st.st_mode);
	if (errno == ENOENT || errno == ENOTDIR)
		return 1;
	buf_addf(&b, "cannot stat: %s", strerror(errno));
	*err = buf_detach(&b);
	return -1;
}

void
indexjs_check(struct indexjs *js, const char *path, size_t max,
	      const struct lint_rule *conn_rules, size_t nconn,
	      struct source *conn, struct diag_list *conn_out,
	      const struct lint_rule *js_rules, size_t njs)
{
	const struct lint_rule *exists = rule_on(conn_rules, nconn,
						 INDEXJS_EXISTS);
	bool text = rule_on(js_rules, njs, INDEXJS_EXPORTS) != NULL ||
		    rule_on(js_rules, njs, INDEXJS_STUB) != NULL;
	int gone;

	if (exists == NULL && !text)
		return;	/* nothing to look at: not even a stat */
	if (text) {
		bool absent;

		js->src = source_read_optional(path, max, &js->error, &absent);
		gone = absent ? 1 : js->src == NULL ? -1 : 0;
	} else {
		gone = missing(path, &js->error);
	}
	if (gone != 0) {
		if (gone > 0 && exists != NULL) {
			struct buf msg = BUF_INIT;

			buf_adds(&msg, "no index.js beside this connection.json; "
				 "add the connection's index.js, which exports "
				 "connect(input, output) and validate(input, "
				 "options, output)");
			/* At the start, past a byte order mark. */
			add(conn_out, exists, conn->bom, conn->bom < conn->len ?
			    conn->bom + 1 : conn->bom, &msg);
			diag_list_sort(conn_out);
		}
		if (text || gone < 0)
			js->path = xstrdup(path);
		return;
	}
	if (!text)
		return;
	js->path = xstrdup(path);
	if (js->src != NULL)
		indexjs_lint(js_rules, njs, js->src, &js->diags);
}
