/* cow-race (glibc): the COW/TLB-shootdown race of ARCHITECTURE.md written as
 * a user would write it, with pthreads and fork and no help for the kernel: no
 * barriers, no lingering child, free-running loops with their counters on the
 * stack (volatile locals, as litmus.h's), so each fork makes a thread's next
 * store to its counter a COW fault of its stack page, as a debug build's
 * locals would.
 *
 *   glibc-cow-race-mutex [N]   the lock is a pthread_mutex_t
 *   glibc-cow-race-spin [N]    the lock is a spin lock on __atomic builtins
 *                              (built from this file with -DSPIN_LOCK)
 *
 * Word x is a global on a page of its own with the word A writes; the lock is
 * a global on another page, beside main's count of forks. Threads run until
 * main has forked N children (default 300), each of which calls _exit(0) at
 * once and is reaped with waitpid; every fork makes x's page copy-on-write
 * again.
 *   A  writes the other word on x's page: a COW fault that copies the page;
 *   B  lock, x++, unlock;
 *   C  lock, r1 = x, a short count in registers, r2 = x, unlock: r1 != r2 is
 *      a violation (C's hart still reads the old page after B wrote the new copy), and C
 *      tells hartlab with its mark system call, syscall(1000, r1, r2), which
 *      Linux answers with ENOSYS.
 * Prints `forks=N violations=V` and `lost-increments=L` (B's increments
 * minus x: the same on every run that is correct); exits 1 when V > 0,
 * 2 when an increment was lost, 3 when fork, waitpid or pthread_create
 * failed, else 0. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define HARTLAB_MARK 1000
#define PAUSE_C 25

struct page_x {
    volatile long x;
    volatile long words[4096 / 8 - 1];    /* A writes words[255], 2 KiB past x */
} __attribute__((aligned(4096)));

static struct page_x page;

static volatile int stop;

#ifdef SPIN_LOCK
static struct {
    int word;
    volatile long forks;
} shared;

static void lock(void)
{
    while (__atomic_exchange_n(&shared.word, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(&shared.word, __ATOMIC_RELAXED))
            ;
}

static void unlock(void)
{
    __atomic_store_n(&shared.word, 0, __ATOMIC_RELEASE);
}
#else
static struct {
    pthread_mutex_t mutex;
    volatile long forks;
} shared = {PTHREAD_MUTEX_INITIALIZER, 0};

static void lock(void)
{
    pthread_mutex_lock(&shared.mutex);
}

static void unlock(void)
{
    pthread_mutex_unlock(&shared.mutex);
}
#endif

static void *thread_a(void *arg)
{
    struct page_x *p = arg;
    volatile long writes = 0;
    while (!stop)
        p->words[255] = ++writes;
    return (void *)writes;
}

static void *thread_b(void *arg)
{
    struct page_x *p = arg;
    volatile long increments = 0;
    while (!stop) {
        lock();
        p->x++;
        unlock();
        increments++;
    }
    return (void *)increments;
}

static void *thread_c(void *arg)
{
    struct page_x *p = arg;
    volatile long violations = 0;
    while (!stop) {
        lock();
        long r1 = p->x;
        for (int i = 0; i < PAUSE_C; i++)
            __asm__ volatile("");
        long r2 = p->x;
        unlock();
        if (r1 != r2) {
            violations++;
            syscall(HARTLAB_MARK, r1, r2);
        }
    }
    return (void *)violations;
}

int main(int argc, char **argv)
{
    long forks = argc > 1 ? atol(argv[1]) : 300;
    pthread_t a, b, c;
    if (pthread_create(&a, NULL, thread_a, &page) || pthread_create(&b, NULL, thread_b, &page)
        || pthread_create(&c, NULL, thread_c, &page)) {
        puts("pthread_create failed");
        return 3;
    }
    int failed = 0;
    for (long i = 0; i < forks && !failed; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        shared.forks = i + 1;
        int status;
        failed = pid < 0 || waitpid(pid, &status, 0) != pid || status != 0;
    }
    stop = 1;
    void *writes, *increments, *violations;
    pthread_join(a, &writes);
    pthread_join(b, &increments);
    pthread_join(c, &violations);
    if (failed) {
        puts("fork or waitpid failed");
        return 3;
    }
    printf("forks=%ld violations=%ld\n", forks, (long)violations);
    printf("lost-increments=%ld\n", (long)increments - page.x);
    if ((long)violations > 0)
        return 1;
    return page.x == (long)increments ? 0 : 2;
}
