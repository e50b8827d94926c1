/* fp-threads [N [ROUNDS]]: N threads (default 6, more than the harts, so the
 * kernel switches them in the middle of their work) each run a chain of
 * double and float arithmetic under a rounding mode of their own (frm), yield
 * now and then, and accumulate the exception flags (fflags). Main then runs
 * every chain again alone, and a forked child does too: the results and flags
 * must agree bit for bit, which holds only if the kernel saves and restores
 * f0-f31 and fcsr on every switch and copies them on fork and clone.
 * Prints "fp-threads ok threads=N"; exits 0, 1 on a mismatch, 3 when clone,
 * fork or wait4 failed. */
#include "rt.h"

#define MAX_THREADS 16

struct chain {
    long index;
    double d;
    float f;
    unsigned flags;
};

static long rounds;

static inline void set_rounding(unsigned mode)
{
    __asm__ volatile("fsrm %0" : : "r"(mode));
    __asm__ volatile("fsflags zero");
}

static inline unsigned flags(void)
{
    unsigned f;
    __asm__ volatile("frflags %0" : "=r"(f));
    return f;
}

static inline double fmadd(double a, double b, double c)
{
    double r;
    __asm__ volatile("fmadd.d %0, %1, %2, %3" : "=f"(r) : "f"(a), "f"(b), "f"(c));
    return r;
}

static inline double fsqrt(double a)
{
    double r;
    __asm__ volatile("fsqrt.d %0, %1" : "=f"(r) : "f"(a));
    return r;
}

/* One chain: every value depends on the previous one, so a register lost or
 * a rounding mode mixed up anywhere changes the end result. */
static void run_chain(struct chain *c, int yield)
{
    volatile double d = 1.0 + (double)c->index / 7.0;
    volatile float f = 3.0f - (float)c->index / 11.0f;
    set_rounding((unsigned)(c->index % 5));   /* RNE, RTZ, RDN, RUP, RMM */
    for (long i = 1; i <= rounds; i++) {
        d = fmadd(d, 1.0000001, fsqrt((double)i) / 3.0);
        if (d > 1e6)
            d = d / 1e6;
        f = f * 1.0001f + (float)i / 9.0f;
        if (f > 1e4f)
            f = f / 1e4f;
        if (yield && i % 64 == 0)
            sys_sched_yield();
    }
    c->d = d;
    c->f = f;
    c->flags = flags();
}

static long thread_main(void *arg)
{
    run_chain(arg, 1);
    return 0;
}

static int same(const struct chain *a, const struct chain *b)
{
    return memcmp(&a->d, &b->d, sizeof a->d) == 0 && memcmp(&a->f, &b->f, sizeof a->f) == 0
        && a->flags == b->flags;
}

/* Recomputes every chain alone and counts the ones that differ from `got`. */
static int mismatches(const struct chain *got, long n, const char *who)
{
    int bad = 0;
    for (long i = 0; i < n; i++) {
        struct chain alone = { .index = i };
        run_chain(&alone, 0);
        if (!same(&alone, &got[i])) {
            printf("fp-threads: %s: chain %ld differs (flags %x, expected %x)\n", who, i, got[i].flags,
                   alone.flags);
            bad++;
        }
    }
    return bad;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? rt_atol(argv[1]) : 6;
    rounds = argc > 2 ? rt_atol(argv[2]) : 2000;
    if (n < 1)
        n = 1;
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    static struct chain chains[MAX_THREADS];
    struct rt_thread *threads[MAX_THREADS];
    set_rounding(2);  /* main's own mode: the threads must not inherit a change or leak theirs */
    for (long i = 0; i < n; i++) {
        chains[i].index = i;
        if (rt_thread_create(&threads[i], thread_main, &chains[i]) != 0) {
            printf("fp-threads: clone failed\n");
            exit(3);
        }
    }
    for (long i = 0; i < n; i++)
        rt_thread_join(threads[i]);
    long pid = rt_fork();
    if (pid == 0)
        exit(mismatches(chains, n, "child") == 0 ? 0 : 1);
    int status;
    if (pid < 0 || sys_wait4(pid, &status, 0, NULL) != pid) {
        printf("fp-threads: fork or wait4 failed\n");
        exit(3);
    }
    if (mismatches(chains, n, "main") != 0 || status != 0)
        return 1;
    printf("fp-threads ok threads=%ld\n", n);
    return 0;
}
