/*
 * The Flow CLI's layout, read from a path: which files are in it, and
 * their name and version folders, worked out by name alone.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout.h"

/*
 * path, with working directory cwd, is in the layout (in) with those
 * folders (NULL: none).
 */
static void
assert_layout(const char *path, const char *cwd, bool in, const char *name,
	      const char *version)
{
	struct layout l = { (char *)"x", (char *)"x" };
	bool got = layout_of(path, cwd, &l);

	if (got != in ||
	    (name == NULL) != (l.name == NULL) ||
	    (name != NULL && strcmp(name, l.name) != 0) ||
	    (version == NULL) != (l.version == NULL) ||
	    (version != NULL && strcmp(version, l.version) != 0))
		print_message("%s in %s: in %d, name %s, version %s\n", path,
			      cwd ? cwd : "(unknown)", got,
			      l.name ? l.name : "(none)",
			      l.version ? l.version : "(none)");
	assert_int_equal(got, in);
	if (name == NULL)
		assert_null(l.name);
	else
		assert_string_equal(l.name, name);
	if (version == NULL)
		assert_null(l.version);
	else
		assert_string_equal(l.version, version);
	layout_release(&l);
	assert_null(l.name);
	assert_null(l.version);
}

static void
test_shapes(void **state)
{
	(void)state;
	/* the CLI's layout, with and without a version folder */
	assert_layout("/p/src/auth/connection/acme-apikey/v1/connection.json",
		      NULL, true, "acme-apikey", "v1");
	assert_layout("/p/acme-apikey/connection.json", NULL, true,
		      "acme-apikey", NULL);
	assert_layout("/p/acme-apikey/v23/connection.json", NULL, true,
		      "acme-apikey", "v23");
	/* a version folder is v and digits, nothing else */
	assert_layout("/p/acme/V1/connection.json", NULL, true, "V1", NULL);
	assert_layout("/p/acme/v/connection.json", NULL, true, "v", NULL);
	assert_layout("/p/acme/v1a/connection.json", NULL, true, "v1a",
		      NULL);
	assert_layout("/p/acme/version1/connection.json", NULL, true,
		      "version1", NULL);
	/* a version folder inside a version folder: its parent is the name */
	assert_layout("/p/v1/v2/connection.json", NULL, true, "v1", "v2");
	/* at the top: as many folders as there are */
	assert_layout("/v1/connection.json", NULL, true, NULL, "v1");
	assert_layout("/acme/connection.json", NULL, true, "acme", NULL);
	assert_layout("/connection.json", NULL, true, NULL, NULL);
}

static void
test_not_in_layout(void **state)
{
	(void)state;
	/* only connection.json, exactly */
	assert_layout("/p/acme/v1/Connection.json", NULL, false, NULL, NULL);
	assert_layout("/p/acme/v1/connection.json.bak", NULL, false, NULL,
		      NULL);
	assert_layout("/p/acme/v1/my-connection.json", NULL, false, NULL,
		      NULL);
	assert_layout("/p/acme/v1/connection", NULL, false, NULL, NULL);
	assert_layout("<stdin>", "/p/acme/v1", false, NULL, NULL);
	assert_layout("-", "/p/acme/v1", false, NULL, NULL);
	assert_layout("", "/p/acme/v1", false, NULL, NULL);
	assert_layout("/", NULL, false, NULL, NULL);
	/* a name that ".." takes away is not the file's */
	assert_layout("/p/acme/connection.json/..", NULL, false, NULL, NULL);
}

static void
test_relative(void **state)
{
	(void)state;
	/* a relative path is taken from the working directory */
	assert_layout("connection.json", "/p/acme-apikey/v1", true,
		      "acme-apikey", "v1");
	assert_layout("v1/connection.json", "/p/acme-apikey", true,
		      "acme-apikey", "v1");
	assert_layout("./connection.json", "/p/acme-apikey/", true,
		      "acme-apikey", NULL);
	assert_layout("../v2/connection.json", "/p/acme-apikey/v1", true,
		      "acme-apikey", "v2");
	assert_layout("../../acme-basic/v1/connection.json",
		      "/p/acme-apikey/v1", true, "acme-basic", "v1");
	/* ".." above the root stays there */
	assert_layout("../../../../v1/connection.json", "/p/acme", true, NULL,
		      "v1");
	/* an absolute path needs no working directory */
	assert_layout("/q/acme/v1/connection.json", "/p/other/v9", true,
		      "acme", "v1");
	/* with none known, only what the path names counts */
	assert_layout("connection.json", NULL, true, NULL, NULL);
	assert_layout("acme/v1/connection.json", NULL, true, "acme", "v1");
	assert_layout("../v1/connection.json", NULL, true, NULL, "v1");
}

static void
test_by_name(void **state)
{
	(void)state;
	/* ".", empty names and ".." are resolved by name */
	assert_layout("/p/./acme//v1/./connection.json", NULL, true, "acme",
		      "v1");
	assert_layout("/p/other/../acme/v1/connection.json", NULL, true,
		      "acme", "v1");
	assert_layout("/p/acme/v1/x/../connection.json", NULL, true, "acme",
		      "v1");
	assert_layout("/p/acme/v1/../connection.json", NULL, true, "acme",
		      NULL);
	assert_layout("//p//acme///v1//connection.json", NULL, true, "acme",
		      "v1");
	/* "..." and ".x" are names like others */
	assert_layout("/p/.../connection.json", NULL, true, "...", NULL);
	assert_layout("/p/.acme/v1/connection.json", NULL, true, ".acme",
		      "v1");
}

/* layout_of_file() takes the process's working directory. */
static void
test_working_dir(void **state)
{
	char *cwd = getcwd(NULL, 0);
	const char *base;
	struct layout l;

	(void)state;
	assert_non_null(cwd);
	base = strrchr(cwd, '/');
	assert_non_null(base);
	assert_true(layout_of_file("connection.json", &l));
	if (base[1] == '\0')
		assert_null(l.name);	/* the working directory is / */
	else
		assert_string_equal(l.name, base + 1);
	assert_null(l.version);
	layout_release(&l);
	assert_true(layout_of_file("a-b/v3/connection.json", &l));
	assert_string_equal(l.name, "a-b");
	assert_string_equal(l.version, "v3");
	layout_release(&l);
	assert_false(layout_of_file("a-b/v3/other.json", &l));
	assert_true(layout_of_file("/x/v1/connection.json", &l));
	assert_string_equal(l.name, "x");
	layout_release(&l);
	free(cwd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_not_in_layout),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_by_name),
		cmocka_unit_test(test_working_dir),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
