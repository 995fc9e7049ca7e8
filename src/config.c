#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "doc.h"
#include "glob.h"
#include "layout.h"
#include "lint.h"
#include "regex.h"
#include "source.h"
#include "xalloc.h"

/* How one selection sets one rule: "id": "warning" or { ... }. */
struct rule_level {
	char *id;
	bool has_sev;
	enum severity sev;
	struct check *then;	/* owned: the rule's checks with "options" */
	size_t nthen;
	unsigned *owned;	/* per check: the options it owns */
};

struct override {
	char **globs;		/* owned */
	char **pointers;	/* owned: the part after '#', or NULL */
	size_t nglobs;
	struct selection sel;
};

/* A config file being loaded. */
struct loader {
	struct config *cfg;
	struct source *src;
	struct doc doc;
	struct diag_list errs;
};

static void
errorf(struct loader *l, uint32_t node, bool at_key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Reports a problem at node's value, or at its key. */
static void
errorf(struct loader *l, uint32_t node, bool at_key, const char *fmt, ...)
{
	const struct node *n = doc_node(&l->doc, node);
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (at_key && n->key_end > n->key_off)
		diag_add(&l->errs, NULL, SEV_ERROR, n->key_off, n->key_end,
			 buf_detach(&msg));
	else
		diag_add(&l->errs, NULL, SEV_ERROR, n->off, n->end,
			 buf_detach(&msg));
}

/* Appends src's problems in l to out, one gcc-style line each. */
static void
format_errors(struct source *src, struct diag_list *l, struct buf *out)
{
	diag_list_sort(l);
	for (size_t k = 0; k < l->n; k++) {
		struct pos p = source_pos(src, l->v[k].off);

		buf_addf(out, "%s:%zu:%zu: error: %s\n", src->name, p.line,
			 p.col, l->v[k].msg);
	}
}

static const char *
str(struct loader *l, uint32_t node)
{
	return json_object_get_string(doc_value(&l->doc, node));
}

static bool
expect(struct loader *l, uint32_t node, const char *what, int type)
{
	if (doc_node(&l->doc, node)->type == type)
		return true;
	errorf(l, node, false, "\"%s\" must be %s, not %s", what,
	       jtype_phrase(type), jtype_phrase(doc_node(&l->doc, node)->type));
	return false;
}

/* Reads an array of strings; each passes check(), or is reported. */
static char **
string_list(struct loader *l, uint32_t node, const char *what, size_t *n,
	    bool (*check)(struct loader *, uint32_t))
{
	char **v;
	const struct node *arr = doc_node(&l->doc, node);

	*n = 0;
	if (!expect(l, node, what, J_ARRAY))
		return NULL;
	v = xcalloc(arr->count + 1, sizeof(*v));
	for (uint32_t c = arr->first; c != NODE_NONE;
	     c = doc_node(&l->doc, c)->next) {
		if (!expect(l, c, what, J_STRING) ||
		    (check != NULL && !check(l, c)))
			continue;
		v[(*n)++] = xstrdup(str(l, c));
	}
	return v;
}

static void
free_list(char **v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

/* Does the rule r answer to name: "all", its id, or one of its tags? */
static bool
rule_is(const struct rule *r, const char *name)
{
	if (strcmp(name, "all") == 0 || strcmp(name, r->id) == 0)
		return true;
	for (size_t k = 0; k < r->ntags; k++)
		if (strcmp(name, r->tags[k]) == 0)
			return true;
	return false;
}

static bool
known_name(const struct ruleset *rs, const char *name)
{
	for (size_t k = 0; k < rs->n; k++)
		if (rule_is(rs->v[k], name))
			return true;
	return false;
}

static bool
check_name(struct loader *l, uint32_t node)
{
	if (known_name(&l->cfg->rules, str(l, node)))
		return true;
	errorf(l, node, false, "no rule or tag is called \"%s\"; "
	       "connlint --list-rules shows them", str(l, node));
	return false;
}

static bool
check_glob(struct loader *l, uint32_t node)
{
	const char *why;
	size_t off;

	if (glob_check(str(l, node), &why, &off) == 0)
		return true;
	errorf(l, node, false, "%s (at offset %zu of the glob)", why, off);
	return false;
}

/* Shadow checks: the rule's own, with the options the config gives. */
static void
load_options(struct loader *l, struct rule_level *lv, const struct rule *r,
	     uint32_t node)
{
	struct doc *d = &l->doc;

	if (!expect(l, node, "options", J_OBJECT))
		return;
	lv->nthen = r->nthen;
	lv->then = xcalloc(r->nthen, sizeof(*lv->then));
	lv->owned = xcalloc(r->nthen, sizeof(*lv->owned));
	memcpy(lv->then, r->then, r->nthen * sizeof(*lv->then));
	for (uint32_t m = doc_node(d, node)->first; m != NODE_NONE;
	     m = doc_node(d, m)->next) {
		const char *key = tree_key(&d->tree, doc_node(d, m));
		int opt = option_find(key);
		bool used = false;

		for (size_t k = 0; opt >= 0 && k < r->nthen; k++) {
			char *why;
			uint32_t at;

			if (!(r->then[k].def->options & 1u << opt))
				continue;
			used = true;
			if (lv->owned[k] & 1u << opt)
				continue;
			if (check_set_option(&lv->then[k], (enum option)opt, d,
					     m, &why, &at) < 0) {
				errorf(l, at, false, "%s", why);
				free(why);
				break;
			}
			/* Only now: the copy's fields were the rule's before. */
			lv->owned[k] |= 1u << opt;
		}
		if (!used)
			errorf(l, m, true, "rule \"%s\" has no option \"%s\"",
			       r->id, key);
	}
}

static void
load_level(struct loader *l, struct selection *sel, uint32_t m, bool top)
{
	struct doc *d = &l->doc;
	const char *id = tree_key(&d->tree, doc_node(d, m));
	const struct rule *r = ruleset_find(&l->cfg->rules, id);
	struct rule_level *lv;
	uint32_t sev = m, opts = NODE_NONE;

	if (r == NULL) {
		errorf(l, m, true, "no rule is called \"%s\"; connlint "
		       "--list-rules shows them", id);
		return;
	}
	sel->levels = xrealloc(sel->levels, (sel->nlevels + 1) *
			       sizeof(*sel->levels));
	lv = memset(&sel->levels[sel->nlevels++], 0, sizeof(*lv));
	lv->id = xstrdup(id);
	if (doc_node(d, m)->type == J_OBJECT) {
		for (uint32_t k = doc_node(d, m)->first; k != NODE_NONE;
		     k = doc_node(d, k)->next) {
			const char *key = tree_key(&d->tree, doc_node(d, k));

			if (strcmp(key, "options") == 0 && top)
				opts = k;
			else if (strcmp(key, "severity") != 0)
				errorf(l, k, true, "unknown key \"%s\"; a rule "
				       "takes \"severity\"%s", key, top ?
				       " and \"options\"" : "");
		}
		sev = doc_member(d, m, "severity");
		if (opts != NODE_NONE)
			load_options(l, lv, r, opts);
	} else if (doc_node(d, m)->type != J_STRING) {
		errorf(l, m, false, "a rule's setting is a severity or an "
		       "object with \"severity\"%s", top ? " and \"options\"" :
		       "");
		return;
	}
	if (sev == NODE_NONE || !expect(l, sev, "severity", J_STRING))
		return;
	if (severity_parse(str(l, sev), &lv->sev) < 0) {
		errorf(l, sev, false, "unknown severity \"%s\"; expected "
		       "error, warning, note or off", str(l, sev));
		return;
	}
	if (r->core != NULL && strcmp(r->core, LOAD_SYNTAX) == 0 &&
	    lv->sev != SEV_ERROR) {
		errorf(l, sev, false, "json-syntax is always an error: a file "
		       "that is not JSON cannot be checked");
		return;
	}
	lv->has_sev = true;
}

/* Loads "select", "ignore" and "rules" of the object at node into sel. */
static void
load_selection(struct loader *l, uint32_t node, struct selection *sel,
	       bool top)
{
	struct doc *d = &l->doc;
	uint32_t m;

	m = doc_member(d, node, "select");
	if (m != NODE_NONE)
		sel->select = string_list(l, m, "select", &sel->nselect,
					  check_name);
	m = doc_member(d, node, "ignore");
	if (m != NODE_NONE)
		sel->ignore = string_list(l, m, "ignore", &sel->nignore,
					  check_name);
	m = doc_member(d, node, "rules");
	if (m != NODE_NONE && expect(l, m, "rules", J_OBJECT))
		for (uint32_t k = doc_node(d, m)->first; k != NODE_NONE;
		     k = doc_node(d, k)->next)
			load_level(l, sel, k, top);
}

static void
selection_release(struct selection *sel)
{
	free_list(sel->select, sel->nselect);
	free_list(sel->ignore, sel->nignore);
	for (size_t k = 0; k < sel->nlevels; k++) {
		struct rule_level *lv = &sel->levels[k];

		for (size_t c = 0; c < lv->nthen; c++)
			for (int opt = 0; opt < OPT__COUNT; opt++)
				if (lv->owned[c] & 1u << opt)
					check_release_option(&lv->then[c],
							     (enum option)opt);
		free(lv->then);
		free(lv->owned);
		free(lv->id);
	}
	free(sel->levels);
	memset(sel, 0, sizeof(*sel));
}

/* A glob as written, less trailing '/': a directory matches either way. */
static char *
trimmed_glob(const char *text, size_t len)
{
	while (len > 1 && text[len - 1] == '/')
		len--;
	return xmemdup(text, len);
}

static void
load_overrides(struct loader *l, uint32_t node)
{
	struct doc *d = &l->doc;
	struct config *cfg = l->cfg;

	if (!expect(l, node, "overrides", J_ARRAY))
		return;
	cfg->overrides = xcalloc(doc_node(d, node)->count,
				 sizeof(*cfg->overrides));
	for (uint32_t o = doc_node(d, node)->first; o != NODE_NONE;
	     o = doc_node(d, o)->next) {
		struct override *ov = &cfg->overrides[cfg->noverrides];
		uint32_t files = doc_member(d, o, "files");

		if (!expect(l, o, "overrides", J_OBJECT))
			continue;
		for (uint32_t m = doc_node(d, o)->first; m != NODE_NONE;
		     m = doc_node(d, m)->next) {
			const char *key = tree_key(&d->tree, doc_node(d, m));

			if (strcmp(key, "files") && strcmp(key, "rules") &&
			    strcmp(key, "select") && strcmp(key, "ignore"))
				errorf(l, m, true, "unknown key \"%s\" in an "
				       "override; expected files, rules, "
				       "select, ignore", key);
		}
		if (files == NODE_NONE) {
			errorf(l, o, false, "an override needs \"files\": the "
			       "globs it applies to");
			continue;
		}
		if (!expect(l, files, "files", J_ARRAY))
			continue;
		cfg->noverrides++;
		ov->globs = xcalloc(doc_node(d, files)->count + 1,
				    sizeof(*ov->globs));
		ov->pointers = xcalloc(doc_node(d, files)->count + 1,
				       sizeof(*ov->pointers));
		for (uint32_t f = doc_node(d, files)->first; f != NODE_NONE;
		     f = doc_node(d, f)->next) {
			const char *text, *hash, *why;
			size_t off;
			char *glob;

			if (!expect(l, f, "files", J_STRING))
				continue;
			text = str(l, f);
			hash = strchr(text, '#');
			glob = trimmed_glob(text, hash != NULL ?
					    (size_t)(hash - text) : strlen(text));
			if (glob_check(glob, &why, &off) < 0) {
				errorf(l, f, false, "%s (at offset %zu of the "
				       "glob)", why, off);
				free(glob);
				continue;
			}
			if (hash != NULL && hash[1] != '\0' && hash[1] != '/') {
				errorf(l, f, false, "after '#' comes a JSON "
				       "Pointer, such as #/properties/token");
				free(glob);
				continue;
			}
			ov->globs[ov->nglobs] = glob;
			ov->pointers[ov->nglobs++] = hash != NULL ?
			    xstrdup(hash + 1) : NULL;
		}
		load_selection(l, o, &ov->sel, false);
	}
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Adds one rule file to the config's rules; problems go to errors.
 * listed: found by listing a directory, so only a regular file will do
 * (a FIFO there cannot make connlint wait); a file named on purpose is
 * read as cat(1) would, as a linted file is.
 */
static void
add_rule_file(struct config *cfg, const char *path, struct buf *errors,
	      bool *failed, bool listed)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct source *src;
	char *why;

	src = source_read(path, NULL, SOURCE_MAX_SIZE_DEFAULT, listed, &why);
	if (src == NULL) {
		buf_addf(errors, "%s: error: %s\n", path, why);
		free(why);
		*failed = true;
		return;
	}
	if (ruleset_add(&cfg->rules, src, &errs) < 0) {
		format_errors(src, &errs, errors);
		*failed = true;
	}
	diag_list_release(&errs);
	source_free(src);
}

/* Adds a rule file, or every *.json file of a directory, in name order. */
static void
add_rule_path(struct config *cfg, const char *path, struct buf *errors,
	      bool *failed)
{
	struct stat st;
	DIR *dir;
	struct dirent *ent;
	char **names = NULL;
	size_t n = 0, alloc = 0;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		add_rule_file(cfg, path, errors, failed, false);
		return;
	}
	dir = opendir(path);
	if (dir == NULL) {
		buf_addf(errors, "%s: error: %s\n", path, strerror(errno));
		*failed = true;
		return;
	}
	while ((ent = readdir(dir)) != NULL) {
		size_t len = strlen(ent->d_name);

		if (len > 5 && strcmp(ent->d_name + len - 5, ".json") == 0) {
			struct buf p = BUF_INIT;

			buf_addf(&p, "%s%s%s", path,
				 path[strlen(path) - 1] == '/' ? "" : "/",
				 ent->d_name);
			names = xgrow(names, sizeof(*names), n + 1, &alloc);
			names[n++] = buf_detach(&p);
		}
	}
	closedir(dir);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (size_t k = 0; k < n; k++)
		add_rule_file(cfg, names[k], errors, failed, true);
	free_list(names, n);
}

/* An absolute path as the user would write it: relative to the cwd. */
static char *
shorten(const char *path)
{
	const char *cwd = path_working_dir();
	size_t len = cwd != NULL ? strlen(cwd) : 0;
	char *s;

	if (cwd != NULL && len > 1 && strncmp(path, cwd, len) == 0 &&
	    path[len] == '/')
		s = xstrdup(path + len + 1);
	else
		s = xstrdup(path);
	return s;
}

/*
 * A path from the config: relative ones start at the config's directory.
 * It is shown in messages relative to the working directory, if below it.
 */
static char *
config_path(const struct config *cfg, const char *path)
{
	struct buf b = BUF_INIT;
	char *abs, *shown;

	if (path[0] != '/')
		buf_addf(&b, "%s/", cfg->dir);
	buf_adds(&b, path);
	abs = path_absolute(b.s);
	shown = shorten(abs);
	buf_release(&b);
	free(abs);
	return shown;
}

static const char *const config_keys[] = {
	"$schema", "exclude", "ignore", "overrides", "ruleFiles", "rules",
	"select",
};

/* Checks the config file's keys and loads its rule files. */
static void
load_file_rules(struct loader *l, struct buf *errors, bool *failed)
{
	struct doc *d = &l->doc;
	uint32_t m;

	if (!expect(l, 0, "a config file", J_OBJECT))
		return;
	for (m = doc_node(d, 0)->first; m != NODE_NONE;
	     m = doc_node(d, m)->next) {
		const char *key = tree_key(&d->tree, doc_node(d, m));
		size_t k;

		for (k = 0; k < ARRAY_SIZE(config_keys); k++)
			if (strcmp(key, config_keys[k]) == 0)
				break;
		if (k == ARRAY_SIZE(config_keys))
			errorf(l, m, true, "unknown key \"%s\"; a config file "
			       "takes rules, select, ignore, ruleFiles, "
			       "exclude, overrides", key);
	}
	m = doc_member(d, 0, "ruleFiles");
	if (m == NODE_NONE || !expect(l, m, "ruleFiles", J_ARRAY))
		return;
	for (uint32_t f = doc_node(d, m)->first; f != NODE_NONE;
	     f = doc_node(d, f)->next) {
		struct stat st;
		char *p;

		if (!expect(l, f, "ruleFiles", J_STRING))
			continue;
		p = config_path(l->cfg, str(l, f));
		if (stat(p, &st) != 0)
			errorf(l, f, false, "cannot read \"%s\": %s", str(l, f),
			       strerror(errno));
		else
			add_rule_path(l->cfg, p, errors, failed);
		free(p);
	}
}

/* Loads the rest, once every rule is known. */
static void
load_file_settings(struct loader *l)
{
	struct doc *d = &l->doc;
	struct config *cfg = l->cfg;
	uint32_t m;

	if (doc_node(d, 0)->type != J_OBJECT)
		return;
	m = doc_member(d, 0, "exclude");
	if (m != NODE_NONE)
		cfg->exclude = string_list(l, m, "exclude", &cfg->nexclude,
					   check_glob);
	for (size_t k = 0; k < cfg->nexclude; k++) {
		char *g = trimmed_glob(cfg->exclude[k], strlen(cfg->exclude[k]));

		free(cfg->exclude[k]);
		cfg->exclude[k] = g;
	}
	load_selection(l, 0, &cfg->base, true);
	m = doc_member(d, 0, "overrides");
	if (m != NODE_NONE)
		load_overrides(l, m);
}

/* The command line's names must be rules or tags too. */
static void
check_cli(const struct config *cfg, const struct cli_settings *cli,
	  struct buf *errors, bool *failed)
{
	const struct selection *s = &cli->sel;

	for (size_t k = 0; k < s->nselect + s->nignore; k++) {
		const char *name = k < s->nselect ? s->select[k] :
		    s->ignore[k - s->nselect];

		if (!known_name(&cfg->rules, name)) {
			buf_addf(errors, "connlint: --%s: no rule or tag is "
				 "called \"%s\"\n", k < s->nselect ? "select" :
				 "ignore", name);
			*failed = true;
		}
	}
	for (size_t k = 0; k < s->nlevels; k++) {
		const struct rule *r = ruleset_find(&cfg->rules,
						    s->levels[k].id);

		if (r == NULL) {
			buf_addf(errors, "connlint: --severity: no rule is "
				 "called \"%s\"\n", s->levels[k].id);
			*failed = true;
		} else if (r->core != NULL && strcmp(r->core, LOAD_SYNTAX) == 0
			   && s->levels[k].sev != SEV_ERROR) {
			buf_addf(errors, "connlint: --severity: json-syntax is "
				 "always an error\n");
			*failed = true;
		}
	}
}

static size_t rules_for(const struct config *cfg, const char *rel,
			struct lint_rule *rules);

struct config *
config_load(const char *path, const char *dir, const struct cli_settings *cli,
	    struct buf *errors)
{
	struct config *cfg = xcalloc(1, sizeof(*cfg));
	struct loader l = { cfg, NULL, { 0 }, DIAG_LIST_INIT };
	bool failed = false, parsed = false;
	char *why = NULL, *abs;

	ruleset_init(&cfg->rules);
	if (ruleset_add_builtin(&cfg->rules, &why) < 0) {
		buf_addf(errors, "connlint: bug: a built-in rule does not "
			 "load: %s\n", why);
		free(why);
		config_free(cfg);
		return NULL;
	}
	abs = path_absolute(path != NULL ? path : dir);
	if (path != NULL) {
		char *slash = strrchr(abs, '/');

		cfg->path = xstrdup(path);
		cfg->dir = xmemdup(abs, slash > abs ? (size_t)(slash - abs) : 1);
		free(abs);
		l.src = source_read(path, NULL, SOURCE_MAX_SIZE_DEFAULT, false,
				    &why);
		if (l.src == NULL) {
			buf_addf(errors, "connlint: %s: %s\n", path, why);
			free(why);
			config_free(cfg);
			return NULL;
		}
		parsed = doc_load(&l.doc, l.src, DOC_MAX_DEPTH_DEFAULT,
				  &l.errs) == 0 && l.errs.n == 0;
		if (parsed)
			load_file_rules(&l, errors, &failed);
	} else {
		cfg->dir = abs;
	}
	/* --rules before the settings, which may name their rules */
	for (size_t k = 0; k < cli->nrule_paths; k++)
		add_rule_path(cfg, cli->rule_paths[k], errors, &failed);
	if (parsed)
		load_file_settings(&l);
	if (l.src != NULL) {
		failed |= l.errs.n > 0;
		format_errors(l.src, &l.errs, errors);
		diag_list_release(&l.errs);
		doc_release(&l.doc);
		source_free(l.src);
	}
	check_cli(cfg, cli, errors, &failed);
	if (failed) {
		config_free(cfg);
		return NULL;
	}
	cfg->cli = cli;
	cfg->plain = xcalloc(cfg->rules.n + 1, sizeof(*cfg->plain));
	cfg->nplain = rules_for(cfg, NULL, cfg->plain);
	return cfg;
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	selection_release(&cfg->base);
	for (size_t k = 0; k < cfg->noverrides; k++) {
		free_list(cfg->overrides[k].globs, cfg->overrides[k].nglobs);
		free_list(cfg->overrides[k].pointers, cfg->overrides[k].nglobs);
		selection_release(&cfg->overrides[k].sel);
	}
	free(cfg->overrides);
	free_list(cfg->exclude, cfg->nexclude);
	ruleset_release(&cfg->rules);
	free(cfg->plain);
	free(cfg->path);
	free(cfg->dir);
	free(cfg);
}

/* How a rule stands for one file, or one place in it. */
struct state {
	bool on;
	enum severity sev;
	const struct check *then;
};

static bool
listed(const struct rule *r, char *const *names, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (rule_is(r, names[k]))
			return true;
	return false;
}

static void
apply(const struct selection *s, const struct rule *r, struct state *st)
{
	if (s->select != NULL)
		st->on = listed(r, s->select, s->nselect);
	if (listed(r, s->ignore, s->nignore))
		st->on = false;
	for (size_t k = 0; k < s->nlevels; k++) {
		const struct rule_level *lv = &s->levels[k];

		if (strcmp(lv->id, r->id) != 0)
			continue;
		if (lv->has_sev) {
			st->sev = lv->sev;
			st->on = lv->sev != SEV_OFF;
		}
		if (lv->then != NULL)
			st->then = lv->then;
	}
}

/* path relative to the config's directory, or NULL if it is not below. */
static const char *
relative(const struct config *cfg, const char *path)
{
	size_t len = strlen(cfg->dir);

	if (strcmp(cfg->dir, "/") == 0)
		return path + 1;
	if (strncmp(path, cfg->dir, len) != 0 || path[len] != '/')
		return NULL;
	return path + len + 1;
}

/* Is a JSON Pointer at or below another: "/a/b" is below "/a"? */
static bool
below(const char *ptr, const char *top)
{
	size_t len = strlen(top);

	return strncmp(ptr, top, len) == 0 &&
	       (ptr[len] == '\0' || ptr[len] == '/');
}

/*
 * The state of rule r for the file rel, at JSON Pointer ptr: NULL for the
 * whole file, "*" for anywhere in it (an override with a pointer counts).
 */
static struct state
resolve(const struct config *cfg, const struct cli_settings *cli,
	const struct rule *r, const char *rel, const char *ptr)
{
	struct state st = { true, r->severity, r->then };

	apply(&cfg->base, r, &st);
	for (size_t k = 0; rel != NULL && k < cfg->noverrides; k++) {
		const struct override *ov = &cfg->overrides[k];

		for (size_t g = 0; g < ov->nglobs; g++) {
			const char *p = ov->pointers[g];

			if (p != NULL && (ptr == NULL || (strcmp(ptr, "*") &&
						      !below(ptr, p))))
				continue;
			if (glob_match(ov->globs[g], rel)) {
				apply(&ov->sel, r, &st);
				break;
			}
		}
	}
	apply(&cli->sel, r, &st);
	if (r->core != NULL && strcmp(r->core, LOAD_SYNTAX) == 0) {
		/* A file that is not JSON cannot be checked: never silent. */
		st.on = true;
		st.sev = SEV_ERROR;
	}
	if (!st.on)
		st.sev = SEV_OFF;
	return st;
}

/* Does an override with a JSON Pointer apply to the file rel? */
static bool
has_pointer_override(const struct config *cfg, const char *rel)
{
	for (size_t k = 0; rel != NULL && k < cfg->noverrides; k++)
		for (size_t g = 0; g < cfg->overrides[k].nglobs; g++)
			if (cfg->overrides[k].pointers[g] != NULL &&
			    glob_match(cfg->overrides[k].globs[g], rel))
				return true;
	return false;
}

/* Does an override apply to the file rel, or somewhere in it? */
static bool
has_override(const struct config *cfg, const char *rel)
{
	for (size_t k = 0; rel != NULL && k < cfg->noverrides; k++)
		for (size_t g = 0; g < cfg->overrides[k].nglobs; g++)
			if (glob_match(cfg->overrides[k].globs[g], rel))
				return true;
	return false;
}

/* The rules of rel (NULL: a file no override names) into rules[]. */
static size_t
rules_for(const struct config *cfg, const char *rel, struct lint_rule *rules)
{
	bool pointers = has_pointer_override(cfg, rel);
	size_t n = 0;

	for (size_t k = 0; k < cfg->rules.n; k++) {
		const struct rule *r = cfg->rules.v[k];
		struct state st = resolve(cfg, cfg->cli, r, rel, NULL);

		/* Off for the file but on somewhere in it: run, then filter. */
		if (st.sev == SEV_OFF && pointers)
			st = resolve(cfg, cfg->cli, r, rel, "*");
		if (st.sev == SEV_OFF)
			continue;
		rules[n].rule = r;
		rules[n].sev = st.sev;
		rules[n].then = st.then;
		n++;
	}
	return n;
}

/*
 * Most files are named by no override, and their rules are the config's
 * own, worked out once at load: for each file, resolving every rule
 * against every selection took a fortieth of the benchmark's time.
 */
size_t
config_rules_for(const struct config *cfg, const char *path,
		 struct lint_rule **rules, size_t *alloc)
{
	const char *rel = relative(cfg, path);

	*rules = xgrow(*rules, sizeof(**rules), cfg->rules.n, alloc);
	if (has_override(cfg, rel))
		return rules_for(cfg, rel, *rules);
	memcpy(*rules, cfg->plain, cfg->nplain * sizeof(**rules));
	return cfg->nplain;
}

void
config_filter(const struct config *cfg, const char *path,
	      struct diag_list *l)
{
	const char *rel = relative(cfg, path);
	size_t w = 0;

	if (!has_pointer_override(cfg, rel))
		return;
	memset(l->count, 0, sizeof(l->count));
	for (size_t k = 0; k < l->n; k++) {
		struct diag *d = &l->v[k];
		const struct rule *r = ruleset_find(&cfg->rules, d->rule);
		struct state st = resolve(cfg, cfg->cli, r, rel,
					  d->pointer != NULL ? d->pointer : "");

		if (st.sev == SEV_OFF) {
			free(d->msg);
			free(d->pointer);
			free(d->note);
			continue;
		}
		d->sev = st.sev;
		l->count[d->sev]++;
		l->v[w++] = *d;
	}
	l->n = w;
}

/* A path is excluded when it, or a directory above it, matches. */
bool
config_excludes(const struct config *cfg, const char *path)
{
	const char *rel = relative(cfg, path);
	char *prefix;
	bool hit = false;

	if (rel == NULL || cfg->nexclude == 0)
		return false;
	prefix = xstrdup(rel);
	for (char *end = prefix; !hit && end != NULL;) {
		char c;

		end = strchr(end + 1, '/');
		c = end != NULL ? *end : '\0';
		if (end != NULL)
			*end = '\0';
		for (size_t k = 0; !hit && k < cfg->nexclude; k++)
			hit = glob_match(cfg->exclude[k], prefix);
		if (end != NULL)
			*end = c;
	}
	free(prefix);
	return hit;
}

/* Splits a comma-separated list onto *v; -1 if it names nothing. */
static int
add_names(char ***v, size_t *n, const char *list)
{
	const char *p = list;
	size_t before = *n;

	for (;;) {
		size_t len = strcspn(p, ",");

		if (len > 0) {
			*v = xrealloc(*v, (*n + 2) * sizeof(**v));
			(*v)[(*n)++] = xmemdup(p, len);
			(*v)[*n] = NULL;
		}
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	return *n > before ? 0 : -1;
}

int
cli_add_select(struct cli_settings *cli, const char *list)
{
	if (cli->sel.select == NULL)
		cli->sel.select = xcalloc(1, sizeof(*cli->sel.select));
	return add_names(&cli->sel.select, &cli->sel.nselect, list);
}

int
cli_add_ignore(struct cli_settings *cli, const char *list)
{
	return add_names(&cli->sel.ignore, &cli->sel.nignore, list);
}

int
cli_add_severity(struct cli_settings *cli, const char *arg, char **err)
{
	const char *eq = strchr(arg, '=');
	struct selection *s = &cli->sel;
	struct rule_level *lv;
	enum severity sev;

	if (eq == NULL || eq == arg || severity_parse(eq + 1, &sev) < 0) {
		struct buf b = BUF_INIT;

		buf_addf(&b, "--severity takes ID=LEVEL, with LEVEL one of "
			 "error, warning, note, off, not '%s'", arg);
		*err = buf_detach(&b);
		return -1;
	}
	s->levels = xrealloc(s->levels, (s->nlevels + 1) * sizeof(*s->levels));
	lv = memset(&s->levels[s->nlevels++], 0, sizeof(*lv));
	lv->id = xmemdup(arg, (size_t)(eq - arg));
	lv->sev = sev;
	lv->has_sev = true;
	return 0;
}

void
cli_settings_release(struct cli_settings *cli)
{
	selection_release(&cli->sel);
}

char *
path_absolute(const char *path)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	const char *p;

	if (path[0] != '/') {
		const char *here = path_working_dir();

		buf_adds(&in, here != NULL ? here : ".");
		buf_addch(&in, '/');
	}
	buf_adds(&in, path);
	for (p = in.s; *p != '\0';) {
		size_t len;

		while (*p == '/')
			p++;
		len = strcspn(p, "/");
		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (out.len > 0 && out.s[out.len - 1] != '/')
				out.len--;
			if (out.len > 0)
				out.len--;
			out.s[out.len] = '\0';
		} else {
			buf_addch(&out, '/');
			buf_add(&out, p, len);
		}
		p += len;
	}
	if (out.len == 0)
		buf_addch(&out, '/');
	buf_release(&in);
	return buf_detach(&out);
}

