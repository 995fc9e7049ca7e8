/*
 * bench-measure: runs a command once and prints what it cost, as
 *
 *   WALL_MS CPU_MS MAXRSS_KB STATUS
 *
 * WALL_MS is the whole process, from fork to exit (start-up included);
 * CPU_MS is user plus system time; MAXRSS_KB is the child's own peak
 * resident set (wait4's rusage, so earlier runs do not count); STATUS is
 * its exit status.  The command's standard output goes to OUT, its
 * standard input is /dev/null.
 *
 * usage: bench-measure OUT command [arg...]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static double
tv_ms(const struct timeval *tv)
{
	return (double)tv->tv_sec * 1e3 + (double)tv->tv_usec / 1e3;
}

int
main(int argc, char **argv)
{
	struct timespec start, end;
	struct rusage ru;
	int out, in, status;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: bench-measure OUT command [arg...]\n");
		return 2;
	}
	out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	in = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (out < 0 || in < 0) {
		fprintf(stderr, "bench-measure: %s: %s\n", argv[1],
			strerror(errno));
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid = fork();
	if (pid < 0) {
		perror("bench-measure: fork");
		return 2;
	}
	if (pid == 0) {
		if (dup2(in, 0) < 0 || dup2(out, 1) < 0)
			_exit(127);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "bench-measure: %s: %s\n", argv[2],
			strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("bench-measure: wait4");
			return 2;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	printf("%.3f %.3f %ld %d\n", ms_between(&start, &end),
	       tv_ms(&ru.ru_utime) + tv_ms(&ru.ru_stime), ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status));
	return 0;
}
