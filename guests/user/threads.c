/* threads [N [ROUNDS]]: N threads each add their index ROUNDS times to one
 * counter with AMOs and to another under a futex mutex (which sleeps in the
 * kernel when contended). Prints "atomic=A mutex=M expected=E"; exits 0 when
 * both equal E = ROUNDS * N*(N-1)/2... plus N*ROUNDS (index+1 is added). */
#include "rt.h"

/* A futex mutex: 0 free, 1 locked, 2 locked with waiters. */
static volatile int mutex;
static volatile long atomic_sum;
static long mutex_sum;
static long rounds;

static void mutex_lock(void)
{
    int c = __sync_val_compare_and_swap(&mutex, 0, 1);
    if (c == 0)
        return;
    if (c != 2)
        c = __atomic_exchange_n(&mutex, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        sys_futex(&mutex, FUTEX_WAIT, 2, NULL);
        c = __atomic_exchange_n(&mutex, 2, __ATOMIC_ACQUIRE);
    }
}

static void mutex_unlock(void)
{
    if (__atomic_exchange_n(&mutex, 0, __ATOMIC_RELEASE) == 2)
        sys_futex(&mutex, FUTEX_WAKE, 1, NULL);
}

static long worker(void *arg)
{
    long add = (long)arg + 1;
    for (long i = 0; i < rounds; i++) {
        __atomic_fetch_add(&atomic_sum, add, __ATOMIC_RELAXED);
        mutex_lock();
        mutex_sum += add;
        mutex_unlock();
    }
    return 0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? rt_atol(argv[1]) : 4;
    rounds = argc > 2 ? rt_atol(argv[2]) : 2000;
    if (n < 1 || n > 64)
        return 2;
    struct rt_thread *t[64];
    for (long i = 0; i < n; i++)
        if (rt_thread_create(&t[i], worker, (void *)i) != 0)
            return 3;
    for (long i = 0; i < n; i++)
        rt_thread_join(t[i]);
    long expected = rounds * n * (n + 1) / 2;
    printf("atomic=%ld mutex=%ld expected=%ld\n", (long)atomic_sum, mutex_sum, expected);
    return atomic_sum == expected && mutex_sum == expected ? 0 : 1;
}
