/*
 * Regular expressions for rules: PCRE2, compiled once when a rule loads,
 * matched with bounded work.  A struct regex is read-only once made, so
 * threads may match with the same one.  A match that hits a limit is neither a match
 * nor a miss: the caller must report it.
 */
#ifndef CONNLINT_REGEX_H
#define CONNLINT_REGEX_H

#include <stddef.h>

struct buf;
struct regex;

enum regex_result {
	REGEX_NOMATCH,
	REGEX_MATCH,
	REGEX_LIMIT,		/* a limit was hit, or an error: undecided */
};

/* The most backtracking steps one match may take. */
#define REGEX_MATCH_LIMIT 100000u

/*
 * Compiles pattern (UTF-8, len bytes), or shares the regex already made
 * of the same pattern (each regex_new() wants its own regex_free()).
 * Returns NULL when it does not compile, with *err (the caller's) saying
 * why and *err_off the byte offset inside the pattern.
 */
struct regex *regex_new(const char *pattern, size_t len, char **err,
			size_t *err_off);
/*
 * regex_new() matches with PCRE2's interpreter at first, and from its
 * 65th match on with a copy the JIT compiles then (the copy is made once,
 * by whichever thread gets there: a struct regex may still be shared).
 * regex_new_interpreted() never uses the JIT, for patterns that see only
 * a little text.
 */
struct regex *regex_new_interpreted(const char *pattern, size_t len,
				    char **err, size_t *err_off);
/*
 * Does pattern (UTF-8, len bytes) compile as JavaScript's RegExp reads
 * it, without flags?  PCRE2 with its JavaScript options (\u escapes, an
 * empty class [], unset back references matching empty, an unknown
 * escape as its letter).  Returns 0, or -1 with *err (the caller's)
 * saying why and *err_off the byte offset inside the pattern.
 */
int regex_check_js(const char *pattern, size_t len, char **err,
		   size_t *err_off);
/* Frees re, or, when it is shared, drops one user of it. */
void regex_free(struct regex *re);
/* The pattern as written: borrowed from re. */
const char *regex_pattern(const struct regex *re);
/*
 * Matches s (len bytes).  REGEX_LIMIT means the match could not be
 * decided; why (if not NULL) then gets PCRE2's reason.
 */
enum regex_result regex_match(const struct regex *re, const char *s,
			      size_t len, struct buf *why);
/*
 * Finds the first match in s (len bytes) that starts at or after start,
 * with the same limits.  On REGEX_MATCH, ov[0..2n) holds the offsets of
 * the match and of its first n - 1 groups, start and end; a group that
 * did not take part is REGEX_UNSET, twice.  why as for regex_match().
 */
#define REGEX_UNSET ((size_t)-1)
enum regex_result regex_search(const struct regex *re, const char *s,
			       size_t len, size_t start, size_t *ov, size_t n,
			       struct buf *why);

#endif