/* Which config a directory gets: one slot of the cache's hash table. */
struct slot {
	char *dir;		/* owned; NULL: the slot is free */
	struct config *cfg;	/* borrowed from the cache's list */
	bool failed;		/* the config there did not load */
	bool bare;		/* only known to hold no config file: its
				 * config is its parent's, not yet found */
};

struct config_cache {
	const struct cli_settings *cli;
	const char *fixed;	/* --config */
	bool no_config;
	struct slot *slots;
	size_t nslots, used;
	struct config **configs;	/* owned: every one loaded */
	size_t nconfigs, configs_alloc;
	struct config *none;	/* the defaults, when no file applies */
	bool none_failed;
};

struct config_cache *
config_cache_new(const struct cli_settings *cli, const char *fixed,
		 bool no_config)
{
	struct config_cache *cc = xcalloc(1, sizeof(*cc));

	cc->cli = cli;
	cc->fixed = fixed;
	cc->no_config = no_config;
	cc->nslots = 64;
	cc->slots = xcalloc(cc->nslots, sizeof(*cc->slots));
	return cc;
}

void
config_cache_free(struct config_cache *cc)
{
	if (cc == NULL)
		return;
	for (size_t k = 0; k < cc->nslots; k++)
		free(cc->slots[k].dir);
	free(cc->slots);
	for (size_t k = 0; k < cc->nconfigs; k++)
		config_free(cc->configs[k]);
	free(cc->configs);
	config_free(cc->none);
	free(cc);
}

