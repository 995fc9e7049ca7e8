#include "hash.h"

#include <string.h>

static const char anchor;

uint64_t
hash_seed(void)
{
	return hash_mix((uint64_t)(uintptr_t)&anchor ^ 0x9e3779b97f4a7c15u);
}

uint64_t
hash_bytes(const void *p, size_t len, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = hash_mix(seed ^ len), w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = hash_mix(h ^ w) + w;
	}
	w = 0;
	memcpy(&w, s, len);
	return hash_mix(h ^ w ^ (uint64_t)len << 56);
}
