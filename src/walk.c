#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "xalloc.h"

static const char *const skipped[] = { ".git", "node_modules" };

/* A directory entry: its name, and its type as readdir() gives it. */
struct entry {
	char *name;		/* owned */
	unsigned char type;	/* DT_DIR, DT_REG ..., or DT_UNKNOWN */
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
		      ((const struct entry *)b)->name);
}

static int
is_skipped(const char *name)
{
	for (size_t k = 0; k < ARRAY_SIZE(skipped); k++)
		if (strcmp(name, skipped[k]) == 0)
			return 1;
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

static size_t walk(struct buf *path, const struct walk_cb *cb);

/*
 * One entry of a directory: a directory to walk, a connection file to
 * lint, or nothing.  Anything that cannot be looked at is reported, so
 * that a file is never passed over in silence; one that vanished since
 * the directory was read is simply gone.
 */
static size_t
visit(struct buf *path, const char *name, unsigned char type,
      const struct walk_cb *cb)
{
	struct stat st;
	bool named = strcmp(name, WALK_FILE_NAME) == 0;

	/*
	 * readdir()'s d_type spares a stat for most entries (a walk of
	 * 10,000 connection folders made 110,000 of them): a directory is
	 * walked, a regular connection.json taken, and anything else not
	 * named connection.json that is not a link passed over, as they
	 * are.  A file taken that cannot be read is reported by its reader.
	 */
	if (type == DT_DIR) {
		if (cb->skip != NULL && cb->skip(cb->arg, path->s))
			return 0;
		return walk(path, cb);
	}
	if (type == DT_REG && named)
		return cb->file(cb->arg, path->s);
	if (type != DT_UNKNOWN && type != DT_LNK && !named)
		return 0;
	if (lstat(path->s, &st) != 0) {
		if (errno != ENOENT)
			cb->error(cb->arg, path->s, strerror(errno));
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		if (cb->skip != NULL && cb->skip(cb->arg, path->s))
			return 0;
		return walk(path, cb);
	}
	if (!named)
		return 0;
	if (stat(path->s, &st) != 0) {
		cb->error(cb->arg, path->s, errno == ENOENT ? "a symbolic link "
			  "to nothing" : strerror(errno));
		return 0;
	}
	return S_ISREG(st.st_mode) && cb->file(cb->arg, path->s);
}

static size_t
walk(struct buf *path, const struct walk_cb *cb)
{
	DIR *dir = opendir(path->s);
	struct dirent *ent;
	struct entry *names = NULL;
	size_t n = 0, alloc = 0, found = 0, base = path->len;
	bool has_watch = false;

	if (dir == NULL) {
		cb->error(cb->arg, path->s, strerror(errno));
		return 0;
	}
	for (;;) {
		errno = 0;	/* readdir() says an error only through errno */
		ent = readdir(dir);
		if (ent == NULL)
			break;
		if (cb->watch != NULL && strcmp(ent->d_name, cb->watch) == 0)
			has_watch = true;
		if (is_skipped(ent->d_name))
			continue;
		names = xgrow(names, sizeof(*names), n + 1, &alloc);
		names[n].type = ent->d_type;
		names[n++].name = xstrdup(ent->d_name);
	}
	if (errno != 0)
		cb->error(cb->arg, path->s, strerror(errno));
	closedir(dir);
	if (cb->listed != NULL)
		cb->listed(cb->arg, path->s, has_watch);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (size_t k = 0; k < n; k++) {
		if (base == 0 || path->s[base - 1] != '/')
			buf_addch(path, '/');
		buf_adds(path, names[k].name);
		found += visit(path, names[k].name, names[k].type, cb);
		path->len = base;
		path->s[base] = '\0';
		free(names[k].name);
	}
	free(names);
	return found;
}

size_t
walk_dir(const char *dir, const struct walk_cb *cb)
{
	struct buf path = BUF_INIT;
	size_t found;

	buf_adds(&path, dir);
	found = walk(&path, cb);
	buf_release(&path);
	return found;
}
