/*
 * UTF-8, as RFC 3629 defines it: no overlong forms, no UTF-16 surrogates,
 * nothing above U+10FFFF.
 */
#ifndef CONNLINT_UTF8_H
#define CONNLINT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/*
 * The length (1 to 4) of the valid sequence at p[0..avail), or 0 with
 * *why saying what is wrong with it.
 */
size_t utf8_seq(const char *p, size_t avail, const char **why);
/* Writes code point cp (at most U+10FFFF) to out; returns its length. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* The number of code points in valid UTF-8. */
size_t utf8_count(const char *s, size_t len);
/*
 * Is s (valid UTF-8) blank: nothing but white space (Unicode's, not only
 * ASCII's) and invisible characters such as U+200B and U+FEFF?
 */
bool utf8_blank(const char *s, size_t len);
/* Appends s to out with each byte that is not valid UTF-8 as U+FFFD. */
void utf8_add_valid(struct buf *out, const char *s, size_t len);

#endif
