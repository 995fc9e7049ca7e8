#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "xalloc.h"

static const char *const skipped[] = { ".git", "node_modules" };

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_skipped(const char *name)
{
	for (size_t k = 0; k < ARRAY_SIZE(skipped); k++)
		if (strcmp(name, skipped[k]) == 0)
			return 1;
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

static size_t
walk(struct buf *path, const struct walk_cb *cb)
{
	DIR *dir = opendir(path->s);
	struct dirent *ent;
	char **names = NULL;
	size_t n = 0, alloc = 0, found = 0, base = path->len;

	if (dir == NULL) {
		cb->error(cb->arg, path->s, strerror(errno));
		return 0;
	}
	errno = 0;
	while ((ent = readdir(dir)) != NULL) {
		if (is_skipped(ent->d_name))
			continue;
		names = xgrow(names, sizeof(*names), n + 1, &alloc);
		names[n++] = xstrdup(ent->d_name);
	}
	if (errno != 0)
		cb->error(cb->arg, path->s, strerror(errno));
	closedir(dir);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (size_t k = 0; k < n; k++) {
		struct stat st;

		if (base == 0 || path->s[base - 1] != '/')
			buf_addch(path, '/');
		buf_adds(path, names[k]);
		if (lstat(path->s, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				found += walk(path, cb);
			} else if (strcmp(names[k], WALK_FILE_NAME) == 0 &&
				   stat(path->s, &st) == 0 &&
				   S_ISREG(st.st_mode)) {
				cb->file(cb->arg, path->s);
				found++;
			}
		}
		path->len = base;
		path->s[base] = '\0';
		free(names[k]);
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
