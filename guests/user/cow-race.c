/* cow-race: the COW/TLB-shootdown race of ARCHITECTURE.md as a guest program.
 *
 *   cow-race [N]   N iterations (default 1000)
 *
 * Word x sits on page X, the lock on page L, the barriers on page S. Each
 * iteration main forks a child that lingers (yielding its hart) until a flag on
 * a MAP_SHARED page says the race is over, so X is copy-on-write again and
 * still shared when A writes it, however the harts' speeds differ (a child
 * that merely counted to a fixed number could exit first on a fast host, and
 * A's fault would upgrade X in place instead of copying); main reaps it with
 * wait4 after the race; then main and threads A, B, C meet at a barrier
 * and race:
 *   A  writes another word of X (offset 2048): a COW fault;
 *   B  lock, x++, unlock;
 *   C  reads x once (caching X's pre-COW translation in its hart's TLB), then
 *      lock, reads x twice with a short busy pause between, unlock.
 * Under the lock x cannot change, so C's two reads differ only when C's
 * hart still reads the old page after B wrote the new copy: a violation.
 * A second barrier ends the iteration. Prints `iterations=N violations=M`
 * and `x=K expected=N` (B's increments), exits 1 when M > 0, 2 when an
 * increment was lost, 3 when clone, mmap, fork or wait4 failed, else 0. */
#include "rt.h"

#define PAUSE_C  200     /* busy loop between C's two reads */
#define PAUSE_C0  50     /* before C takes the lock: lets B go first */
#define HARTLAB_MARK 1000 /* hartlab_mark(a, b): an instant event on the trace */

static struct {
    volatile long x;
    volatile long words[PAGE_SIZE / 8 - 1];   /* A writes words[255], 2 KiB past x */
} page_x __attribute__((aligned(PAGE_SIZE)));

static struct {
    rt_lock_t lock;
    char pad[PAGE_SIZE - sizeof(rt_lock_t)];
} page_l __attribute__((aligned(PAGE_SIZE)));

static struct {
    rt_barrier_t start, end;
    char pad[PAGE_SIZE - 2 * sizeof(rt_barrier_t)];
} page_s __attribute__((aligned(PAGE_SIZE)));

static long iterations;

/* On a MAP_SHARED page: main stores the iteration number + 1 once the race is over. */
static volatile long *race_over;

static inline void busy_pause(int n)
{
    for (int i = 0; i < n; i++)
        __asm__ volatile("nop");
}

static long thread_a(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++) {
        rt_barrier_wait(&page_s.start);
        page_x.words[255] = i;
        rt_barrier_wait(&page_s.end);
    }
    return 0;
}

static long thread_b(void *arg)
{
    (void)arg;
    for (long i = 0; i < iterations; i++) {
        rt_barrier_wait(&page_s.start);
        rt_lock(&page_l.lock);
        page_x.x = page_x.x + 1;
        rt_unlock(&page_l.lock);
        rt_barrier_wait(&page_s.end);
    }
    return 0;
}

/* Returns the number of violations seen. */
static long thread_c(void *arg)
{
    long violations = 0;
    (void)arg;
    for (long i = 0; i < iterations; i++) {
        rt_barrier_wait(&page_s.start);
        (void)page_x.x;
        busy_pause(PAUSE_C0);
        rt_lock(&page_l.lock);
        long first = page_x.x;
        busy_pause(PAUSE_C);
        long second = page_x.x;
        rt_unlock(&page_l.lock);
        if (first != second) {
            violations++;
            /* hartlab's own syscall: puts the violation on the trace (Linux: -ENOSYS, harmless). */
            rt_syscall(HARTLAB_MARK, first, second, 0, 0, 0, 0);
        }
        rt_barrier_wait(&page_s.end);
    }
    return violations;
}

int main(int argc, char **argv)
{
    struct rt_thread *a, *b, *c;

    iterations = argc > 1 ? rt_atol(argv[1]) : 1000;
    if (iterations < 0)
        iterations = 0;
    page_x.x = 0;
    rt_barrier_init(&page_s.start, 4);
    rt_barrier_init(&page_s.end, 4);
    long shared = sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(shared)) {
        printf("cow-race: mmap failed\n");
        exit(3);
    }
    race_over = (volatile long *)shared;
    if (rt_thread_create(&a, thread_a, NULL) != 0 || rt_thread_create(&b, thread_b, NULL) != 0
        || rt_thread_create(&c, thread_c, NULL) != 0) {
        printf("cow-race: clone failed\n");
        exit(3);
    }
    for (long i = 0; i < iterations; i++) {
        long pid = rt_fork();
        if (pid == 0) {
            /* Linger, so page X is still shared with this child when A writes it: the write must copy. */
            while (*race_over != i + 1)
                sys_sched_yield();
            exit(0);
        }
        if (pid < 0) {
            printf("cow-race: fork failed at iteration %ld\n", i);
            exit(3);
        }
        rt_barrier_wait(&page_s.start);
        rt_barrier_wait(&page_s.end);
        *race_over = i + 1;
        int status;
        if (sys_wait4(pid, &status, 0, NULL) != pid) {
            printf("cow-race: wait4 failed at iteration %ld\n", i);
            exit(3);
        }
    }
    rt_thread_join(a);
    rt_thread_join(b);
    long violations = rt_thread_join(c);
    printf("iterations=%ld violations=%ld\n", iterations, violations);
    printf("x=%ld expected=%ld\n", page_x.x, iterations);
    if (violations > 0)
        return 1;
    return page_x.x == iterations ? 0 : 2;
}
