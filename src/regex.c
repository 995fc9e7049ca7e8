#define PCRE2_CODE_UNIT_WIDTH 8

#include "regex.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

/*
 * A pattern made by regex_new() is matched by PCRE2's interpreter for its
 * first JIT_AFTER matches, and then by a JIT-compiled copy: compiling the
 * built-in rules' patterns took 3.1 million of the 10.3 million
 * instructions of a run over one file (an editor's or a hook's), and the
 * interpreter is quick enough for a few files.
 */
#define JIT_AFTER 64

struct regex {
	char *pattern;
	pcre2_code *code;		/* never JIT-compiled */
	_Atomic(pcre2_code *) jit;	/* its JIT-compiled copy, once made */
	bool jit_ok;			/* the JIT compiled it: set before jit */
	atomic_uint matches;		/* by the interpreter, so far */
	bool lazy_jit;			/* make the copy after JIT_AFTER */
	pthread_mutex_t lock;		/* one thread makes the copy */
	pcre2_match_context *mctx;
	size_t refs;			/* under interned_lock */
	size_t len;			/* of pattern */
};

/*
 * Patterns made by regex_new(), shared: rules test one pattern in several
 * places (the secret-name pattern four times), and each configuration
 * loads the built-in rules again.  Compiling them once took 1.0 million
 * of a run's 5.2 million instructions on one small file.
 */
static pthread_mutex_t interned_lock = PTHREAD_MUTEX_INITIALIZER;
static struct regex **interned;
static size_t ninterned, interned_alloc;

static struct regex *
make(const char *pattern, size_t len, bool jit, char **err, size_t *err_off)
{
	struct regex *re;
	int code;
	PCRE2_SIZE off;
	pcre2_code *c;

	c = pcre2_compile((PCRE2_SPTR)pattern, len, PCRE2_UTF | PCRE2_UCP |
			  PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C,
			  &code, &off, NULL);
	if (c == NULL) {
		PCRE2_UCHAR msg[256];
		struct buf b = BUF_INIT;

		pcre2_get_error_message(code, msg, sizeof(msg));
		buf_adds(&b, (const char *)msg);
		*err = buf_detach(&b);
		*err_off = off;
		return NULL;
	}
	re = xcalloc(1, sizeof(*re));
	re->refs = 1;
	re->len = len;
	re->pattern = xmemdup(pattern, len);
	re->code = c;
	re->lazy_jit = jit;
	atomic_init(&re->jit, NULL);
	atomic_init(&re->matches, 0);
	if (pthread_mutex_init(&re->lock, NULL) != 0)
		xalloc_failed(0);
	re->mctx = pcre2_match_context_create(NULL);
	if (re->mctx == NULL)
		xalloc_failed(0);
	pcre2_set_match_limit(re->mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, REGEX_MATCH_LIMIT);
	return re;
}

struct regex *
regex_new(const char *pattern, size_t len, char **err, size_t *err_off)
{
	struct regex *re = NULL;

	pthread_mutex_lock(&interned_lock);
	for (size_t k = 0; k < ninterned && re == NULL; k++)
		if (interned[k]->len == len &&
		    memcmp(interned[k]->pattern, pattern, len) == 0)
			re = interned[k];
	if (re != NULL) {
		re->refs++;
	} else {
		re = make(pattern, len, true, err, err_off);
		if (re != NULL) {
			interned = xgrow(interned, sizeof(*interned),
					 ninterned + 1, &interned_alloc);
			interned[ninterned++] = re;
		}
	}
	pthread_mutex_unlock(&interned_lock);
	return re;
}

struct regex *
regex_new_interpreted(const char *pattern, size_t len, char **err,
		      size_t *err_off)
{
	return make(pattern, len, false, err, err_off);
}

int
regex_check_js(const char *pattern, size_t len, char **err, size_t *err_off)
{
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	pcre2_code *c;
	PCRE2_SIZE off;
	int code;

	if (cc == NULL)
		xalloc_failed(0);
	pcre2_set_compile_extra_options(cc, PCRE2_EXTRA_ALT_BSUX |
					PCRE2_EXTRA_BAD_ESCAPE_IS_LITERAL);
	c = pcre2_compile((PCRE2_SPTR)pattern, len, PCRE2_UTF |
			  PCRE2_ALT_BSUX | PCRE2_ALLOW_EMPTY_CLASS |
			  PCRE2_MATCH_UNSET_BACKREF, &code, &off, cc);
	pcre2_compile_context_free(cc);
	if (c == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(code, msg, sizeof(msg));
		*err = xstrdup((const char *)msg);
		*err_off = off;
		return -1;
	}
	pcre2_code_free(c);
	return 0;
}

void
regex_free(struct regex *re)
{
	if (re == NULL)
		return;
	if (re->lazy_jit) {
		bool last;

		pthread_mutex_lock(&interned_lock);
		last = --re->refs == 0;
		for (size_t k = 0; last && k < ninterned; k++) {
			if (interned[k] == re) {
				interned[k] = interned[--ninterned];
				break;
			}
		}
		if (last && ninterned == 0) {
			free(interned);
			interned = NULL;
			interned_alloc = 0;
		}
		pthread_mutex_unlock(&interned_lock);
		if (!last)
			return;
	}
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	pcre2_code_free(atomic_load(&re->jit));
	pthread_mutex_destroy(&re->lock);
	free(re->pattern);
	free(re);
}

