/* litmus-futex: the COW race of litmus.h with a futex mutex, the kind a
 * pthread mutex is: 0 free, 1 held, 2 held with waiters; a taker that finds
 * it held marks it 2 and sleeps in FUTEX_WAIT_PRIVATE, the holder wakes one
 * sleeper on release when it was 2.
 *
 *   litmus-futex [N]   N forks (default 300); output and exit codes: litmus.h */
#define LITMUS_NAME "litmus-futex"

#include "rt.h"

#define FUTEX_PRIVATE 128

typedef struct { volatile int word; } litmus_lock_t;

static void litmus_lock(litmus_lock_t *l)
{
    int free = 0;
    if (__atomic_compare_exchange_n(&l->word, &free, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    while (__atomic_exchange_n(&l->word, 2, __ATOMIC_ACQUIRE) != 0)
        sys_futex(&l->word, FUTEX_WAIT | FUTEX_PRIVATE, 2, NULL);
}

static void litmus_unlock(litmus_lock_t *l)
{
    if (__atomic_exchange_n(&l->word, 0, __ATOMIC_RELEASE) == 2)
        sys_futex(&l->word, FUTEX_WAKE | FUTEX_PRIVATE, 1, NULL);
}

#include "litmus.h"
