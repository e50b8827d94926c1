/* pingpong [ROUNDS]: two threads hand a token back and forth through a futex
 * word: each waits (FUTEX_WAIT) until the word says it is its turn, then
 * flips it and wakes the other. On a multi-hart machine each wake-up of a
 * thread on another hart is an IPI. Prints "pingpong rounds=R" and exits 0. */
#include "rt.h"

static volatile int turn;      /* 0: ping's turn, 1: pong's turn */
static long rounds;
static long passes[2];

static long player(void *arg)
{
    int me = (int)(long)arg;
    for (long r = 0; r < rounds; r++) {
        while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me)
            sys_futex(&turn, FUTEX_WAIT, 1 - me, NULL);
        passes[me]++;
        __atomic_store_n(&turn, 1 - me, __ATOMIC_RELEASE);
        sys_futex(&turn, FUTEX_WAKE, 1, NULL);
    }
    return 0;
}

int main(int argc, char **argv)
{
    rounds = argc > 1 ? rt_atol(argv[1]) : 500;
    struct rt_thread *ping, *pong;
    if (rt_thread_create(&ping, player, (void *)0) != 0 || rt_thread_create(&pong, player, (void *)1) != 0)
        return 3;
    rt_thread_join(ping);
    rt_thread_join(pong);
    printf("pingpong rounds=%ld\n", passes[0] == rounds && passes[1] == rounds ? rounds : -1L);
    return passes[0] == rounds && passes[1] == rounds ? 0 : 1;
}
