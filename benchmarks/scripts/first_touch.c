/* How long this machine takes to back fresh memory: 240 MiB of anonymous memory touched for the
 * first time, then again (docs/performance.md, twenty-second session). The path buffers of the
 * standard workload (about 290 MB) pay the first figure once per process.
 *
 *   gcc -O2 -pthread benchmarks/scripts/first_touch.c -o /tmp/first_touch
 *   /tmp/first_touch MODE      # MODE 0: 4 KiB pages, memset; 1: MADV_HUGEPAGE, memset (as PathMemory);
 *                              # 2: MADV_HUGEPAGE, MADV_POPULATE_WRITE; 3: MADV_HUGEPAGE, memset on two threads
 *
 * The first figure depends on what the machine did just before: right after another process
 * freed as much memory it is a few tens of milliseconds; a few seconds later, hundreds. Run the
 * modes alternately, with the same pause before each, before comparing them. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static char *memory;
static size_t half;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *clear_second_half(void *unused)
{
    (void)unused;
    memset(memory + half, 0, half);
    return NULL;
}

int main(int argc, char **argv)
{
    const size_t huge = (size_t)2 << 20, bytes = (size_t)240 << 20;
    int mode = argc > 1 ? atoi(argv[1]) : 1;
    char *mapped = mmap(NULL, bytes + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) {
        perror("mmap");
        return 1;
    }

    memory = (char *)(((size_t)mapped + huge - 1) & ~(huge - 1));
    if (mode >= 1) {
        madvise(memory, bytes, MADV_HUGEPAGE);
    }

    double start = now();
    if (mode == 2) {
        if (madvise(memory, bytes, MADV_POPULATE_WRITE) != 0) {
            perror("MADV_POPULATE_WRITE");
        }
    } else if (mode == 3) {
        pthread_t helper;
        half = bytes / 2;
        pthread_create(&helper, NULL, clear_second_half, NULL);
        memset(memory, 0, half);
        pthread_join(helper, NULL);
    } else {
        memset(memory, 0, bytes);
    }

    double first = now();
    memset(memory, 0, bytes);
    double second = now();
    printf("mode %d: first touch %.1f ms, second %.1f ms\n", mode, (first - start) * 1e3, (second - first) * 1e3);
    return 0;
}
