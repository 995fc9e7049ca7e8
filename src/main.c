/*
 * connlint: the command line.  Everything else is in the library; this
 * file parses options, finds the files and their configs, and prints.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "buf.h"
#include "config.h"
#include "emit.h"
#include "indexjs.h"
#include "lint.h"
#include "outfile.h"
#include "pool.h"
#include "rule.h"
#include "source.h"
#include "walk.h"
#include "xalloc.h"

enum exit_status {
	EXIT_CLEAN = 0,		/* no finding at or above the fail level */
	EXIT_FINDINGS = 1,	/* findings at or above it, or too many warnings */
	EXIT_TROUBLE = 2,	/* usage, configuration or I/O error; no input */
};

/* Fewer files than this are linted without threads: not worth starting. */
#define JOBS_FOR_THREADS 64

/* One file to lint, queued by the main thread and linted by a worker. */
struct job {
	char *path;			/* owned: what to read; "-": stdin */
	char *display;			/* owned: the name to show, or NULL */
	char *abs;			/* owned: its absolute name */
	const struct config *cfg;	/* borrowed from the cache */
	bool walked;
	struct source *src;		/* owned: the worker's results */
	struct diag_list diags;
	char *error;			/* owned: why it was not linted */
	struct indexjs js;		/* the index.js beside it */
};

/* What one worker thread reuses from file to file. */
struct scratch {
	struct lint_rule *rules;
	size_t alloc;
	struct lint_rule *js_rules;	/* as index.js sees them */
	size_t js_alloc;
};

struct run {
	struct cli_settings cli;
	struct config_cache *configs;
	struct lint_opts opts;
	struct emit emit;	/* standard output */
	struct emit report;	/* --output's file */
	struct outfile report_file;
	const char *output;
	struct baseline baseline;	/* --baseline's, or the one to write */
	struct outfile baseline_file;	/* --write-baseline's */
	const char *baseline_path;
	bool write_baseline;
	bool strict_baseline;
	size_t stale;			/* stale entries under --strict-baseline */
	enum color_mode color;
	struct pool *pool;		/* lints the files found */
	unsigned threads;		/* --jobs; 0: decide by the count */
	struct scratch *scratch;	/* per worker */
	struct lint_rule *rules;	/* --print-config's scratch */
	size_t rules_alloc;
	size_t max_size;
	const char *stdin_name;
	const char *config_path;	/* --config */
	bool no_config;
	bool quiet;
	enum severity fail_level;
	long max_warnings;		/* -1: no limit */
	size_t troubles;		/* run errors reported */
	size_t excluded;		/* paths a walk left out */
	bool stdin_used;
};

enum {
	OPT_BASELINE = 256,
	OPT_COLOR,
	OPT_EXPLAIN,
	OPT_FAIL_LEVEL,
	OPT_IGNORE,
	OPT_LIST_RULES,
	OPT_MAX_DEPTH,
	OPT_MAX_FILE_SIZE,
	OPT_MAX_WARNINGS,
	OPT_NO_CONFIG,
	OPT_PRINT_CONFIG,
	OPT_RULES,
	OPT_SELECT,
	OPT_SEVERITY,
	OPT_STDIN_FILENAME,
	OPT_STRICT_BASELINE,
	OPT_WRITE_BASELINE,
};

