#include "jsexports.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "regex.h"
#include "xalloc.h"

/* --- the scanner ------------------------------------------------------ */

/*
 * What a byte of code is, for the loops that look at every byte: one
 * lookup instead of a row of comparisons.  The scanner maps every byte
 * outside ASCII first, so the text it reads, and the blanked text, hold
 * only the first 128; the others are C_OTHER.
 */
enum byte_class {
	C_OTHER,
	C_SPACE,
	C_OPEN,			/* ( [ { */
	C_CLOSE,		/* ) ] } */
	C_COMMA,
	C_SEMICOLON,
	/* the ones the scanner stops at */
	C_SLASH,
	C_QUOTE,		/* " ' */
	C_BACKQUOTE,
};

static const unsigned char classes[256] = {
	[' '] = C_SPACE, ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\r'] = C_SPACE,
	['\v'] = C_SPACE, ['\f'] = C_SPACE,
	['('] = C_OPEN, ['['] = C_OPEN, ['{'] = C_OPEN,
	[')'] = C_CLOSE, [']'] = C_CLOSE, ['}'] = C_CLOSE,
	[','] = C_COMMA, [';'] = C_SEMICOLON, ['/'] = C_SLASH,
	['"'] = C_QUOTE, ['\''] = C_QUOTE, ['`'] = C_BACKQUOTE,
};

/*
 * The bytes that may start or end something: in code, a comment, a
 * string, a template or a regular expression literal, or a brace that
 * closes a template's ${ }; in a template's text, an escape, its end or
 * a ${.  Runs of other bytes are skipped by one lookup a byte: js_blank
 * cost 174 M instructions on the benchmark's 10,000 index.js files (670
 * bytes each, 26 instructions a byte), and 86 M with these and the
 * eight-byte test for bytes outside ASCII.
 */
static const unsigned char code_stops[256] = {
	['/'] = 1, ['"'] = 1, ['\''] = 1, ['`'] = 1, ['{'] = 1, ['}'] = 1,
};

static const unsigned char text_stops[256] = {
	['\\'] = 1, ['`'] = 1, ['$'] = 1,
};

static enum byte_class
class_of(char c)
{
	return (enum byte_class)classes[(unsigned char)c];
}

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$';
}

static bool
is_space(char c)
{
	return class_of(c) == C_SPACE;
}

static bool
is_line_end(char c)
{
	return c == '\n' || c == '\r';
}

/* Do the eight bytes at u hold one outside ASCII? */
static bool
has_high_bit(const unsigned char *u)
{
	uint64_t w;

	memcpy(&w, u, sizeof(w));
	return (w & 0x8080808080808080u) != 0;
}

/* Blanks t[from, to), keeping line breaks. */
static void
blank(char *t, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (!is_line_end(t[k]))
			t[k] = ' ';
}

static size_t
line_end(const char *t, size_t len, size_t k)
{
	while (k < len && !is_line_end(t[k]))
		k++;
	return k;
}

/*
 * The UTF-8 white space JavaScript knows (BOM, no-break space, the
 * Unicode spaces, line and paragraph separators): such a sequence is
 * blanked; any other byte outside ASCII is taken as part of a name,
 * which is what it is in code.
 */
