/* futex-ops: the futex operations beyond WAIT and WAKE, on raw system calls,
 * with a waiting thread:
 *   requeue      CMP_REQUEUE moves the waiter from word a to word b (it says 1
 *                once the waiter sleeps), a wrong expected value is EAGAIN;
 *   wake-bitset  WAKE_BITSET on b with a bitset the waiter did not ask for
 *                wakes nobody, with its bitset wakes it, and the wait returns 0;
 *   wake-op      WAKE_OP adds 3 to word c (5 -> 8), wakes the waiter on a,
 *                and wakes c's waiters only when the old value compares;
 *   bad-op       an operation that does not exist is ENOSYS.
 * Prints one line per check and `futex-ops ok`; exits 0, or 1 on the first
 * failed check. */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static uint32_t a, b, c;
static volatile long waited = -2;

static long futex(uint32_t *word, int op, uint32_t val, long val2, uint32_t *word2, uint32_t val3)
{
    return syscall(SYS_futex, word, op, val, val2, word2, val3);
}

static int check(const char *what, int ok)
{
    printf("%s %s\n", what, ok ? "ok" : "FAILED");
    return ok;
}

static void *wait_bitset_2(void *arg)
{
    (void)arg;
    waited = futex(&a, FUTEX_WAIT_BITSET_PRIVATE, 0, 0, NULL, 2);
    return NULL;
}

static void *wait_plain(void *arg)
{
    (void)arg;
    waited = futex(&a, FUTEX_WAIT_PRIVATE, 0, 0, NULL, 0);
    return NULL;
}

/* Moves the sleeping waiter from a to `to` once it sleeps: returns what CMP_REQUEUE said last. */
static long requeue_when_asleep(uint32_t *to)
{
    long r = 0;
    for (int i = 0; i < 100000 && r == 0; i++) {
        r = futex(&a, FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, to, 0);
        if (r == 0)
            usleep(100);
    }
    return r;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, wait_bitset_2, NULL);
    if (!check("requeue", requeue_when_asleep(&b) == 1))
        return 1;
    if (!check("cmp-requeue-eagain", futex(&b, FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, &a, 7) == -1 && errno == EAGAIN))
        return 1;
    if (!check("wake-bitset-other-bits", futex(&b, FUTEX_WAKE_BITSET_PRIVATE, 1, 0, NULL, 1) == 0))
        return 1;
    if (!check("wake-bitset", futex(&b, FUTEX_WAKE_BITSET_PRIVATE, 1, 0, NULL, 2) == 1))
        return 1;
    pthread_join(t, NULL);
    if (!check("woken-wait-returns-0", waited == 0))
        return 1;

    c = 5;
    pthread_create(&t, NULL, wait_plain, NULL);
    if (!check("requeue-to-itself", requeue_when_asleep(&a) == 1))
        return 1;
    /* *c += 3; wake 1 on a; if old == 5 wake 1 on c (nobody waits there) */
    long r = futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, 1, &c, FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_EQ, 5));
    if (!check("wake-op", r == 1 && c == 8))
        return 1;
    pthread_join(t, NULL);
    /* *c = 1 << 4; the old value 8 is not > 100 */
    r = futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, 1, &c, FUTEX_OP(FUTEX_OP_SET, 4, FUTEX_OP_CMP_GT, 100)
                                                     | (uint32_t)FUTEX_OP_OPARG_SHIFT << 28);
    if (!check("wake-op-shifted-set", r == 0 && c == 16))
        return 1;
    if (!check("bad-op", futex(&a, 99, 0, 0, NULL, 0) == -1 && errno == ENOSYS))
        return 1;
    puts("futex-ops ok");
    return 0;
}
