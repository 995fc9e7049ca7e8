/*
 * The directory walk, on real trees in a temporary directory: order, the
 * names it skips and takes, symbolic links, FIFOs, the skip callback and
 * what it reports.
 */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "walk.h"

struct tmp {
	char dir[4096];		/* the temporary directory */
	char root[4200];	/* dir/w: the tree the tests walk */
	char path[8400];
};

/*
 * What a walk reported, one line each: files taken, errors, skip calls,
 * and files the file callback left out.
 */
struct rec {
	struct buf files, errors, skips;
	const char *const *prune;	/* paths that skip() or file() leave
					 * out */
	size_t nprune;
	size_t ndirs;			/* the directory part to drop */
	struct buf left;
	struct buf listed;		/* "dir +" or "dir -": the marker */
};

static int
setup_tmp(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));
	const char *base = getenv("TMPDIR");

	if (t == NULL)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "%s/connlint-walk-XXXXXX",
		 base != NULL && *base != '\0' ? base : "/tmp");
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return -1;
	}
	snprintf(t->root, sizeof(t->root), "%s/w", t->dir);
	if (mkdir(t->root, 0755) != 0 || chmod(t->root, 0755) != 0) {
		rmdir(t->dir);
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

/* Removes path and all below it, making locked directories open first. */
static void
remove_tree(const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *ent;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	dir = opendir(path);
	if (dir != NULL) {
		while ((ent = readdir(dir)) != NULL) {
			char sub[8400];

			if (strcmp(ent->d_name, ".") == 0 ||
			    strcmp(ent->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, ent->d_name);
			remove_tree(sub);
		}
		closedir(dir);
	}
	rmdir(path);
}

static int
teardown_tmp(void **state)
{
	struct tmp *t = *state;

	remove_tree(t->dir);
	free(t);
	return 0;
}

/* The path of rel below the walked tree. */
static const char *
in_tree(struct tmp *t, const char *rel)
{
	snprintf(t->path, sizeof(t->path), "%s/%s", t->root, rel);
	return t->path;
}

/* A directory anyone may read and search, whatever the umask. */
static void
mk_dir(struct tmp *t, const char *rel)
{
	int rc = mkdir(in_tree(t, rel), 0755);

	if (rc != 0)
		print_message("mkdir %s: %s\n", t->path, strerror(errno));
	assert_int_equal(rc, 0);
	assert_int_equal(chmod(t->path, 0755), 0);
}

/* An empty regular file (the walk does not read it). */
static void
mk_file(struct tmp *t, const char *rel)
{
	int fd = creat(in_tree(t, rel), 0644);

	if (fd < 0)
		print_message("creat %s: %s\n", t->path, strerror(errno));
	assert_true(fd >= 0);
	assert_int_equal(close(fd), 0);
}

static void
mk_link(struct tmp *t, const char *target, const char *rel)
{
	assert_int_equal(symlink(target, in_tree(t, rel)), 0);
}

static void
mk_fifo(struct tmp *t, const char *rel)
{
	assert_int_equal(mkfifo(in_tree(t, rel), 0644), 0);
}

/* The callbacks log paths without the temporary directory. */
static const char *
rel_of(const struct rec *r, const char *path)
{
	return strlen(path) >= r->ndirs ? path + r->ndirs : path;
}

static bool
on_file(void *arg, const char *path)
{
	struct rec *r = arg;

	for (size_t k = 0; k < r->nprune; k++) {
		if (strcmp(rel_of(r, path), r->prune[k]) == 0) {
			buf_addf(&r->left, "%s\n", rel_of(r, path));
			return false;
		}
	}
	buf_addf(&r->files, "%s\n", rel_of(r, path));
	return true;
}

static void
on_error(void *arg, const char *path, const char *msg)
{
	struct rec *r = arg;

	buf_addf(&r->errors, "%s: %s\n", rel_of(r, path), msg);
}

static bool
on_skip(void *arg, const char *path)
{
	struct rec *r = arg;

	buf_addf(&r->skips, "%s\n", rel_of(r, path));
	for (size_t k = 0; k < r->nprune; k++)
		if (strcmp(rel_of(r, path), r->prune[k]) == 0)
			return true;
	return false;
}

static void
on_listed(void *arg, const char *dir, bool has_marker)
{
	struct rec *r = arg;

	/* what it lists is walked after: no file below it is logged yet */
	if (strstr(r->files.s, rel_of(r, dir)) != NULL)
		buf_adds(&r->listed, "(late) ");
	buf_addf(&r->listed, "%s %c\n", rel_of(r, dir), has_marker ? '+' : '-');
}

static void
rec_release(struct rec *r)
{
	buf_release(&r->files);
	buf_release(&r->errors);
	buf_release(&r->skips);
	buf_release(&r->left);
	buf_release(&r->listed);
}

/*
 * Walks root, a path inside the temporary directory ("w", "w/"), and
 * records the paths from root on.
 */
static size_t
walk_tree(struct tmp *t, struct rec *r, bool with_skip, const char *root)
{
	struct walk_cb cb = { on_file, on_error, with_skip ? on_skip : NULL,
			      r, ".marker", on_listed };

	r->ndirs = strlen(t->dir) + 1;	/* paths start "w..." */
	snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, root);
	return walk_dir(t->path, &cb);
}

static void
assert_log(const struct buf *b, const char *want)
{
	if (strcmp(b->s, want) != 0)
		print_message("got:\n%swanted:\n%s", b->s, want);
	assert_string_equal(b->s, want);
}

/* --- order -------------------------------------------------------------------- */

static void
test_order(void **state)
{
	static const char *const dirs[] = {
		"B", "a", "a/sub", "a-b", "a.b", "b", "b/deep", "b/deep/er",
		"z", "\xc3\xa9", "empty", "10", "9",
	};
	static const char *const files[] = {
		"connection.json", "B/connection.json", "a/connection.json",
		"a/sub/connection.json", "a-b/connection.json",
		"a.b/connection.json", "b/connection.json",
		"b/deep/er/connection.json", "z/connection.json",
		"\xc3\xa9/connection.json", "10/connection.json",
		"9/connection.json",
	};
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };

	for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++)
		mk_dir(t, dirs[k]);
	for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++)
		mk_file(t, files[k]);
	/*
	 * Directory by directory, each in byte order: all of a/ comes
	 * before a-b/, though "a-" sorts before "a/" as a whole path; a
	 * file and the directories beside it are sorted together.
	 */
	assert_int_equal(walk_tree(t, &r, false, "w"), 12);
	assert_log(&r.files,
		   "w/10/connection.json\n"
		   "w/9/connection.json\n"
		   "w/B/connection.json\n"
		   "w/a/connection.json\n"
		   "w/a/sub/connection.json\n"
		   "w/a-b/connection.json\n"
		   "w/a.b/connection.json\n"
		   "w/b/connection.json\n"
		   "w/b/deep/er/connection.json\n"
		   "w/connection.json\n"
		   "w/z/connection.json\n"
		   "w/\xc3\xa9/connection.json\n");
	assert_log(&r.errors, "");
	rec_release(&r);
}

