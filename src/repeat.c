#include "repeat.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"

/* Lists this long or shorter have every pair compared. */
#define FEW_VALUES 16

/*
 * A hash of v such that values json_object_equal() finds equal hash
 * alike: an integer by its value, whether json-c holds it as int64 or
 * uint64; 0.0 and -0.0 alike; an object's members in any order.
 */
static uint64_t
value_hash(struct json_object *v, uint64_t seed)
{
	uint64_t h, u;
	double x;
	int64_t i;

	switch (json_object_get_type(v)) {
	case json_type_boolean:
		u = (uint64_t)json_object_get_boolean(v);
		return hash_mix(seed ^ (2 + u));
	case json_type_int:
		i = json_object_get_int64(v);
		u = i < 0 ? (uint64_t)i : json_object_get_uint64(v);
		return hash_mix(hash_mix(seed ^ 4) ^ u);
	case json_type_double:
		x = json_object_get_double(v);
		if (x == 0)
			x = 0;	/* -0.0 == 0.0 */
		memcpy(&u, &x, sizeof(u));
		return hash_mix(hash_mix(seed ^ 5) ^ u);
	case json_type_string:
		return hash_bytes(json_object_get_string(v),
				  (size_t)json_object_get_string_len(v),
				  seed ^ 6);
	case json_type_array:
		h = hash_mix(seed ^ 7);
		for (size_t k = 0; k < json_object_array_length(v); k++)
			h = hash_mix(h ^ value_hash(
				json_object_array_get_idx(v, k), seed));
		return h;
	case json_type_object:
		h = hash_mix(seed ^ 8);
		json_object_object_foreach(v, key, member)
			h += hash_mix(hash_bytes(key, strlen(key), seed) ^
				      value_hash(member, seed));
		return h;
	default:
		return hash_mix(seed ^ 1);	/* null */
	}
}

struct hashed {
	uint64_t h;
	size_t i;
};

static int
by_hash(const void *a, const void *b)
{
	const struct hashed *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static size_t
find_few(struct json_object *const *v, size_t n, size_t *earlier)
{
	for (size_t k = 1; k < n; k++)
		for (size_t j = 0; j < k; j++)
			if (json_object_equal(v[j], v[k])) {
				*earlier = j;
				return k;
			}
	return n;
}

size_t
repeat_find(struct json_object *const *v, size_t n, size_t *earlier)
{
	uint64_t seed = hash_seed();
	struct hashed *e;
	size_t found = n;

	if (n <= FEW_VALUES)
		return find_few(v, n, earlier);
	e = xmalloc(n * sizeof(*e));
	for (size_t k = 0; k < n; k++) {
		e[k].h = value_hash(v[k], seed);
		e[k].i = k;
	}
	qsort(e, n, sizeof(*e), by_hash);
	/* In each run of one hash, in list order: the first that equals
	 * one before it is that run's repeat; the earliest run's wins. */
	for (size_t start = 0, end; start < n; start = end) {
		for (end = start + 1; end < n && e[end].h == e[start].h; end++)
			;
		for (size_t a = start + 1; a < end && e[a].i < found; a++) {
			size_t b = start;

			while (b < a && !json_object_equal(v[e[b].i], v[e[a].i]))
				b++;
			if (b < a) {
				found = e[a].i;
				*earlier = e[b].i;
				break;
			}
		}
	}
	free(e);
	return found;
}