static size_t
hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct slot *
lookup(struct config_cache *cc, const char *dir)
{
	size_t k = hash(dir) & (cc->nslots - 1);

	while (cc->slots[k].dir != NULL && strcmp(cc->slots[k].dir, dir) != 0)
		k = (k + 1) & (cc->nslots - 1);
	return &cc->slots[k];
}

/* The slot of dir, made if need be; bare if made. */
static struct slot *
slot_for(struct config_cache *cc, const char *dir)
{
	struct slot *s;

	if (2 * (cc->used + 1) > cc->nslots) {
		struct slot *old = cc->slots;
		size_t n = cc->nslots;

		cc->nslots *= 2;
		cc->slots = xcalloc(cc->nslots, sizeof(*cc->slots));
		for (size_t k = 0; k < n; k++)
			if (old[k].dir != NULL)
				*lookup(cc, old[k].dir) = old[k];
		free(old);
	}
	s = lookup(cc, dir);
	if (s->dir == NULL) {
		s->dir = xstrdup(dir);
		s->bare = true;
		cc->used++;
	}
	return s;
}

static void
remember(struct config_cache *cc, const char *dir, struct config *cfg,
	 bool failed)
{
	struct slot *s = slot_for(cc, dir);

	if (!s->bare)
		return;
	s->cfg = cfg;
	s->failed = failed;
	s->bare = false;
}

