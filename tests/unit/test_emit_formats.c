/*
 * Emitters: the table, colour choice, and each format's escaping of what
 * it cannot hold as is.  Whole outputs are pinned by tests/formats.sh.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "rule.h"
#include "source.h"
#include "xalloc.h"

/*
 * Emits one diagnostic over [off, end) of text, in a file called name,
 * with format fmt; returns the output, to free.
 */
static char *
emit_one(const char *fmt, const char *name, const char *text, size_t off,
	 size_t end, const char *msg, bool color)
{
	struct source *src = source_from_mem(name, text, strlen(text));
	struct diag_list l = DIAG_LIST_INIT;
	struct emit e;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	assert_non_null(emitter_find(fmt));
	diag_add(&l, "rule-a", SEV_ERROR, off, end, xstrdup(msg));
	emit_init(&e, emitter_find(fmt), fp, &(struct emit_opts){
		.color = color });
	emit_file(&e, src, &l);
	assert_int_equal(emit_finish(&e), 0);
	fclose(fp);
	diag_list_release(&l);
	source_free(src);
	return out;
}

static bool
has(const char *out, const char *s)
{
	if (strstr(out, s) != NULL)
		return true;
	print_error("'%s' not in:\n%s\n", s, out);
	return false;
}

static void
test_names(void **state)
{
	char names[256], *p, *save = NULL;
	size_t n = 0;

	(void)state;
	snprintf(names, sizeof(names), "%s", emitter_names());
	for (p = strtok_r(names, ", ", &save); p != NULL;
	     p = strtok_r(NULL, ", ", &save), n++)
		assert_non_null(emitter_find(p));
	assert_int_equal(n, 8);
	assert_string_equal(emitter_names(), "gcc, pretty, json, jsonl, "
			    "sarif, github, checkstyle, junit");
	assert_null(emitter_find("GCC"));
	assert_null(emitter_find(""));
	assert_null(emitter_find("xml"));
}

static void
test_color(void **state)
{
	enum color_mode m = COLOR_AUTO;
	FILE *fp = tmpfile();

	(void)state;
	assert_int_equal(color_mode_parse("always", &m), 0);
	assert_int_equal(m, COLOR_ALWAYS);
	assert_int_equal(color_mode_parse("never", &m), 0);
	assert_int_equal(m, COLOR_NEVER);
	assert_int_equal(color_mode_parse("auto", &m), 0);
	assert_int_equal(m, COLOR_AUTO);
	assert_int_equal(color_mode_parse("yes", &m), -1);
	assert_int_equal(m, COLOR_AUTO);
	unsetenv("NO_COLOR");
	unsetenv("FORCE_COLOR");
	/* a file is not a terminal */
	assert_false(color_wanted(COLOR_AUTO, fileno(fp)));
	assert_true(color_wanted(COLOR_ALWAYS, fileno(fp)));
	setenv("FORCE_COLOR", "1", 1);
	assert_true(color_wanted(COLOR_AUTO, fileno(fp)));
	assert_false(color_wanted(COLOR_NEVER, fileno(fp)));
	/* an empty variable is an unset one */
	setenv("FORCE_COLOR", "", 1);
	assert_false(color_wanted(COLOR_AUTO, fileno(fp)));
	/* NO_COLOR wins over FORCE_COLOR; the option over both */
	setenv("FORCE_COLOR", "1", 1);
	setenv("NO_COLOR", "1", 1);
	assert_false(color_wanted(COLOR_AUTO, fileno(fp)));
	assert_true(color_wanted(COLOR_ALWAYS, fileno(fp)));
	unsetenv("NO_COLOR");
	unsetenv("FORCE_COLOR");
	fclose(fp);
}

static void
test_github_escapes(void **state)
{
	char *out;

	(void)state;
	out = emit_one("github", "a,b:c%d\ne\r.json", "{}", 0, 1,
		       "100% sure\nreally", false);
	assert_string_equal(out, "::error file=a%2Cb%3Ac%25d%0Ae%0D.json,"
			    "line=1,col=1,endLine=1,endColumn=2,"
			    "title=rule-a::100%25 sure%0Areally\n");
	free(out);
}

