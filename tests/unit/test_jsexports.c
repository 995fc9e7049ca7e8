/*
 * jsexports: the scanner that blanks what is not code, the export forms
 * the patterns know and those they do not, where a missing export goes,
 * and when validate is a stub.
 *
 * Texts are written with ` where JavaScript has a template literal's
 * backquote only where a test says so; elsewhere they are plain C.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsexports.h"

static struct js_exports x;
static const char *text;

static void
find(const char *js)
{
	text = js;
	js_exports_find(js, strlen(js), &x);
	assert_false(x.limit);
}

/* The offset of needle, which occurs once in the text. */
static size_t
at(const char *needle)
{
	const char *hit = strstr(text, needle);

	if (hit == NULL || strstr(hit + 1, needle) != NULL)
		print_message("\"%s\" is not once in:\n%s\n", needle, text);
	assert_non_null(hit);
	assert_null(strstr(hit + 1, needle));
	return (size_t)(hit - text);
}

/* The span s is len bytes from where needle, which occurs once, is. */
static void
span_at(struct js_span s, const char *needle, size_t len)
{
	size_t off = at(needle);

	if (s.off != off || s.end != off + len)
		print_message("[%zu, %zu) '%.*s', not %zu bytes of '%s' at "
			      "%zu\n", s.off, s.end, (int)(s.end - s.off),
			      text + s.off, len, needle, off);
	assert_int_equal(s.off, off);
	assert_int_equal(s.end, off + len);
}

/* The span s is the text of needle, which occurs once. */
static void
span_is(struct js_span s, const char *needle)
{
	span_at(s, needle, strlen(needle));
}

/* Both are exported, and nothing is unknown. */
static void
both(const char *js)
{
	find(js);
	if (!x.connect.found || !x.validate.found || x.opaque)
		print_message("connect %d, validate %d, opaque %d:\n%s\n",
			      x.connect.found, x.validate.found, x.opaque, js);
	assert_true(x.connect.found);
	assert_true(x.validate.found);
	assert_false(x.opaque);
}

static char *
blanked(const char *in)
{
	size_t len = strlen(in);
	char *out = malloc(len + 1);

	assert_non_null(out);
	js_blank(in, len, out);
	out[len] = '\0';
	return out;
}

static void
blank_is(const char *in, const char *want)
{
	char *got = blanked(in);

	if (strcmp(got, want) != 0)
		print_message("blank(%s)\n is %s\n not %s\n", in, got, want);
	assert_string_equal(got, want);
	free(got);
}

/* --- the scanner ------------------------------------------------------ */

/*
 * in and want after n bytes of code (plain names, spaces, a ';'), for
 * every n up to 24: each start, end and byte outside ASCII comes at
 * every place of the scanner's runs and eight-byte words.
 */
static void
blank_after_runs(const char *in, const char *want)
{
	static const char run[] = "ab c;d  e;fgh i;jk  l;mn";
	char a[256], b[256];

	for (size_t n = 0; n < sizeof(run); n++) {
		snprintf(a, sizeof(a), "%.*s%s", (int)n, run, in);
		snprintf(b, sizeof(b), "%.*s%s", (int)n, run, want);
		blank_is(a, b);
	}
}

static void
test_blank_at_every_offset(void **state)
{
	(void)state;
	blank_after_runs("// note\nx", "       \nx");
	blank_after_runs("/* a\nb */x", "    \n    x");
	blank_after_runs("'two words' x", "'         ' x");
	blank_after_runs("'connect' x", "'connect' x");
	blank_after_runs("\"a\\\"b\" x", "\"    \" x");
	blank_after_runs("`ab${x}cd$e` y", "     x       y");
	blank_after_runs("`${ {a:1} }` y", "    {a:1}    y");
	blank_after_runs("`a\nb` y", "  \n   y");
	blank_after_runs("=   /b c/g", "=   /   /g");
	blank_after_runs("x   /b/ 2", "x   /b/ 2");
	blank_after_runs("\xc3\xa9t\xc2\xa0u", "__t  u");
	blank_after_runs("{ } x", "{ } x");
}

