#include "outfile.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

/*
 * The temporary files open now, for the signal handler to remove: a run
 * has at most a report and a baseline.  Only async-signal-safe calls
 * touch them there.
 */
#define ACTIVE_MAX 4
static char *volatile active[ACTIVE_MAX];

static void
on_signal(int sig)
{
	struct sigaction sa;

	for (size_t k = 0; k < ACTIVE_MAX; k++)
		if (active[k] != NULL)
			unlink(active[k]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, NULL);
	raise(sig);
}

/* The signals that end a run early; SIGPIPE: stdout went to head(1). */
static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

static void
track(char *tmp, char *old)
{
	for (size_t k = 0; k < ACTIVE_MAX; k++) {
		if (active[k] == old) {
			active[k] = tmp;
			break;
		}
	}
}

static void
install_handlers(void)
{
	static int installed;

	if (installed)
		return;
	installed = 1;
	for (size_t k = 0; k < ARRAY_SIZE(signals); k++) {
		struct sigaction sa, prev;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		/* A signal ignored by the caller (nohup) stays ignored. */
		if (sigaction(signals[k], NULL, &prev) == 0 &&
		    prev.sa_handler != SIG_IGN)
			sigaction(signals[k], &sa, NULL);
	}
}

static char *
errorf(const char *what, const char *path, int errnum)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s: cannot %s: %s", path, what, strerror(errnum));
	return buf_detach(&b);
}

static void
release(struct outfile *o)
{
	track(NULL, o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

int
outfile_open(struct outfile *o, const char *path, char **err)
{
	struct buf tmp = BUF_INIT;
	sigset_t block, old;
	struct stat st;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof(*o));
	/* Renaming over a FIFO, a device or a link would replace it. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		buf_addf(&tmp, "%s: not a regular file: a report replaces a "
			 "regular file, or makes one", path);
		*err = buf_detach(&tmp);
		return -1;
	}
	install_handlers();
	/*
	 * Between mkstemp and track, a signal would leave the file behind:
	 * none is let in until the handler knows its name.
	 */
	sigemptyset(&block);
	for (size_t k = 0; k < ARRAY_SIZE(signals); k++)
		sigaddset(&block, signals[k]);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	buf_addf(&tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		*err = errorf("create", path, errno);
		buf_release(&tmp);
		return -1;
	}
	o->tmp = buf_detach(&tmp);
	o->path = xstrdup(path);
	track(o->tmp, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	/* mkstemp makes it 0600; a report is a file like any other. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
		*err = errorf("create", path, errno);
		close(fd);
		outfile_abort(o);
		return -1;
	}
	return 0;
}

int
outfile_commit(struct outfile *o, char **err)
{
	int failed = fflush(o->fp) != 0 || ferror(o->fp);
	int errnum = failed ? errno : 0;

	if (!failed && fsync(fileno(o->fp)) != 0)
		failed = 1, errnum = errno;
	if (fclose(o->fp) != 0 && !failed)
		failed = 1, errnum = errno;
	o->fp = NULL;
	if (!failed && rename(o->tmp, o->path) != 0)
		failed = 1, errnum = errno;
	if (failed) {
		*err = errorf("write", o->path, errnum ? errnum : EIO);
		unlink(o->tmp);
		release(o);
		return -1;
	}
	release(o);
	return 0;
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	release(o);
}
