/*
 * Finding connection files below a directory.
 *
 * The walk takes the regular files named connection.json (a symbolic link
 * to one counts), in byte order of their names, so output is the same on
 * every machine.  It skips .git and node_modules, never follows a symbolic
 * link to a directory (so it cannot loop), and never opens anything but
 * directories: a FIFO or a device cannot make it hang.
 */
#ifndef CONNLINT_WALK_H
#define CONNLINT_WALK_H

#include <stddef.h>

#define WALK_FILE_NAME "connection.json"

struct walk_cb {
	/* path is the directory joined with the names below it */
	void (*file)(void *arg, const char *path);
	/* a directory that could not be read; the walk goes on */
	void (*error)(void *arg, const char *path, const char *msg);
	void *arg;
};

/* Walks dir; returns the number of files found. */
size_t walk_dir(const char *dir, const struct walk_cb *cb);

#endif
