/* many-threads [TOTAL [LIVE [BURST]]]: starts TOTAL threads (default 2000)
 * over its life, at most LIVE (default 16) at a time, joining the oldest
 * before starting another; each adds its number to a sum. Prints
 * "many-threads total=T sum=S expected=E". Then, when BURST > 0, starts up to
 * BURST threads that all wait on one futex, until clone fails with EAGAIN
 * (the kernel's thread limit), releases and joins them, and prints
 * "burst created=C eagain=A". Exits 0 when S = E and the burst saw no error
 * but EAGAIN, 1 otherwise. */
#include "rt.h"

#define EAGAIN 11
#define MAX_LIVE 64

static volatile long sum;
static volatile int release;

static long add(void *arg)
{
    __atomic_fetch_add(&sum, (long)arg, __ATOMIC_RELAXED);
    return 0;
}

static long wait_for_release(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&release, __ATOMIC_ACQUIRE))
        sys_futex(&release, FUTEX_WAIT, 0, NULL);
    return 0;
}

static int burst(long max)
{
    struct rt_thread **t = malloc(sizeof *t * max);
    long created = 0, eagain = 0, other = 0;
    while (created < max) {
        long r = rt_thread_create(&t[created], wait_for_release, NULL);
        if (r == -EAGAIN) {
            eagain++;
            break;
        }
        if (r != 0) {
            other++;
            break;
        }
        created++;
    }
    __atomic_store_n(&release, 1, __ATOMIC_RELEASE);
    sys_futex(&release, FUTEX_WAKE, 0x7fffffff, NULL);
    for (long i = 0; i < created; i++)
        rt_thread_join(t[i]);
    printf("burst created=%ld eagain=%ld\n", created, eagain);
    return other == 0;
}

int main(int argc, char **argv)
{
    long total = argc > 1 ? rt_atol(argv[1]) : 2000;
    long live = argc > 2 ? rt_atol(argv[2]) : 16;
    long max_burst = argc > 3 ? rt_atol(argv[3]) : 0;
    if (total < 1 || live < 1 || live > MAX_LIVE)
        return 2;
    struct rt_thread *ring[MAX_LIVE];
    for (long i = 0; i < total; i++) {
        if (i >= live)
            rt_thread_join(ring[i % live]);
        if (rt_thread_create(&ring[i % live], add, (void *)(i + 1)) != 0)
            return 3;
    }
    for (long i = total > live ? total - live : 0; i < total; i++)
        rt_thread_join(ring[i % live]);
    long expected = total * (total + 1) / 2;
    printf("many-threads total=%ld sum=%ld expected=%ld\n", total, (long)sum, expected);
    int ok = sum == expected;
    if (max_burst > 0)
        ok &= burst(max_burst);
    return ok ? 0 : 1;
}
