/*
 * indexjs: which files have an index.js to check, what the three rules
 * report and where, at the severity the configuration gives, and what
 * happens to an index.js that is missing, a directory, a FIFO or too big.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indexjs.h"
#include "lint.h"
#include "rule.h"
#include "source.h"

static struct ruleset rules;
static struct lint_rule *on;	/* every rule at its default severity */
static char dir[] = "/tmp/connlint-indexjs-XXXXXX";

static void
test_path(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{ "a/connection.json", "a/index.js" },
		{ "connection.json", "index.js" },
		{ "/connection.json", "/index.js" },
		{ "./a//b/connection.json", "./a//b/index.js" },
		{ "../connection.json", "../index.js" },
		/* other names are judged on their contents alone */
		{ "a/my-connection.json", NULL },
		{ "a/connection.json.bak", NULL },
		{ "a/Connection.json", NULL },
		{ "connection.json/x", NULL },
		{ "<stdin>", NULL },
		{ "-", NULL },
		{ "", NULL },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char *got = indexjs_path(cases[k].name);

		if (cases[k].want == NULL)
			assert_null(got);
		else
			assert_string_equal(got, cases[k].want);
		free(got);
	}
}

/* A copy of on with the rule id at sev. */
static struct lint_rule *
with(const char *id, enum severity sev)
{
	struct lint_rule *r = calloc(rules.n, sizeof(*r));

	assert_non_null(r);
	memcpy(r, on, rules.n * sizeof(*r));
	for (size_t k = 0; k < rules.n; k++)
		if (strcmp(r[k].rule->id, id) == 0)
			r[k].sev = sev;
	return r;
}

static void
lint_js(const struct lint_rule *r, const char *js, struct diag_list *out)
{
	struct source *src = source_from_mem("index.js", js, strlen(js));

	indexjs_lint(r, rules.n, src, out);
	source_free(src);
}

/* Finding k of l: rule, severity, range and message. */
static void
expect(const struct diag_list *l, size_t k, const char *rule,
       enum severity sev, size_t off, size_t end, const char *msg)
{
	assert_true(k < l->n);
	assert_string_equal(l->v[k].rule, rule);
	assert_int_equal(l->v[k].sev, sev);
	assert_int_equal(l->v[k].off, off);
	assert_int_equal(l->v[k].end, end);
	assert_string_equal(l->v[k].msg, msg);
	assert_null(l->v[k].pointer);	/* index.js is not JSON */
}

static const char no_validate[] =
	"index.js does not export \"validate\"; add validate(input, options, "
	"output) to module.exports: Flow calls it to test the credentials a "
	"user enters";
static const char no_connect[] =
	"index.js does not export \"connect\"; add connect(input, output) to "
	"module.exports: Flow calls it to open the connection";

static void
test_missing_exports(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;

	(void)state;
	/* at the module.exports it belongs in */
	lint_js(on, "// Acme\nmodule.exports = { connect(i, o) {} };\n", &l);
	assert_int_equal(l.n, 1);
	expect(&l, 0, "index-js-exports", SEV_ERROR, 8, 22, no_validate);
	diag_list_release(&l);
	/* nothing exported: both, at 1:1 */
	lint_js(on, "function connect() {}\n", &l);
	assert_int_equal(l.n, 2);
	expect(&l, 0, "index-js-exports", SEV_ERROR, 0, 0, no_connect);
	expect(&l, 1, "index-js-exports", SEV_ERROR, 0, 0, no_validate);
	diag_list_release(&l);
	/* past a byte order mark */
	lint_js(on, "\xEF\xBB\xBF// nothing\n", &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].off, 3);
	diag_list_release(&l);
	/* unknown exports: nothing said */
	lint_js(on, "module.exports = require('./lib');\n", &l);
	assert_int_equal(l.n, 0);
	diag_list_release(&l);
}

static void
test_esm(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;

	(void)state;
	lint_js(on, "import x from 'x';\nexport function connect() {}\n", &l);
	assert_int_equal(l.n, 2);
	expect(&l, 0, "index-js-exports", SEV_ERROR, 19, 25,
	       "index.js does not export \"connect\" with module.exports; "
	       "Flow loads index.js with require(), so an ES module "
	       "\"export\" does not count: add connect(input, output) to "
	       "module.exports");
	diag_list_release(&l);
}

