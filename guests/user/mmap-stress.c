/* mmap-stress [THREADS [ROUNDS]]: each thread maps anonymous regions of 1..8
 * pages, touches every page with a pattern, write-protects half of them,
 * checks the pattern, and unmaps, over and over; another thread's unmaps
 * shoot down TLB entries on every hart the process runs on. Prints
 * "mmap-stress ok rounds=R" and exits 0; exit N>0 names the failed check. */
#include "rt.h"

#define SYS_mprotect 226

static long rounds;
static volatile int failed;

static long churn(void *arg)
{
    unsigned long seed = 0x9e3779b97f4a7c15UL * ((unsigned long)arg + 1);
    for (long r = 0; r < rounds && !failed; r++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        long pages = 1 + (long)((seed >> 33) % 8);
        long len = pages * 4096;
        volatile unsigned long *p = (volatile unsigned long *)sys_mmap(NULL, len, PROT_READ | PROT_WRITE,
                                                                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (sys_failed((long)p)) {
            failed = 1;
            break;
        }
        for (long i = 0; i < pages; i++)
            p[i * 512] = seed + i;
        if (pages >= 2 && rt_syscall(SYS_mprotect, (long)p, (pages / 2) * 4096, PROT_READ, 0, 0, 0) != 0)
            failed = 2;
        for (long i = 0; i < pages; i++)
            if (p[i * 512] != seed + i)
                failed = 3;
        if (sys_munmap((void *)p, len) != 0)
            failed = 4;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? rt_atol(argv[1]) : 3;
    rounds = argc > 2 ? rt_atol(argv[2]) : 200;
    if (n < 1 || n > 16)
        return 9;
    struct rt_thread *t[16];
    for (long i = 0; i < n; i++)
        if (rt_thread_create(&t[i], churn, (void *)i) != 0)
            return 8;
    for (long i = 0; i < n; i++)
        rt_thread_join(t[i]);
    if (failed)
        return failed;
    printf("mmap-stress ok rounds=%ld\n", rounds);
    return 0;
}