static const struct option options[] = {
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "config", required_argument, NULL, 'c' },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "fail-level", required_argument, NULL, OPT_FAIL_LEVEL },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "jobs", required_argument, NULL, 'j' },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "max-warnings", required_argument, NULL, OPT_MAX_WARNINGS },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "output", required_argument, NULL, 'o' },
	{ "print-config", required_argument, NULL, OPT_PRINT_CONFIG },
	{ "quiet", no_argument, NULL, 'q' },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "select", required_argument, NULL, OPT_SELECT },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "strict-baseline", no_argument, NULL, OPT_STRICT_BASELINE },
	{ "version", no_argument, NULL, 'V' },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
	"usage: connlint [options] path...\n"
	"       connlint --list-rules | --explain ID | --print-config PATH\n"
	"\n"
	"Lints ThingWorx Flow connection files.  A path is a file, a directory\n"
	"(every connection.json below it) or - for standard input.\n"
	"\n"
	"Output:\n"
	"  -f, --format=FORMAT        gcc (default), pretty, json, jsonl, sarif,\n"
	"                             github, checkstyle or junit\n"
	"      --color=WHEN           colour pretty output: auto (default: when\n"
	"                             standard output is a terminal), always\n"
	"                             or never; NO_COLOR and FORCE_COLOR count\n"
	"  -o, --output=FILE          write the --format report to FILE, whole or\n"
	"                             not at all, and gcc to standard output\n"
	"  -q, --quiet                print diagnostics only, no summary\n"
	"      --stdin-filename=NAME  the name to report for standard input\n"
	"\n"
	"Baselines:\n"
	"      --baseline=FILE        suppress the findings FILE records; note\n"
	"                             its stale entries on standard error\n"
	"      --strict-baseline      stale baseline entries are errors\n"
	"      --write-baseline=FILE  record every finding in FILE, print none\n"
	"\n"
	"Rules and configuration:\n"
	"  -c, --config=FILE          use FILE, not the closest .connlint.json\n"
	"      --no-config            use no configuration file\n"
	"      --select=LIST          run only these rules (ids or tags, a,b)\n"
	"      --ignore=LIST          do not run these rules (ids or tags)\n"
	"      --severity=ID=LEVEL    set a rule's severity: error, warning,\n"
	"                             note or off (repeatable)\n"
	"      --rules=PATH           add a rule file or a directory of them\n"
	"                             (repeatable)\n"
	"      --fail-level=LEVEL     exit 1 on findings at or above LEVEL:\n"
	"                             error (default), warning or note\n"
	"      --max-warnings=N       exit 1 on more than N warnings\n"
	"      --list-rules           list the rules and exit\n"
	"      --explain=ID           describe a rule, with examples, and exit\n"
	"      --print-config=PATH    print the settings for PATH and exit\n"
	"\n"
	"Speed and limits:\n"
	"  -j, --jobs=N               lint on N threads (default: one for each\n"
	"                             processor, from 64 files on); the output\n"
	"                             is the same whatever N\n"
	"      --max-file-size=SIZE   largest file to read (default 64M; K, M, G)\n"
	"      --max-depth=N          deepest nesting of arrays and objects\n"
	"                             (default 512)\n"
	"\n"
	"  -h, --help                 show this help and exit\n"
	"  -V, --version              show the version and exit\n"
	"\n"
	"Exit status: 0 no findings at or above the fail level, 1 findings\n"
	"(or, with --strict-baseline, a stale baseline entry), 2 trouble (bad\n"
	"usage or configuration, a file that cannot be read, a report that\n"
	"cannot be written, no input).\n";

static void
run_error(struct run *r, const char *path, const char *msg)
{
	fputs("connlint: ", stderr);
	emit_clean(stderr, path);
	fprintf(stderr, ": %s\n", msg);
	r->troubles++;
}

/* The config of an absolute path; its load errors are printed once. */
static const struct config *
config_of(struct run *r, const char *abs)
{
	struct buf errors = BUF_INIT;
	const struct config *cfg = config_for(r->configs, abs, &errors);

	if (errors.len > 0) {
		fputs(errors.s, stderr);
		r->troubles++;
	}
	buf_release(&errors);
	return cfg;
}

/*
 * Queues a file to lint, with its absolute path (taken) and config, found
 * in the main thread, which alone touches the config cache; workers only
 * read configs.  walked: found by a directory walk, so only a regular
 * file will do.
 */
