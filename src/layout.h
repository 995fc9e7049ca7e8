/*
 * The Flow CLI's layout of a connection's files, as a file's path shows
 * it:
 *
 *   .../<name>/<version>/connection.json     <version>: v1, v2 ...
 *   .../<name>/connection.json               no version folder
 *
 * The name folder is the parent of the version folder when the file sits
 * in a v<N> folder (v and one or more digits), else the file's parent.
 * Only a file whose base name is exactly connection.json is in the
 * layout: a file linted under another name, or standard input without a
 * name, is judged on its contents alone.
 *
 * The folders are found lexically, from the path as the user wrote it: a
 * relative path is taken from the working directory, "." and empty names
 * are dropped, and ".." removes the name before it.  Nothing is looked up
 * on disk, so symbolic links are not followed: a link's own name counts,
 * as the user sees it.
 */
#ifndef CONNLINT_LAYOUT_H
#define CONNLINT_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_FILE_NAME "connection.json"

struct layout {
	char *name;		/* owned: the name folder, or NULL: none */
	char *version;		/* owned: the version folder, or NULL: none */
};

/*
 * Fills *l from path, with cwd the working directory for a relative path
 * (NULL: unknown, so that only the folders the path names count).
 * Returns false, with *l empty, when the file is not in the layout.
 */
bool layout_of(const char *path, const char *cwd, struct layout *l);
/* layout_of() from the process's working directory. */
bool layout_of_file(const char *path, struct layout *l);
void layout_release(struct layout *l);

/* The working directory (asked once: connlint never changes it), or NULL. */
const char *path_working_dir(void);

#endif