void
config_cache_listed(struct config_cache *cc, const char *dir, bool has_file)
{
	if (!has_file && !cc->no_config && cc->fixed == NULL)
		slot_for(cc, dir);
}

static struct config *
load_kept(struct config_cache *cc, const char *path, struct buf *errors,
	  bool *failed)
{
	char *name = shorten(path);
	struct config *cfg = config_load(name, "/", cc->cli, errors);

	free(name);
	*failed = cfg == NULL;
	if (cfg != NULL) {
		cc->configs = xgrow(cc->configs, sizeof(*cc->configs),
				    cc->nconfigs + 1, &cc->configs_alloc);
		cc->configs[cc->nconfigs++] = cfg;
	}
	return cfg;
}

static const struct config *
defaults(struct config_cache *cc, struct buf *errors)
{
	if (cc->none == NULL && !cc->none_failed) {
		cc->none = config_load(NULL, "/", cc->cli, errors);
		cc->none_failed = cc->none == NULL;
	}
	return cc->none;
}

/* The length of the parent of dir[0..len): "/a/b" is "/a", "/a" is "/". */
static size_t
parent_len(const char *dir, size_t len)
{
	while (len > 1 && dir[len - 1] != '/')
		len--;
	return len > 1 ? len - 1 : 1;
}

