/* litmus-spin: the COW race of litmus.h with a test-and-set spin lock
 * (amoswap.w.aq to take, a plain release store to give back; the waiter spins
 * on a load, never yields).
 *
 *   litmus-spin [N]   N forks (default 300); output and exit codes: litmus.h */
#define LITMUS_NAME "litmus-spin"

typedef struct { volatile int word; } litmus_lock_t;

static void litmus_lock(litmus_lock_t *l)
{
    while (__atomic_exchange_n(&l->word, 1, __ATOMIC_ACQUIRE) != 0)
        while (l->word != 0)
            ;
}

static void litmus_unlock(litmus_lock_t *l)
{
    __atomic_store_n(&l->word, 0, __ATOMIC_RELEASE);
}

#include "litmus.h"
