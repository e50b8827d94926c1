/* threads-test: 3 threads each take a spin lock and increment a shared
 * counter 10000 times; main joins them (futex on the tid word) and checks
 * 30000. Each thread also checks tp is its descriptor (CLONE_SETTLS) and
 * gettid() is the tid clone stored (CLONE_PARENT_SETTID).
 *   exit 1  counter wrong   2  clone failed   3  a thread's tp or tid was wrong */
#include "rt.h"

#define THREADS 3
#define ROUNDS 10000

static rt_lock_t lock;
static volatile long counter;              /* guarded by lock */

static long worker(void *arg)
{
    struct rt_thread *me = rt_self();
    if (me->self != me || me->arg != arg || sys_gettid() != me->tid)
        return 1;
    for (int i = 0; i < ROUNDS; i++) {
        rt_lock(&lock);
        counter = counter + 1;
        rt_unlock(&lock);
    }
    return 0;
}

int main(void)
{
    struct rt_thread *t[THREADS];
    for (long i = 0; i < THREADS; i++) {
        long r = rt_thread_create(&t[i], worker, (void *)i);
        if (r != 0) {
            printf("clone failed: %ld\n", r);
            return 2;
        }
    }
    long bad = 0;
    for (int i = 0; i < THREADS; i++)
        bad += rt_thread_join(t[i]);
    printf("counter=%ld threads=%d\n", counter, THREADS);
    if (bad)
        return 3;
    return counter == THREADS * ROUNDS ? 0 : 1;
}
