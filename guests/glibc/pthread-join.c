/* pthread-join: main joins threads that are still running when it calls
 * pthread_join (glibc waits with a futex on the thread's tid word, which the
 * kernel clears and wakes at thread exit: CLONE_CHILD_CLEARTID).
 * Prints `joined=4 sum=...` and exits 0, or 1 when a result is wrong. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define THREADS 4

static void *worker(void *arg)
{
    long n = (long)arg;
    volatile long sum = 0;
    usleep(2000);                       /* still running when main joins */
    for (long i = 0; i < 20000 * (n + 1); i++)
        sum += i & 7;
    return (void *)(sum + n);
}

int main(void)
{
    pthread_t t[THREADS];
    long total = 0, expected = 0;
    for (long i = 0; i < THREADS; i++) {
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            puts("pthread_create failed");
            return 1;
        }
        long s = 0;
        for (long k = 0; k < 20000 * (i + 1); k++)
            s += k & 7;
        expected += s + i;
    }
    int joined = 0;
    for (int i = 0; i < THREADS; i++) {
        void *r;
        if (pthread_join(t[i], &r) == 0)
            joined++;
        total += (long)r;
    }
    printf("joined=%d sum=%ld expected=%ld\n", joined, total, expected);
    return joined == THREADS && total == expected ? 0 : 1;
}
