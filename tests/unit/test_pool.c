/*
 * The ordered pool: dones run in the order items were added, each once,
 * after its work, whatever the number of threads and however long each
 * work takes; each item is released once, after its done, in the thread
 * that worked on it; each thread's worker number is its own; and a pool
 * with one thread, or below its minimum, works inline.
 */
#include "unit.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "pool.h"

#define ITEMS 2000
#define MAX_THREADS 8

struct item {
	size_t index;
	atomic_int worked;	/* times its work ran */
	atomic_int released;	/* times its release ran */
	atomic_int done;	/* its done has run */
	unsigned worker;
	pthread_t thread;	/* that ran its work */
};

struct run {
	struct item items[ITEMS];
	size_t next_done;	/* the index the next done must have */
	size_t out_of_order, done_before_work;
	atomic_int busy[MAX_THREADS];	/* works running, by worker */
	atomic_int shared;		/* a worker number used at once twice */
	atomic_int bad_worker;		/* a worker number out of range */
	atomic_int bad_release;		/* before done, in another thread,
					 * or twice */
	atomic_int alive, most_alive;	/* worked on and not released */
	unsigned nthreads;
	size_t slow_every;		/* every so many items take 20 ms */
	pthread_t caller;
	size_t by_caller;		/* works the calling thread ran */
};

/* A few microseconds of work, longer for some items, so they end out
 * of order. */
static void
work(void *arg, void *p, unsigned worker)
{
	struct run *r = arg;
	struct item *it = p;
	struct timespec ts = { 0, (long)(it->index % 7) * 3000 };

	/* not cmocka's asserts: they cannot fail on another thread */
	if (worker >= MAX_THREADS || worker >= r->nthreads) {
		atomic_store(&r->bad_worker, 1);
		return;
	}
	if (atomic_fetch_add(&r->busy[worker], 1) != 0)
		atomic_store(&r->shared, 1);
	{
		int alive = atomic_fetch_add(&r->alive, 1) + 1;
		int most = atomic_load(&r->most_alive);

		while (alive > most &&
		       !atomic_compare_exchange_weak(&r->most_alive, &most,
						     alive))
			;
	}
	it->worker = worker;
	it->thread = pthread_self();
	if (r->slow_every > 0)	/* the others at once */
		ts.tv_nsec = it->index % r->slow_every == 0 ? 20000000 : 0;
	if (ts.tv_nsec > 0 && (r->slow_every > 0 || it->index % 3 == 0))
		nanosleep(&ts, NULL);
	atomic_fetch_add(&it->worked, 1);
	atomic_fetch_sub(&r->busy[worker], 1);
}

static void
done(void *arg, void *p)
{
	struct run *r = arg;
	struct item *it = p;

	assert_true(pthread_equal(pthread_self(), r->caller));
	r->out_of_order += it->index != r->next_done;
	r->done_before_work += atomic_load(&it->worked) != 1;
	r->by_caller += pthread_equal(it->thread, r->caller);
	r->next_done++;
	atomic_store(&it->done, 1);
}

/* After done, in the thread that worked on the item. */
static void
release(void *arg, void *p)
{
	struct run *r = arg;
	struct item *it = p;

	if (!atomic_load(&it->done) || atomic_load(&it->released) != 0)
		atomic_store(&r->bad_release, 1);
	/* in the thread that worked on it, or past a worker's 8, the caller */
	if (!pthread_equal(it->thread, pthread_self()) &&
	    !pthread_equal(r->caller, pthread_self()))
		atomic_store(&r->bad_release, 1);
	atomic_fetch_add(&it->released, 1);
	atomic_fetch_sub(&r->alive, 1);
}

static struct run *
run_pool(unsigned nthreads, size_t min_items, size_t slow_every)
{
	struct run *r = calloc(1, sizeof(*r));
	struct pool *p;

	assert_non_null(r);
	r->nthreads = nthreads;
	r->slow_every = slow_every;
	r->caller = pthread_self();
	p = pool_new(nthreads, min_items, work, done, release, r);
	for (size_t k = 0; k < ITEMS; k++) {
		r->items[k].index = k;
		pool_add(p, &r->items[k]);
	}
	pool_finish(p);
	assert_int_equal(r->next_done, ITEMS);
	assert_int_equal(r->out_of_order, 0);
	assert_int_equal(r->done_before_work, 0);
	assert_int_equal(atomic_load(&r->shared), 0);
	assert_int_equal(atomic_load(&r->bad_worker), 0);
	assert_int_equal(atomic_load(&r->bad_release), 0);
	for (size_t k = 0; k < ITEMS; k++)
		assert_int_equal(atomic_load(&r->items[k].released), 1);
	/* what the work made is held by at most 16 items a thread */
	assert_true(atomic_load(&r->most_alive) <= 16 * (int)nthreads);
	return r;
}

static void
test_one_thread_inline(void **state)
{
	struct run *r = run_pool(1, 1, 0);

	(void)state;
	/* everything ran in the caller, as worker 0 */
	assert_int_equal(r->by_caller, ITEMS);
	for (size_t k = 0; k < ITEMS; k++)
		assert_int_equal(r->items[k].worker, 0);
	free(r);
}

static void
test_below_minimum_inline(void **state)
{
	struct run *r = run_pool(4, ITEMS + 1, 0);

	(void)state;
	assert_int_equal(r->by_caller, ITEMS);
	free(r);
}

static void
test_threads_in_order(void **state)
{
	(void)state;
	for (unsigned n = 2; n <= MAX_THREADS; n *= 2) {
		struct run *r = run_pool(n, 1, 0);
		size_t others = 0;

		/* workers numbered below n, and not all of it in the caller */
		for (size_t k = 0; k < ITEMS; k++) {
			assert_true(r->items[k].worker < n);
			others += !pthread_equal(r->items[k].thread, r->caller);
		}
		assert_true(others > 0);
		free(r);
	}
}

/* The first items, below the minimum, run inline; the rest on threads. */
static void
test_minimum_then_threads(void **state)
{
	struct run *r = run_pool(2, 100, 0);

	(void)state;
	for (size_t k = 0; k + 1 < 100; k++)
		assert_true(pthread_equal(r->items[k].thread, r->caller));
	assert_true(r->by_caller < ITEMS);
	free(r);
}

/* Workers busy with long items: memory stays bounded all the same. */
static void
test_bounded_with_slow_items(void **state)
{
	(void)state;
	for (unsigned n = 2; n <= MAX_THREADS; n *= 2)
		free(run_pool(n, 1, 40));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_thread_inline),
		cmocka_unit_test(test_below_minimum_inline),
		cmocka_unit_test(test_threads_in_order),
		cmocka_unit_test(test_minimum_then_threads),
		cmocka_unit_test(test_bounded_with_slow_items),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
