/*
 * connlint: the command line.  Everything else is in the library; this
 * file parses options, finds the files, and prints.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "buf.h"
#include "emit.h"
#include "lint.h"
#include "outfile.h"
#include "rule.h"
#include "source.h"
#include "walk.h"
#include "xalloc.h"

enum exit_status {
	EXIT_CLEAN = 0,		/* no error found */
	EXIT_FINDINGS = 1,	/* at least one error found */
	EXIT_TROUBLE = 2,	/* usage, I/O or internal error; or no input */
};

struct run {
	struct ruleset rules;
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
	size_t max_size;
	enum color_mode color;
	const char *stdin_name;
	bool quiet;
	size_t troubles;	/* run errors reported */
	bool stdin_used;
};

enum {
	OPT_BASELINE = 256,
	OPT_COLOR,
	OPT_LIST_RULES,
	OPT_MAX_DEPTH,
	OPT_MAX_FILE_SIZE,
	OPT_STDIN_FILENAME,
	OPT_STRICT_BASELINE,
	OPT_WRITE_BASELINE,
};

static const struct option options[] = {
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "strict-baseline", no_argument, NULL, OPT_STRICT_BASELINE },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
	"usage: connlint [options] path...\n"
	"\n"
	"Lints ThingWorx Flow connection files.  A path is a file, a directory\n"
	"(every connection.json below it) or - for standard input.\n"
	"\n"
	"  -f, --format=FORMAT        gcc (default), pretty, json, jsonl, sarif,\n"
	"                             github, checkstyle or junit\n"
	"      --color=WHEN           colour pretty output: auto (default: when\n"
	"                             standard output is a terminal), always\n"
	"                             or never; NO_COLOR and FORCE_COLOR count\n"
	"  -o, --output=FILE          write the --format report to FILE, whole or\n"
	"                             not at all, and gcc to standard output\n"
	"      --stdin-filename=NAME  the name to report for standard input\n"
	"      --baseline=FILE        suppress the findings FILE records; note\n"
	"                             its stale entries on standard error\n"
	"      --strict-baseline      stale baseline entries are errors\n"
	"      --write-baseline=FILE  record every finding in FILE, print none\n"
	"      --max-file-size=SIZE   largest file to read (default 64M; K, M, G)\n"
	"      --max-depth=N          deepest nesting of arrays and objects\n"
	"                             (default 512)\n"
	"      --list-rules           list the rules and exit\n"
	"  -q, --quiet                print diagnostics only, no summary\n"
	"  -h, --help                 show this help and exit\n"
	"  -V, --version              show the version and exit\n"
	"\n"
	"Exit status: 0 no errors found, 1 errors found (or, with\n"
	"--strict-baseline, a stale baseline entry), 2 trouble (bad usage, a\n"
	"file that cannot be read, a report that cannot be written, no input).\n";

static void
run_error(struct run *r, const char *path, const char *msg)
{
	fprintf(stderr, "connlint: %s: %s\n", path, msg);
	r->troubles++;
}

static void
lint_path(struct run *r, const char *path, const char *display)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct source *src;
	char *err;

	src = source_read(path, display, r->max_size, &err);
	if (src == NULL) {
		run_error(r, display != NULL ? display : path, err);
		free(err);
		return;
	}
	lint_source(&r->rules, src, &r->opts, &diags);
	if (r->write_baseline) {
		/* Recorded, so suppressed, as the baseline will do. */
		baseline_add(&r->baseline, src->name, &diags);
		diag_list_release(&diags);
	} else if (r->baseline_path != NULL) {
		baseline_filter(&r->baseline, src->name, &diags);
	}
	emit_file(&r->emit, src, &diags);
	if (r->output != NULL)
		emit_file(&r->report, src, &diags);
	diag_list_release(&diags);
	source_free(src);
}

static void
walk_file(void *arg, const char *path)
{
	lint_path(arg, path, NULL);
}

static void
walk_error(void *arg, const char *path, const char *msg)
{
	run_error(arg, path, msg);
}

static void
lint_arg(struct run *r, const char *arg)
{
	struct walk_cb cb = { walk_file, walk_error, r };
	struct stat st;

	if (strcmp(arg, "-") == 0) {
		if (r->stdin_used) {
			run_error(r, "-", "standard input can be read once");
			return;
		}
		r->stdin_used = true;
		lint_path(r, "-", r->stdin_name != NULL ? r->stdin_name :
			  "<stdin>");
		return;
	}
	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t before = r->troubles;

		if (r->baseline_path != NULL && !r->write_baseline)
			baseline_cover_dir(&r->baseline, arg);
		/* An unreadable directory is already reported: say no more. */
		if (walk_dir(arg, &cb) == 0 && r->troubles == before)
			run_error(r, arg, "no " WALK_FILE_NAME " below this "
				  "directory");
		return;
	}
	lint_path(r, arg, NULL);
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