static void
test_stub_messages(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;
	char js[512], name[DIAG_QUOTE_MAX + 20];

	(void)state;
	lint_js(on, "module.exports = { connect() {},\n"
		"  validate(input, options, output) { output(null, true) } };\n",
		&l);
	assert_int_equal(l.n, 1);
	expect(&l, 0, "index-js-validate-stub", SEV_WARNING, 35, 43,
	       "validate never reads \"input\" and only calls output(null, "
	       "...), so any credentials pass; check them, such as with a "
	       "request to the service, and call output(error) when they are "
	       "wrong");
	diag_list_release(&l);
	lint_js(on, "module.exports = { connect() {},\n"
		"  validate({ key }, o, done) { done(null, 1) } };\n", &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].msg, "validate never reads its input and "
			    "only calls done(null, ...), so any credentials "
			    "pass; check them, such as with a request to the "
			    "service, and call done(error) when they are wrong");
	diag_list_release(&l);
	lint_js(on, "module.exports = { connect() {}, async validate() "
		"{ return true } };\n", &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].msg, "validate takes no input and always "
			    "returns true, so any credentials pass; check "
			    "them, such as with a request to the service, and "
			    "fail when they are wrong");
	diag_list_release(&l);
	/* a long name is cut short: a message names it, it does not copy it */
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(js, sizeof(js), "module.exports = { connect() {}, validate"
		 "(i, o, %s) { %s(null, true) } };", name, name);
	lint_js(on, js, &l);
	assert_int_equal(l.n, 1);
	name[DIAG_QUOTE_MAX - 3] = '\0';
	snprintf(js, sizeof(js), " only calls %s...(null, ...)", name);
	assert_non_null(strstr(l.v[0].msg, js));
	diag_list_release(&l);
}

static void
test_severities(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;
	struct lint_rule *r;
	const char *js = "module.exports = { validate(i, o, cb) { cb(null) } };";

	(void)state;
	lint_js(on, js, &l);
	assert_int_equal(l.n, 2);	/* connect missing; validate a stub */
	diag_list_release(&l);
	r = with("index-js-exports", SEV_OFF);
	lint_js(r, js, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].rule, "index-js-validate-stub");
	diag_list_release(&l);
	free(r);
	r = with("index-js-validate-stub", SEV_ERROR);
	lint_js(r, js, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[1].sev, SEV_ERROR);
	diag_list_release(&l);
	free(r);
	/* neither on: not even looked at */
	r = with("index-js-exports", SEV_OFF);
	for (size_t k = 0; k < rules.n; k++)
		if (strcmp(r[k].rule->id, "index-js-validate-stub") == 0)
			r[k].sev = SEV_OFF;
	lint_js(r, js, &l);
	assert_int_equal(l.n, 0);
	free(r);
}

/* --- files ------------------------------------------------------------------- */