static void
test_blank_comments(void **state)
{
	(void)state;
	blank_is("a // b c\nd", "a       \nd");
	blank_is("a /* b\r\nc */ d", "a     \r\n     d");
	blank_is("a /* never closed\nx", "a                \n ");
	blank_is("a /* b */", "a        ");
	/* a comment's marks inside a string are text */
	blank_is("s = '// no'; t", "s = '     '; t");
	blank_is("#!/usr/bin/env node\nx", "                   \nx");
	blank_is("x #!y", "x #!y");
}

static void
test_blank_strings(void **state)
{
	(void)state;
	blank_is("a 'b c' \"d e\"", "a '   ' \"   \"");
	/* a string that is a name stays, for quoted keys */
	blank_is("x['connect'] \"validate\"", "x['connect'] \"validate\"");
	blank_is("'9a' '' 'a-b'", "'  ' '' '   '");
	/* escapes, and a quote of the other kind */
	blank_is("'it\\'s' \"a'b\" x", "'     ' \"   \" x");
	blank_is("'a\\\\' b", "'   ' b");
	/* not closed: it ends with its line */
	blank_is("'a bc\nd 'e'", "'    \nd 'e'");
	/* a backslash before a line break continues it */
	blank_is("'a\\\nb' c", "'  \n ' c");
}

static void
test_blank_templates(void **state)
{
	(void)state;
	blank_is("`a b` c", "      c");
	/* the code in ${ } stays, its marks go */
	blank_is("`x ${input.url} y`", "     input.url    ");
	blank_is("`${ {a: 1}.a }` z", "    {a: 1}.a    z");
	/* nested: a template in the code of another */
	blank_is("`a ${ `b ${c} d` } e` f", "           c          f");
	blank_is("`\\` ${x}` y", "      x   y");
	blank_is("`open ${a", "        a");
}

static void
test_blank_regex(void **state)
{
	(void)state;
	blank_is("x = /a'b/g;", "x = /   /g;");
	blank_is("f(/[/'\"]/)", "f(/     /)");
	blank_is("return /{/", "return / /");
	/* a division is not one */
	blank_is("a / b / 'c d'", "a / b / '   '");
	blank_is("(a) / 2 / 'x y'", "(a) / 2 / '   '");
	/* one that does not close on its line is a division */
	blank_is("x = /a\n'b c'", "x = /a\n'   '");
	blank_is("x = a / 2 // c", "x = a / 2     ");
}

static void
test_blank_bytes(void **state)
{
	char *got;

	(void)state;
	/* a BOM and Unicode spaces are white space; other letters, a name */
	blank_is("\xEF\xBB\xBFx", "   x");
	blank_is("a\xC2\xA0=\xE2\x80\xA8" "b", "a  =   b");
	blank_is("caf\xC3\xA9 = 1", "caf__ = 1");
	/* a sequence cut short is no space: the line break stays */
	blank_is("a\xE2\x80\nb", "a__\nb");
	blank_is("'\xC3\xA9t\xC3\xA9' '\xC3\xA9 t'", "'__t__' '    '");
	/* any bytes: NUL, lone bytes; the length is kept */
	got = malloc(6);
	assert_non_null(got);
	js_blank("a\0b\xFF/", 5, got);
	assert_memory_equal(got, "a\0b_/", 5);
	free(got);
}

/* --- the forms of an export ------------------------------------------- */