static void
list_rules(const struct ruleset *rs)
{
	for (size_t k = 0; k < rs->n; k++) {
		const struct rule *r = rs->v[k];
		struct buf tags = BUF_INIT;

		for (size_t t = 0; t < r->ntags; t++)
			buf_addf(&tags, "%s%s", t ? "," : "", r->tags[t]);
		printf("%-24s %-8s %-10s %s\n", r->id,
		       severity_name(r->severity), tags.s, r->summary);
		buf_release(&tags);
	}
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
usage_error(const char *fmt, const char *arg)
{
	fputs("connlint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'connlint --help' for more information.\n", stderr);
	return EXIT_TROUBLE;
}

int
main(int argc, char **argv)
{
	struct run r = { .max_size = SOURCE_MAX_SIZE_DEFAULT };
	const struct emitter *fmt = emitter_find("gcc");
	bool list = false;
	char *err = NULL;
	int c, status;

	r.opts = (struct lint_opts)LINT_OPTS_INIT;
	while ((c = getopt_long(argc, argv, "f:ho:qV", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = emitter_find(optarg);
			if (fmt == NULL) {
				struct buf msg = BUF_INIT;

				buf_addf(&msg, "unknown format '%s'; expected "
					 "one of %s", optarg, emitter_names());
				status = usage_error("%s", msg.s);
				buf_release(&msg);
				return status;
			}
			break;
		case OPT_BASELINE:
		case OPT_WRITE_BASELINE:
			if (r.baseline_path != NULL)
				return usage_error("%s", "give one of "
						   "--baseline and "
						   "--write-baseline, once");
			r.baseline_path = optarg;
			r.write_baseline = c == OPT_WRITE_BASELINE;
			break;
		case OPT_STRICT_BASELINE:
			r.strict_baseline = true;
			break;
		case OPT_COLOR:
			if (color_mode_parse(optarg, &r.color) < 0)
				return usage_error("--color takes auto, always "
						   "or never, not '%s'", optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
		case 'o':
			if (*optarg == '\0' || strcmp(optarg, "-") == 0)
				return usage_error("--output takes a file name, "
						   "not '%s'; without it, the "
						   "report goes to standard "
						   "output", optarg);
			r.output = optarg;
			break;
		case 'q':
			r.quiet = true;
			break;
		case 'V':
			printf("connlint %s\n", CONNLINT_VERSION);
			return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
		case OPT_LIST_RULES:
			list = true;
			break;
		case OPT_MAX_DEPTH: {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > 100000)
				return usage_error("--max-depth takes a number "
						   "from 1 to 100000, not '%s'",
						   optarg);
			r.opts.max_depth = (unsigned)n;
			break;
		}
		case OPT_MAX_FILE_SIZE:
			if (parse_size(optarg, &r.max_size) < 0)
				return usage_error("--max-file-size takes a "
						   "size from 1 to 2G, such as "
						   "64M, not '%s'", optarg);
			break;
		case OPT_STDIN_FILENAME:
			r.stdin_name = optarg;
			break;
		default:
			fputs("Try 'connlint --help' for more information.\n",
			      stderr);
			return EXIT_TROUBLE;
		}
	}
	ruleset_init(&r.rules);
	if (ruleset_add_builtin(&r.rules, &err) < 0) {
		fprintf(stderr, "connlint: bug: a built-in rule does not load: "
			"%s\n", err);
		free(err);
		ruleset_release(&r.rules);
		return EXIT_TROUBLE;
	}
	if (list) {
		list_rules(&r.rules);
		ruleset_release(&r.rules);
		return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (optind == argc) {
		ruleset_release(&r.rules);
		return usage_error("%s", "no input: name files or directories, "
				   "or - for standard input");
	}
	if (r.strict_baseline && (r.baseline_path == NULL || r.write_baseline)) {
		ruleset_release(&r.rules);
		return usage_error("%s", "--strict-baseline goes with --baseline");
	}
	baseline_init(&r.baseline);
	if (r.baseline_path != NULL && start_baseline(&r) < 0) {
		ruleset_release(&r.rules);
		return EXIT_TROUBLE;
	}
	if (r.output != NULL) {
		if (outfile_open(&r.report_file, r.output, &err) < 0) {
			fprintf(stderr, "connlint: %s\n", err);
			free(err);
			if (r.write_baseline)
				outfile_abort(&r.baseline_file);
			baseline_release(&r.baseline);
			ruleset_release(&r.rules);
			return EXIT_TROUBLE;
		}
		/* The report takes the format; standard output keeps gcc. */
		emit_init(&r.report, fmt, r.report_file.fp,
			  &(struct emit_opts){ .rules = &r.rules,
					       .quiet = r.quiet });
		fmt = emitter_find("gcc");
	}
	emit_init(&r.emit, fmt, stdout, &(struct emit_opts){
		.rules = &r.rules, .quiet = r.quiet,
		.color = color_wanted(r.color, STDOUT_FILENO) });
	for (int k = optind; k < argc; k++)
		lint_arg(&r, argv[k]);
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
	status = r.troubles ? EXIT_TROUBLE :
	    r.emit.count[SEV_ERROR] || r.stale ? EXIT_FINDINGS : EXIT_CLEAN;
	baseline_release(&r.baseline);
	ruleset_release(&r.rules);
	return status;
}
