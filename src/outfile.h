/*
 * A file written whole or not at all, for reports (--output) and
 * baselines.  The text goes to a temporary file beside the target, which
 * takes the target's name (rename(2), atomic) only once all of it is
 * written and synced.  So a reader never sees half a file: an error, or a
 * run stopped by SIGINT, SIGTERM or SIGHUP, leaves the old file as it was
 * (or none) and removes the temporary one.
 *
 *   struct outfile o;
 *   if (outfile_open(&o, path, &err) < 0) ...
 *   fprintf(o.fp, ...);
 *   if (outfile_commit(&o, &err) < 0) ...     or outfile_abort(&o)
 */
#ifndef CONNLINT_OUTFILE_H
#define CONNLINT_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *fp;	/* owned: write the text here */
	char *path;	/* owned: the target */
	char *tmp;	/* owned: the temporary file, PATH.tmp.XXXXXX */
};

/*
 * Creates the temporary file, with the mode a new file would get.
 * Returns 0, or -1 with *err (the caller's, to free) saying why.
 */
int outfile_open(struct outfile *o, const char *path, char **err);
/*
 * Flushes, syncs and renames the temporary file to the target, and
 * releases o.  Returns 0, or -1 with *err when any step failed; the
 * temporary file is then removed and the target left alone.
 */
int outfile_commit(struct outfile *o, char **err);
/* Removes the temporary file and releases o. */
void outfile_abort(struct outfile *o);

#endif