const char *
regex_pattern(const struct regex *re)
{
	return re->pattern;
}

/*
 * Match data: the compiled pattern and its context are read-only, so
 * threads share a struct regex, but each thread matches into match data
 * of its own.  It is made on a thread's first match and freed when the
 * thread ends (the main thread's lives until exit): making and freeing it
 * for each match cost about 200 instructions, on 900,000 matches for the
 * benchmark's 10,000 files.
 */
#define THREAD_PAIRS 16		/* pairs of offsets: groups, plus the match */

static pthread_key_t md_key;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;

static void
md_free(void *md)
{
	pcre2_match_data_free(md);
}

static void
md_key_create(void)
{
	if (pthread_key_create(&md_key, md_free) != 0)
		xalloc_failed(0);
}

/* This thread's match data, for up to THREAD_PAIRS pairs. */
static pcre2_match_data *
thread_md(void)
{
	pcre2_match_data *md;

	pthread_once(&md_once, md_key_create);
	md = pthread_getspecific(md_key);
	if (md == NULL) {
		md = pcre2_match_data_create(THREAD_PAIRS, NULL);
		if (md == NULL || pthread_setspecific(md_key, md) != 0)
			xalloc_failed(sizeof(md));
	}
	return md;
}

/*
 * The code to match re with: the JIT's copy once there is one, made by
 * the match that passes JIT_AFTER.  (A struct regex is const to its
 * users: the copy is made behind that, under the lock.)  Where the JIT
 * cannot compile it, the copy is interpreted.
 */
static pcre2_code *
code_for(const struct regex *cre)
{
	struct regex *re = (struct regex *)cre;
	pcre2_code *c = atomic_load_explicit(&re->jit, memory_order_acquire);

	if (c != NULL)
		return c;
	if (!re->lazy_jit || atomic_fetch_add_explicit(&re->matches, 1,
			memory_order_relaxed) < JIT_AFTER)
		return re->code;
	pthread_mutex_lock(&re->lock);
	c = atomic_load_explicit(&re->jit, memory_order_relaxed);
	if (c == NULL) {
		c = pcre2_code_copy(re->code);
		if (c == NULL)
			xalloc_failed(0);
		re->jit_ok = pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) == 0;
		atomic_store_explicit(&re->jit, c, memory_order_release);
	}
	pthread_mutex_unlock(&re->lock);
	return c;
}

/*
 * Matches s[start..len) into md.  JIT-compiled code is run directly, by
 * pcre2_jit_match(), which spares pcre2_match()'s checks (130 of the 310
 * instructions of a match on an empty subject; the patterns accept any
 * bytes, PCRE2_MATCH_INVALID_UTF).  The JIT's small default stack runs
 * out on long subjects long before the match limit: the interpreter,
 * bounded by the same limits, decides those.
 */
static int
run(const struct regex *re, const char *s, size_t len, size_t start,
    pcre2_match_data *md)
{
	pcre2_code *code = code_for(re);
	int rc;

	if (code != re->code && re->jit_ok)
		rc = pcre2_jit_match(code, (PCRE2_SPTR)s, len, start, 0, md,
				     re->mctx);
	else
		rc = pcre2_match(code, (PCRE2_SPTR)s, len, start, 0, md,
				 re->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(code, (PCRE2_SPTR)s, len, start, PCRE2_NO_JIT,
				 md, re->mctx);
	return rc;
}

enum regex_result
regex_match(const struct regex *re, const char *s, size_t len,
	    struct buf *why)
{
	pcre2_match_data *md = thread_md();
	PCRE2_UCHAR msg[256];
	int rc;

	rc = run(re, s, len, 0, md);
	if (rc >= 0)
		return REGEX_MATCH;
	if (rc == PCRE2_ERROR_NOMATCH)
		return REGEX_NOMATCH;
	/* The limits, and any other failure: the value was not decided. */
	if (why != NULL) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		buf_adds(why, (const char *)msg);
	}
	return REGEX_LIMIT;
}

enum regex_result
regex_search(const struct regex *re, const char *s, size_t len, size_t start,
	     size_t *ov, size_t n, struct buf *why)
{
	pcre2_match_data *md = n <= THREAD_PAIRS ? thread_md() :
	    pcre2_match_data_create((uint32_t)n, NULL);
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE *got;
	int rc;

	if (md == NULL)
		xalloc_failed(sizeof(md));
	rc = run(re, s, len, start, md);
	if (rc >= 0) {
		got = pcre2_get_ovector_pointer(md);
		for (size_t k = 0; k < 2 * n; k++)
			ov[k] = k < 2 * (size_t)pcre2_get_ovector_count(md) &&
				got[k] != PCRE2_UNSET ? got[k] : REGEX_UNSET;
	}
	if (n > THREAD_PAIRS)
		pcre2_match_data_free(md);
	if (rc >= 0)
		return REGEX_MATCH;
	if (rc == PCRE2_ERROR_NOMATCH)
		return REGEX_NOMATCH;
	if (why != NULL) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		buf_adds(why, (const char *)msg);
	}
	return REGEX_LIMIT;
}