static void
test_empty_tree(void **state)
{
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };

	mk_dir(t, "x");
	mk_dir(t, "x/y");
	mk_file(t, "x/y/other.json");
	assert_int_equal(walk_tree(t, &r, true, "w"), 0);
	assert_log(&r.files, "");
	assert_log(&r.errors, "");
	rec_release(&r);
}

/* --- names ------------------------------------------------------------------- */

static void
test_skipped_dirs(void **state)
{
	static const char *const dirs[] = {
		".git", "node_modules", "node_modules/pkg", "a", "a/.git",
		"a/node_modules", ".github", "node_modules2", ".gitx", "git",
		"Node_modules",
	};
	static const char *const files[] = {
		".git/connection.json", "node_modules/connection.json",
		"node_modules/pkg/connection.json", "a/.git/connection.json",
		"a/node_modules/connection.json", "a/connection.json",
		".github/connection.json", "node_modules2/connection.json",
		".gitx/connection.json", "git/connection.json",
		"Node_modules/connection.json",
	};
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };

	for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++)
		mk_dir(t, dirs[k]);
	for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++)
		mk_file(t, files[k]);
	/* only these two names, exactly, at any depth */
	assert_int_equal(walk_tree(t, &r, true, "w"), 6);
	assert_log(&r.files,
		   "w/.github/connection.json\n"
		   "w/.gitx/connection.json\n"
		   "w/Node_modules/connection.json\n"
		   "w/a/connection.json\n"
		   "w/git/connection.json\n"
		   "w/node_modules2/connection.json\n");
	assert_log(&r.errors, "");
	rec_release(&r);
}