static char *
in_dir(const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	assert_non_null(p);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static void
put(const char *name, const char *text)
{
	char *p = in_dir(name);
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	free(p);
}

static void
drop(const char *name)
{
	char *p = in_dir(name);

	unlink(p);
	rmdir(p);
	free(p);
}

/* Checks dir's index.js beside a connection.json of text conn_text. */
static void
check(const struct lint_rule *r, const char *conn_text, size_t max,
      struct indexjs *js, struct diag_list *conn_out)
{
	struct source *conn = source_from_mem("connection.json", conn_text,
					      strlen(conn_text));
	char *path = in_dir("index.js");

	indexjs_init(js);
	indexjs_check(js, path, max, r, rules.n, conn, conn_out, r, rules.n);
	source_free(conn);
	free(path);
}

static void
test_file_missing(void **state)
{
	struct diag_list conn = DIAG_LIST_INIT;
	struct indexjs js;

	(void)state;
	/* kept sorted with the findings already there */
	diag_add(&conn, "form-title", SEV_ERROR, 5, 6, strdup("later"));
	check(on, "{ }", SOURCE_MAX_SIZE_DEFAULT, &js, &conn);
	assert_int_equal(conn.n, 2);
	assert_string_equal(conn.v[0].rule, "index-js-exists");
	assert_int_equal(conn.v[0].off, 0);
	assert_int_equal(conn.v[0].end, 1);
	assert_null(conn.v[0].pointer);
	assert_string_equal(conn.v[0].msg, "no index.js beside this "
			    "connection.json; add the connection's index.js, "
			    "which exports connect(input, output) and "
			    "validate(input, options, output)");
	/* looked for, so its baseline entries can be judged; not read */
	assert_non_null(js.path);
	assert_null(js.src);
	assert_null(js.error);
	assert_int_equal(js.diags.n, 0);
	indexjs_release(&js);
	diag_list_release(&conn);
	/* past a byte order mark; an empty file has no byte to point at */
	check(on, "\xEF\xBB\xBF{}", SOURCE_MAX_SIZE_DEFAULT, &js, &conn);
	assert_int_equal(conn.v[0].off, 3);
	assert_int_equal(conn.v[0].end, 4);
	indexjs_release(&js);
	diag_list_release(&conn);
	check(on, "", SOURCE_MAX_SIZE_DEFAULT, &js, &conn);
	assert_int_equal(conn.v[0].off, 0);
	assert_int_equal(conn.v[0].end, 0);
	indexjs_release(&js);
	diag_list_release(&conn);
	/* a directory named index.js is none */
	put("index.js", "");
	drop("index.js");
	{
		char *p = in_dir("index.js");

		assert_int_equal(mkdir(p, 0700), 0);
		free(p);
	}
	check(on, "{}", SOURCE_MAX_SIZE_DEFAULT, &js, &conn);
	assert_int_equal(conn.n, 1);
	assert_null(js.error);
	indexjs_release(&js);
	diag_list_release(&conn);
	drop("index.js");
}

static void
test_file_read(void **state)
{
	struct diag_list conn = DIAG_LIST_INIT;
	struct indexjs js;
	struct lint_rule *r;

	(void)state;
	put("index.js", "module.exports = { connect(i, o) {} };\n");
	check(on, "{}", SOURCE_MAX_SIZE_DEFAULT, &js, &conn);
	assert_int_equal(conn.n, 0);
	assert_non_null(js.src);
	assert_null(js.error);
	assert_string_equal(js.src->name, js.path);
	assert_int_equal(js.diags.n, 1);
	expect(&js.diags, 0, "index-js-exports", SEV_ERROR, 0, 14,
	       no_validate);
	indexjs_release(&js);
	/* the rules on its text off: not read */
	r = with("index-js-exports", SEV_OFF);
	for (size_t k = 0; k < rules.n; k++)
		if (strcmp(r[k].rule->id, "index-js-validate-stub") == 0)
			r[k].sev = SEV_OFF;
	check(r, "{}", SOURCE_MAX_SIZE_DEFAULT, &js, &conn);
	assert_null(js.src);
	assert_null(js.path);
	indexjs_release(&js);
	/* and with index-js-exists off too: nothing at all */
	for (size_t k = 0; k < rules.n; k++)
		if (strcmp(r[k].rule->id, "index-js-exists") == 0)
			r[k].sev = SEV_OFF;
	drop("index.js");
	check(r, "{}", SOURCE_MAX_SIZE_DEFAULT, &js, &conn);
	assert_int_equal(conn.n, 0);
	assert_null(js.path);
	indexjs_release(&js);
	free(r);
	/* too big to read: an error of the run, not a finding */
	put("index.js", "module.exports = { connect, validate };\n");
	check(on, "{}", 16, &js, &conn);
	assert_int_equal(conn.n, 0);
	assert_null(js.src);
	assert_string_equal(js.error, "file is larger than the 16-byte limit");
	indexjs_release(&js);
	drop("index.js");
	/* a FIFO is not read: nothing can make the check wait */
	{
		char *p = in_dir("index.js");

		assert_int_equal(mkfifo(p, 0600), 0);
		free(p);
	}
	check(on, "{}", SOURCE_MAX_SIZE_DEFAULT, &js, &conn);
	assert_int_equal(conn.n, 0);
	assert_string_equal(js.error, "not a regular file");
	indexjs_release(&js);
	drop("index.js");
	diag_list_release(&conn);
}

static int
setup(void **state)
{
	char *err = NULL;

	(void)state;
	ruleset_init(&rules);
	if (ruleset_add_builtin(&rules, &err) < 0) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return -1;
	}
	on = calloc(rules.n, sizeof(*on));
	if (on == NULL || mkdtemp(dir) == NULL)
		return -1;
	for (size_t k = 0; k < rules.n; k++) {
		on[k].rule = rules.v[k];
		on[k].sev = rules.v[k]->severity;
		on[k].then = rules.v[k]->then;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	drop("index.js");
	rmdir(dir);
	free(on);
	ruleset_release(&rules);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_missing_exports),
		cmocka_unit_test(test_esm),
		cmocka_unit_test(test_stub_messages),
		cmocka_unit_test(test_severities),
		cmocka_unit_test(test_file_missing),
		cmocka_unit_test(test_file_read),
	};

	return cmocka_run_group_tests_name("indexjs", tests, setup, teardown);
}