static void
queue_job(struct run *r, const char *path, const char *display, bool walked,
	  char *abs, const struct config *cfg)
{
	struct job *job = xcalloc(1, sizeof(*job));

	job->path = xstrdup(path);
	job->display = display != NULL ? xstrdup(display) : NULL;
	job->abs = abs;
	job->walked = walked;
	job->cfg = cfg;
	if (job->cfg == NULL)	/* its settings are unknown */
		job->error = xstrdup("not linted: its configuration has errors");
	pool_add(r->pool, job);
}

/* Queues a file named on the command line, or standard input. */
static void
add_job(struct run *r, const char *path, const char *display)
{
	char *abs = path_absolute(display != NULL ? display : path);

	queue_job(r, path, display, false, abs, config_of(r, abs));
}

/*
 * The index.js beside a file named connection.json, with the rules the
 * configuration gives index.js's own path: its findings are a file's.
 */
static void
lint_index_js(struct run *r, struct job *job, struct scratch *s, size_t n)
{
	char *path = indexjs_path(job->src->name), *abs;
	size_t m;

	if (path == NULL)
		return;
	abs = path_absolute(path);
	m = config_rules_for(job->cfg, abs, &s->js_rules,
			     &s->js_alloc);
	indexjs_check(&job->js, path, r->max_size, s->rules, n, job->src,
		      &job->diags, s->js_rules, m);
	if (job->js.src != NULL)
		config_filter(job->cfg, abs, &job->js.diags);
	free(abs);
	free(path);
}

/* A worker's part: read and lint one file, keeping what it found. */
static void
lint_job(void *arg, void *item, unsigned worker)
{
	struct run *r = arg;
	struct job *job = item;
	struct scratch *s = &r->scratch[worker];
	size_t n;

	if (job->error != NULL)
		return;
	job->src = source_read(job->path, job->display, r->max_size,
			       job->walked, &job->error);
	if (job->src == NULL)
		return;
	n = config_rules_for(job->cfg, job->abs, &s->rules,
			     &s->alloc);
	lint_run(s->rules, n, job->src, &r->opts, &job->diags);
	lint_index_js(r, job, s, n);
	config_filter(job->cfg, job->abs, &job->diags);
}

/* One linted file's findings: recorded, or filtered, then written. */
static void
finish_file(struct run *r, struct source *src, struct diag_list *diags)
{
	if (r->write_baseline) {
		/* Recorded, so suppressed, as the baseline will do. */
		baseline_add(&r->baseline, src->name, diags);
		diag_list_release(diags);
	} else if (r->baseline_path != NULL) {
		baseline_filter(&r->baseline, src->name, diags);
	}
	emit_file(&r->emit, src, diags);
	if (r->output != NULL)
		emit_file(&r->report, src, diags);
}

/* The index.js of a job, right after its connection.json. */
static void
finish_index_js(struct run *r, struct indexjs *js)
{
	struct diag_list none = DIAG_LIST_INIT;

	if (js->error != NULL)
		run_error(r, js->path, js->error);
	else if (js->src != NULL)
		finish_file(r, js->src, &js->diags);
	else if (js->path != NULL && r->baseline_path != NULL &&
		 !r->write_baseline)
		/* Looked for and gone: its entries are stale now. */
		baseline_filter(&r->baseline, js->path, &none);
}

/* The main thread's part, in order: baseline and output. */
static void
finish_job(void *arg, void *item)
{
	struct run *r = arg;
	struct job *job = item;

	if (job->error != NULL) {
		run_error(r, job->display != NULL ? job->display : job->path,
			  job->error);
	} else {
		finish_file(r, job->src, &job->diags);
		finish_index_js(r, &job->js);
	}
}

/* Clean-up, in the thread that linted the file. */
static void
release_job(void *arg, void *item)
{
	struct job *job = item;

	(void)arg;
	indexjs_release(&job->js);
	diag_list_release(&job->diags);
	source_free(job->src);
	free(job->error);
	free(job->path);
	free(job->display);
	free(job->abs);
	free(job);
}

static void lint_arg(struct run *r, const char *arg);

