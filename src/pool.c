#include "pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

/*
 * Items whose work is over wait for their done, in order, holding what
 * the work made (a file's text and findings).  When this many per
 * thread are not done, pool_add waits for the head, so that memory stays
 * bounded however fast the items come (a walk finds files faster than
 * they are linted and printed).
 */
#define WINDOW_PER_THREAD 8

struct slot {
	void *item;
	bool over;		/* its work has run */
	unsigned by;		/* the thread that ran it */
};

struct worker {
	struct pool *pool;
	unsigned id;
	pthread_t thread;
	void **garbage;		/* items done, to release: under the lock */
	size_t ngarbage, garbage_alloc;
};

struct pool {
	pthread_mutex_t lock;	/* guards everything below it */
	pthread_cond_t more;	/* an item was added, or the pool closes */
	pthread_cond_t over;	/* what the caller waits for is over */
	struct slot *slots;
	size_t n, alloc;
	size_t next;		/* the next item to hand to a worker */
	bool closing;
	bool waiting;		/* the caller sleeps until the head and
				 * slot wake are over */
	size_t wake;

	size_t emitted;		/* items done, in order: the caller's */
	size_t added;		/* items added, by the caller */
	size_t min_items;
	unsigned nthreads;
	unsigned started;	/* workers running, besides the caller */
	struct worker *workers;
	pool_work_fn *work;
	pool_done_fn *done;
	pool_release_fn *release;
	void *arg;
};

/* Works on item i, and marks it over; called and returns locked. */
static void
work_on(struct pool *p, size_t i, unsigned id)
{
	void *item = p->slots[i].item;

	pthread_mutex_unlock(&p->lock);
	p->work(p->arg, item, id);
	pthread_mutex_lock(&p->lock);
	p->slots[i].over = true;
	p->slots[i].by = id;
	if (p->waiting && p->slots[p->emitted].over &&
	    p->slots[p->wake].over) {
		p->waiting = false;
		pthread_cond_signal(&p->over);
	}
}

/* Releases what the caller handed back to w; called and returns locked. */
static void
collect(struct pool *p, struct worker *w)
{
	void **items = w->garbage;
	size_t n = w->ngarbage;

	if (n == 0)
		return;
	w->garbage = NULL;
	w->ngarbage = w->garbage_alloc = 0;
	pthread_mutex_unlock(&p->lock);
	for (size_t k = 0; k < n; k++)
		p->release(p->arg, items[k]);
	free(items);
	pthread_mutex_lock(&p->lock);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		collect(p, w);
		while (p->next == p->n && !p->closing)
			pthread_cond_wait(&p->more, &p->lock);
		if (p->next == p->n)
			break;
		work_on(p, p->next++, w->id);
	}
	collect(p, w);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct pool *
pool_new(unsigned nthreads, size_t min_items, pool_work_fn *work,
	 pool_done_fn *done, pool_release_fn *release, void *arg)
{
	struct pool *p = xcalloc(1, sizeof(*p));

	p->nthreads = nthreads;
	p->min_items = min_items;
	p->work = work;
	p->done = done;
	p->release = release;
	p->arg = arg;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->over, NULL);
	return p;
}

static void
start_workers(struct pool *p)
{
	p->workers = xcalloc(p->nthreads - 1, sizeof(*p->workers));
	for (unsigned t = 0; t + 1 < p->nthreads; t++) {
		p->workers[t].pool = p;
		p->workers[t].id = t;
		if (pthread_create(&p->workers[t].thread, NULL, worker_main,
				   &p->workers[t]) != 0)
			break;
		p->started++;
	}
}

/*
 * Releases an item done: here if the caller worked on it, else in the
 * worker that did, at its next item, unless that worker holds
 * WINDOW_PER_THREAD already.  What a work allocates is freed in its
 * thread: freed in the caller, the file texts of a -j 2 run over 10,000
 * files made the threads wait for each other's allocator lock, 4,000
 * times in some runs.
 */
static void
give_back(struct pool *p, void *item, unsigned by)
{
	struct worker *w = by + 1 < p->nthreads ? &p->workers[by] : NULL;

	if (w != NULL) {
		pthread_mutex_lock(&p->lock);
		/* A worker busy with a long item holds at most this many. */
		if (w->ngarbage < WINDOW_PER_THREAD) {
			w->garbage = xgrow(w->garbage, sizeof(*w->garbage),
					   w->ngarbage + 1, &w->garbage_alloc);
			w->garbage[w->ngarbage++] = item;
			item = NULL;
		}
		pthread_mutex_unlock(&p->lock);
	}
	if (item != NULL)
		p->release(p->arg, item);
}

/*
 * Runs done on the items at the head whose work is over, while more than
 * keep items are not done: until then, works on the next item not begun,
 * or, when every one is begun, waits for the head's.  The caller works
 * rather than sleeping: with -j 2 as two workers and a caller that only
 * walked and printed, three threads shared two cores, and the workers
 * went idle 800 times on the benchmark's 10,000 files.  Waiting, it
 * sleeps until half of those keep are over too, so that it wakes once
 * for a batch of items rather than for each.
 */
static void
drain(struct pool *p, size_t keep)
{
	for (;;) {
		void *item;
		unsigned by;

		pthread_mutex_lock(&p->lock);
		while (p->n - p->emitted > keep && !p->slots[p->emitted].over) {
			/* Leave the workers enough that none runs dry
			 * while the caller works. */
			if (p->n - p->next > p->started) {
				work_on(p, p->next++, p->nthreads - 1);
				continue;
			}
			p->wake = p->emitted + keep / 2;
			while (!p->slots[p->emitted].over ||
			       !p->slots[p->wake].over) {
				p->waiting = true;
				pthread_cond_wait(&p->over, &p->lock);
			}
			p->waiting = false;
		}
		if (p->emitted == p->n || !p->slots[p->emitted].over) {
			pthread_mutex_unlock(&p->lock);
			return;
		}
		item = p->slots[p->emitted].item;
		by = p->slots[p->emitted++].by;
		pthread_mutex_unlock(&p->lock);
		p->done(p->arg, item);
		give_back(p, item, by);
	}
}

void
pool_add(struct pool *p, void *item)
{
	if (++p->added >= p->min_items && p->nthreads > 1 &&
	    p->workers == NULL)
		start_workers(p);
	if (p->started == 0) {
		/* No workers: work, done and release in turn, here. */
		p->work(p->arg, item, 0);
		p->done(p->arg, item);
		p->release(p->arg, item);
		return;
	}
	pthread_mutex_lock(&p->lock);
	p->slots = xgrow(p->slots, sizeof(*p->slots), p->n + 1, &p->alloc);
	p->slots[p->n].item = item;
	p->slots[p->n].over = false;
	p->n++;
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->lock);
	drain(p, ((size_t)p->started + 1) * WINDOW_PER_THREAD);
}

void
pool_finish(struct pool *p)
{
	/* Every done, then the workers, which release what they worked on. */
	drain(p, 0);
	pthread_mutex_lock(&p->lock);
	p->closing = true;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->lock);
	for (unsigned t = 0; t < p->started; t++) {
		struct worker *w = &p->workers[t];

		pthread_join(w->thread, NULL);
		free(w->garbage);	/* empty: the worker released it */
	}
	free(p->workers);
	free(p->slots);
	pthread_cond_destroy(&p->over);
	pthread_cond_destroy(&p->more);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

unsigned
pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 1 ? (unsigned)n : 1;
}
