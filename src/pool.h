/*
 * An ordered, streaming parallel loop.  The caller adds items one by one;
 * work runs on worker threads in any order, and done runs in the calling
 * thread, strictly in the order the items were added, as soon as their
 * work is over.  So what done writes is the same, byte for byte, however
 * many threads there are; and items can be added (a directory walk goes
 * on) while earlier ones are being worked on.
 */
#ifndef CONNLINT_POOL_H
#define CONNLINT_POOL_H

#include <stddef.h>

struct pool;

/* worker: which thread runs it, from 0 to nthreads - 1, for scratch. */
typedef void pool_work_fn(void *arg, void *item, unsigned worker);
typedef void pool_done_fn(void *arg, void *item);
typedef void pool_release_fn(void *arg, void *item);

/*
 * A pool of nthreads threads: the calling thread, and nthreads - 1
 * workers started once min_items items have been added.  Until then,
 * and always with nthreads <= 1 or when no thread can be started, each
 * item is worked on and done as it is added, in the calling thread, as
 * worker 0.  Once they run, the calling thread works too, as worker
 * nthreads - 1, on the next item not yet begun, whenever it would
 * otherwise wait.
 */
struct pool *pool_new(unsigned nthreads, size_t min_items, pool_work_fn *work,
		      pool_done_fn *done, pool_release_fn *release, void *arg);
/*
 * Adds an item (the caller's once release has run on it).  Runs the dones
 * that are due, and works or waits while 8 per thread are not done.
 * release runs after done, in the thread that worked on the item, so
 * that what the work allocated is freed where it was allocated: the
 * caller's, at once, or a worker's, when it takes its next item (or when
 * it ends), unless it holds 8 already (then the caller's).  So at most
 * 16 per thread hold what their work made.
 */
void pool_add(struct pool *p, void *item);
/* Waits for every item, runs the remaining dones and releases, frees p. */
void pool_finish(struct pool *p);

/* The number of processors online, at least 1. */
unsigned pool_cpus(void);

#endif
