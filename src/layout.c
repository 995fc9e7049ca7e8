#include "layout.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

/* The names of a path so far, as pointers into the strings given. */
struct names {
	struct name {
		const char *s;
		size_t len;
	} *v;
	size_t n, alloc;
};

/*
 * Adds the names of path p to st: empty names and "." are dropped, ".."
 * drops the name before it.  Above the first name there is nothing to
 * drop, as above "/": what was before is not known, or is the root.
 */
static void
add_names(struct names *st, const char *p)
{
	while (*p != '\0') {
		size_t len = strcspn(p, "/");

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (st->n > 0)
				st->n--;
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			st->v = xgrow(st->v, sizeof(*st->v), st->n + 1,
				      &st->alloc);
			st->v[st->n].s = p;
			st->v[st->n++].len = len;
		}
		p += len + (p[len] == '/');
	}
}

static bool
is_named(const struct name *nm, const char *s)
{
	return nm->len == strlen(s) && memcmp(nm->s, s, nm->len) == 0;
}

/* v1, v2 ...: a v and one or more digits. */
static bool
is_version(const struct name *nm)
{
	if (nm->len < 2 || nm->s[0] != 'v')
		return false;
	for (size_t k = 1; k < nm->len; k++)
		if (nm->s[k] < '0' || nm->s[k] > '9')
			return false;
	return true;
}

bool
layout_of(const char *path, const char *cwd, struct layout *l)
{
	struct names st = { 0 };
	const struct name *parent;
	bool in = false;

	l->name = l->version = NULL;
	if (path[0] != '/' && cwd != NULL)
		add_names(&st, cwd);
	add_names(&st, path);
	if (st.n == 0 || !is_named(&st.v[st.n - 1], LAYOUT_FILE_NAME))
		goto out;
	in = true;
	if (st.n < 2)
		goto out;
	parent = &st.v[st.n - 2];
	if (!is_version(parent)) {
		l->name = xmemdup(parent->s, parent->len);
		goto out;
	}
	l->version = xmemdup(parent->s, parent->len);
	if (st.n >= 3)
		l->name = xmemdup(st.v[st.n - 3].s, st.v[st.n - 3].len);
out:
	free(st.v);
	return in;
}

/*
 * The working directory, asked once: connlint never changes it, and a
 * walk of 10,000 folders asked 50,000 times.  NULL when it cannot be
 * known.
 */
static char *cwd;
static pthread_once_t cwd_once = PTHREAD_ONCE_INIT;

static void
cwd_find(void)
{
	cwd = getcwd(NULL, 0);
}

const char *
path_working_dir(void)
{
	pthread_once(&cwd_once, cwd_find);
	return cwd;
}

bool
layout_of_file(const char *path, struct layout *l)
{
	return layout_of(path, path[0] == '/' ? NULL : path_working_dir(), l);
}

void
layout_release(struct layout *l)
{
	free(l->name);
	free(l->version);
	l->name = l->version = NULL;
}
