/*
 * rules-man: writes the man page of the built-in rules, connlint-rules(7),
 * from the rules compiled into the library (the files of rules/), on
 * standard output or into the file named by its one argument.
 *
 *   usage: rules-man [OUT]
 *
 * The page depends on the rules only: no date, no version, no path, so
 * the same rules always give the same bytes, and a test can compare the
 * committed page with a fresh one.
 */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "rule.h"

/* UTF-8 decoding of one code point at s; returns its length, or 0. */
static size_t
utf8_decode(const unsigned char *s, unsigned long *cp)
{
	size_t len, k;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0)
		len = 2, *cp = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		len = 3, *cp = s[0] & 0x0F;
	else if ((s[0] & 0xF8) == 0xF0)
		len = 4, *cp = s[0] & 0x07;
	else
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[k] & 0x3F);
	}
	return len;
}

/* Characters a reader cannot see: shown by name in examples. */
static bool
invisible(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD ||
	       (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF;
}

/*
 * Writes text[0..len) as roff text: a backslash becomes \e, a hyphen \-
 * (so that ids and options copy as typed), a character outside ASCII
 * \[uXXXX], and a line that would start with '.' or '\'' gets \& first.
 * An invisible character, such as a byte order mark, is written as
 * <U+XXXX> in italics in an example (shown), where it matters, and left
 * out of prose, where a tab becomes a space.  The rules are UTF-8: the
 * loader checked them.
 */
static void
put_roff(FILE *out, const char *text, size_t len, bool shown)
{
	const unsigned char *s = (const unsigned char *)text;
	bool bol = true;

	for (size_t k = 0; k < len;) {
		unsigned long cp;
		size_t n = utf8_decode(s + k, &cp);

		if (n == 0 || k + n > len)
			n = 1, cp = 0xFFFD;	/* cannot happen: be safe */
		k += n;
		if (cp == '\n') {
			fputc('\n', out);
			bol = true;
			continue;
		}
		if (cp == '\t') {
			fputc(shown ? '\t' : ' ', out);
			bol = false;
			continue;
		}
		if (invisible(cp) && !shown)
			continue;
		if (bol && (cp == '.' || cp == '\''))
			fputs("\\&", out);
		bol = false;
		if (cp == '\\')
			fputs("\\e", out);
		else if (cp == '-')
			fputs("\\-", out);
		else if (invisible(cp))
			fprintf(out, "\\fI<U+%04lX>\\fP", cp);
		else if (cp >= 0x80)
			fprintf(out, "\\[u%04lX]", cp);
		else
			fputc((int)cp, out);
	}
}

static void
put_text(FILE *out, const char *text)
{
	put_roff(out, text, strlen(text), false);
}

/*
 * Writes prose: one sentence a line, as roff wants, so that sentences
 * end with the right spacing.  A sentence ends at ". " before a letter,
 * unless the period ends "..." or "e.g.".
 */
static bool
sentence_end(const char *text, const char *dot)
{
	char next = dot[2];

	if (!((next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z')))
		return false;
	if (dot > text && dot[-1] == '.')
		return false;
	return !(dot - text >= 3 && (strncmp(dot - 3, "e.g", 3) == 0 ||
				     strncmp(dot - 3, "i.e", 3) == 0));
}

static void
put_prose(FILE *out, const char *text)
{
	const char *p = text;

	for (;;) {
		const char *end = p;

		while ((end = strstr(end, ". ")) != NULL &&
		       !sentence_end(text, end))
			end += 2;
		if (end == NULL)
			break;
		put_roff(out, p, (size_t)(end - p) + 1, false);
		fputc('\n', out);
		p = end + 2;
	}
	put_text(out, p);
	fputc('\n', out);
}

#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Indents v by depth levels of two spaces: empty containers stay "{}". */
static void
add_pretty(struct buf *b, struct json_object *v, int depth)
{
	bool obj = json_object_is_type(v, json_type_object);
	size_t n = obj ? (size_t)json_object_object_length(v) :
	    json_object_is_type(v, json_type_array) ?
	    json_object_array_length(v) : 0;
	size_t k = 0;

	if (n == 0) {
		buf_adds(b, json_object_to_json_string_ext(v, JSON_FLAGS));
		return;
	}
	buf_addch(b, obj ? '{' : '[');
	if (obj) {
		json_object_object_foreach(v, key, val) {
			buf_addf(b, "%s\n%*s", k++ ? "," : "", 2 * depth + 2, "");
			buf_add_json_string(b, key, strlen(key));
			buf_adds(b, ": ");
			add_pretty(b, val, depth + 1);
		}
	} else {
		for (k = 0; k < n; k++) {
			buf_addf(b, "%s\n%*s", k ? "," : "", 2 * depth + 2, "");
			add_pretty(b, json_object_array_get_idx(v, k), depth + 1);
		}
	}
	buf_addf(b, "\n%*s%c", 2 * depth, "", obj ? '}' : ']');
}

/*
 * A rule's example is a JSON value, which the rule loader wrote out with
 * json-c, or a string holding the document's exact text.  The first is
 * written again, more compactly ("properties": {}); the second is shown
 * as it is, since its bytes are the point.
 */
static char *
example_text(const char *doc)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *v;
	struct buf b = BUF_INIT;

	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	v = json_tokener_parse_ex(tok, doc, (int)strlen(doc));
	if (v != NULL && json_tokener_get_error(tok) == json_tokener_success &&
	    strcmp(doc, json_object_to_json_string_ext(v,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE)) == 0)
		add_pretty(&b, v, 0);
	else
		buf_adds(&b, doc);
	json_object_put(v);
	json_tokener_free(tok);
	return buf_detach(&b);
}

/* An example document, in an .EX block. */
static void
put_example(FILE *out, const char *caption, const char *doc)
{
	char *text = example_text(doc);
	size_t len = strlen(text);

	while (len > 0 && text[len - 1] == '\n')
		len--;
	fprintf(out, ".PP\n%s\n.PP\n.RS 4\n.EX\n", caption);
	put_roff(out, text, len, true);
	fputs("\n.EE\n.RE\n", out);
	free(text);
}

/* What a rule's examples are, by what it looks at. */
static const struct {
	const char *bad, *good;
} captions[] = {
	[SUBJECT_DOCUMENT] = { "A file that breaks the rule:",
			       "A file that follows it:" },
	[SUBJECT_INDEX_JS] = { "An index.js that breaks the rule:",
			       "An index.js that follows it:" },
	[SUBJECT_FOLDER] = { "A connection folder that breaks the rule:",
			     "A folder that follows it:" },
};

static void
put_rule(FILE *out, const struct rule *r)
{
	int subject = rule_subject(r);

	fputs(".SS ", out);
	put_text(out, r->id);
	fputs("\n.PD 0\n.TP 12\n.B Severity\n", out);
	put_text(out, severity_name(r->severity));
	fputs("\n.TP\n.B Tags\n", out);
	for (size_t k = 0; k < r->ntags; k++) {
		fputs(k ? ", " : "", out);
		put_text(out, r->tags[k]);
	}
	if (r->ntags == 0)
		fputs("none", out);
	fputs("\n.TP\n.B Summary\n", out);
	put_text(out, r->summary);
	fputs("\n.PD\n.PP\n", out);
	put_prose(out, r->description);
	if (r->example_file != NULL) {
		fputs(".PP\nThe examples are linted as\n.BR ", out);
		put_text(out, r->example_file);
		fputs(" .\n", out);
	}
	for (int good = 0; good <= 1; good++) {
		char *text = rule_example(r, good);

		if (text != NULL)
			put_example(out, good ? captions[subject].good :
				    captions[subject].bad, text);
		free(text);
	}
}

static const char head[] =
	".\\\" Generated from rules/*.json by tools/rules-man.c: do not edit.\n"
	".\\\" To change a rule, edit its file in rules/ and run\n"
	".\\\" \"make man/connlint-rules.7\".\n"
	".TH CONNLINT\\-RULES 7 \"\" \"connlint\" \"Miscellaneous Information Manual\"\n"
	".nh\n"
	".SH NAME\n"
	"connlint\\-rules \\- the built\\-in rules of connlint\n"
	".SH DESCRIPTION\n"
	"These are the rules compiled into\n"
	".BR connlint (1).\n"
	"Each diagnostic names the rule that found it, in brackets at the end\n"
	"of the line in the gcc format, and in\n"
	".B ruleId\n"
	"in the json format.\n"
	".PP\n"
	"Each rule has an id, a default severity\n"
	".RB ( error ,\n"
	".B warning\n"
	"or\n"
	".BR note ),\n"
	"tags that name groups of rules, a summary, a description, and an\n"
	"example of a file that breaks it and one that follows it: a\n"
	".BR connection.json ,\n"
	"or, for the rules on the companion\n"
	".BR index.js ,\n"
	"that file, or a listing of the connection's folder.\n"
	"The examples are tested: connlint reports the first and not the\n"
	"second.\n"
	"The examples show an invisible character, such as a byte order mark,\n"
	"as its code point in italics, like\n"
	".IR <U+FEFF> .\n"
	".PP\n"
	"A configuration file or the command line turns rules on and off by\n"
	"id or by tag, and changes their severity; see CONFIGURATION in\n"
	".BR connlint (1).\n"
	"Only\n"
	".B json\\-syntax\n"
	"cannot be turned off or lowered: a file that is not JSON cannot be\n"
	"checked.\n"
	".PP\n"
	".B connlint \\-\\-list\\-rules\n"
	"lists the rules, those of the configuration's rule files included, and\n"
	".BI \"connlint \\-\\-explain \" id\n"
	"prints one with its examples.\n"
	"A rule is a JSON file, as the built\\-in ones are; see CUSTOM RULES in\n"
	".BR connlint (1)\n"
	"to write one.\n"
	".SH RULES\n";

static const char tail[] =
	".SH SEE ALSO\n"
	".BR connlint (1)\n";

int
main(int argc, char **argv)
{
	struct ruleset rs;
	char *err = NULL;
	FILE *out = stdout;

	if (argc > 2) {
		fputs("usage: rules-man [OUT]\n", stderr);
		return 2;
	}
	ruleset_init(&rs);
	if (ruleset_add_builtin(&rs, &err) < 0) {
		fprintf(stderr, "rules-man: %s\n", err);
		free(err);
		return 1;
	}
	if (argc == 2 && (out = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		ruleset_release(&rs);
		return 1;
	}
	fputs(head, out);
	for (size_t k = 0; k < rs.n; k++)
		put_rule(out, rs.v[k]);
	fputs(tail, out);
	ruleset_release(&rs);
	if (fflush(out) != 0 || ferror(out) || (out != stdout && fclose(out))) {
		perror(argc == 2 ? argv[1] : "rules-man: standard output");
		return 1;
	}
	return 0;
}