/*
 * Lints the files the arguments name, as they are found: on worker
 * threads once there are enough files to pay for them, with the output
 * in the order found either way.
 */
static void
lint_args(struct run *r, char **args, int n)
{
	unsigned threads = r->threads > 0 ? r->threads : pool_cpus();

	r->scratch = xcalloc(threads, sizeof(*r->scratch));
	r->pool = pool_new(threads, r->threads > 0 ? 1 : JOBS_FOR_THREADS,
			   lint_job, finish_job, release_job, r);
	for (int k = 0; k < n; k++)
		lint_arg(r, args[k]);
	pool_finish(r->pool);
	for (unsigned t = 0; t < threads; t++) {
		free(r->scratch[t].rules);
		free(r->scratch[t].js_rules);
	}
	free(r->scratch);
}

/* A file a walk found: queued, unless its config excludes it. */
static bool
walk_file(void *arg, const char *path)
{
	struct run *r = arg;
	char *abs = path_absolute(path);
	const struct config *cfg = config_of(r, abs);

	if (cfg != NULL && config_excludes(cfg, abs)) {
		free(abs);
		r->excluded++;
		return false;
	}
	queue_job(r, path, NULL, true, abs, cfg);
	return true;
}

static void
walk_error(void *arg, const char *path, const char *msg)
{
	run_error(arg, path, msg);
}

/* A directory the walk meets: excluded by its config? */
static bool
walk_skip(void *arg, const char *path)
{
	struct run *r = arg;
	char *abs = path_absolute(path);
	const struct config *cfg = config_of(r, abs);
	bool skip = cfg != NULL && config_excludes(cfg, abs);

	free(abs);
	r->excluded += skip;
	return skip;
}

/* Does path go up a directory, with a ".." component? */
static bool
goes_up(const char *path)
{
	for (const char *p = path; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == path || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return true;
	return false;
}

/*
 * A directory the walk read: the config cache need not look for one.
 * Configurations are found from the path as written (path_absolute()),
 * but the kernel lists what ".." after a symbolic link leads to: such a
 * directory's listing says nothing of the one the path names.
 */
static void
walk_listed(void *arg, const char *dir, bool has_config)
{
	struct run *r = arg;
	char *abs;

	if (goes_up(dir))
		return;
	abs = path_absolute(dir);
	config_cache_listed(r->configs, abs, has_config);
	free(abs);
}

static void
lint_arg(struct run *r, const char *arg)
{
	struct walk_cb cb = { walk_file, walk_error, walk_skip, r,
			      CONFIG_FILE_NAME, walk_listed };
	struct stat st;

	if (strcmp(arg, "-") == 0) {
		if (r->stdin_used) {
			run_error(r, "-", "standard input can be read once");
			return;
		}
		r->stdin_used = true;
		add_job(r, "-", r->stdin_name != NULL ? r->stdin_name :
			"<stdin>");
		return;
	}
	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t before = r->troubles, excluded = r->excluded;

		if (r->baseline_path != NULL && !r->write_baseline)
			baseline_cover_dir(&r->baseline, arg);
		/* An unreadable directory is already reported: say no more. */
		if (walk_dir(arg, &cb) > 0 || r->troubles > before)
			return;
		run_error(r, arg, r->excluded > excluded ? "nothing to lint: "
			  "the configuration excludes every " WALK_FILE_NAME
			  " below this directory" : "no " WALK_FILE_NAME
			  " below this directory");
		return;
	}
	add_job(r, arg, NULL);
}

static int
parse_size(const char *s, size_t *out)
{
	static const struct {
		char suffix;
		unsigned shift;
	} units[] = { { 'K', 10 }, { 'M', 20 }, { 'G', 30 } };
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *s == '-')
		return -1;
	for (size_t k = 0; k < ARRAY_SIZE(units); k++) {
		if ((*end | 0x20) == (units[k].suffix | 0x20) && end[1] == '\0') {
			if (n > (SOURCE_MAX_SIZE_LIMIT >> units[k].shift))
				return -1;
			n <<= units[k].shift;
			end++;
		}
	}
	if (*end != '\0' || n == 0 || n > SOURCE_MAX_SIZE_LIMIT)
		return -1;
	*out = (size_t)n;
	return 0;
}

