/* futex-timeout: timed waits that nobody ends return ETIMEDOUT after at least
 * their timeout: a raw FUTEX_WAIT with a relative timeout, a raw
 * FUTEX_WAIT_BITSET with an absolute CLOCK_MONOTONIC one, sem_timedwait and
 * pthread_cond_timedwait with absolute CLOCK_REALTIME ones (glibc:
 * FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME). A wait on a word whose value
 * differs returns EAGAIN at once. Prints one line per check and
 * `futex-timeout ok`; exits 0, or 1 on the first failed check. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static uint32_t word;

static long long now_ns(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct timespec after(clockid_t c, long ns)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    ts.tv_nsec += ns;
    while (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    return ts;
}

static int check(const char *what, int ok)
{
    printf("%s %s\n", what, ok ? "ok" : "FAILED");
    return ok;
}

int main(void)
{
    struct timespec rel = {0, 2000000};
    long long t0 = now_ns(CLOCK_MONOTONIC);
    long r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &rel, NULL, 0);
    if (!check("futex-wait-relative", r == -1 && errno == ETIMEDOUT && now_ns(CLOCK_MONOTONIC) - t0 >= 2000000))
        return 1;
    r = syscall(SYS_futex, &word, FUTEX_WAIT, 1, &rel, NULL, 0);
    if (!check("futex-wait-eagain", r == -1 && errno == EAGAIN))
        return 1;
    struct timespec abs = after(CLOCK_MONOTONIC, 3000000);
    r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
    if (!check("futex-wait-bitset-absolute", r == -1 && errno == ETIMEDOUT
                                                 && now_ns(CLOCK_MONOTONIC) >= abs.tv_sec * 1000000000LL + abs.tv_nsec))
        return 1;
    r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET, 0, &abs, NULL, 0);
    if (!check("futex-wait-bitset-zero-einval", r == -1 && errno == EINVAL))
        return 1;
    struct timespec bad = {0, -1};
    r = syscall(SYS_futex, &word, FUTEX_WAIT, 0, &bad, NULL, 0);
    if (!check("futex-wait-bad-timeout-einval", r == -1 && errno == EINVAL))
        return 1;
    sem_t sem;
    sem_init(&sem, 0, 0);
    abs = after(CLOCK_REALTIME, 2000000);
    if (!check("sem-timedwait", sem_timedwait(&sem, &abs) == -1 && errno == ETIMEDOUT
                                    && now_ns(CLOCK_REALTIME) >= abs.tv_sec * 1000000000LL + abs.tv_nsec))
        return 1;
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    pthread_mutex_lock(&m);
    abs = after(CLOCK_REALTIME, 2000000);
    int e = pthread_cond_timedwait(&c, &m, &abs);
    pthread_mutex_unlock(&m);
    if (!check("cond-timedwait", e == ETIMEDOUT && now_ns(CLOCK_REALTIME) >= abs.tv_sec * 1000000000LL + abs.tv_nsec))
        return 1;
    puts("futex-timeout ok");
    return 0;
}
