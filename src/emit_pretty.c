/*
 * pretty: for people at a terminal.  Each finding is its gcc line, then
 * the source line with the range underlined, as Clang and actionlint do:
 *
 *   a/connection.json:5:3: error: duplicate key "title"; ... [json-...]
 *       5 |   "title": "Acme API",
 *         |   ^~~~~~~
 *
 * and the output ends with "N errors, M warnings in K files".
 */
#include "emit_impl.h"

#include <stdint.h>
#include <string.h>

#include "source.h"
#include "utf8.h"
#include "xalloc.h"

/* A line longer than this many bytes is shown as a window on the range. */
#define WINDOW_BEFORE 60
#define WINDOW_BYTES 160
#define TAB_STOP 8

#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"
#define SGR_CARET "\033[1;32m"

static const char *const sev_sgr[] = {
	[SEV_OFF] = "",
	[SEV_NOTE] = "\033[1;36m",
	[SEV_WARNING] = "\033[1;35m",
	[SEV_ERROR] = "\033[1;31m",
};

/*
 * Code points a terminal shows two cells wide (East Asian Wide and
 * Fullwidth, and the emoji blocks), so that the underline stays under
 * the text.  Combining marks are rare in connection files and count one.
 */
static const struct {
	uint32_t lo, hi;
} wide[] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF },
	{ 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
	{ 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static size_t
cp_width(uint32_t cp)
{
	for (size_t k = 0; k < ARRAY_SIZE(wide); k++)
		if (cp >= wide[k].lo && cp <= wide[k].hi)
			return 2;
	return 1;
}

static uint32_t
decode(const unsigned char *p, size_t n)
{
	static const unsigned char lead_mask[] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	uint32_t cp = p[0] & lead_mask[n];

	for (size_t k = 1; k < n; k++)
		cp = cp << 6 | (p[k] & 0x3F);
	return cp;
}

/*
 * One piece of the shown line: the bytes at p, what to print for them
 * (their own bytes, spaces for a tab, U+FFFD for a control character or
 * a byte that is not UTF-8, so that nothing in the file can move the
 * cursor or start an escape) and how many cells that takes.
 */
struct cell {
	size_t len;		/* input bytes */
	const char *show;	/* NULL: the input bytes themselves */
	size_t width;
};

static struct cell
next_cell(const char *s, size_t avail, size_t col)
{
	const char *why;
	struct cell c = { 1, "\xEF\xBF\xBD", 1 };
	size_t n = utf8_seq(s, avail, &why);
	uint32_t cp;

	if (n == 0)
		return c;
	cp = decode((const unsigned char *)s, n);
	c.len = n;
	if (cp == '\t') {
		c.show = "        ";
		c.width = TAB_STOP - col % TAB_STOP;
	} else if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)) {
		c.show = NULL;
		c.width = cp_width(cp);
	}
	return c;
}

/* Moves off back to the start of the UTF-8 sequence it is in. */
static size_t
seq_start(const char *s, size_t lo, size_t off)
{
	while (off > lo && ((unsigned char)s[off] & 0xC0) == 0x80)
		off--;
	return off;
}

static void
show_source(struct emit *e, struct source *src, size_t off, size_t end)
{
	bool color = e->opts.color;
	struct pos p = source_pos(src, off);
	size_t start, stop, from, to, col = 0, k;
	int gutter;
	char num[24];
	struct buf under = BUF_INIT;

	source_line(src, p.line, &start, &stop);
	if (off < start)
		off = start;
	if (off > stop)
		off = stop;
	if (end > stop)
		end = stop;
	from = start;
	to = stop;
	if (stop - start > WINDOW_BYTES) {
		if (off - start > WINDOW_BEFORE)
			from = seq_start(src->bytes, start,
					 off - WINDOW_BEFORE);
		if (stop - from > WINDOW_BYTES)
			to = seq_start(src->bytes, from, from + WINDOW_BYTES);
		if (to < off)
			to = off;
	}
	gutter = snprintf(num, sizeof(num), "%zu", p.line);
	fprintf(e->out, " %s | ", num);
	if (from > start) {
		fputs("...", e->out);
		buf_adds(&under, "   ");
		col = 3;
	}
	for (k = from; k < to;) {
		struct cell c = next_cell(src->bytes + k, src->len - k, col);

		if (c.show == NULL)
			fwrite(src->bytes + k, 1, c.len, e->out);
		else
			fwrite(c.show, 1, c.show[0] == ' ' ? c.width :
			       strlen(c.show), e->out);
		for (size_t w = 0; w < c.width; w++) {
			if (k < off)
				buf_addch(&under, ' ');
			else if (k == off && w == 0)
				buf_addch(&under, '^');
			else if (k < end)
				buf_addch(&under, '~');
		}
		col += c.width;
		k += c.len;
	}
	if (to < stop)
		fputs("...", e->out);
	if (off == to)
		buf_addch(&under, '^');	/* at the end of the line */
	putc('\n', e->out);
	fprintf(e->out, " %*s | %s%s%s\n", gutter, "", color ? SGR_CARET : "",
		under.s, color ? SGR_RESET : "");
	buf_release(&under);
}

static void
heading(struct emit *e, struct source *src, size_t off, enum severity sev,
	const char *msg, const char *rule)
{
	bool color = e->opts.color;
	struct pos p = source_pos(src, off);
	struct buf name = BUF_INIT;

	/* Nothing from the file or its name may reach the terminal raw. */
	utf8_add_valid(&name, src->name, strlen(src->name));
	for (size_t k = 0; k < name.len; k++)
		if ((unsigned char)name.s[k] < 0x20 || name.s[k] == 0x7F)
			name.s[k] = ' ';
	fprintf(e->out, "%s%s:%zu:%zu:%s %s%s:%s ", color ? SGR_BOLD : "",
		name.s, p.line, p.col, color ? SGR_RESET : "",
		color ? sev_sgr[sev] : "", severity_name(sev),
		color ? SGR_RESET : "");
	for (; *msg != '\0'; msg++)
		putc((unsigned char)*msg < 0x20 || *msg == 0x7F ? ' ' : *msg,
		     e->out);
	if (rule != NULL)
		fprintf(e->out, " [%s]", rule);
	putc('\n', e->out);
	buf_release(&name);
}

void
pretty_file(struct emit *e, struct source *src, const struct diag_list *l)
{
	for (size_t k = 0; k < l->n; k++) {
		const struct diag *d = &l->v[k];

		heading(e, src, d->off, d->sev, d->msg, d->rule);
		show_source(e, src, d->off, d->end);
		if (d->note != NULL) {
			heading(e, src, d->note_off, SEV_NOTE, d->note, NULL);
			show_source(e, src, d->note_off, d->note_end);
		}
	}
}

void
pretty_finish(struct emit *e)
{
	size_t errors = e->count[SEV_ERROR], warnings = e->count[SEV_WARNING];

	if (e->opts.quiet)
		return;
	fprintf(e->out, "%zu error%s, %zu warning%s in %zu file%s\n", errors,
		errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
		e->files, e->files == 1 ? "" : "s");
}