static void
test_object_literal(void **state)
{
	(void)state;
	both("module.exports = {\n"
	     "  connect(input, output) { output(null, {}); },\n"
	     "  async validate(input, options, output) { output(null, input); }\n"
	     "};\n");
	span_is(x.connect.at, "connect");
	span_is(x.validate.at, "validate");
	span_is(x.anchor, "module.exports");
	assert_true(x.anchored);
	both("module.exports={connect:function(i,o){},validate:(i,p,o)=>o()}");
	both("module . exports = { connect: async function (i, o) {},\n"
	     "  validate: async (i, p, o) => { await p; o(null, i) } }");
	both("module.exports = { 'connect': open, \"validate\": check };");
	both("module.exports = { connect, validate, };");
	both("module.exports = {\n  connect,\n  validate\n}");
	both("module.exports = { *connect() {}, get validate() { return v; } }");
}

static void
test_property_assignments(void **state)
{
	(void)state;
	both("module.exports.connect = function (input, output) {};\n"
	     "module.exports.validate = function (input, options, output) {};\n");
	span_at(x.anchor, "module.exports.connect", 14);
	both("exports.connect = connect;\nexports.validate = async function "
	     "(input, options, output) { output(null, input.ok) };\n");
	span_at(x.anchor, "exports.connect", 7);
	both("exports['connect'] = a;\nexports[\"validate\"] = b;");
	both("module.exports = function () {};\n"
	     "module.exports.connect = a; module.exports.validate = b;");
	/* not assignments */
	find("if (module.exports.connect == null) {}\n"
	     "const v = exports.validate;\n"
	     "foo.exports.connect = 1; this.exports.validate = 2;\n"
	     "exports.connect => 1;\n");
	assert_false(x.connect.found);
	assert_false(x.validate.found);
	assert_false(x.anchored);
	/* exports of other names: where a missing one goes, nothing more */
	find("exports.connectX = 1; exports.validates = 2;\n");
	assert_false(x.connect.found);
	assert_false(x.validate.found);
	span_at(x.anchor, "exports.connectX", 7);
}

static void
test_named_object(void **state)
{
	(void)state;
	both("const conn = {\n  connect(i, o) {},\n  validate(i, p, o) {}\n};\n"
	     "module.exports = conn;\n");
	span_is(x.anchor, "module.exports");
	both("let a = { connect() {}, validate() {} }\nvar b = a\n"
	     "module.exports = b\n");
	both("module.exports = exports = { connect, validate };");
	/* an object inside the exported one is not the exports */
	find("module.exports = {\n  helpers: { validate() {} },\n"
	     "  connect(i, o) {}\n};\n");
	assert_true(x.connect.found);
	assert_false(x.validate.found);
	assert_false(x.opaque);
}

static void
test_unknown_exports(void **state)
{
	static const char *const opaque[] = {
		"module.exports = require('./lib/connection');",
		"module.exports = makeConnection({ connect, validate: v });",
		"module.exports = new Connection();",
		"module.exports = class { static connect() {} };",
		"module.exports = { connect, ...shared };",
		"module.exports = conn;",	/* no such object here */
		"module.exports = (function () { return {}; })();",
		"module.exports = function () {}();",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(opaque) / sizeof(opaque[0]); k++) {
		find(opaque[k]);
		if (!x.opaque)
			print_message("not opaque: %s\n", opaque[k]);
		assert_true(x.opaque);
		assert_true(x.anchored);
	}
	/* a function exports nothing by itself, and hides nothing */
	find("module.exports = function connect(input, output) {};");
	assert_false(x.opaque);
	assert_false(x.connect.found);
	find("module.exports = async (i, o) => o(null, {});");
	assert_false(x.opaque);
}

static void
test_mentions_do_not_count(void **state)
{
	(void)state;
	find("/*\n * module.exports = { connect, validate }\n */\n"
	     "// exports.validate = function () {}\n"
	     "const a = 'module.exports.connect = x';\n"
	     "const b = \"validate: function (input, options, output) {}\";\n"
	     "const c = `exports.validate = ${'x'} (i) => true`;\n"
	     "const d = /module\\.exports\\s*=\\s*\\{ validate/;\n"
	     "module.exports = { connect(input, output) { /* validate() */ } };\n");
	assert_true(x.connect.found);
	assert_false(x.validate.found);
	assert_false(x.opaque);
	span_at(x.anchor, "module.exports = { connect(", 14);
}

