/* rng.h - the benchmarks' generators' random numbers: splitmix64, small and the same everywhere. */
#ifndef ZWGK_BENCH_RNG_H
#define ZWGK_BENCH_RNG_H

#include <stdint.h>

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static int pick(int n)
{
	return (int)(rng() % (uint64_t)n);
}

#endif
