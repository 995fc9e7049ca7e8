/*
 * Configuration: which rules run on which file, at which severity.
 *
 * A config file is JSON, named .connlint.json; for each linted file the
 * closest one up from its directory applies (they do not merge):
 *
 *   {
 *     "rules": { "property-description": "warning",
 *                "my-rule": { "severity": "error",
 *                             "options": { "match": "^[a-z_]+$" } } },
 *     "select": ["all"],          rule ids or tags; "all" is every rule
 *     "ignore": ["style"],        rule ids or tags
 *     "ruleFiles": ["policy/"],   rule files, or directories of them
 *     "exclude": ["vendor"],      globs (glob.h) of paths not to walk into
 *     "overrides": [
 *       { "files": ["legacy/old/connection.json"], "rules": { ... } },
 *       { "files": ["a/connection.json#/properties/token"], ... }
 *     ]
 *   }
 *
 * Paths and globs are relative to the config file's directory.  An
 * override applies "rules", "select" and "ignore" to the files its globs
 * match; a glob with "#" and a JSON Pointer applies them only to findings
 * at that pointer or below it.  The command line's selection (struct
 * selection) comes last, so it beats every file.
 *
 * A rule runs when it is selected and not ignored; naming it in "rules"
 * with a severity turns it on at that severity, and "off" turns it off.
 * "options" replaces check options (values, types, match, notMatch, min,
 * max) in each check of the rule that takes them.  json-syntax cannot be
 * turned off or lowered: a file that is not JSON cannot be checked.
 */
#ifndef CONNLINT_CONFIG_H
#define CONNLINT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "rule.h"

struct buf;
struct lint_rule;
struct rule_level;

#define CONFIG_FILE_NAME ".connlint.json"

/* One set of choices: a config file's, an override's, the command line's. */
struct selection {
	char **select;		/* owned; NULL: not given */
	size_t nselect;
	char **ignore;		/* owned */
	size_t nignore;
	struct rule_level *levels;	/* owned: "rules" */
	size_t nlevels;
};

struct override;

struct config {
	char *path;		/* owned: the file, or NULL: no file */
	char *dir;		/* owned: absolute; globs are relative to it */
	struct ruleset rules;	/* built-ins, ruleFiles, then --rules */
	struct selection base;
	char **exclude;		/* owned globs */
	size_t nexclude;
	struct override *overrides;	/* owned */
	size_t noverrides;
	const struct cli_settings *cli;	/* borrowed: outlives the config */
	struct lint_rule *plain;	/* owned: the rules of a file that no
					 * override names */
	size_t nplain;
};

/* What the command line adds: it applies to every config. */
struct cli_settings {
	struct selection sel;
	char **rule_paths;	/* borrowed: --rules */
	size_t nrule_paths;
};

/*
 * Parses "--select" and "--ignore" values (comma-separated ids or tags)
 * and "--severity ID=LEVEL" into cli.  Returns -1 with *err (the
 * caller's) for a bad value.  The ids are checked against the rules
 * later, by config_load().
 */
int cli_add_select(struct cli_settings *cli, const char *list);
int cli_add_ignore(struct cli_settings *cli, const char *list);
int cli_add_severity(struct cli_settings *cli, const char *arg, char **err);
void cli_settings_release(struct cli_settings *cli);

/*
 * Loads the config file at path (NULL: no file, the defaults, with dir
 * the directory that relative paths start from) with the built-in rules,
 * its rule files and the command line's (cli, which must outlive it).
 * Each problem is appended to errors as a line "file:line:col: error:
 * message".  Returns NULL when the config cannot be used.
 */
struct config *config_load(const char *path, const char *dir,
			   const struct cli_settings *cli, struct buf *errors);
void config_free(struct config *cfg);

/*
 * The rules as file path (absolute) sees them: fills *rules (grown as
 * needed, the caller's to free) and returns how many.
 */
size_t config_rules_for(const struct config *cfg, const char *path,
			struct lint_rule **rules, size_t *alloc);
/*
 * Applies overrides that name a JSON Pointer to the findings for path:
 * re-levels them, and drops those turned off.
 */
void config_filter(const struct config *cfg, const char *path,
		   struct diag_list *l);
/* Is the absolute path (a file or a directory) excluded from walks? */
bool config_excludes(const struct config *cfg, const char *path);

/*
 * Finding the config of each file: the closest .connlint.json up from its
 * directory, loaded once per file and remembered per directory.
 */
struct config_cache;

/* fixed: a --config file for every path; no_config: --no-config. */
struct config_cache *config_cache_new(const struct cli_settings *cli,
				      const char *fixed, bool no_config);
void config_cache_free(struct config_cache *cc);
/*
 * Tells the cache that a walk read directory dir (absolute), and whether
 * it holds a file named CONFIG_FILE_NAME: one that does not is not
 * looked at again (a stat for each folder of a walk).
 */
void config_cache_listed(struct config_cache *cc, const char *dir,
			 bool has_file);
/*
 * The config for the absolute path of a file.  NULL when it could not be
 * loaded: the reasons are in errors, once per config file.
 */
const struct config *config_for(struct config_cache *cc, const char *path,
				struct buf *errors);

/*
 * Makes path absolute (from the working directory) and removes ".",
 * ".." and repeated '/' lexically, without looking at the file system.
 */
char *path_absolute(const char *path);

#endif
