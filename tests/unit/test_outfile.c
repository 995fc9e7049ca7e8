/*
 * Files written whole or not at all.
 */
#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static int
setup_dir(void **state)
{
	char tmpl[] = "/tmp/connlint-outfile-XXXXXX";
	char *dir = mkdtemp(tmpl);

	if (dir == NULL)
		return -1;
	*state = strdup(dir);
	return 0;
}

static int
teardown_dir(void **state)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", (char *)*state);
	free(*state);
	return system(cmd) == 0 ? 0 : -1;
}

/* The number of entries in dir, . and .. aside. */
static size_t
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void
test_commit(void **state)
{
	const char *dir = *state;
	struct outfile o;
	char path[256], got[64] = "";
	char *err = NULL;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/report.txt", dir);
	assert_int_equal(outfile_open(&o, path, &err), 0);
	fputs("partial", o.fp);
	fflush(o.fp);
	/* the target does not exist until the commit */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(outfile_commit(&o, &err), 0);
	assert_null(err);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(got, sizeof(got), fp));
	fclose(fp);
	assert_string_equal(got, "partial");
	assert_int_equal(entries(dir), 1);
	assert_null(o.fp);
	assert_null(o.tmp);
}

static void
test_abort(void **state)
{
	const char *dir = *state;
	struct outfile o;
	char path[256];
	char *err = NULL;

	snprintf(path, sizeof(path), "%s/report.txt", dir);
	assert_int_equal(outfile_open(&o, path, &err), 0);
	fputs("never", o.fp);
	outfile_abort(&o);
	assert_int_equal(entries(dir), 0);
}

static void
test_errors(void **state)
{
	const char *dir = *state;
	struct outfile o;
	char path[256];
	char *err = NULL;

	snprintf(path, sizeof(path), "%s/missing/report.txt", dir);
	assert_int_equal(outfile_open(&o, path, &err), -1);
	assert_non_null(strstr(err, "missing/report.txt: cannot create: "));
	free(err);
	err = NULL;
	/* a rename that fails leaves the target alone and no temporary */
	snprintf(path, sizeof(path), "%s/taken", dir);
	assert_int_equal(outfile_open(&o, path, &err), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	fputs("text", o.fp);
	assert_int_equal(outfile_commit(&o, &err), -1);
	assert_non_null(strstr(err, "taken: cannot write: "));
	free(err);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(rmdir(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit, setup_dir,
						teardown_dir),
		cmocka_unit_test_setup_teardown(test_abort, setup_dir,
						teardown_dir),
		cmocka_unit_test_setup_teardown(test_errors, setup_dir,
						teardown_dir),
	};

	return cmocka_run_group_tests_name("outfile", tests, NULL, NULL);
}
