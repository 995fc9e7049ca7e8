/*
 * repeat_find: the first value that repeats an earlier one, as JSON,
 * in lists short (pairwise) and long (hashed), with the values that
 * json_object_equal tells apart or not.
 */
#include "unit.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repeat.h"

/* The items of the JSON array text, as a list of borrowed values. */
static struct json_object *
parse(const char *text, struct json_object ***v, size_t *n)
{
	struct json_object *arr = json_tokener_parse(text);

	assert_non_null(arr);
	*n = json_object_array_length(arr);
	*v = calloc(*n + 1, sizeof(**v));
	assert_non_null(*v);
	for (size_t k = 0; k < *n; k++)
		(*v)[k] = json_object_array_get_idx(arr, k);
	return arr;
}

/* repeat_find on text must say item again repeats item earlier. */
static void
assert_repeat(const char *text, size_t again, size_t earlier)
{
	struct json_object **v, *arr;
	size_t n, got, got_earlier = 999;

	arr = parse(text, &v, &n);
	got = repeat_find(v, n, &got_earlier);

	if (got != again || (again < n && got_earlier != earlier))
		print_message("%s: got %zu (of %zu), expected %zu (of %zu)\n",
			      text, got, got_earlier, again, earlier);
	assert_int_equal(got, again);
	if (again < n)
		assert_int_equal(got_earlier, earlier);
	free(v);
	json_object_put(arr);
}

static void
test_short(void **state)
{
	(void)state;
	assert_repeat("[]", 0, 0);
	assert_repeat("[1]", 1, 0);
	assert_repeat("[1, 2, 3]", 3, 0);
	assert_repeat("[1, 2, 1]", 2, 0);
	assert_repeat("[1, 2, 2, 1]", 2, 1);
	/* the earliest of those it repeats */
	assert_repeat("[3, 3, 3]", 1, 0);
	/* JSON's equality: types count, member order does not */
	assert_repeat("[1, 1.0, \"1\", true, null]", 5, 0);
	assert_repeat("[0.0, -0.0]", 1, 0);
	assert_repeat("[{\"a\": 1, \"b\": 2}, {\"b\": 2, \"a\": 1}]", 1, 0);
	assert_repeat("[[1, 2], [2, 1], [1, 2]]", 2, 0);
	assert_repeat("[null, false, null]", 2, 0);
	assert_repeat("[\"a\\u0000b\", \"a\", \"a\\u0000b\"]", 2, 0);
}

/*
 * A JSON array of n distinct items, each the number k between before and
 * after, with extra appended as is.
 */
static char *
long_list(size_t n, const char *before, const char *after,
	  const char *extra)
{
	size_t size = n * 64 + strlen(extra) + 16, len = 0;
	char *s = malloc(size);

	assert_non_null(s);
	s[len++] = '[';
	for (size_t k = 0; k < n; k++) {
		len += (size_t)snprintf(s + len, size - len, "%s%zu%s",
					before, k, after);
		s[len++] = ',';
	}
	len += (size_t)snprintf(s + len, size - len, "%s]", extra);
	return s;
}

static void
test_long(void **state)
{
	char *s;

	(void)state;
	s = long_list(1000, "", "", "5000");
	assert_repeat(s, 1001, 0);	/* none */
	free(s);
	s = long_list(1000, "", "", "999");
	assert_repeat(s, 1000, 999);
	free(s);
	s = long_list(1000, "\"s", "\"", "\"s17\"");
	assert_repeat(s, 1000, 17);
	free(s);
	/* an integer and a double of one value are not the same */
	s = long_list(1000, "", "", "17.0");
	assert_repeat(s, 1001, 0);
	free(s);
	s = long_list(1000, "{\"a\": ", ", \"b\": [1, {}]}",
		      "{\"b\": [1, {}], \"a\": 3}");
	assert_repeat(s, 1000, 3);
	free(s);
	/* the first repeat in list order wins, whatever the hashes' order */
	s = long_list(1000, "", "", "900, 5, 900");
	assert_repeat(s, 1000, 900);
	free(s);
	s = long_list(1000, "", "", "-0.0, 0.0");
	assert_repeat(s, 1001, 1000);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short),
		cmocka_unit_test(test_long),
	};

	return cmocka_run_group_tests_name("repeat", tests, NULL, NULL);
}
