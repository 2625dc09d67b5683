// Whether non-temporal row stores cost less when they are spread through the arithmetic than
// when they come in a burst after it (docs/performance.md, twenty-fifth session): the same
// arithmetic (independent fused multiply-adds on eight registers, no memory) and the same bytes
// streamed to a 512 MB buffer, in three orders — the arithmetic alone, all of a block's stores
// after its arithmetic (as PathKernel.StoreEntity streams a site's rows), and one 64-byte line
// after every few steps of arithmetic — plus the stores alone.
//
// build: gcc -O2 -mavx512f -mavx512dq -o /tmp/store_overlap benchmarks/scripts/store_overlap.c
// run:   /tmp/store_overlap [BLOCK_KB [STEPS_PER_BLOCK]]   (defaults 40 KB and 6000 steps a block)
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

// One step: a multiply-add on each of eight independent registers (about 4 cycles of the two FMA pipes).
#define STEP(acc, a, b) for (int r = 0; r < 8; r++) acc[r] = _mm512_fmadd_pd(acc[r], a, b)

int main(int argc, char **argv)
{
    const size_t blockBytes = (argc > 1 ? (size_t)atoi(argv[1]) : 40) * 1024;
    const int steps = argc > 2 ? atoi(argv[2]) : 6000;
    const size_t total = (size_t)512 << 20;
    const size_t blocks = total / blockBytes;
    const size_t lines = blockBytes / 64;
    double *dest = aligned_alloc(64, total);
    double *row = aligned_alloc(64, blockBytes);
    memset(dest, 1, total); // backed before the timing
    for (size_t i = 0; i < blockBytes / 8; i++) row[i] = (double)i;

    __m512d acc[8];
    const __m512d a = _mm512_set1_pd(0.999999), b = _mm512_set1_pd(1e-9);
    double best[6] = {1e9, 1e9, 1e9, 1e9, 1e9, 1e9};
    const char *names[6] = {"arithmetic alone", "stores after the arithmetic (burst)", "a line every few steps (spread)", "stores alone", "plain stores, burst", "plain stores, spread"};
    for (int repeat = 0; repeat < 5; repeat++)
    {
        for (int mode = 0; mode < 6; mode++)
        {
            for (int r = 0; r < 8; r++) acc[r] = _mm512_set1_pd(r);
            const double t0 = now();
            char *d = (char *)dest;
            for (size_t k = 0; k < blocks; k++)
            {
                if (mode == 2 || mode == 5)
                {
                    // One line per (steps / lines) steps, the rest of the arithmetic after.
                    const int every = steps / (int)lines;
                    int s = 0;
                    for (size_t l = 0; l < lines; l++)
                    {
                        for (int e = 0; e < every; e++, s++) STEP(acc, a, b);
                        if (mode == 2) _mm512_stream_pd((double *)(d + l * 64), _mm512_load_pd(row + l * 8));
                        else _mm512_store_pd((double *)(d + l * 64), _mm512_load_pd(row + l * 8));
                    }

                    for (; s < steps; s++) STEP(acc, a, b);
                }
                else
                {
                    if (mode != 3)
                        for (int s = 0; s < steps; s++) STEP(acc, a, b);
                    if (mode == 1 || mode == 3)
                        for (size_t l = 0; l < lines; l++) _mm512_stream_pd((double *)(d + l * 64), _mm512_load_pd(row + l * 8));
                    if (mode == 4)
                        for (size_t l = 0; l < lines; l++) _mm512_store_pd((double *)(d + l * 64), _mm512_load_pd(row + l * 8));
                }

                d += blockBytes;
            }

            _mm_sfence();
            const double t = now() - t0;
            if (t < best[mode]) best[mode] = t;
        }
    }

    double sink = 0;
    for (int r = 0; r < 8; r++) sink += _mm512_reduce_add_pd(acc[r]);
    printf("%zu KB stored a block, %d steps of arithmetic a block, %zu blocks (512 MB); best of 5 (s):\n", blockBytes / 1024, steps, blocks);
    for (int mode = 0; mode < 6; mode++) printf("  %-38s %.3f\n", names[mode], best[mode]);
    printf("  over the arithmetic: non-temporal burst %.3f s, spread %.3f s; plain burst %.3f s, spread %.3f s (checksum %g)\n", best[1] - best[0], best[2] - best[0], best[4] - best[0], best[5] - best[0], sink);
    return 0;
}
