// What the VM charges for fresh memory, the floor under a first Alpha158 panel run: maps and
// touches 500 blocks of 158 × 5,000 doubles (3.2 GB, the panel's output) the way
// FeatureFrameStorage does (anonymous mappings advised MADV_HUGEPAGE), on N threads.
//
//   cc -O2 -pthread Benchmarks/reference/fresh_memory.c -o /tmp/fresh_memory && /tmp/fresh_memory 2
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#define BLOCK (158L * 5000 * 8)
#define BLOCKS 500

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *touch(void *count) {
    for (long i = 0; i < (long)count; i++) {
        char *p = mmap(NULL, BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) { perror("mmap"); exit(1); }
        madvise(p, BLOCK, MADV_HUGEPAGE);
        for (long j = 0; j < BLOCK; j += 4096) p[j] = 1;
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    if (threads < 1 || threads > 64) { fprintf(stderr, "usage: fresh_memory THREADS\n"); return 1; }
    pthread_t ids[64];
    double start = now();
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, touch, (void *)(long)(BLOCKS / threads));
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    printf("%d threads: touched %.2f GB of fresh mappings in %.3f s\n", threads, BLOCKS * (double)BLOCK / 1e9, now() - start);
    return 0;
}
