/*
 * Every built-in rule's examples are tests: the bad one must make the rule
 * fire, and the good one must be clean of every rule, so that the
 * examples users read in the docs are exemplary.
 *
 * What an example is depends on what the rule looks at (its subject): a
 * connection file's text, an index.js's text, or a connection folder,
 * whose example lists the folder's files under its name:
 *
 *   acme-apikey/
 *     connection.json
 *     index.js
 *
 * A folder is made for real, with a clean connection.json and a clean
 * index.js where the listing names them, and checked as the command line
 * checks one.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "indexjs.h"
#include "lint.h"
#include "rule.h"
#include "source.h"
#include "xalloc.h"

static struct ruleset rules;
static struct lint_rule *all;	/* every rule, at its own severity */
static const char *document_name;	/* what a document is linted as */

/* What a folder example's files hold: each is clean. */
static const char clean_connection[] =
	"{\n  \"type\": \"object\",\n  \"title\": \"Acme\",\n"
	"  \"format\": \"table\",\n  \"properties\": {\n"
	"    \"apiKey\": { \"type\": \"string\", \"title\": \"API key\", "
	"\"description\": \"The key from your Acme account page\", "
	"\"format\": \"password\" }\n  }\n}\n";
static const char clean_index_js[] =
	"module.exports = {\n"
	"  connect(input, output) {\n"
	"    output(null, { handle: { apiKey: input.apiKey } });\n"
	"  },\n"
	"  validate(input, options, output) {\n"
	"    acme.me(input.apiKey, (err) => output(err, !err));\n"
	"  }\n"
	"};\n";

static size_t
count_rule(const struct diag_list *l, const char *id)
{
	size_t n = 0;

	for (size_t k = 0; k < l->n; k++)
		n += strcmp(l->v[k].rule, id) == 0;
	return n;
}

static void
dump(const char *what, const struct diag_list *l)
{
	for (size_t k = 0; k < l->n; k++)
		print_message("%s: %s [%s]\n", what, l->v[k].msg, l->v[k].rule);
}

static void
lint_document(const char *text, struct diag_list *out)
{
	struct source *src = source_from_mem(document_name, text,
					     strlen(text));
	struct lint_opts opts = LINT_OPTS_INIT;

	lint_run(all, rules.n, src, &opts, out);
	source_free(src);
}

static void
lint_index_js(const char *text, struct diag_list *out)
{
	struct source *src = source_from_mem("index.js", text, strlen(text));

	indexjs_lint(all, rules.n, src, out);
	source_free(src);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/*
 * Makes the folder a listing shows, in a new temporary directory, and
 * checks it: the findings of its connection.json and of its index.js go
 * into out, together.
 */
static void
lint_folder(const char *listing, struct diag_list *out)
{
	char dir[] = "/tmp/connlint-example-XXXXXX";
	char path[4096];
	const char *line = strchr(listing, '\n');
	struct source *conn = NULL;
	struct indexjs js;
	char *err = NULL;

	assert_non_null(mkdtemp(dir));
	assert_non_null(line);	/* the folder's name comes first */
	for (line++; *line != '\0'; line += strcspn(line, "\n") + 1) {
		size_t len = strcspn(line, "\n");
		char *name = xmemdup(line + strspn(line, " "), len -
				     strspn(line, " "));

		if (strcmp(name, "connection.json") == 0)
			write_file(dir, name, clean_connection);
		else if (strcmp(name, INDEXJS_FILE_NAME) == 0)
			write_file(dir, name, clean_index_js);
		else
			fail_msg("a folder example lists \"%s\"", name);
		free(name);
		if (line[len] == '\0')
			break;
	}
	snprintf(path, sizeof(path), "%s/connection.json", dir);
	conn = source_read(path, NULL, SOURCE_MAX_SIZE_DEFAULT, true, &err);
	assert_non_null(conn);	/* every folder example has one */
	lint_document(conn->bytes, out);
	snprintf(path, sizeof(path), "%s/%s", dir, INDEXJS_FILE_NAME);
	indexjs_init(&js);
	indexjs_check(&js, path, SOURCE_MAX_SIZE_DEFAULT, all, rules.n, conn,
		      out, all, rules.n);
	assert_null(js.error);
	for (size_t k = 0; k < js.diags.n; k++)
		diag_add(out, js.diags.v[k].rule, js.diags.v[k].sev, 0, 0,
			 xstrdup(js.diags.v[k].msg));
	indexjs_release(&js);
	source_free(conn);
	unlink(path);
	snprintf(path, sizeof(path), "%s/connection.json", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

static void (*const linters[])(const char *, struct diag_list *) = {
	[SUBJECT_DOCUMENT] = lint_document,
	[SUBJECT_INDEX_JS] = lint_index_js,
	[SUBJECT_FOLDER] = lint_folder,
};

static void
test_rule_examples(void **state)
{
	const struct rule *r = *state;
	struct diag_list bad = DIAG_LIST_INIT, good = DIAG_LIST_INIT;
	void (*lint)(const char *, struct diag_list *) =
		linters[rule_subject(r)];
	char *bad_text = rule_example(r, false);
	char *good_text = rule_example(r, true);

	assert_non_null(bad_text);
	assert_non_null(good_text);
	/* Where a rule names no file, a document is judged on its
	   contents alone: no name puts it in the CLI's layout. */
	document_name = r->example_file ? r->example_file : "example.json";
	lint(bad_text, &bad);
	lint(good_text, &good);
	free(bad_text);
	free(good_text);
	dump("good example", &good);
	if (count_rule(&bad, r->id) == 0)
		dump("bad example", &bad);
	assert_true(count_rule(&bad, r->id) >= 1);
	assert_int_equal(good.n, 0);
	diag_list_release(&bad);
	diag_list_release(&good);
}

int
main(void)
{
	struct CMUnitTest *tests;
	char *err = NULL;
	int failed;

	ruleset_init(&rules);
	if (ruleset_add_builtin(&rules, &err) < 0) {
		fprintf(stderr, "built-in rules do not load: %s\n", err);
		free(err);
		return 1;
	}
	tests = calloc(rules.n, sizeof(*tests));
	all = calloc(rules.n, sizeof(*all));
	if (tests == NULL || all == NULL)
		return 1;
	for (size_t k = 0; k < rules.n; k++) {
		all[k].rule = rules.v[k];
		all[k].sev = rules.v[k]->severity;
		all[k].then = rules.v[k]->then;
		tests[k].name = rules.v[k]->id;
		tests[k].test_func = test_rule_examples;
		tests[k].initial_state = rules.v[k];
	}
	/* The group macro needs a static array; the rules are known at run. */
	failed = _cmocka_run_group_tests("examples", tests, rules.n, NULL,
					 NULL);
	free(tests);
	free(all);
	ruleset_release(&rules);
	return failed;
}