static void
test_esm(void **state)
{
	(void)state;
	find("import request from 'request';\n\n"
	     "export function connect(input, output) {}\n"
	     "export const validate = () => true;\n");
	assert_false(x.connect.found);
	assert_false(x.validate.found);
	assert_false(x.anchored);
	assert_true(x.esm);
	assert_int_equal(x.esm_at.off, at("export function"));
	assert_int_equal(x.esm_at.end, at("export function") + 6);
	find("export default { connect, validate };");
	assert_true(x.esm);
	find("export { connect, validate };");
	assert_true(x.esm);
	/* a word, not a statement */
	find("const exporter = 1;\nfoo.export = 2;\n");
	assert_false(x.esm);
}

static void
test_nothing(void **state)
{
	(void)state;
	find("");
	assert_false(x.connect.found || x.validate.found || x.anchored ||
		     x.opaque || x.esm);
	find("function connect() {}\nfunction validate() {}\n");
	assert_false(x.connect.found || x.validate.found || x.anchored);
	/* any bytes at all */
	text = "\0\xFF\xFE module.exports = { connect }";
	js_exports_find(text, 32, &x);
	assert_true(x.connect.found);
	assert_int_equal(x.anchor.off, 4);
}

/* --- stubs ------------------------------------------------------------ */

/* validate of js is a stub of that kind, at the name that fn starts. */
static void
stub(const char *js, enum js_stub kind, const char *fn)
{
	size_t len = strcspn(fn, "( =");

	find(js);
	assert_true(x.validate.found);
	if (x.validate.stub != kind)
		print_message("stub %d, not %d:\n%s\n", x.validate.stub, kind,
			      js);
	assert_int_equal(x.validate.stub, kind);
	span_at(x.validate.fn, fn, len);
}

static void
not_stub(const char *js)
{
	find(js);
	assert_true(x.validate.found);
	if (x.validate.stub != JS_STUB_NO)
		print_message("a stub:\n%s\n", js);
	assert_int_equal(x.validate.stub, JS_STUB_NO);
}

static void
test_stub_callback(void **state)
{
	(void)state;
	stub("module.exports = {\n  connect(i, o) {},\n"
	     "  validate(input, options, output) {\n"
	     "    // validate the connection\n    output(null, true);\n  }\n};",
	     JS_STUB_CALLBACK, "validate(input");
	span_at(x.validate.input, "input, options", 5);
	span_at(x.validate.callback, "output)", 6);
	stub("module.exports = { validate: (i, o, cb) => cb(null, { ok: 1 }) }",
	     JS_STUB_CALLBACK, "validate");
	stub("exports.validate = function (input, output) { return output(); };",
	     JS_STUB_CALLBACK, "validate");
	stub("module.exports = { validate(a, b, done) { done(undefined, 1); "
	     "done(void 0) } }", JS_STUB_CALLBACK, "validate");
	/* this.input is not the parameter */
	stub("module.exports = { validate(input, o, cb) { cb(null, "
	     "this.input) } }", JS_STUB_CALLBACK, "validate");
	/* a destructured input that binds names it never uses */
	stub("module.exports = { validate({ apiKey, url }, o, cb) { "
	     "cb(null, true) } }", JS_STUB_CALLBACK, "validate");
	span_is(x.validate.input, "{ apiKey, url }");
}

static void
test_stub_defined_elsewhere(void **state)
{
	(void)state;
	stub("function connect(i, o) {}\n"
	     "function validate(input, options, callback) {\n"
	     "  callback(null, true);\n}\n"
	     "module.exports = { connect, validate };\n",
	     JS_STUB_CALLBACK, "validate(input");
	stub("const checkKey = async (input, options, output) => "
	     "output(null, true);\n"
	     "module.exports = { validate: checkKey };\n",
	     JS_STUB_CALLBACK, "checkKey = ");
}

