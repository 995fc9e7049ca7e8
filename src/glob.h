/*
 * Path globs for the configuration file, as .gitignore and ESLint spell
 * them, matched against '/'-separated paths relative to the config file:
 *
 *   *     any run of characters except '/'
 *   ?     one character except '/'
 *   [..]  one character of a class: [abc], [a-z], [!abc]
 *   \x    x itself
 *
 * Two stars that make a whole path component match any run of whole
 * directories, none included, so that "legacy", two stars, and
 * "connection.json" joined by slashes match legacy/connection.json and
 * legacy/a/b/connection.json; two stars at the end match everything below.
 * A glob with no '/' matches a file name at any depth, as in .gitignore.
 * Matching is bounded: at most the product of the two lengths.
 */
#ifndef CONNLINT_GLOB_H
#define CONNLINT_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Checks that glob is well formed: returns -1 with *err (static text)
 * and *err_off, the offset of the problem, when it is not.
 */
int glob_check(const char *glob, const char **err, size_t *err_off);
/* Does path match glob?  glob must have passed glob_check(). */
bool glob_match(const char *glob, const char *path);

#endif