/* A whole number from 0 to max, or -1. */
static long
parse_count(const char *s, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 0 || n > max)
		return -1;
	return n;
}

static void
list_rules(const struct ruleset *rs)
{
	int width = 0;

	for (size_t k = 0; k < rs->n; k++)
		if ((int)strlen(rs->v[k]->id) > width)
			width = (int)strlen(rs->v[k]->id);
	for (size_t k = 0; k < rs->n; k++) {
		const struct rule *r = rs->v[k];
		struct buf tags = BUF_INIT;

		for (size_t t = 0; t < r->ntags; t++)
			buf_addf(&tags, "%s%s", t ? "," : "", r->tags[t]);
		printf("%-*s %-8s %-10s %s\n", width, r->id,
		       severity_name(r->severity), tags.s, r->summary);
		buf_release(&tags);
	}
}

static void
print_indented(const char *text)
{
	for (const char *p = text; *p != '\0';) {
		size_t len = strcspn(p, "\n");

		printf("    %.*s\n", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

static int
explain(const struct ruleset *rs, const char *id)
{
	const struct rule *r = ruleset_find(rs, id);

	if (r == NULL) {
		fprintf(stderr, "connlint: --explain: no rule is called "
			"\"%s\"; connlint --list-rules shows them\n", id);
		return EXIT_TROUBLE;
	}
	printf("%s (%s", r->id, severity_name(r->severity));
	for (size_t t = 0; t < r->ntags; t++)
		printf("%s%s", t ? ", " : "; ", r->tags[t]);
	printf(")\n\n%s.\n\n%s\n", r->summary, r->description);
	if (r->example_file != NULL)
		printf("\nThe examples are linted as %s.\n", r->example_file);
	for (int good = 0; good <= 1; good++) {
		char *text = rule_example(r, good);

		if (text != NULL) {
			printf("\n%s:\n\n", good ? "Good" : "Bad");
			print_indented(text);
		}
		free(text);
	}
	return EXIT_CLEAN;
}

/* The settings for one path, as JSON: what --print-config shows. */
static int
print_config(struct run *r, const char *path)
{
	char *abs = path_absolute(path);
	const struct config *cfg = config_of(r, abs);
	struct json_object *o, *rules;
	size_t n;

	if (cfg == NULL) {
		free(abs);
		return EXIT_TROUBLE;
	}
	o = json_object_new_object();
	rules = json_object_new_object();
	json_object_object_add(o, "path", json_object_new_string(abs));
	json_object_object_add(o, "config", cfg->path == NULL ? NULL :
			       json_object_new_string(cfg->path));
	json_object_object_add(o, "excluded", json_object_new_boolean(
		config_excludes(cfg, abs)));
	n = config_rules_for(cfg, abs, &r->rules, &r->rules_alloc);
	for (size_t k = 0; k < cfg->rules.n; k++) {
		const struct rule *rule = cfg->rules.v[k];
		enum severity sev = SEV_OFF;

		for (size_t j = 0; j < n; j++)
			if (r->rules[j].rule == rule)
				sev = r->rules[j].sev;
		json_object_object_add(rules, rule->id, json_object_new_string(
			severity_name(sev)));
	}
	json_object_object_add(o, "rules", rules);
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
		JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	free(abs);
	return EXIT_CLEAN;
}

/* "1 error, 2 warnings, 0 notes in 3 files", on standard error. */
static void
summary(const struct emit *e)
{
	static const struct {
		enum severity sev;
		const char *one, *many;
	} counts[] = {
		{ SEV_ERROR, "error", "errors" },
		{ SEV_WARNING, "warning", "warnings" },
		{ SEV_NOTE, "note", "notes" },
	};

	fputs("connlint: ", stderr);
	for (size_t k = 0; k < ARRAY_SIZE(counts); k++) {
		size_t n = e->count[counts[k].sev];

		fprintf(stderr, "%s%zu %s", k ? ", " : "", n,
			n == 1 ? counts[k].one : counts[k].many);
	}
	fprintf(stderr, " in %zu file%s\n", e->files, e->files == 1 ? "" : "s");
}

/* Loads --baseline's file, or creates --write-baseline's. */
static int
start_baseline(struct run *r)
{
	char *err = NULL;
	int rc;

	rc = r->write_baseline ?
	    outfile_open(&r->baseline_file, r->baseline_path, &err) :
	    baseline_load(&r->baseline, r->baseline_path,
			  SOURCE_MAX_SIZE_LIMIT, &err);
	if (rc < 0) {
		fprintf(stderr, "connlint: %s\n", err);
		free(err);
	}
	return rc;
}

/* Writes the new baseline, or reports the old one's stale entries. */
static void
finish_baseline(struct run *r)
{
	char *err = NULL;

	if (!r->write_baseline) {
		size_t n = baseline_report_stale(&r->baseline,
						 r->baseline_path,
						 r->strict_baseline ?
						 "error" : "note", stderr);

		if (r->strict_baseline)
			r->stale = n;
		return;
	}
	if (r->troubles > 0) {
		/* A file went unlinted: its findings would be lost. */
		outfile_abort(&r->baseline_file);
		fprintf(stderr, "connlint: %s: not written: some files could "
			"not be linted\n", r->baseline_path);
		return;
	}
	baseline_write(&r->baseline, r->baseline_file.fp);
	if (outfile_commit(&r->baseline_file, &err) < 0) {
		fprintf(stderr, "connlint: %s\n", err);
		free(err);
		r->troubles++;
	} else if (!r->quiet) {
		size_t n = baseline_count(&r->baseline);

		fprintf(stderr, "connlint: %s: recorded %zu finding%s\n",
			r->baseline_path, n, n == 1 ? "" : "s");
	}
}

/* Writes --output's file whole, or reports why not and leaves none. */
static void
finish_report(struct run *r)
{
	char *err = NULL;

	if (emit_finish(&r->report) < 0) {
		int errnum = errno;

		outfile_abort(&r->report_file);
		fprintf(stderr, "connlint: %s: cannot write: %s\n", r->output,
			strerror(errnum));
		r->troubles++;
	} else if (outfile_commit(&r->report_file, &err) < 0) {
		fprintf(stderr, "connlint: %s\n", err);
		free(err);
		r->troubles++;
	}
}

static int
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("connlint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'connlint --help' for more information.\n", stderr);
	return EXIT_TROUBLE;
}

/* The exit status the findings call for. */
static int
verdict(const struct run *r)
{
	size_t at_or_above = 0;

	for (int s = r->fail_level; s <= SEV_ERROR; s++)
		at_or_above += r->emit.count[s];
	if (at_or_above > 0)
		return EXIT_FINDINGS;
	if (r->max_warnings >= 0 &&
	    r->emit.count[SEV_WARNING] > (size_t)r->max_warnings)
		return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

/* Runs one of the commands that inform and exit: 0, 2, or -1 for none. */
static int
inform(struct run *r, bool list, const char *explain_id,
       const char *print_path)
{
	char *here = path_absolute("connection.json");
	const struct config *cfg;
	int status = EXIT_CLEAN;

	if (!list && explain_id == NULL && print_path == NULL) {
		free(here);
		return -1;
	}
	if (print_path != NULL) {
		status = print_config(r, print_path);
	} else {
		/* The rules of the working directory: its rule files too. */
		cfg = config_of(r, here);
		if (cfg == NULL)
			status = EXIT_TROUBLE;
		else if (list)
			list_rules(&cfg->rules);
		else
			status = explain(&cfg->rules, explain_id);
	}
	free(here);
	if (fflush(stdout) != 0)
		status = EXIT_TROUBLE;
	return status;
}

int
main(int argc, char **argv)
{
	struct run r = { .max_size = SOURCE_MAX_SIZE_DEFAULT,
			 .fail_level = SEV_ERROR, .max_warnings = -1 };
	const struct emitter *fmt = emitter_find("gcc");
	const char *explain_id = NULL, *print_path = NULL;
	struct emit_opts eo = { .quiet = false };
	char *here = NULL;
	const char **rule_paths = xcalloc((size_t)argc, sizeof(*rule_paths));
	bool list = false;
	char *err = NULL;
	int c, status = EXIT_TROUBLE;
	long n;

	r.opts = (struct lint_opts)LINT_OPTS_INIT;
	baseline_init(&r.baseline);
	while ((c = getopt_long(argc, argv, "c:f:hj:o:qV", options, NULL)) != -1) {
		switch (c) {
		case 'c':
			r.config_path = optarg;
			break;
		case 'f':
			fmt = emitter_find(optarg);
			if (fmt == NULL) {
				status = usage_error("unknown format '%s'; "
						     "expected one of %s",
						     optarg, emitter_names());
				goto out;
			}
			break;
		case 'j':
			n = parse_count(optarg, 1024);
			if (n < 1) {
				status = usage_error("--jobs takes a number "
						     "from 1 to 1024, not '%s'",
						     optarg);
				goto out;
			}
			r.threads = (unsigned)n;
			break;
		case 'o':
			if (*optarg == '\0' || strcmp(optarg, "-") == 0) {
				status = usage_error("--output takes a file "
						     "name, not '%s'; without "
						     "it, the report goes to "
						     "standard output", optarg);
				goto out;
			}
			r.output = optarg;
			break;
		case OPT_BASELINE:
		case OPT_WRITE_BASELINE:
			if (r.baseline_path != NULL) {
				status = usage_error("give one of --baseline "
						     "and --write-baseline, "
						     "once");
				goto out;
			}
			r.baseline_path = optarg;
			r.write_baseline = c == OPT_WRITE_BASELINE;
			break;
		case OPT_STRICT_BASELINE:
			r.strict_baseline = true;
			break;
		case OPT_COLOR:
			if (color_mode_parse(optarg, &r.color) < 0) {
				status = usage_error("--color takes auto, "
						     "always or never, not '%s'",
						     optarg);
				goto out;
			}
			break;
		case 'h':
			fputs(usage_text, stdout);
			status = fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
			goto out;
		case 'q':
			r.quiet = true;
			break;
		case 'V':
			printf("connlint %s\n", CONNLINT_VERSION);
			status = fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
			goto out;
		case OPT_EXPLAIN:
			explain_id = optarg;
			break;
		case OPT_FAIL_LEVEL:
			if (severity_parse(optarg, &r.fail_level) < 0 ||
			    r.fail_level == SEV_OFF) {
				status = usage_error("--fail-level takes error, "
						     "warning or note, not "
						     "'%s'", optarg);
				goto out;
			}
			break;
		case OPT_IGNORE:
			if (cli_add_ignore(&r.cli, optarg) < 0) {
				status = usage_error("--ignore needs rule ids or "
						     "tags, such as style");
				goto out;
			}
			break;
		case OPT_LIST_RULES:
			list = true;
			break;
		case OPT_MAX_DEPTH:
			n = parse_count(optarg, 100000);
			if (n < 1) {
				status = usage_error("--max-depth takes a number "
						     "from 1 to 100000, not "
						     "'%s'", optarg);
				goto out;
			}
			r.opts.max_depth = (unsigned)n;
			break;
		case OPT_MAX_FILE_SIZE:
			if (parse_size(optarg, &r.max_size) < 0) {
				status = usage_error("--max-file-size takes a "
						     "size from 1 to 1G, such "
						     "as 64M, not '%s'", optarg);
				goto out;
			}
			break;
		case OPT_MAX_WARNINGS:
			r.max_warnings = parse_count(optarg, 1000000000);
			if (r.max_warnings < 0) {
				status = usage_error("--max-warnings takes a "
						     "number, 0 or more, not "
						     "'%s'", optarg);
				goto out;
			}
			break;
		case OPT_NO_CONFIG:
			r.no_config = true;
			break;
		case OPT_PRINT_CONFIG:
			print_path = optarg;
			break;
		case OPT_RULES:
			rule_paths[r.cli.nrule_paths++] = optarg;
			break;
		case OPT_SELECT:
			if (cli_add_select(&r.cli, optarg) < 0) {
				status = usage_error("--select needs rule ids or "
						     "tags, such as contract");
				goto out;
			}
			break;
		case OPT_SEVERITY:
			if (cli_add_severity(&r.cli, optarg, &err) < 0) {
				status = usage_error("%s", err);
				free(err);
				goto out;
			}
			break;
		case OPT_STDIN_FILENAME:
			r.stdin_name = optarg;
			break;
		default:
			fputs("Try 'connlint --help' for more information.\n",
			      stderr);
			goto out;
		}
	}
	if (r.config_path != NULL && r.no_config) {
		status = usage_error("%s", "--config and --no-config do not go "
				     "together");
		goto out;
	}
	r.cli.rule_paths = (char **)rule_paths;
	r.configs = config_cache_new(&r.cli, r.config_path, r.no_config);
	status = inform(&r, list, explain_id, print_path);
	if (status >= 0)
		goto out;
	if (optind == argc) {
		status = usage_error("%s", "no input: name files or "
				     "directories, or - for standard input");
		goto out;
	}
	if (r.strict_baseline && (r.baseline_path == NULL || r.write_baseline)) {
		status = usage_error("--strict-baseline goes with --baseline");
		goto out;
	}
	if (r.baseline_path != NULL && start_baseline(&r) < 0) {
		status = EXIT_TROUBLE;
		goto out;
	}
	eo.quiet = r.quiet;
	if (fmt == emitter_find("sarif")) {
		/* SARIF lists the rules of the working directory's config. */
		const struct config *cfg;

		here = path_absolute("connection.json");
		cfg = config_of(&r, here);
		eo.rules = cfg != NULL ? &cfg->rules : NULL;
	}
	if (r.output != NULL) {
		if (outfile_open(&r.report_file, r.output, &err) < 0) {
			fprintf(stderr, "connlint: %s\n", err);
			free(err);
			if (r.write_baseline)
				outfile_abort(&r.baseline_file);
			status = EXIT_TROUBLE;
			goto out;
		}
		/* The report takes the format; standard output keeps gcc. */
		emit_init(&r.report, fmt, r.report_file.fp, &eo);
		fmt = emitter_find("gcc");
	}
	eo.color = color_wanted(r.color, STDOUT_FILENO);
	emit_init(&r.emit, fmt, stdout, &eo);
	lint_args(&r, argv + optind, argc - optind);
	if (emit_finish(&r.emit) < 0) {
		fprintf(stderr, "connlint: cannot write the output: %s\n",
			strerror(errno));
		r.troubles++;
	}
	if (r.output != NULL)
		finish_report(&r);
	if (r.baseline_path != NULL)
		finish_baseline(&r);
	/* pretty ends with its own count line. */
	if (!r.quiet && isatty(STDERR_FILENO) && fmt != emitter_find("pretty"))
		summary(&r.emit);
	status = r.troubles ? EXIT_TROUBLE : r.stale ? EXIT_FINDINGS :
	    verdict(&r);
out:
	baseline_release(&r.baseline);
	free(here);
	config_cache_free(r.configs);
	cli_settings_release(&r.cli);
	free(rule_paths);
	free(r.rules);
	return status;
}
