/*
 * Baselines: the findings a repository already has, recorded once
 * (--write-baseline) and suppressed after (--baseline), so that connlint
 * can gate new problems from the day it is adopted.
 *
 *   {
 *     "version": 1,
 *     "tool": "connlint",
 *     "findings": [
 *       { "file": "a/connection.json", "ruleId": "property-description",
 *         "pointer": "/properties/url/description",
 *         "messageHash": "9c0e5b8a1f3d2e47", "count": 1 }
 *     ]
 *   }
 *
 * A finding is known by its file (as reported, without "./"), its rule,
 * its JSON Pointer (null for a syntax error) and a 64-bit FNV-1a hash of
 * its message; not by its line, so an edit elsewhere in the file keeps
 * it.  The same finding N times is one entry with count N: a run
 * suppresses at most N such findings, and reports the others as new.
 *
 * An entry is stale when the run linted its file, or walked a directory
 * above it, and found it fewer times than recorded: the problem was fixed
 * (or its file removed), and the baseline can shrink.
 */
#ifndef CONNLINT_BASELINE_H
#define CONNLINT_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

struct baseline_entry {
	char *file;		/* owned: normalised */
	char *rule;		/* owned */
	char *pointer;		/* owned, or NULL: the finding has none */
	uint64_t hash;		/* of the message */
	size_t count;		/* findings recorded */
	size_t seen;		/* findings suppressed in this run */
	bool covered;		/* this run looked at its file */
};

struct baseline {
	struct baseline_entry *v;	/* owned: sorted by key once loaded */
	size_t n, alloc;
};

/* A baseline entry's count may not exceed this. */
#define BASELINE_COUNT_MAX 1000000000

void baseline_init(struct baseline *b);
void baseline_release(struct baseline *b);

/*
 * Loads the baseline file at path (at most max bytes) into b, which must
 * be empty.  Returns 0, or -1 with *err (the caller's, to free) saying
 * what is wrong and where, as "path:line:col: message".
 */
int baseline_load(struct baseline *b, const char *path, size_t max,
		  char **err);
/*
 * Removes from l the findings in file that b records, as many of each as
 * recorded, and counts them; marks file's entries as covered.
 */
void baseline_filter(struct baseline *b, const char *file,
		     struct diag_list *l);
/* Marks the entries of every file below directory dir as covered. */
void baseline_cover_dir(struct baseline *b, const char *dir);
/* Adds l's findings in file to b (for writing it). */
void baseline_add(struct baseline *b, const char *file,
		  const struct diag_list *l);
/* The number of findings b records. */
size_t baseline_count(const struct baseline *b);
/* Writes b as a baseline file, one finding a line, in a stable order. */
void baseline_write(struct baseline *b, FILE *out);
/*
 * Writes one line to out for each stale entry:
 * "connlint: NAME: LEVEL: stale entry: ..."; returns their number.
 */
size_t baseline_report_stale(const struct baseline *b, const char *name,
			     const char *level, FILE *out);

#endif
