#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "utf8.h"
#include "xalloc.h"

static struct source *
source_new(const char *name, char *bytes, size_t len)
{
	struct source *src = xcalloc(1, sizeof(*src));

	src->name = xstrdup(name);
	src->bytes = bytes;
	src->len = len;
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		src->bom = 3;
	return src;
}

struct source *
source_from_mem(const char *name, const void *p, size_t len)
{
	return source_new(name, xmemdup(p, len), len);
}

static char *
errorf(const char *what, int errnum)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s: %s", what, strerror(errnum));
	return buf_detach(&b);
}

/*
 * Reads fd, which st describes, to its end, at most max bytes.  A regular
 * file is sized first, so it is read into one allocation; pipes and
 * devices grow a buffer until a read returns nothing.
 */
static char *
read_all(int fd, const struct stat *st, size_t max, size_t *lenp, char **err)
{
	size_t len = 0, alloc = 0, want = 64 * 1024;
	char *p = NULL;

	if (S_ISDIR(st->st_mode)) {
		*err = xstrdup("is a directory");
		return NULL;
	}
	if (S_ISREG(st->st_mode)) {
		if ((unsigned long long)st->st_size > max)
			goto too_big;
		/* Room for the file, a NUL, and a byte to see the end. */
		alloc = (size_t)st->st_size + 2;
		p = xmalloc(alloc);
	}
	for (;;) {
		ssize_t n;

		if (len + 1 >= alloc)
			p = xgrow(p, 1, len + (want > 4096 ? want : 4096),
				  &alloc);
		n = read(fd, p + len, alloc - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = errorf("cannot read", errno);
			free(p);
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max)
			goto too_big;
		/*
		 * A regular file that gave exactly its size, when asked for
		 * a byte more, is over: no read to see it end (10,000 of
		 * 200,000 system calls over the benchmark's 10,000 folders).
		 * Not so a file whose size is not its length (/proc's files
		 * say 0 and give a page a read).
		 */
		if (S_ISREG(st->st_mode) && st->st_size > 0 &&
		    len == (size_t)st->st_size)
			break;
		want = len;	/* doubling for streams of unknown size */
	}
	p[len] = '\0';
	*lenp = len;
	return p;
too_big:
	free(p);
	{
		struct buf b = BUF_INIT;

		buf_addf(&b, "file is larger than the %zu-byte limit", max);
		*err = buf_detach(&b);
	}
	return NULL;
}

/*
 * source_read(); *absent (when not NULL) is set when path names nothing
 * or a directory.
 */
static struct source *
read_path(const char *path, const char *display, size_t max,
	  bool regular_only, char **err, bool *absent)
{
	struct stat st;
	int fd = 0;
	size_t len;
	char *bytes;

	*err = NULL;
	if (strcmp(path, "-") != 0) {
		/* Not blocking, so a FIFO cannot stop the open itself. */
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0 && absent != NULL &&
		    (errno == ENOENT || errno == ENOTDIR)) {
			*absent = true;
			return NULL;
		}
		if (fd < 0) {
			*err = errorf("cannot open", errno);
			return NULL;
		}
	}
	if (fstat(fd, &st) != 0) {
		*err = errorf("cannot stat", errno);
		if (fd != 0)
			close(fd);
		return NULL;
	}
	if (absent != NULL && S_ISDIR(st.st_mode)) {
		*absent = true;
		if (fd != 0)
			close(fd);
		return NULL;
	}
	if (fd != 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		if (regular_only) {
			*err = xstrdup("not a regular file");
			close(fd);
			return NULL;
		}
		/*
		 * Named on purpose: read it as cat(1) would, which for a
		 * FIFO means waiting for its writer.  poll() waits for data,
		 * or for a writer that came and went (POLLHUP); opening the
		 * FIFO again, blocking, would wait forever for a writer that
		 * has already written and gone.
		 */
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int flags;

		while (poll(&p, 1, -1) < 0 && errno == EINTR)
			;
		flags = fcntl(fd, F_GETFL);
		if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
			*err = errorf("cannot read", errno);
			close(fd);
			return NULL;
		}
	}
	bytes = read_all(fd, &st, max, &len, err);
	if (fd != 0)
		close(fd);
	if (bytes == NULL)
		return NULL;
	return source_new(display != NULL ? display : path, bytes, len);
}

