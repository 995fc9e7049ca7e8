/*
 * Repeated values: the first value of a list that equals, as JSON, an
 * earlier one (json_object_equal: 1 and 1.0 differ, object members in any
 * order).  Values are hashed and sorted, so a list of n values takes
 * O(n log n): comparing every pair, an "enum" of 50,000 distinct numbers
 * took 3.5 seconds, and one of a million would take an hour.
 */
#ifndef CONNLINT_REPEAT_H
#define CONNLINT_REPEAT_H

#include <stddef.h>

struct json_object;

/*
 * The index of the first of v[0..n) that equals an earlier one, with
 * *earlier the first it equals; n when no two are equal.  v is borrowed;
 * NULL is JSON null.
 */
size_t repeat_find(struct json_object *const *v, size_t n, size_t *earlier);

#endif
