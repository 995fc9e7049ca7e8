/*
 * struct source: one input document's name and bytes, and the map from
 * byte offsets to line and column.
 *
 * Positions inside connlint are byte offsets; lines and columns are made
 * only when a diagnostic is printed.  Lines are 1-based; a line ends at
 * LF, CRLF or a lone CR.  Columns are 1-based and count bytes (a tab is
 * one column), as Vim's %c and GCC's -fdiagnostics-column-unit=byte do; a
 * UTF-8 byte order mark does not count on line 1.
 */
#ifndef CONNLINT_SOURCE_H
#define CONNLINT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * The largest document connlint reads by default, and at most: json-c
 * takes a length in an int, and struct node's offsets are 32-bit.
 */
#define SOURCE_MAX_SIZE_DEFAULT ((size_t)64 << 20)
#define SOURCE_MAX_SIZE_LIMIT ((size_t)1 << 30)

struct source {
	char *name;		/* owned: the path as the user wrote it */
	char *bytes;		/* owned: len bytes, then a NUL */
	size_t len;
	size_t bom;		/* 3 when bytes start with a UTF-8 BOM */
	size_t *lines;		/* owned, lazy: offset of each line start */
	size_t nlines;
};

struct pos {
	size_t line;
	size_t col;
};

/*
 * Reads the file at path ("-" for standard input) whole.  display is the
 * name diagnostics use; NULL means path.  With regular_only, anything but
 * a regular file (a FIFO, a device) is refused rather than read.  Returns
 * NULL and sets *err (the caller's, to free) when the file cannot be
 * read or is larger than max bytes.
 */
struct source *source_read(const char *path, const char *display, size_t max,
			   bool regular_only, char **err);
/*
 * The same for a regular file that may not be there (an index.js): NULL
 * with *absent set, and no *err, when path names nothing or a directory.
 * One open, where a stat first would make two system calls.
 */
struct source *source_read_optional(const char *path, size_t max, char **err,
				    bool *absent);
/* A source over a copy of len bytes at p. */
struct source *source_from_mem(const char *name, const void *p, size_t len);
void source_free(struct source *src);

/* The line and column of byte offset off (off may be len: end of input). */
struct pos source_pos(struct source *src, size_t off);
/*
 * The same, with the column counted in Unicode code points, as SARIF's
 * "unicodeCodePoints" wants; a byte that is not UTF-8 counts as one.
 */
struct pos source_pos_chars(struct source *src, size_t off);
/*
 * The bytes of line (1 to nlines) as [*start, *end), without its line
 * break or, on line 1, a byte order mark.
 */
void source_line(struct source *src, size_t line, size_t *start, size_t *end);

#endif