static void
test_other_names(void **state)
{
	static const char *const files[] = {
		"connection.json.bak", "my-connection.json",
		"Connection.json", "connection.JSON", "connection.json ",
		" connection.json", "connection", "other.json",
		"connection.json~",
	};
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };

	for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++)
		mk_file(t, files[k]);
	/* a directory named connection.json is a directory */
	mk_dir(t, "connection.json");
	mk_file(t, "connection.json/connection.json");
	mk_file(t, "connection.json/x.json");
	assert_int_equal(walk_tree(t, &r, true, "w"), 1);
	assert_log(&r.files, "w/connection.json/connection.json\n");
	assert_log(&r.errors, "");
	rec_release(&r);
}

static void
test_trailing_slash(void **state)
{
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };

	mk_dir(t, "a");
	mk_file(t, "a/connection.json");
	mk_file(t, "connection.json");
	assert_int_equal(walk_tree(t, &r, true, "w/"), 2);
	assert_log(&r.files, "w/a/connection.json\nw/connection.json\n");
	/* what skip() sees has no double slash either */
	assert_null(strstr(r.skips.s, "//"));
	assert_non_null(strstr(r.skips.s, "w/a\n"));
	rec_release(&r);
	/* and the same without the slash */
	assert_int_equal(walk_tree(t, &r, true, "w"), 2);
	assert_log(&r.files, "w/a/connection.json\nw/connection.json\n");
	rec_release(&r);
}

/* --- symbolic links, FIFOs ---------------------------------------------------- */

static void
test_symlinked_dirs_not_followed(void **state)
{
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };
	char outside[4300];

	mk_dir(t, "real");
	mk_file(t, "real/connection.json");
	/* loops: to itself, its parent, the tree's root, absolutely */
	mk_link(t, ".", "real/self");
	mk_link(t, "..", "real/up");
	mk_link(t, t->root, "real/abs");
	mk_link(t, "../..", "real/above");
	/* a tree outside, with a connection file */
	snprintf(outside, sizeof(outside), "%s/outside", t->dir);
	assert_int_equal(mkdir(outside, 0755), 0);
	snprintf(outside, sizeof(outside), "%s/outside/connection.json",
		 t->dir);
	assert_int_equal(close(creat(outside, 0644)), 0);
	mk_link(t, "../outside", "elsewhere");
	/* a link named connection.json to a directory is not a file */
	mk_dir(t, "dirlink");
	mk_link(t, "../real", "dirlink/connection.json");
	assert_int_equal(walk_tree(t, &r, true, "w"), 1);
	assert_log(&r.files, "w/real/connection.json\n");
	assert_log(&r.errors, "");
	rec_release(&r);
}

