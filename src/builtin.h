/*
 * The built-in rules: the JSON files of rules/, compiled into the binary by the build
 * (tools/embed.c writes build/builtin.c) so that connlint needs no files
 * at run time.
 */
#ifndef CONNLINT_BUILTIN_H
#define CONNLINT_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name;	/* the path in the source tree: rules/x.json */
	const char *data;
	size_t len;
};

extern const struct builtin_file builtin_rules[];
extern const size_t builtin_rules_count;

#endif
