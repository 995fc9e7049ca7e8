/*
 * bench-floor: the least work any linter of these files must do, for the
 * benchmark to measure connlint against.  It finds the files as connlint
 * does (walk.c), reads each as connlint does (source.c), and parses it with
 * json-c as connlint's loader does (strict, UTF-8 checked, the same depth
 * limit), then frees the tree.  It reads the index.js beside each file
 * named connection.json too, as connlint does (indexjs.h), without
 * looking into it.  Nothing else: no positions, no rules, no output.
 *
 * usage: bench-floor [-v] path...   (-v: count the files on stderr)
 * Exit status 2 when a file cannot be read, else 0.
 */
#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "indexjs.h"
#include "source.h"
#include "walk.h"

struct floor {
	size_t files, rejected, troubles;
	size_t index_js;	/* index.js files read */
};

/*
 * The index.js beside a file named connection.json, read as connlint
 * reads it.  Its path is made here: indexjs.c would link PCRE2 in.
 */
static void
read_index_js(struct floor *fl, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash != NULL ? (size_t)(slash + 1 - path) : 0;
	char *js, *err = NULL;
	struct source *src;
	bool absent;

	if (strcmp(path + dir, WALK_FILE_NAME) != 0)
		return;
	js = malloc(dir + sizeof(INDEXJS_FILE_NAME));
	if (js == NULL)
		abort();
	memcpy(js, path, dir);
	memcpy(js + dir, INDEXJS_FILE_NAME, sizeof(INDEXJS_FILE_NAME));
	src = source_read_optional(js, SOURCE_MAX_SIZE_DEFAULT, &err, &absent);
	if (src == NULL && !absent) {
		fprintf(stderr, "bench-floor: %s: %s\n", js, err);
		free(err);
		fl->troubles++;
	}
	fl->index_js += src != NULL;
	source_free(src);
	free(js);
}

static bool
parse_file(void *arg, const char *path)
{
	struct floor *fl = arg;
	struct json_tokener *tok;
	struct json_object *root;
	struct source *src;
	char *err;

	src = source_read(path, NULL, SOURCE_MAX_SIZE_DEFAULT, true, &err);
	if (src == NULL) {
		fprintf(stderr, "bench-floor: %s: %s\n", path, err);
		free(err);
		fl->troubles++;
		return true;
	}
	tok = json_tokener_new_ex(DOC_MAX_DEPTH_DEFAULT + 1);
	if (tok == NULL)
		abort();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
			       JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, src->bytes + src->bom,
				     (int)(src->len - src->bom + 1));
	if (json_tokener_get_error(tok) != json_tokener_success)
		fl->rejected++;
	json_object_put(root);
	json_tokener_free(tok);
	source_free(src);
	fl->files++;
	read_index_js(fl, path);
	return true;
}

static void
walk_error(void *arg, const char *path, const char *msg)
{
	struct floor *fl = arg;

	fprintf(stderr, "bench-floor: %s: %s\n", path, msg);
	fl->troubles++;
}

int
main(int argc, char **argv)
{
	struct floor fl = { 0, 0, 0, 0 };
	struct walk_cb cb = { parse_file, walk_error, NULL, &fl, NULL, NULL };
	bool verbose = false;
	int k = 1;

	if (k < argc && strcmp(argv[k], "-v") == 0) {
		verbose = true;
		k++;
	}
	if (k == argc) {
		fprintf(stderr, "usage: bench-floor [-v] path...\n");
		return 2;
	}
	for (; k < argc; k++) {
		struct stat st;

		if (stat(argv[k], &st) == 0 && S_ISDIR(st.st_mode))
			walk_dir(argv[k], &cb);
		else
			parse_file(&fl, argv[k]);
	}
	if (verbose)
		fprintf(stderr, "bench-floor: %zu files, %zu rejected by "
			"json-c, %zu index.js read\n", fl.files, fl.rejected,
			fl.index_js);
	return fl.troubles ? 2 : 0;
}