static void
test_symlinked_files_followed(void **state)
{
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };
	char abs[4300];

	mk_file(t, "target.json");
	mk_dir(t, "linked");
	mk_link(t, "../target.json", "linked/connection.json");
	snprintf(abs, sizeof(abs), "%s/target.json", t->root);
	mk_dir(t, "abs");
	mk_link(t, abs, "abs/connection.json");
	/* a link to a link */
	mk_dir(t, "chain");
	mk_link(t, "../linked/connection.json", "chain/connection.json");
	/* the name that counts is the link's */
	mk_dir(t, "named");
	mk_file(t, "named/real.json");
	mk_link(t, "../linked/connection.json", "named/other.json");
	assert_int_equal(walk_tree(t, &r, true, "w"), 3);
	assert_log(&r.files,
		   "w/abs/connection.json\n"
		   "w/chain/connection.json\n"
		   "w/linked/connection.json\n");
	assert_log(&r.errors, "");
	rec_release(&r);
}

static void
test_dangling_symlink(void **state)
{
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };
	char want[512];

	mk_dir(t, "a");
	mk_link(t, "nowhere.json", "a/connection.json");
	/* links to nothing under other names are none of its business */
	mk_link(t, "nowhere.json", "a/other.json");
	mk_link(t, "nowhere", "a/sub");
	/* a link to itself cannot be followed either */
	mk_dir(t, "b");
	mk_link(t, "connection.json", "b/connection.json");
	mk_dir(t, "c");
	mk_file(t, "c/connection.json");
	/* the walk goes on after each */
	assert_int_equal(walk_tree(t, &r, true, "w"), 1);
	assert_log(&r.files, "w/c/connection.json\n");
	snprintf(want, sizeof(want),
		 "w/a/connection.json: a symbolic link to nothing\n"
		 "w/b/connection.json: %s\n", strerror(ELOOP));
	assert_log(&r.errors, want);
	rec_release(&r);
}

static void
test_fifo_passed_over(void **state)
{
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };

	mk_dir(t, "a");
	mk_fifo(t, "a/connection.json");
	/* a link to a FIFO, and to a device */
	mk_dir(t, "b");
	mk_link(t, "../a/connection.json", "b/connection.json");
	mk_dir(t, "c");
	mk_link(t, "/dev/null", "c/connection.json");
	mk_dir(t, "d");
	mk_file(t, "d/connection.json");
	assert_int_equal(walk_tree(t, &r, true, "w"), 1);
	assert_log(&r.files, "w/d/connection.json\n");
	/* in silence */
	assert_log(&r.errors, "");
	rec_release(&r);
}

/* --- the skip callback -------------------------------------------------------- */

static void
test_skip_prunes(void **state)
{
	static const char *const prune[] = {
		"w/a", "w/b/connection.json", "w/c/vendor",
	};
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, prune, 3, 0, BUF_INIT, BUF_INIT };

	mk_dir(t, "a");
	mk_dir(t, "a/sub");
	mk_file(t, "a/connection.json");
	mk_file(t, "a/sub/connection.json");
	mk_link(t, "nowhere", "a/sub/dangling");
	mk_dir(t, "b");
	mk_file(t, "b/connection.json");
	mk_dir(t, "c");
	mk_dir(t, "c/vendor");
	mk_file(t, "c/vendor/connection.json");
	mk_file(t, "c/connection.json");
	mk_dir(t, "ab");
	mk_file(t, "ab/connection.json");
	assert_int_equal(walk_tree(t, &r, true, "w"), 2);
	assert_log(&r.files, "w/ab/connection.json\nw/c/connection.json\n");
	assert_log(&r.errors, "");
	/* asked about the pruned directory, never about what is below it */
	assert_non_null(strstr(r.skips.s, "w/a\n"));
	assert_null(strstr(r.skips.s, "w/a/"));
	assert_null(strstr(r.skips.s, "w/c/vendor/"));
	/* never about files: the file callback leaves them out, uncounted */
	assert_null(strstr(r.skips.s, "connection.json"));
	assert_log(&r.left, "w/b/connection.json\n");
	rec_release(&r);
}

/* --- the listed callback ------------------------------------------------------ */

