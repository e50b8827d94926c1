/* cow-cost: copy-on-write faults of a single-threaded process, the cost
 * baseline that `hartlab stress cow-cost` sets against cow-race's threads.
 *
 *   cow-cost [K [ROUNDS]]   K pages (default 16, 1..256), ROUNDS rounds (default 100)
 *
 * K private anonymous pages are touched once. Each round main forks a child
 * that lingers, calling sched_yield in a loop, until a flag on a MAP_SHARED
 * page says main is done; so every page is still shared with the child while
 * main writes each of the K pages once: K COW faults, none of which needs an
 * IPI (no other hart runs this address space). Then the child checks that it
 * still sees the values of before the fork, and main reaps it.
 * Prints `cow-writes=N` (K * ROUNDS); exits 0, 1 when the child saw main's
 * writes or main lost its own, 3 when mmap, fork or wait4 failed. */
#include "rt.h"

#define MAX_PAGES 256

struct flag {
    volatile long done;   /* main stores the round number + 1 when its writes are done */
};

/* The child: yield until main is done with round `round`, then check the pre-fork values. */
__attribute__((noreturn)) static void child(volatile struct flag *flag, volatile long *pages, long k, long round)
{
    while (flag->done != round + 1)
        sys_sched_yield();
    for (long i = 0; i < k; i++) {
        if (pages[i * (PAGE_SIZE / 8)] != (round - 1) * k + i)
            exit(1);
    }
    exit(0);
}

int main(int argc, char **argv)
{
    long k = argc > 1 ? rt_atol(argv[1]) : 16;
    long rounds = argc > 2 ? rt_atol(argv[2]) : 100;
    if (k < 1)
        k = 1;
    if (k > MAX_PAGES)
        k = MAX_PAGES;
    if (rounds < 0)
        rounds = 0;
    long p = sys_mmap(NULL, k * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long f = sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(p) || sys_failed(f)) {
        printf("cow-cost: mmap failed\n");
        exit(3);
    }
    volatile long *pages = (volatile long *)p;
    volatile struct flag *flag = (volatile struct flag *)f;
    for (long i = 0; i < k; i++)
        pages[i * (PAGE_SIZE / 8)] = -k + i;   /* round -1's values: every page resident */
    flag->done = 0;
    for (long r = 0; r < rounds; r++) {
        long pid = rt_fork();
        if (pid == 0)
            child(flag, pages, k, r);
        if (pid < 0) {
            printf("cow-cost: fork failed in round %ld\n", r);
            exit(3);
        }
        for (long i = 0; i < k; i++)
            pages[i * (PAGE_SIZE / 8)] = r * k + i;   /* one COW fault per page */
        flag->done = r + 1;
        int status;
        if (sys_wait4(pid, &status, 0, NULL) != pid) {
            printf("cow-cost: wait4 failed in round %ld\n", r);
            exit(3);
        }
        if (status != 0) {
            printf("cow-cost: round %ld: the child saw the parent's writes (status %d)\n", r, status);
            exit(1);
        }
        for (long i = 0; i < k; i++) {
            if (pages[i * (PAGE_SIZE / 8)] != r * k + i) {
                printf("cow-cost: round %ld: page %ld lost its write\n", r, i);
                exit(1);
            }
        }
    }
    printf("cow-writes=%ld\n", k * rounds);
    return 0;
}