static size_t
unicode_space(const unsigned char *s, size_t len)
{
	if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (len < 3)
		return 0;
	if ((s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
	    (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
	    (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) ||
	    (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x80 &&
	     (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)) ||
	    (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F))
		return 3;
	return 0;
}

/* Words after which a '/' starts a regular expression, not a division. */
static const char *const regex_words[] = {
	"return", "typeof", "instanceof", "in", "of", "new", "delete", "void",
	"throw", "case", "do", "else", "yield", "await",
};

/*
 * Can a '/' start a regular expression literal after the code byte at
 * last (SIZE_MAX: nothing before it)?  After an operator, an opening
 * bracket or one of regex_words, yes; after a name, a number, ')' or
 * ']', it divides.
 */
static bool
regex_may_start(const char *t, size_t last)
{
	size_t start = last;

	if (last == (size_t)-1)
		return true;
	if (t[last] != '\0' &&
	    strchr("(,=:[!&|?{};+-*%<>~^", t[last]) != NULL)
		return true;
	if (!is_name_char(t[last]))
		return false;
	while (start > 0 && is_name_char(t[start - 1]))
		start--;
	for (size_t k = 0; k < ARRAY_SIZE(regex_words); k++)
		if (strlen(regex_words[k]) == last + 1 - start &&
		    memcmp(t + start, regex_words[k], last + 1 - start) == 0)
			return true;
	return false;
}

/*
 * A regular expression literal starting at the '/' at k: blanks its text
 * and returns the index after its closing '/', or k when it does not
 * close on its line, and so is not one.
 */
static size_t
scan_regex(char *t, size_t len, size_t k)
{
	bool in_class = false;

	for (size_t j = k + 1; j < len && !is_line_end(t[j]); j++) {
		if (t[j] == '\\') {
			if (j + 1 < len && is_line_end(t[j + 1]))
				break;
			j++;
		} else if (t[j] == '[') {
			in_class = true;
		} else if (t[j] == ']') {
			in_class = false;
		} else if (t[j] == '/' && !in_class) {
			blank(t, k + 1, j);
			return j + 1;
		}
	}
	return k;
}

/*
 * A string literal whose quote is at k: blanks its text, unless it is
 * a name (a quoted key), and returns the index after its closing quote.
 * One that does not close ends at its line's end, as JavaScript has it.
 */
static size_t
scan_string(char *t, size_t len, size_t k)
{
	char quote = t[k];
	size_t j = k + 1;
	bool name = j < len && !(t[j] >= '0' && t[j] <= '9');

	for (; j < len && t[j] != quote && !is_line_end(t[j]); j++) {
		if (t[j] == '\\') {
			name = false;
			/* A backslash before a line break continues it. */
			if (j + 2 < len && t[j + 1] == '\r' && t[j + 2] == '\n')
				j++;
			j += j + 1 < len;
		} else if (!is_name_char(t[j])) {
			name = false;
		}
	}
	if (!name || j == k + 1)
		blank(t, k + 1, j);
	return j < len && t[j] == quote ? j + 1 : j;
}

/* The index after the template literal that starts at the '`' at k. */
static size_t
skip_template(const char *t, size_t len, size_t k)
{
	for (size_t j = k + 1; j < len; j++) {
		if (t[j] == '\\')
			j++;
		else if (t[j] == '`')
			return j + 1;
	}
	return len;
}

/* The scanner's state between bytes. */
struct scan {
	char *t;
	size_t len;
	size_t last;		/* the last code byte not white space, or -1 */
	size_t depth;		/* template literals open around the code */
	unsigned braces[JS_TEMPLATE_DEPTH];	/* '{' open in each one's ${ } */
	bool in_text;		/* in a template's text, not in its ${ } */
	size_t regex_from;	/* no regex literal starts before this */
};

/* One byte, or more, of a template's text at k; returns where to go on. */
static size_t
template_text(struct scan *s, size_t k)
{
	char *t = s->t;
	size_t j;

	if (t[k] == '\\') {
		blank(t, k, k + 2 <= s->len ? k + 2 : s->len);
		return k + 2;
	}
	if (t[k] == '`') {
		t[k] = ' ';
		s->depth--;
		s->in_text = false;
		s->last = k;	/* an expression ended: a '/' divides */
		return k + 1;
	}
	if (t[k] == '$' && k + 1 < s->len && t[k + 1] == '{') {
		t[k] = t[k + 1] = ' ';
		s->braces[s->depth - 1] = 0;
		s->in_text = false;
		s->last = (size_t)-1;	/* an expression starts */
		return k + 2;
	}
	/* A lone '$', or a run of text up to the next '\', '`' or '$'. */
	for (j = k + 1; j < s->len && !text_stops[(unsigned char)t[j]]; j++)
		;
	blank(t, k, j);
	return j;
}

/* One byte, or more, of code at k; returns where to go on. */
static size_t
code(struct scan *s, size_t k)
{
	char *t = s->t, c = t[k], next = k + 1 < s->len ? t[k + 1] : '\0';
	size_t j;

	if (c == '/' && next == '/') {
		j = line_end(t, s->len, k);
		blank(t, k, j);
		return j;
	}
	if (c == '/' && next == '*') {
		const char *end = NULL;

		for (j = k + 2; j + 1 < s->len && end == NULL; j++)
			if (t[j] == '*' && t[j + 1] == '/')
				end = t + j;
		j = end != NULL ? (size_t)(end - t) + 2 : s->len;
		blank(t, k, j);
		return j;
	}
	if (c == '/' && k >= s->regex_from && regex_may_start(t, s->last)) {
		j = scan_regex(t, s->len, k);
		if (j > k) {
			s->last = j - 1;
			return j;
		}
		/*
		 * Not one after all: no '/' later on this line starts one
		 * either, so that a long line costs one look, not one a '/'.
		 */
		s->regex_from = line_end(t, s->len, k);
	}
	if (c == '"' || c == '\'') {
		j = scan_string(t, s->len, k);
		s->last = j - 1;
		return j;
	}
	if (c == '`') {
		if (s->depth == JS_TEMPLATE_DEPTH) {
			/* Too deep to follow: all of it is text. */
			j = skip_template(t, s->len, k);
			blank(t, k, j);
			s->last = j - 1;
			return j;
		}
		t[k] = ' ';
		s->depth++;
		s->in_text = true;
		return k + 1;
	}
	if (c == '{' && s->depth > 0) {
		s->braces[s->depth - 1]++;
	} else if (c == '}' && s->depth > 0) {
		if (s->braces[s->depth - 1] == 0) {
			t[k] = ' ';	/* the end of a ${ } */
			s->in_text = true;
			return k + 1;
		}
		s->braces[s->depth - 1]--;
	}
	if (!is_space(c))
		s->last = k;
	return k + 1;
}

void
js_blank(const char *in, size_t len, char *out)
{
	struct scan s = { out, len, (size_t)-1, 0, { 0 }, false, 0 };
	const unsigned char *u = (const unsigned char *)in;
	size_t k;

	memcpy(out, in, len);
	for (k = 0; k < len; k++) {
		size_t n;

		/* ASCII, eight bytes at a time: the test of each byte
		 * was 47 M of js_blank's 174 M (see code_stops). */
		while (len - k >= 8 && !has_high_bit(u + k))
			k += 8;
		if (k >= len)
			break;
		if (u[k] < 0x80)
			continue;
		n = unicode_space(u + k, len - k);
		if (n > 0) {
			memset(out + k, ' ', n);
			k += n - 1;
		} else {
			out[k] = '_';
		}
	}
	k = 0;
	/* A #! line, as node allows at the very start. */
	if (len >= 2 && out[0] == '#' && out[1] == '!') {
		k = line_end(out, len, 0);
		blank(out, 0, k);
	}
	while (k < len) {
		size_t j = k;

		if (s.in_text) {
			k = template_text(&s, k);
			continue;
		}
		/* Most code: nothing to do but note its last byte. */
		while (j < len && !code_stops[(unsigned char)out[j]])
			j++;
		if (j > k) {
			size_t e = j;

			while (e > k && is_space(out[e - 1]))
				e--;
			if (e > k)
				s.last = e - 1;
			k = j;
		} else {
			k = code(&s, k);
		}
	}
}

/* --- the patterns ----------------------------------------------------- */

#define NAME "[A-Za-z_$][\\w$]*+"
#define NOT_AFTER_NAME "(?<![\\w$.])"
#define ASSIGN "\\s*=(?![=>])"
#define TRUE_VALUE \
	"(?:true|!0|Promise\\s*\\.\\s*resolve\\s*\\(\\s*(?:true)?\\s*\\))"

enum pattern {
	P_ESM,
	P_ASSIGN,
	P_CHAIN,
	P_PROPERTY,
	P_MEMBER,
	P_VALUE,
	P_REFERENCE,
	P_DECLARE,
	P_CALL_OK,
	P_FAILS,
	P_TRIVIAL,
	P__COUNT,
};

static const char *const pattern_text[P__COUNT] = {
	/* An ES module export statement, at the start of a line. */
	[P_ESM] = "(?m)^[ \\t]*(export)(?:\\s*[{*]|\\s+(?:default|async|"
		  "function|const|let|var|class)\\b)",
	/* module.exports = ...; 1: module.exports */
	[P_ASSIGN] = NOT_AFTER_NAME "(module\\s*\\.\\s*exports)" ASSIGN,
	/* Another target of the same value: module.exports = exports = */
	[P_CHAIN] = "\\G\\s*(?:module\\s*\\.\\s*)?exports" ASSIGN,
	/*
	 * (module.)exports.NAME = ... or exports['NAME'] = ...
	 * 1: (module.)exports, 2: NAME, 3: the quote, 4: the quoted NAME
	 */
	[P_PROPERTY] = NOT_AFTER_NAME "((?:module\\s*\\.\\s*)?exports)\\s*"
		       "(?:\\.\\s*(" NAME ")|\\[\\s*(['\"])(" NAME ")\\3\\s*\\])"
		       ASSIGN,
	/*
	 * A member of an object literal, where one starts.  1: a spread,
	 * 2: the name, 3: the quote, 4: the quoted name, 5: what follows:
	 * ':' a value, '(' a method, ',' or '}' shorthand.
	 */
	[P_MEMBER] = "\\G\\s*(?:(\\.\\.\\.)|(?:(?:async|get|set)\\s+"
		     "(?=[\\w$'\"*\\[]))?(?:\\*\\s*)?(?:(" NAME ")|(['\"])(" NAME
		     ")\\3)\\s*([:(,}])?)",
	/*
	 * A function value: 1: async, 2: function, its '(' last; 3: an
	 * arrow function's '('; 4: a name, 5: "=>" after it (a parameter)
	 */
	[P_VALUE] = "\\G\\s*(async\\b\\s*)?(?:(function)\\b\\s*\\*?\\s*(?:"
		    NAME ")?\\s*\\(|(\\()|(" NAME ")\\s*(=>)?)",
	/* A value that is a name alone: 1: the name */
	[P_REFERENCE] = "(?m)\\G\\s*(" NAME ")[ \\t\\r]*(?:[;,)}]|$)",
	/*
	 * A declaration: 1: a function's name, its '(' last;
	 * 2: a const, let or var's name, its value after
	 */
	[P_DECLARE] = NOT_AFTER_NAME "(?:(?:async\\s+)?function\\b\\s*\\*?\\s*("
		      NAME ")\\s*\\(|(?:const|let|var)\\s+(" NAME ")" ASSIGN ")",
	/* After the callback's name: a call without an error. */
	[P_CALL_OK] = "\\G\\s*\\(\\s*(?:null|undefined|void\\s+0)?\\s*[,)]",
	/* What reports a failure without the callback. */
	[P_FAILS] = "(?<![\\w$])(?:throw|reject)(?![\\w$])",
	/* A body that only says yes. */
	[P_TRIVIAL] = "\\G\\s*(?:\\{\\s*return\\s+" TRUE_VALUE "\\s*;?\\s*\\}|"
		      "\\(?\\s*" TRUE_VALUE "\\s*\\)?)\\s*\\z",
};

/*
 * The patterns are compiled once for the process and shared by the
 * threads (a struct regex is read-only); they stay until exit.  PCRE2's
 * JIT costs more to compile them (about 2.4 million instructions) than
 * the interpreter costs on one index.js (about 0.1 million more than the
 * JIT's code): a run that checks one file, as an editor or a hook does,
 * should not pay it.  So the interpreted set comes first, and the JIT's
 * after JIT_AFTER_FILES files, or for a file of JIT_AFTER_BYTES.  A thread
 * uses the JIT's set only once it has passed jit_once itself, so no
 * thread matches with a pattern still being made.
 */
#define JIT_AFTER_FILES 16
#define JIT_AFTER_BYTES ((size_t)64 << 10)
#define JIT_SLACK 32	/* zero bytes after a subject: see js_exports_find */

static struct regex *interpreted[P__COUNT], *jitted[P__COUNT];
static pthread_once_t interpreted_once = PTHREAD_ONCE_INIT;
static pthread_once_t jit_once = PTHREAD_ONCE_INIT;
static atomic_uint files_seen;

/* The patterns are constant: one that does not compile is a bug. */
static void
compile_patterns(struct regex **out, struct regex *(*make)(const char *,
	size_t, char **, size_t *))
{
	for (size_t k = 0; k < P__COUNT; k++) {
		char *err = NULL;
		size_t off = 0;

		out[k] = make(pattern_text[k], strlen(pattern_text[k]), &err,
			      &off);
		if (out[k] == NULL) {
			fprintf(stderr, "connlint: jsexports pattern %zu: %s at "
				"%zu\n", k, err, off);
			abort();
		}
	}
}

static void
compile_interpreted(void)
{
	compile_patterns(interpreted, regex_new_interpreted);
}

static void
compile_jitted(void)
{
	compile_patterns(jitted, regex_new);
}

/* The set of patterns to check a text of len bytes with. */
static struct regex *const *
patterns_for(size_t len)
{
	if (atomic_fetch_add(&files_seen, 1) >= JIT_AFTER_FILES ||
	    len >= JIT_AFTER_BYTES) {
		pthread_once(&jit_once, compile_jitted);
		return jitted;
	}
	pthread_once(&interpreted_once, compile_interpreted);
	return interpreted;
}

/* --- reading the text ------------------------------------------------- */

/* Where the function an export names is to be found. */
struct origin {
	enum { ORIGIN_NONE, ORIGIN_METHOD, ORIGIN_VALUE, ORIGIN_NAME } kind;
	size_t at;		/* METHOD: its '('; VALUE: where it starts */
	struct js_span name;	/* NAME: the name; else the export's */
};

/* Names resolved to their definitions, at most, in one file. */
#define RESOLVE_MAX 16

struct finder {
	struct regex *const *patterns;
	const char *t;		/* the blanked text */
	size_t len;
	struct js_exports *x;
	struct origin validate;
	size_t walked;		/* the end of the last object walked */
	unsigned resolves;	/* names looked up so far */
};

#define GROUPS 6

/*
 * Searches the text from start, up to len, for pattern p: 1, or 0.  A
 * limit sets x->limit and gives 0, so that every caller stops.
 */
static int
search(struct finder *f, enum pattern p, size_t start, size_t len,
       size_t *ov)
{
	struct buf why = BUF_INIT;
	enum regex_result r;

	if (f->x->limit)
		return 0;
	r = regex_search(f->patterns[p], f->t, len, start, ov, GROUPS, &why);
	if (r == REGEX_LIMIT) {
		f->x->limit = true;
		snprintf(f->x->why, sizeof(f->x->why), "%s", why.s);
	}
	buf_release(&why);
	return r == REGEX_MATCH;
}

static bool
set(const size_t *ov, int group)
{
	return ov[2 * group] != REGEX_UNSET;
}

static struct js_span
span(const size_t *ov, int group)
{
	return (struct js_span){ ov[2 * group], ov[2 * group + 1] };
}

static bool
span_is(const struct finder *f, struct js_span s, const char *word)
{
	return s.end - s.off == strlen(word) &&
	       memcmp(f->t + s.off, word, s.end - s.off) == 0;
}

static bool
same_name(const struct finder *f, struct js_span a, struct js_span b)
{
	return a.end - a.off == b.end - b.off &&
	       memcmp(f->t + a.off, f->t + b.off, a.end - a.off) == 0;
}

static size_t
skip_space(const struct finder *f, size_t k)
{
	while (k < f->len && is_space(f->t[k]))
		k++;
	return k;
}

static bool
is_open(char c)
{
	return class_of(c) == C_OPEN;
}

static bool
is_close(char c)
{
	return class_of(c) == C_CLOSE;
}

/*
 * The bracket that closes the one at k, or len.  Brackets of any kind
 * count alike: in code that runs, they nest.
 */
static size_t
closing(const struct finder *f, size_t k)
{
	size_t depth = 0;

	for (size_t j = k; j < f->len; j++) {
		enum byte_class c = class_of(f->t[j]);

		if (c == C_OPEN)
			depth++;
		else if (c == C_CLOSE && --depth == 0)
			return j;
	}
	return f->len;
}

/* The end of the expression that starts at k: a ',', ';' or bracket. */
static size_t
expression_end(const struct finder *f, size_t k)
{
	size_t depth = 0;

	for (; k < f->len; k++) {
		char c = f->t[k];

		if (is_open(c))
			depth++;
		else if (is_close(c) && depth-- == 0)
			break;
		else if ((c == ',' || c == ';') && depth == 0)
			break;
	}
	return k;
}

/* --- functions -------------------------------------------------------- */

/* A function, as far as the patterns see one. */
struct function {
	struct js_span name;	/* where it is defined */
	struct js_span params;	/* between its parentheses */
	bool bare;		/* params is one parameter, without them */
	struct js_span body;	/* { ... }, or an arrow function's expression */
};

/* The body after a function's parameters, from k: 1, or 0 for none. */
static int
body_at(const struct finder *f, size_t k, bool arrow, struct function *fn)
{
	k = skip_space(f, k);
	if (arrow) {
		if (k + 1 >= f->len || f->t[k] != '=' || f->t[k + 1] != '>')
			return 0;
		k = skip_space(f, k + 2);
		if (k < f->len && f->t[k] != '{') {
			fn->body = (struct js_span){ k, expression_end(f, k) };
			return 1;
		}
	}
	if (k >= f->len || f->t[k] != '{')
		return 0;
	fn->body = (struct js_span){ k, closing(f, k) };
	if (fn->body.end < f->len)
		fn->body.end++;
	return 1;
}

/* The parameters from the '(' at k, and the body after them. */
static int
params_at(const struct finder *f, size_t k, bool arrow, struct function *fn)
{
	size_t close = closing(f, k);

	if (close == f->len)
		return 0;
	fn->params = (struct js_span){ k + 1, close };
	fn->bare = false;
	return body_at(f, close + 1, arrow, fn);
}

static int resolve_function(struct finder *f, struct js_span name, int depth,
			    struct function *fn);

/*
 * The function value at k (function, arrow function, or the name of one
 * when depth allows): 1 with *fn, or 0.
 */
static int
function_value(struct finder *f, size_t k, int depth, struct function *fn)
{
	size_t ov[2 * GROUPS];

	if (!search(f, P_VALUE, k, f->len, ov))
		return 0;
	if (set(ov, 2))
		return params_at(f, ov[1] - 1, false, fn);
	if (set(ov, 3))
		return params_at(f, ov[6], true, fn);
	if (set(ov, 5)) {
		fn->params = span(ov, 4);
		fn->bare = true;
		return body_at(f, ov[10], true, fn);
	}
	if (set(ov, 1))
		return 0;	/* async, and no function after it */
	return resolve_function(f, span(ov, 4), depth + 1, fn);
}

/*
 * The function the file defines as name (function name () {...}, or
 * const name = a function value): 1 with *fn, or 0.
 */
static int
resolve_function(struct finder *f, struct js_span name, int depth,
		 struct function *fn)
{
	size_t ov[2 * GROUPS];

	if (depth > JS_RESOLVE_DEPTH || f->resolves++ >= RESOLVE_MAX)
		return 0;
	for (size_t at = 0; search(f, P_DECLARE, at, f->len, ov); at = ov[1]) {
		if (set(ov, 1) && same_name(f, span(ov, 1), name)) {
			fn->name = span(ov, 1);
			return params_at(f, ov[1] - 1, false, fn);
		}
		if (set(ov, 2) && same_name(f, span(ov, 2), name)) {
			fn->name = span(ov, 2);
			return function_value(f, ov[1], depth, fn);
		}
	}
	return 0;
}

/* --- finding the exports ---------------------------------------------- */

/* Records that name, if it is connect or validate, is exported from o. */
static void
exported(struct finder *f, struct js_span name, struct origin o)
{
	struct js_export *e = span_is(f, name, "connect") ? &f->x->connect :
	    span_is(f, name, "validate") ? &f->x->validate : NULL;

	if (e == NULL)
		return;
	e->found = true;
	e->at = name;
	if (e == &f->x->validate)
		f->validate = o;
}

/* The member of an object literal that starts at k. */
static void
member(struct finder *f, size_t k)
{
	size_t ov[2 * GROUPS];
	struct origin o = { ORIGIN_NONE, 0, { 0, 0 } };
	char next;

	if (!search(f, P_MEMBER, k, f->len, ov))
		return;	/* a computed key, or no member at all */
	if (set(ov, 1)) {
		f->x->opaque = true;	/* ...other: its members are unknown */
		return;
	}
	o.name = set(ov, 2) ? span(ov, 2) : span(ov, 4);
	next = set(ov, 5) ? f->t[ov[10]] : '\0';
	if (next == ':') {
		o.kind = ORIGIN_VALUE;
		o.at = ov[11];
	} else if (next == '(') {
		o.kind = ORIGIN_METHOD;
		o.at = ov[10];
	} else if ((next == ',' || next == '}') && set(ov, 2)) {
		o.kind = ORIGIN_NAME;	/* { validate }: a name in scope */
	} else {
		return;
	}
	exported(f, o.name, o);
}

/*
 * Walks the object literal whose '{' is at k, member by member (its own,
 * not those of the objects in it).  Returns the index after its '}', or
 * len.
 */
static size_t
walk_object(struct finder *f, size_t k)
{
	size_t depth = 0;

	member(f, k + 1);
	for (size_t j = k + 1; j < f->len; j++) {
		/*
		 * What is no bracket and no comma, in a tight loop: 39 M
		 * instructions on the benchmark's files, not 75 M through
		 * the switch.
		 */
		while (j < f->len && class_of(f->t[j]) < C_OPEN)
			j++;
		if (j == f->len)
			break;
		switch (class_of(f->t[j])) {
		case C_OPEN:
			depth++;
			break;
		case C_CLOSE:
			if (depth == 0)
				return j + 1;
			depth--;
			break;
		case C_COMMA:
			if (depth > 0)
				break;
			member(f, j + 1);
			if (f->x->limit)
				return f->len;
			break;
		default:
			break;
		}
	}
	return f->len;
}

/* The object literal that name is (const name = { ... }): walks it. */
static bool
resolve_object(struct finder *f, struct js_span name, int depth)
{
	size_t ov[2 * GROUPS], k;

	if (depth > JS_RESOLVE_DEPTH || f->resolves++ >= RESOLVE_MAX)
		return false;
	for (size_t at = 0; search(f, P_DECLARE, at, f->len, ov); at = ov[1]) {
		if (!set(ov, 2) || !same_name(f, span(ov, 2), name))
			continue;
		k = skip_space(f, ov[1]);
		if (k < f->len && f->t[k] == '{') {
			if (k >= f->walked)
				f->walked = walk_object(f, k);
			return true;
		}
		return search(f, P_REFERENCE, k, f->len, ov) &&
		       resolve_object(f, span(ov, 1), depth + 1);
	}
	return false;
}

/*
 * The value assigned to module.exports, at k.  An object literal, or the
 * name of one, is walked; a function exports nothing by itself (its
 * properties may be set after); anything else, such as a call, makes the
 * exports unknown.
 */
static void
exports_value(struct finder *f, size_t k)
{
	struct function fn;
	size_t ov[2 * GROUPS];

	while (search(f, P_CHAIN, k, f->len, ov))
		k = ov[1];	/* module.exports = exports = ... */
	k = skip_space(f, k);
	if (k < f->len && f->t[k] == '{') {
		f->walked = walk_object(f, k);
		return;
	}
	/* A function, unless it is called there and then. */
	if (function_value(f, k, JS_RESOLVE_DEPTH, &fn)) {
		k = skip_space(f, fn.body.end);
		if (k >= f->len || (f->t[k] != '(' && f->t[k] != '.'))
			return;
	} else if (search(f, P_REFERENCE, k, f->len, ov) &&
		   resolve_object(f, span(ov, 1), 0)) {
		return;
	}
	if (!f->x->limit)
		f->x->opaque = true;
}

static void
find_exports(struct finder *f)
{
	size_t ov[2 * GROUPS];
	struct js_exports *x = f->x;

	for (size_t at = 0; search(f, P_PROPERTY, at, f->len, ov); at = ov[1]) {
		struct origin o = { ORIGIN_VALUE, ov[1],
				    span(ov, set(ov, 2) ? 2 : 4) };

		if (!x->anchored) {
			x->anchored = true;
			x->anchor = span(ov, 1);
		}
		exported(f, o.name, o);
	}
	/*
	 * Each assignment of an object is walked once, and none inside an
	 * object walked already, so that nested or unclosed ones cost no
	 * more than one pass.  The last one is where a missing export goes.
	 */
	for (size_t at = 0; !x->opaque && search(f, P_ASSIGN, at, f->len, ov);
	     at = ov[1]) {
		if (ov[0] < f->walked)
			continue;
		x->anchored = true;
		x->anchor = span(ov, 1);
		exports_value(f, ov[1]);
	}
	if (search(f, P_ESM, 0, f->len, ov)) {
		x->esm = true;
		x->esm_at = span(ov, 1);
	}
}

/* --- is validate a stub? ---------------------------------------------- */

/* The names the first parameter binds: one, or a pattern's ({ a, b }). */
#define INPUT_NAMES_MAX 16

struct names {
	struct js_span v[INPUT_NAMES_MAX];
	size_t n;
	bool overflow;
};

/* Every name in p when it is a pattern, else its first (a = default). */
static void
add_names(const struct finder *f, struct js_span p, struct names *out)
{
	bool pattern = p.off < p.end && (f->t[p.off] == '{' ||
					 f->t[p.off] == '[');

	for (size_t k = p.off; k < p.end;) {
		size_t start = k;

		if (!is_name_char(f->t[k])) {
			k++;
			continue;
		}
		while (k < p.end && is_name_char(f->t[k]))
			k++;
		if (f->t[start] >= '0' && f->t[start] <= '9')
			continue;
		if (out->n == INPUT_NAMES_MAX) {
			out->overflow = true;
			return;
		}
		out->v[out->n++] = (struct js_span){ start, k };
		if (!pattern)
			return;
	}
}

/* Splits the parameters at their commas: their number, first and last. */
static size_t
split_params(const struct finder *f, const struct function *fn,
	     struct js_span *first, struct js_span *last)
{
	size_t depth = 0, n = 0, start = fn->params.off;

	if (fn->bare) {
		*first = *last = fn->params;
		return 1;
	}
	for (size_t k = fn->params.off; k <= fn->params.end; k++) {
		char c = k < fn->params.end ? f->t[k] : ',';
		struct js_span p;

		if (is_open(c)) {
			depth++;
		} else if (is_close(c)) {
			depth--;
		} else if (c == ',' && depth == 0) {
			p = (struct js_span){ skip_space(f, start), k };
			while (p.end > p.off && is_space(f->t[p.end - 1]))
				p.end--;
			start = k + 1;
			if (p.end == p.off)
				continue;	/* (a, b,): a trailing comma */
			if (n++ == 0)
				*first = p;
			*last = p;
		}
	}
	return n;
}

/* Is p one name and nothing else? */
static bool
simple_name(const struct finder *f, struct js_span p)
{
	if (p.off == p.end || (f->t[p.off] >= '0' && f->t[p.off] <= '9'))
		return false;
	for (size_t k = p.off; k < p.end; k++)
		if (!is_name_char(f->t[k]))
			return false;
	return true;
}

/* Is the name at off a property (a.name), not a spread (...name)? */
static bool
is_property(const struct finder *f, size_t off)
{
	return off > 0 && f->t[off - 1] == '.' &&
	       !(off >= 3 && f->t[off - 2] == '.' && f->t[off - 3] == '.');
}

/*
 * Does the body use the input, or use the callback otherwise than in a
 * call without an error?  Counts those calls in *calls.
 */
static bool
body_uses(struct finder *f, const struct function *fn,
	  const struct names *input, const struct js_span *callback,
	  size_t *calls)
{
	size_t ov[2 * GROUPS];

	for (size_t k = fn->body.off; k < fn->body.end;) {
		struct js_span word = { k, k };

		if (!is_name_char(f->t[k])) {
			k++;
			continue;
		}
		while (k < fn->body.end && is_name_char(f->t[k]))
			k++;
		word.end = k;
		if (is_property(f, word.off) ||
		    (f->t[word.off] >= '0' && f->t[word.off] <= '9'))
			continue;
		if (span_is(f, word, "arguments"))
			return true;
		for (size_t j = 0; j < input->n; j++)
			if (same_name(f, word, input->v[j]))
				return true;
		if (callback == NULL || !same_name(f, word, *callback))
			continue;
		if (!search(f, P_CALL_OK, k, fn->body.end, ov))
			return true;	/* passed on, or given an error */
		(*calls)++;
	}
	return f->x->limit;
}

static void
check_stub(struct finder *f, const struct function *fn)
{
	struct js_export *e = &f->x->validate;
	struct js_span first = { 0, 0 }, last = { 0, 0 };
	struct names input = { .n = 0 };
	size_t ov[2 * GROUPS], n, calls = 0;
	bool has_callback;

	n = split_params(f, fn, &first, &last);
	if (n > 0)
		add_names(f, first, &input);
	has_callback = n >= 2;
	if (input.overflow || (has_callback && !simple_name(f, last)))
		return;
	if (body_uses(f, fn, &input, has_callback ? &last : NULL, &calls))
		return;
	if (has_callback) {
		if (calls == 0 || search(f, P_FAILS, fn->body.off,
					 fn->body.end, ov) || f->x->limit)
			return;
		e->stub = JS_STUB_CALLBACK;
		e->callback = last;
	} else {
		if (!search(f, P_TRIVIAL, fn->body.off, fn->body.end, ov))
			return;
		e->stub = JS_STUB_RETURN;
	}
	e->fn = fn->name;
	/* The parameter's name, or all of a pattern. */
	e->input = n == 0 ? (struct js_span){ 0, 0 } :
	    input.n > 0 && f->t[first.off] != '{' && f->t[first.off] != '[' ?
	    input.v[0] : first;
}

static void
find_stub(struct finder *f)
{
	const struct origin *o = &f->validate;
	struct function fn = { o->name, { 0, 0 }, false, { 0, 0 } };
	int ok = 0;

	switch (o->kind) {
	case ORIGIN_NONE:
		return;
	case ORIGIN_METHOD:
		ok = params_at(f, o->at, false, &fn);
		break;
	case ORIGIN_VALUE:
		ok = function_value(f, o->at, 0, &fn);
		break;
	case ORIGIN_NAME:
		ok = resolve_function(f, o->name, 0, &fn);
		break;
	}
	if (ok && !f->x->limit)
		check_stub(f, &fn);
}

void
js_exports_find(const char *text, size_t len, struct js_exports *x)
{
	struct finder f = { patterns_for(len), NULL, len, x,
			    { ORIGIN_NONE, 0, { 0, 0 } }, 0, 0 };
	/*
	 * PCRE2's JIT reads the subject 16 bytes at a time, and may read up
	 * to the next 16-byte boundary past its end: zeros there keep those
	 * reads inside the buffer, and defined.
	 */
	char *t = xmalloc(len + JIT_SLACK);

	memset(x, 0, sizeof(*x));
	js_blank(text, len, t);
	memset(t + len, 0, JIT_SLACK);
	f.t = t;
	find_exports(&f);
	if (x->validate.found && !x->limit)
		find_stub(&f);
	if (x->limit)
		x->validate.stub = JS_STUB_NO;
	free(t);
}