static void
test_listed(void **state)
{
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT,
			 BUF_INIT };

	mk_dir(t, "a");
	mk_file(t, "a/connection.json");
	mk_file(t, "a/.marker");
	mk_dir(t, "b");
	mk_dir(t, "b/c");
	mk_file(t, "b/c/connection.json");
	mk_dir(t, "b/.marker");		/* a directory counts too */
	mk_dir(t, "node_modules");
	mk_file(t, "node_modules/.marker");	/* never read */
	assert_int_equal(walk_tree(t, &r, false, "w"), 2);
	assert_log(&r.listed, "w -\nw/a +\nw/b +\nw/b/.marker -\n"
		   "w/b/c -\n");
	rec_release(&r);
}

/* --- what cannot be looked at ------------------------------------------------- */

/*
 * Directories that cannot be read or searched are reported, and the walk
 * goes on.  The walk runs in a child process; as root, which permissions
 * do not stop, the child first becomes nobody (uid and gid 65534), in
 * the temporary directory, so that only it and the tree need to be open
 * to others.
 */
static void
test_unreadable_dirs(void **state)
{
	struct tmp *t = *state;
	struct rec r = { BUF_INIT, BUF_INIT, BUF_INIT, NULL, 0, 0, BUF_INIT, BUF_INIT };
	struct buf got = BUF_INIT, want = BUF_INIT;
	int fds[2], status;
	char chunk[4096];
	ssize_t n;
	pid_t pid;

	mk_dir(t, "a");
	mk_file(t, "a/connection.json");
	mk_dir(t, "locked");
	mk_file(t, "locked/connection.json");
	mk_dir(t, "noexec");
	mk_file(t, "noexec/connection.json");
	mk_dir(t, "z");
	mk_file(t, "z/connection.json");
	assert_int_equal(chmod(in_tree(t, "locked"), 0), 0);
	assert_int_equal(chmod(in_tree(t, "noexec"), 0644), 0);
	/* mkdtemp() made it 0700: others may search it, not list it */
	assert_int_equal(chmod(t->dir, 0711), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct walk_cb cb = { on_file, on_error, NULL, &r, NULL, NULL };
		size_t found;

		close(fds[0]);
		if (chdir(t->dir) != 0 ||
		    (geteuid() == 0 && (setgroups(0, NULL) != 0 ||
					setgid(65534) != 0 ||
					setuid(65534) != 0))) {
			dprintf(fds[1], "cannot become nobody: %s\n",
				strerror(errno));
			_exit(1);
		}
		found = walk_dir("w", &cb);
		dprintf(fds[1], "found %zu\n%s--\n%s", found, r.files.s,
			r.errors.s);
		_exit(0);
	}
	close(fds[1]);
	while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
		buf_add(&got, chunk, (size_t)n);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	chmod(in_tree(t, "locked"), 0755);
	chmod(in_tree(t, "noexec"), 0755);
	/* noexec's file is listed, as a regular file: its reader reports
	 * that it cannot open it */
	buf_addf(&want, "found 3\nw/a/connection.json\n"
		 "w/noexec/connection.json\nw/z/connection.json\n"
		 "--\nw/locked: %s\n", strerror(EACCES));
	if (strcmp(got.s, want.s) != 0)
		print_message("got:\n%swanted:\n%s", got.s, want.s);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(got.s, want.s);
	buf_release(&got);
	buf_release(&want);
}

#define TMP_TEST(f) cmocka_unit_test_setup_teardown(f, setup_tmp, teardown_tmp)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TMP_TEST(test_order),
		TMP_TEST(test_empty_tree),
		TMP_TEST(test_skipped_dirs),
		TMP_TEST(test_other_names),
		TMP_TEST(test_trailing_slash),
		TMP_TEST(test_symlinked_dirs_not_followed),
		TMP_TEST(test_symlinked_files_followed),
		TMP_TEST(test_dangling_symlink),
		TMP_TEST(test_fifo_passed_over),
		TMP_TEST(test_skip_prunes),
		TMP_TEST(test_listed),
		TMP_TEST(test_unreadable_dirs),
	};

	return cmocka_run_group_tests_name("walk", tests, NULL, NULL);
}
