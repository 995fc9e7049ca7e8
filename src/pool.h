/*
 * An ordered parallel loop: work runs on worker threads in any order,
 * and done runs in the calling thread, strictly in order, as soon as the
 * work it follows has finished.  So output written by done is the same,
 * byte for byte, however many threads there are.
 */
#ifndef CONNLINT_POOL_H
#define CONNLINT_POOL_H

#include <stddef.h>

/* worker: which thread runs it, from 0 to nthreads - 1, for scratch. */
typedef void pool_work_fn(void *arg, size_t i, unsigned worker);
typedef void pool_done_fn(void *arg, size_t i);

/*
 * Runs work(arg, i, w) and then done(arg, i) for each i in [0, n).  With
 * nthreads <= 1, or if no thread can be started, it runs them in turn in
 * the calling thread, as worker 0.
 */
void pool_run(size_t n, unsigned nthreads, pool_work_fn *work,
	      pool_done_fn *done, void *arg);

/* The number of processors online, at least 1. */
unsigned pool_cpus(void);

#endif
