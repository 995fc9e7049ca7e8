/*
 * Fuzz target: the config loader (config_load) on a .connlint.json, then
 * what a loaded config decides: the rules of a few files, excludes, and
 * the lint of a document with those rules, filtered by pointer overrides.
 *
 * config_load takes a path, so the input is written to .connlint.json in
 * a directory made for this process, which also holds a rule file for
 * "ruleFiles" to find.  A config names files by path: the link wraps
 * source_read (-Wl,--wrap=source_read) so that nothing outside that
 * directory is read, and nothing but a regular file.
 *
 * Beyond not crashing:
 *   - a config that does not load says why: errors is not empty, and each
 *     line ends with a newline;
 *   - one that loads has no errors, and for every file json-syntax is on,
 *     as an error; every rule given is one of the config's, on;
 *   - the lint's findings (after config_filter) point inside the document;
 *   - the errors are valid UTF-8, whatever bytes the config holds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "invariants.h"
#include "lint.h"
#include "source.h"
#include "xalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
struct source *__real_source_read(const char *path, const char *display,
				  size_t max, bool regular_only, char **err);
struct source *__wrap_source_read(const char *path, const char *display,
				  size_t max, bool regular_only, char **err);

static char dir[64];
static char config_file[128];

/* A rule file for "ruleFiles": ["rules"] or ["rules/snake.json"]. */
static const char rule_file[] =
	"{\n"
	"  \"id\": \"property-names-snake-case\",\n"
	"  \"severity\": \"warning\",\n"
	"  \"tags\": [\"team-style\"],\n"
	"  \"summary\": \"snake_case names\",\n"
	"  \"description\": \"Fields are named in snake_case.\",\n"
	"  \"given\": \"$form..properties\",\n"
	"  \"then\": { \"function\": \"pattern\", \"field\": \"@key\",\n"
	"            \"match\": \"^[a-z][a-z0-9_]*$\" },\n"
	"  \"message\": \"property \\\"{key}\\\" is not snake_case\"\n"
	"}\n";

/* A connection file with findings at several pointers. */
static const char document[] =
	"{ \"type\": \"object\", \"title\": \"Acme\",\n"
	"  \"properties\": {\n"
	"    \"token\": { \"type\": \"text\", \"title\": \"\" },\n"
	"    \"userName\": { \"type\": \"any\", \"title\": \"User\",\n"
	"                  \"description\": \"who\" },\n"
	"    \"nested\": { \"type\": \"object\", \"title\": \"N\",\n"
	"                \"description\": \"n\", \"properties\": [] }\n"
	"  }\n"
	"}\n";

/* Files whose rules are asked for, relative to the config's directory. */
static const char *const files[] = {
	"connection.json", "a/connection.json", "legacy/x/connection.json",
	"acme-api/connection.json", "vendor/connection.json",
	"a/b/c/d/connection.json",
};

struct source *
__wrap_source_read(const char *path, const char *display, size_t max,
		   bool regular_only, char **err)
{
	size_t len = strlen(dir);

	(void)regular_only;
	if (strncmp(path, dir, len) != 0 || path[len] != '/' ||
	    strstr(path, "/..") != NULL) {
		*err = xstrdup("outside the fuzzing directory");
		return NULL;
	}
	return __real_source_read(path, display, max < 1 << 20 ? max : 1 << 20,
				  true, err);
}

static void
write_file(const char *path, const void *p, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

static void
remove_dir(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/rules/snake.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rules", dir);
	rmdir(path);
	unlink(config_file);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char path[256];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/connlint-fuzz-XXXXXX",
		 tmp != NULL && strlen(tmp) < 32 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		abort();
	}
	snprintf(path, sizeof(path), "%s/rules", dir);
	if (mkdir(path, 0700) != 0) {
		perror(path);
		abort();
	}
	snprintf(path, sizeof(path), "%s/rules/snake.json", dir);
	write_file(path, rule_file, sizeof(rule_file) - 1);
	snprintf(config_file, sizeof(config_file), "%s/" CONFIG_FILE_NAME,
		 dir);
	atexit(remove_dir);
	return 0;
}

static void
check_rules(const struct config *cfg, const struct lint_rule *rules,
	    size_t n)
{
	bool syntax = false;

	for (size_t k = 0; k < n; k++) {
		const struct rule *r = rules[k].rule;
		bool known = false;

		for (size_t j = 0; j < cfg->rules.n && !known; j++)
			known = cfg->rules.v[j] == r;
		FUZZ_CHECK(known, "a rule that is not the config's");
		FUZZ_CHECK(rules[k].sev >= SEV_NOTE &&
			   rules[k].sev <= SEV_ERROR,
			   "rule %s given at severity %d", r->id,
			   (int)rules[k].sev);
		FUZZ_CHECK(rules[k].then != NULL || r->core != NULL,
			   "rule %s has no checks", r->id);
		if (r->core != NULL && strcmp(r->core, "syntax") == 0) {
			syntax = true;
			FUZZ_CHECK(rules[k].sev == SEV_ERROR,
				   "json-syntax is not an error");
		}
	}
	FUZZ_CHECK(syntax, "json-syntax is off");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cli_settings cli;
	struct buf errors = BUF_INIT;
	struct config *cfg;
	struct lint_rule *rules = NULL;
	size_t alloc = 0;

	memset(&cli, 0, sizeof(cli));
	write_file(config_file, data, size);
	cfg = config_load(config_file, NULL, &cli, &errors);
	FUZZ_CHECK(fuzz_utf8_valid(errors.s, errors.len),
		   "the errors are not UTF-8: %s", errors.s);
	if (cfg == NULL) {
		FUZZ_CHECK(errors.len > 0 && errors.s[errors.len - 1] == '\n',
			   "a config that does not load, and no reason why");
		goto out;
	}
	FUZZ_CHECK(errors.len == 0, "a config that loads, with errors: %s",
		   errors.s);
	for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
		struct lint_opts opts = LINT_OPTS_INIT;
		struct diag_list out = DIAG_LIST_INIT;
		struct source *src;
		char *path;
		size_t n;

		path = xmalloc(strlen(dir) + strlen(files[k]) + 2);
		sprintf(path, "%s/%s", dir, files[k]);
		(void)config_excludes(cfg, path);
		n = config_rules_for(cfg, path, &rules, &alloc);
		check_rules(cfg, rules, n);
		src = source_from_mem(files[k], document,
				      sizeof(document) - 1);
		lint_run(rules, n, src, &opts, &out);
		config_filter(cfg, path, &out);
		fuzz_check_diags(&out, src, true);
		diag_list_release(&out);
		source_free(src);
		free(path);
	}
	free(rules);
	config_free(cfg);
out:
	buf_release(&errors);
	return 0;
}