static void
test_stub_return(void **state)
{
	(void)state;
	stub("module.exports = { async validate() { return true; } }",
	     JS_STUB_RETURN, "validate");
	assert_int_equal(x.validate.input.off, x.validate.input.end);
	stub("module.exports = { validate: input => true }", JS_STUB_RETURN,
	     "validate");
	span_is(x.validate.input, "input");
	stub("module.exports = { validate: () => Promise.resolve(true) }",
	     JS_STUB_RETURN, "validate");
	stub("module.exports = { validate(input) { return Promise.resolve() } }",
	     JS_STUB_RETURN, "validate");
	not_stub("module.exports = { async validate() { return check(); } }");
	not_stub("module.exports = { async validate() {} }");
	not_stub("module.exports = { validate: () => false }");
}

static void
test_not_stubs(void **state)
{
	static const char *const checks[] = {
		/* reads its input */
		"validate(input, options, output) { ping(input.url, output); }",
		"validate(input, options, output) { output(null, input); }",
		"validate(input, o, cb) { cb(null, { ...input }); }",
		"validate({ apiKey }, o, cb) { cb(null, apiKey.length > 0); }",
		"validate(input, o, cb) { cb(null, arguments.length); }",
		"validate(input = {}, o, cb) { cb(null, input.k); }",
		"validate(input, o, cb) { cb(null, `${input.k}`); }",
		/* can fail */
		"validate(i, o, cb) { cb(new Error('no')); }",
		"validate(i, o, cb) { cb(err); }",
		"validate(i, o, cb) { if (x) throw new Error(); cb(null); }",
		"validate(i, o, cb) { return Promise.reject(e).then(cb); }",
		/* passes the callback on */
		"validate(i, o, cb) { client.ping(cb); }",
		"validate(i, o, cb) { setTimeout(cb, 10); }",
		/* never calls back */
		"validate(i, o, cb) { }",
		/* a callback that is not a name */
		"validate(i, o, { cb }) { cb(null, true); }",
	};
	char js[512];

	(void)state;
	for (size_t k = 0; k < sizeof(checks) / sizeof(checks[0]); k++) {
		snprintf(js, sizeof(js), "module.exports = { %s };", checks[k]);
		not_stub(js);
	}
	/* one defined in another file is not looked at */
	not_stub("module.exports = { validate: require('./validate') };");
	not_stub("const v = w;\nconst w = v;\nmodule.exports = { validate: v };");
}

static void
test_last_assignment(void **state)
{
	(void)state;
	/* every form counts: the last export of validate is the one judged */
	find("exports.validate = (i, o, cb) => cb(null, true);\n"
	     "exports.validate = (i, o, cb) => cb(null, i.ok);\n");
	assert_true(x.validate.found);
	assert_int_equal(x.validate.stub, JS_STUB_NO);
	span_at(x.anchor, "exports.validate = (i, o, cb) => cb(null, true)", 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_comments),
		cmocka_unit_test(test_blank_strings),
		cmocka_unit_test(test_blank_templates),
		cmocka_unit_test(test_blank_regex),
		cmocka_unit_test(test_blank_bytes),
		cmocka_unit_test(test_blank_at_every_offset),
		cmocka_unit_test(test_object_literal),
		cmocka_unit_test(test_property_assignments),
		cmocka_unit_test(test_named_object),
		cmocka_unit_test(test_unknown_exports),
		cmocka_unit_test(test_mentions_do_not_count),
		cmocka_unit_test(test_esm),
		cmocka_unit_test(test_nothing),
		cmocka_unit_test(test_stub_callback),
		cmocka_unit_test(test_stub_defined_elsewhere),
		cmocka_unit_test(test_stub_return),
		cmocka_unit_test(test_not_stubs),
		cmocka_unit_test(test_last_assignment),
	};

	return cmocka_run_group_tests_name("jsexports", tests, NULL, NULL);
}
