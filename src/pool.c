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
};

struct worker {
	struct pool *pool;
	unsigned id;
	pthread_t thread;
};

struct pool {
	pthread_mutex_t lock;	/* guards everything below it */
	pthread_cond_t more;	/* an item was added, or the pool closes */
	pthread_cond_t over;	/* an item's work is over */
	struct slot *slots;
	size_t n, alloc;
	size_t next;		/* the next item to hand to a worker */
	bool closing;

	size_t emitted;		/* items done, in order: the caller's */
	size_t added;		/* items added, by the caller */
	size_t min_items;
	unsigned nthreads, started;
	struct worker *workers;
	pool_work_fn *work;
	pool_done_fn *done;
	void *arg;
};

static void *
worker_main(void *p)
{
	struct worker *w = p;
	struct pool *pool = w->pool;

	pthread_mutex_lock(&pool->lock);
	for (;;) {
		size_t i;
		void *item;

		while (pool->next == pool->n && !pool->closing)
			pthread_cond_wait(&pool->more, &pool->lock);
		if (pool->next == pool->n)
			break;
		i = pool->next++;
		item = pool->slots[i].item;
		pthread_mutex_unlock(&pool->lock);
		pool->work(pool->arg, item, w->id);
		pthread_mutex_lock(&pool->lock);
		pool->slots[i].over = true;
		pthread_cond_broadcast(&pool->over);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

struct pool *
pool_new(unsigned nthreads, size_t min_items, pool_work_fn *work,
	 pool_done_fn *done, void *arg)
{
	struct pool *p = xcalloc(1, sizeof(*p));

	p->nthreads = nthreads;
	p->min_items = min_items;
	p->work = work;
	p->done = done;
	p->arg = arg;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->over, NULL);
	return p;
}

static void
start_workers(struct pool *p)
{
	p->workers = xcalloc(p->nthreads, sizeof(*p->workers));
	for (unsigned t = 0; t < p->nthreads; t++) {
		p->workers[t].pool = p;
		p->workers[t].id = t;
		if (pthread_create(&p->workers[t].thread, NULL, worker_main,
				   &p->workers[t]) != 0)
			break;
		p->started++;
	}
}

/*
 * Runs done on the items at the head whose work is over, and waits for
 * the head's work while more than keep items are not done.
 */
static void
drain(struct pool *p, size_t keep)
{
	for (;;) {
		void *item;

		pthread_mutex_lock(&p->lock);
		while (p->n - p->emitted > keep && !p->slots[p->emitted].over)
			pthread_cond_wait(&p->over, &p->lock);
		if (p->emitted == p->n || !p->slots[p->emitted].over) {
			pthread_mutex_unlock(&p->lock);
			return;
		}
		item = p->slots[p->emitted++].item;
		pthread_mutex_unlock(&p->lock);
		p->done(p->arg, item);
	}
}

void
pool_add(struct pool *p, void *item)
{
	if (++p->added >= p->min_items && p->nthreads > 1 &&
	    p->workers == NULL)
		start_workers(p);
	if (p->started == 0) {
		/* No workers: work and done in turn, here. */
		p->work(p->arg, item, 0);
		p->done(p->arg, item);
		return;
	}
	pthread_mutex_lock(&p->lock);
	p->slots = xgrow(p->slots, sizeof(*p->slots), p->n + 1, &p->alloc);
	p->slots[p->n].item = item;
	p->slots[p->n].over = false;
	p->n++;
	pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->lock);
	drain(p, (size_t)p->started * WINDOW_PER_THREAD);
}

void
pool_finish(struct pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->closing = true;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->lock);
	drain(p, 0);
	for (unsigned t = 0; t < p->started; t++)
		pthread_join(p->workers[t].thread, NULL);
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