const struct config *
config_for(struct config_cache *cc, const char *path, struct buf *errors)
{
	struct buf file = BUF_INIT;
	struct config *cfg = NULL;
	bool failed = false;
	size_t *seen = NULL, nseen = 0, seen_alloc = 0, len;
	char *dir;

	if (cc->no_config)
		return defaults(cc, errors);
	if (cc->fixed != NULL) {
		if (cc->nconfigs == 0 && !cc->none_failed) {
			load_kept(cc, cc->fixed, errors, &failed);
			cc->none_failed = failed;
		}
		return cc->nconfigs > 0 ? cc->configs[0] : NULL;
	}
	dir = xstrdup(path);
	len = parent_len(dir, strlen(dir));
	/* Up from the file's directory to the first that knows, or has one. */
	for (;;) {
		char c = dir[len];
		struct slot *s;
		struct stat st;

		dir[len] = '\0';
		s = lookup(cc, dir);
		if (s->dir != NULL && !s->bare) {
			cfg = s->cfg;
			failed = s->failed;
			dir[len] = c;
			break;
		}
		seen = xgrow(seen, sizeof(*seen), nseen + 1, &seen_alloc);
		seen[nseen++] = len;
		buf_reset(&file);
		buf_addf(&file, "%s/%s", len > 1 ? dir : "", CONFIG_FILE_NAME);
		dir[len] = c;
		/* A directory a walk listed without one: no stat. */
		if (s->dir == NULL && stat(file.s, &st) == 0 &&
		    S_ISREG(st.st_mode)) {
			cfg = load_kept(cc, file.s, errors, &failed);
			break;
		}
		if (len == 1)
			break;	/* the root: no config file anywhere */
		len = parent_len(dir, len);
	}
	/* Every directory on the way gets the same answer. */
	for (size_t k = 0; k < nseen; k++) {
		dir[seen[k]] = '\0';
		remember(cc, dir, cfg, failed);
	}
	free(seen);
	free(dir);
	buf_release(&file);
	if (failed)
		return NULL;
	return cfg != NULL ? cfg : defaults(cc, errors);
}
