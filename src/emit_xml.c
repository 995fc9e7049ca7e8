/*
 * The XML formats: checkstyle (as reviewdog, Jenkins' warnings plugin and
 * many others read it) and junit (GitLab, Jenkins, Azure test reports).
 *
 * Both are built in e->text and written at the end: junit's counts come
 * first in the document.  A note, which neither format can place, is a
 * second line of its finding's message.
 */
#include "emit_impl.h"

#include <stdint.h>
#include <string.h>

#include "source.h"
#include "utf8.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/*
 * Appends s as XML character data, fit for an attribute value too: the
 * markup characters as entities, and tab, LF and CR as character
 * references, which an attribute would otherwise turn into spaces.  What
 * XML 1.0 cannot hold at all (the other C0 controls, U+FFFE, U+FFFF) and
 * bytes that are not UTF-8 become U+FFFD.
 */
static void
xml_add(struct buf *b, const char *s)
{
	static const struct {
		char c;
		const char *ref;
	} refs[] = {
		{ '&', "&amp;" }, { '<', "&lt;" }, { '>', "&gt;" },
		{ '"', "&quot;" }, { '\'', "&apos;" }, { '\t', "&#9;" },
		{ '\n', "&#10;" }, { '\r', "&#13;" },
	};
	size_t len = strlen(s);

	for (size_t k = 0; k < len;) {
		const char *why, *ref = NULL;
		size_t n = utf8_seq(s + k, len - k, &why);

		for (size_t r = 0; n == 1 && r < sizeof(refs) / sizeof(refs[0]);
		     r++)
			if (s[k] == refs[r].c)
				ref = refs[r].ref;
		if (ref != NULL)
			buf_adds(b, ref);
		else if (n == 0 || (unsigned char)s[k] < 0x20 ||
			 (n == 3 && memcmp(s + k, "\xEF\xBF", 2) == 0 &&
			  (unsigned char)s[k + 2] >= 0xBE))
			buf_adds(b, "\xEF\xBF\xBD");
		else
			buf_add(b, s + k, n);
		k += n == 0 ? 1 : n;
	}
}

static const char *const checkstyle_severity[] = {
	[SEV_OFF] = "ignore",
	[SEV_NOTE] = "info",
	[SEV_WARNING] = "warning",
	[SEV_ERROR] = "error",
};

/* Every file gets its <file>, so a report also lists the clean ones. */
void
checkstyle_file(struct emit *e, struct source *src, const struct diag_list *l)
{
	struct buf *b = &e->text;

	buf_adds(b, "  <file name=\"");
	xml_add(b, src->name);
	if (l->n == 0) {
		buf_adds(b, "\"/>\n");
		return;
	}
	buf_adds(b, "\">\n");
	for (size_t k = 0; k < l->n; k++) {
		const struct diag *d = &l->v[k];
		struct pos p = source_pos(src, d->off);
		struct buf msg = BUF_INIT;

		buf_adds(&msg, d->msg);
		emit_add_note(&msg, src, d);
		buf_addf(b, "    <error line=\"%zu\" column=\"%zu\" "
			 "severity=\"%s\" message=\"", p.line, p.col,
			 checkstyle_severity[d->sev]);
		xml_add(b, msg.s);
		buf_adds(b, "\" source=\"connlint.");
		xml_add(b, d->rule != NULL ? d->rule : "run");
		buf_adds(b, "\"/>\n");
		buf_release(&msg);
	}
	buf_adds(b, "  </file>\n");
}

void
checkstyle_finish(struct emit *e)
{
	fputs(XML_DECL "<checkstyle version=\"4.3\">\n", e->out);
	fwrite(e->text.s, 1, e->text.len, e->out);
	fputs("</checkstyle>\n", e->out);
}

/*
 * A test case per file, named by its path; each diagnostic is a
 * <failure> whose type is the severity and whose text is the gcc line.
 */
void
junit_file(struct emit *e, struct source *src, const struct diag_list *l)
{
	struct buf *b = &e->text;

	buf_adds(b, "    <testcase classname=\"connlint\" name=\"");
	xml_add(b, src->name);
	buf_adds(b, "\" file=\"");
	xml_add(b, src->name);
	if (l->n == 0) {
		buf_adds(b, "\"/>\n");
		return;
	}
	buf_adds(b, "\">\n");
	for (size_t k = 0; k < l->n; k++) {
		const struct diag *d = &l->v[k];
		struct pos p = source_pos(src, d->off);
		struct buf msg = BUF_INIT, text = BUF_INIT;

		buf_adds(&msg, d->msg);
		if (d->rule != NULL)
			buf_addf(&msg, " [%s]", d->rule);
		buf_addf(&text, "%s:%zu:%zu: %s: %s", src->name, p.line, p.col,
			 severity_name(d->sev), msg.s);
		emit_add_note(&text, src, d);
		buf_addf(b, "      <failure type=\"%s\" message=\"",
			 severity_name(d->sev));
		xml_add(b, msg.s);
		buf_adds(b, "\">");
		xml_add(b, text.s);
		buf_adds(b, "</failure>\n");
		buf_release(&msg);
		buf_release(&text);
	}
	buf_adds(b, "    </testcase>\n");
}

void
junit_finish(struct emit *e)
{
	char counts[96];

	snprintf(counts, sizeof(counts), "tests=\"%zu\" failures=\"%zu\" "
		 "errors=\"0\"", e->files, e->failed_files);
	fprintf(e->out, XML_DECL "<testsuites name=\"connlint\" %s>\n"
		"  <testsuite name=\"connlint\" %s skipped=\"0\">\n", counts,
		counts);
	fwrite(e->text.s, 1, e->text.len, e->out);
	fputs("  </testsuite>\n</testsuites>\n", e->out);
}