struct source *
source_read(const char *path, const char *display, size_t max,
	    bool regular_only, char **err)
{
	return read_path(path, display, max, regular_only, err, NULL);
}

struct source *
source_read_optional(const char *path, size_t max, char **err, bool *absent)
{
	*absent = false;
	return read_path(path, NULL, max, true, err, absent);
}

void
source_free(struct source *src)
{
	if (src == NULL)
		return;
	free(src->name);
	free(src->bytes);
	free(src->lines);
	free(src);
}

/*
 * Finds where each line starts.  Most files end their lines with LF
 * alone, and then memchr finds them: on a 19 MiB file of 600,000 lines,
 * the byte loop took 190 million instructions to print one diagnostic,
 * this 27 million (plus the 47 million malloc spends, on the first large
 * request, merging the chunks json-c's tree freed).
 */
static void
build_lines(struct source *src)
{
	size_t alloc = 0, n = 0;
	size_t *lines = NULL;
	const char *s = src->bytes, *end = s + src->len;

	lines = xgrow(lines, sizeof(*lines), 1, &alloc);
	lines[n++] = 0;
	if (memchr(s, '\r', src->len) == NULL) {
		for (const char *p = s; (p = memchr(p, '\n', (size_t)(end - p)));
		     p++) {
			if (n == alloc)
				lines = xgrow(lines, sizeof(*lines), n + 1,
					      &alloc);
			lines[n++] = (size_t)(p - s) + 1;
		}
	} else {
		for (size_t i = 0; i < src->len; i++) {
			if (s[i] != '\n' && s[i] != '\r')
				continue;
			if (s[i] == '\r' && i + 1 < src->len && s[i + 1] == '\n')
				i++;
			if (n == alloc)
				lines = xgrow(lines, sizeof(*lines), n + 1,
					      &alloc);
			lines[n++] = i + 1;
		}
	}
	src->lines = lines;
	src->nlines = n;
}

/* The index of the line that holds off: the last start at or before it. */
static size_t
line_index(struct source *src, size_t off)
{
	size_t lo = 0, hi;

	if (src->lines == NULL)
		build_lines(src);
	hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct pos
source_pos(struct source *src, size_t off)
{
	struct pos p;
	size_t i;

	if (off > src->len)
		off = src->len;
	i = line_index(src, off);
	p.line = i + 1;
	p.col = off - src->lines[i] + 1;
	if (i == 0 && off >= src->bom)
		p.col -= src->bom;
	return p;
}

struct pos
source_pos_chars(struct source *src, size_t off)
{
	struct pos p = source_pos(src, off);
	size_t start, end, k, n;

	source_line(src, p.line, &start, &end);
	p.col = 1;
	for (k = start; k < off && k < src->len; k += n) {
		const char *why;

		n = utf8_seq(src->bytes + k, src->len - k, &why);
		if (n == 0)
			n = 1;
		p.col++;
	}
	return p;
}

void
source_line(struct source *src, size_t line, size_t *start, size_t *end)
{
	size_t i, e;

	if (src->lines == NULL)
		build_lines(src);
	i = line >= 1 && line <= src->nlines ? line - 1 : src->nlines - 1;
	*start = src->lines[i];
	if (i == 0 && *start < src->bom)
		*start = src->bom;
	e = i + 1 < src->nlines ? src->lines[i + 1] : src->len;
	while (e > *start && (src->bytes[e - 1] == '\n' ||
			      src->bytes[e - 1] == '\r'))
		e--;
	*end = e;
}
