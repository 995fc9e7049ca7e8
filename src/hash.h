/*
 * Hashing for connlint's tables: repeated keys, member lookup, repeated
 * values.  Every hash is keyed with a per-process seed, so that a file
 * cannot be written to make its keys collide: with a fixed hash such as
 * FNV-1a, 100,000 keys chosen to fall into one bucket turn a table's
 * linear work quadratic.
 */
#ifndef CONNLINT_HASH_H
#define CONNLINT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* A bijective 64-bit mixer: every input bit changes half the output's. */
static inline uint64_t
hash_mix(uint64_t x)
{
	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93u;
	x ^= x >> 32;
	x *= 0xd6e8feb86659fd93u;
	x ^= x >> 32;
	return x;
}

/*
 * The process's seed: the same for every call in one run, different from
 * run to run (it comes from where the loader put connlint, which ASLR
 * chooses).  Output never depends on it: hashes only order table slots.
 */
uint64_t hash_seed(void);

/* The hash of len bytes at p, keyed with seed. */
uint64_t hash_bytes(const void *p, size_t len, uint64_t seed);

#endif
