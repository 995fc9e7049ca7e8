/*
 * Finding connection files below a directory.
 *
 * The walk takes the regular files named connection.json (a symbolic link
 * to one counts), directory by directory in byte order of their names, so
 * output is the same on every machine.  It skips .git and node_modules,
 * never follows a symbolic link to a directory (so it cannot loop), and
 * hands on only regular files: a FIFO or a device named connection.json
 * is passed over, and cannot make it hang.  What cannot be looked at (a
 * directory without permission, a link to nothing) is reported; a file
 * that readdir() says is a regular file is handed on as it is, and its
 * reader says so if it cannot be opened.
 */
#ifndef CONNLINT_WALK_H
#define CONNLINT_WALK_H

#include <stdbool.h>
#include <stddef.h>

#define WALK_FILE_NAME "connection.json"

struct walk_cb {
	/* path is the directory joined with the names below it; false:
	 * the file is left out, and not counted */
	bool (*file)(void *arg, const char *path);
	/* a directory that could not be read; the walk goes on */
	void (*error)(void *arg, const char *path, const char *msg);
	/* a directory met on the way: true leaves it out */
	bool (*skip)(void *arg, const char *path);
	void *arg;
	/*
	 * Optional: told, for each directory read, whether it holds an
	 * entry named watch (before what is below it is visited).
	 */
	const char *watch;
	void (*listed)(void *arg, const char *dir, bool has_watch);
};

/* Walks dir; returns the number of files taken. */
size_t walk_dir(const char *dir, const struct walk_cb *cb);

#endif
