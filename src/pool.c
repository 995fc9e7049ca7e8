#include "pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t finished;	/* signalled when a work item ends */
	size_t n, next;			/* the next item to hand out */
	bool *over;			/* per item: its work has run */
	pool_work_fn *work;
	void *arg;
};

struct worker {
	struct pool *pool;
	unsigned id;
};

static void *
worker_main(void *p)
{
	struct worker *w = p;
	struct pool *pool = w->pool;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&pool->lock);
		i = pool->next < pool->n ? pool->next++ : pool->n;
		pthread_mutex_unlock(&pool->lock);
		if (i == pool->n)
			return NULL;
		pool->work(pool->arg, i, w->id);
		pthread_mutex_lock(&pool->lock);
		pool->over[i] = true;
		pthread_cond_broadcast(&pool->finished);
		pthread_mutex_unlock(&pool->lock);
	}
}

void
pool_run(size_t n, unsigned nthreads, pool_work_fn *work, pool_done_fn *done,
	 void *arg)
{
	struct pool pool = { .n = n, .work = work, .arg = arg };
	struct worker *workers;
	pthread_t *threads;
	unsigned started = 0;

	if (nthreads > n)
		nthreads = (unsigned)n;
	if (nthreads > 1) {
		pthread_mutex_init(&pool.lock, NULL);
		pthread_cond_init(&pool.finished, NULL);
		pool.over = xcalloc(n, sizeof(*pool.over));
		workers = xcalloc(nthreads, sizeof(*workers));
		threads = xcalloc(nthreads, sizeof(*threads));
		for (unsigned t = 0; t < nthreads; t++) {
			workers[t].pool = &pool;
			workers[t].id = t;
			if (pthread_create(&threads[t], NULL, worker_main,
					   &workers[t]) != 0)
				break;
			started++;
		}
		for (size_t i = 0; started > 0 && i < n; i++) {
			pthread_mutex_lock(&pool.lock);
			while (!pool.over[i])
				pthread_cond_wait(&pool.finished, &pool.lock);
			pthread_mutex_unlock(&pool.lock);
			done(arg, i);
		}
		for (unsigned t = 0; t < started; t++)
			pthread_join(threads[t], NULL);
		free(threads);
		free(workers);
		free(pool.over);
		pthread_cond_destroy(&pool.finished);
		pthread_mutex_destroy(&pool.lock);
		if (started > 0)
			return;
	}
	/* One thread: no locks, no handing out. */
	for (size_t i = 0; i < n; i++) {
		work(arg, i, 0);
		done(arg, i);
	}
}

unsigned
pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 1 ? (unsigned)n : 1;
}