static void
test_xml_escapes(void **state)
{
	char *out;

	(void)state;
	/* markup, then characters XML 1.0 cannot hold: U+FFFD each */
	out = emit_one("checkstyle", "a<&>\"'\x01\xff.json", "{}", 0, 1,
		       "x\ty\x02z\xef\xbf\xbe\xef\xbf\xbf\xc3(", false);
	assert_true(has(out, "<file name=\"a&lt;&amp;&gt;&quot;&apos;"
			"\xef\xbf\xbd\xef\xbf\xbd.json\">"));
	assert_true(has(out, "message=\"x&#9;y\xef\xbf\xbdz\xef\xbf\xbd"
			"\xef\xbf\xbd\xef\xbf\xbd(\""));
	assert_true(has(out, "source=\"connlint.rule-a\"/>"));
	free(out);
	out = emit_one("junit", "]]>.json", "{}", 0, 1, "a\nb", false);
	assert_true(has(out, "name=\"]]&gt;.json\""));
	assert_true(has(out, "<failure type=\"error\" message=\"a&#10;b "
			"[rule-a]\">]]&gt;.json:1:1: error: a&#10;b [rule-a]"
			"</failure>"));
	assert_true(has(out, "tests=\"1\" failures=\"1\" errors=\"0\""));
	free(out);
}

static void
test_sarif_uri(void **state)
{
	char *out;

	(void)state;
	out = emit_one("sarif", "./a b/\xc3\xbc:%.json", "{}", 0, 1, "m",
		       false);
	assert_true(has(out, "\"uri\": \"a%20b/%C3%BC%3A%25.json\""));
	assert_true(has(out, "\"uriBaseId\": \"%SRCROOT%\""));
	assert_true(has(out, "\"columnKind\": \"unicodeCodePoints\""));
	free(out);
	out = emit_one("sarif", "/abs/connection.json", "{}", 0, 1, "m",
		       false);
	assert_true(has(out, "\"uri\": \"file:///abs/connection.json\""));
	assert_null(strstr(out, "uriBaseId"));
	free(out);
	/* columns count code points: the range is the second "\u00fc" */
	out = emit_one("sarif", "u.json", "\"\xc3\xbc\xc3\xbc\"", 3, 5, "m",
		       false);
	assert_true(has(out, "\"startColumn\": 3"));
	assert_true(has(out, "\"endColumn\": 4"));
	assert_true(has(out, "\"byteOffset\": 3"));
	assert_true(has(out, "\"byteLength\": 2"));
	free(out);
}

static void
test_pretty(void **state)
{
	char *out, line[700];

	(void)state;
	/* a control character in the line is shown as U+FFFD */
	out = emit_one("pretty", "c.json", "{\"a\x1b[2J\": 1}", 2, 3, "m",
		       false);
	assert_string_equal(out, "c.json:1:3: error: m [rule-a]\n"
			    " 1 | {\"a\xef\xbf\xbd[2J\": 1}\n"
			    "   |   ^\n"
			    "1 error, 0 warnings in 1 file\n");
	free(out);
	/* tabs expand to the next stop; wide characters take two cells */
	out = emit_one("pretty", "t.json", "\t\"\xe5\x90\x8d\": 1", 2, 5,
		       "m", false);
	assert_true(has(out, " 1 |         \"\xe5\x90\x8d\": 1\n"
			"   |          ^~\n"));
	free(out);
	/* a long line is a window around the range */
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	out = emit_one("pretty", "l.json", line, 300, 302, "m", false);
	assert_true(has(out, " 1 | ..." "xxxxxxxxxx"));
	assert_true(has(out, "xxx...\n"));
	assert_true(strlen(out) < 500);
	free(out);
	/* colour only when asked for */
	out = emit_one("pretty", "c.json", "{}", 0, 1, "m", true);
	assert_true(has(out, "\033[1;31merror:\033[0m"));
	free(out);
	out = emit_one("pretty", "c.json", "{}", 0, 1, "m", false);
	assert_null(strchr(out, '\033'));
	free(out);
	/* the end of input, past the last line's last byte */
	out = emit_one("pretty", "e.json", "{\n", 2, 2, "m", false);
	assert_true(has(out, "e.json:2:1: error: m [rule-a]\n 2 | \n"
			"   | ^\n"));
	free(out);
}

static void
test_jsonl(void **state)
{
	char *out;

	(void)state;
	out = emit_one("jsonl", "j.json", "{}", 0, 1, "m\n", false);
	assert_string_equal(out, "{\"file\":\"j.json\",\"line\":1,\"column\":1,"
			    "\"endLine\":1,\"endColumn\":2,\"offset\":0,"
			    "\"endOffset\":1,\"pointer\":null,"
			    "\"ruleId\":\"rule-a\",\"severity\":\"error\","
			    "\"message\":\"m\\n\"}\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_color),
		cmocka_unit_test(test_github_escapes),
		cmocka_unit_test(test_xml_escapes),
		cmocka_unit_test(test_sarif_uri),
		cmocka_unit_test(test_pretty),
		cmocka_unit_test(test_jsonl),
	};

	return cmocka_run_group_tests_name("emit-formats", tests, NULL, NULL);
}
