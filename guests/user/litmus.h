/* litmus.h: the body of the litmus-* programs, written as a new user would
 * write a COW race test against the raw Linux ABI: no barriers, no pauses
 * outside the lock, no child that lingers, free-running thread loops with
 * their counters on the stack. The including file defines the lock first:
 *
 *   #define LITMUS_NAME "litmus-spin"
 *   typedef ... litmus_lock_t;
 *   static void litmus_lock(litmus_lock_t *l);
 *   static void litmus_unlock(litmus_lock_t *l);
 *
 *   NAME [N]   N forks (default 300)
 *
 * Word x and A's word sit on page X; the lock sits on page L with main's
 * count of forks, as globals share a page. Threads run until main has forked
 * N times:
 *   A  writes its word on X (after each fork: a COW fault);
 *   B  lock, x++, unlock;
 *   C  lock, reads x, counts to LITMUS_PAUSE in registers, reads x again,
 *      unlock; the reads differ only if C's hart read a stale page: a
 *      violation, reported with hartlab's mark syscall (1000; -ENOSYS on
 *      Linux, harmless).
 * main forks children that exit at once, counts the fork, and reaps each
 * with wait4 (every fork makes X, L and the stacks copy-on-write again).
 * Prints `NAME forks=N violations=M increments=K x=X`; exits 1 when M > 0,
 * 2 when x != K (an increment lost), 3 when clone, fork or wait4 failed. */
#include "rt.h"

#define HARTLAB_MARK 1000
#define LITMUS_PAUSE 25

static struct {
    volatile long x;
    volatile long a_word;       /* A's writes: the same page, another word */
} page_x __attribute__((aligned(PAGE_SIZE)));

static struct {
    litmus_lock_t lock;
    volatile long forks;        /* main's progress */
} page_l __attribute__((aligned(PAGE_SIZE)));

static volatile int done;

static long thread_a(void *arg)
{
    volatile long n = 0;        /* on the stack: each fork makes the stack page COW too */
    (void)arg;
    while (!done) {
        page_x.a_word = n;
        n = n + 1;
    }
    return n;
}

/* Returns its increments of x. */
static long thread_b(void *arg)
{
    volatile long n = 0;
    (void)arg;
    while (!done) {
        litmus_lock(&page_l.lock);
        page_x.x = page_x.x + 1;
        litmus_unlock(&page_l.lock);
        n = n + 1;
    }
    return n;
}

/* Returns the violations it saw. */
static long thread_c(void *arg)
{
    volatile long violations = 0;
    (void)arg;
    while (!done) {
        litmus_lock(&page_l.lock);
        long first = page_x.x;
        for (int i = 0; i < LITMUS_PAUSE; i++)
            __asm__ volatile("");
        long second = page_x.x;
        litmus_unlock(&page_l.lock);
        if (first != second) {
            violations = violations + 1;
            rt_syscall(HARTLAB_MARK, first, second, 0, 0, 0, 0);
        }
    }
    return violations;
}

int main(int argc, char **argv)
{
    struct rt_thread *a, *b, *c;
    long forks = argc > 1 ? rt_atol(argv[1]) : 300;

    if (rt_thread_create(&a, thread_a, NULL) != 0 || rt_thread_create(&b, thread_b, NULL) != 0
        || rt_thread_create(&c, thread_c, NULL) != 0) {
        printf("%s: clone failed\n", LITMUS_NAME);
        exit(3);
    }
    for (volatile long i = 0; i < forks; i = i + 1) {
        long pid = rt_fork();
        if (pid == 0)
            exit(0);
        page_l.forks = i + 1;
        int status;
        if (pid < 0 || sys_wait4(pid, &status, 0, NULL) != pid) {
            printf("%s: fork or wait4 failed after %ld forks\n", LITMUS_NAME, (long)i);
            exit(3);
        }
    }
    done = 1;
    rt_thread_join(a);
    long increments = rt_thread_join(b);
    long violations = rt_thread_join(c);
    printf("%s forks=%ld violations=%ld increments=%ld x=%ld\n", LITMUS_NAME, forks, violations, increments,
           page_x.x);
    if (violations > 0)
        return 1;
    return page_x.x == increments ? 0 : 2;
}
