/* threads (glibc): the pthread features a stress program leans on besides
 * join and condition variables (condvar.c, pthread-join.c):
 *   tls            each thread sees its own __thread variable, initialised
 *                  from the TLS image (the tdata segment), and main's stays
 *   barrier        pthread_barrier_wait lets no thread through before all
 *                  have arrived, round after round, one serial thread a round
 *   mutex          a default mutex keeps 4 threads' increments whole
 *   trylock        pthread_mutex_trylock on a held mutex is EBUSY
 *   errorcheck     relocking an error-checking mutex is EDEADLK, unlocking
 *                  one held by another thread EPERM
 *   recursive      a recursive mutex is taken twice and must be let go twice
 *   once           pthread_once runs its routine once among racing threads
 *   specific       pthread_setspecific values are per thread, and a key's
 *                  destructor runs at each thread's exit
 *   detached       threads created detached, and one detached after its
 *                  creation, run to the end without a join (main waits on a
 *                  counter and a condition variable)
 *   self-equal     pthread_self and pthread_equal tell threads apart
 * One `NAME ok` line per check, then `threads ok`; exit 0 when all pass. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

#define THREADS 4
#define ROUNDS 50
#define INCREMENTS 20000

static __thread long tls_value = 42;   /* in .tdata: every thread starts at 42 */
static __thread int tls_zero;          /* in .tbss: every thread starts at 0 */

static pthread_barrier_t barrier;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static int arrived[ROUNDS];
static int serial_threads[ROUNDS];
static int barrier_broken;

static void *tls_worker(void *arg)
{
    long id = (long)arg;
    int fresh = tls_value == 42 && tls_zero == 0;
    tls_value = 1000 + id;
    tls_zero = (int)id + 1;
    for (int i = 0; i < 1000; i++)
        __asm__ volatile("");
    return (void *)(long)(fresh && tls_value == 1000 + id && tls_zero == (int)id + 1);
}

static void *barrier_worker(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        __atomic_add_fetch(&arrived[r], 1, __ATOMIC_SEQ_CST);
        int s = pthread_barrier_wait(&barrier);
        if (__atomic_load_n(&arrived[r], __ATOMIC_SEQ_CST) != THREADS)
            barrier_broken = 1; /* someone got through before all had arrived */
        if (s == PTHREAD_BARRIER_SERIAL_THREAD)
            __atomic_add_fetch(&serial_threads[r], 1, __ATOMIC_SEQ_CST);
        else if (s != 0)
            barrier_broken = 1;
    }
    return NULL;
}

static void *mutex_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < INCREMENTS; i++) {
        pthread_mutex_lock(&counter_lock);
        counter++;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t errorcheck;

static void *trylock_worker(void *arg)
{
    (void)arg;
    long busy = pthread_mutex_trylock(&held) == EBUSY;
    long perm = pthread_mutex_unlock(&errorcheck) == EPERM;
    return (void *)(busy | perm << 1);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_routine(void)
{
    __atomic_add_fetch(&once_runs, 1, __ATOMIC_SEQ_CST);
}

static void *once_worker(void *arg)
{
    (void)arg;
    pthread_once(&once, once_routine);
    return NULL;
}

static pthread_key_t key;
static int destructor_runs;
static long destructor_sum;

static void destructor(void *value)
{
    __atomic_add_fetch(&destructor_runs, 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&destructor_sum, (long)value, __ATOMIC_SEQ_CST);
}

static void *specific_worker(void *arg)
{
    long id = (long)arg;
    int empty = pthread_getspecific(key) == NULL;
    pthread_setspecific(key, (void *)(id + 1));
    for (int i = 0; i < 1000; i++)
        __asm__ volatile("");
    return (void *)(long)(empty && (long)pthread_getspecific(key) == id + 1);
}

static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static int detached_done;

static void *detached_worker(void *arg)
{
    (void)arg;
    volatile long sum = 0;
    for (long i = 0; i < 50000; i++)
        sum += i;
    pthread_mutex_lock(&done_lock);
    detached_done++;
    pthread_cond_signal(&done_cond);
    pthread_mutex_unlock(&done_lock);
    return NULL;
}

static pthread_t main_thread;

static void *self_worker(void *arg)
{
    (void)arg;
    pthread_t me = pthread_self();
    return (void *)(long)(!pthread_equal(me, main_thread) && pthread_equal(me, pthread_self()));
}

/* Runs THREADS threads of fn (argument: the thread's index) and returns how many returned non-zero. */
static int run_all(void *(*fn)(void *))
{
    pthread_t t[THREADS];
    int nonzero = 0;
    for (long i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, fn, (void *)i) != 0) {
            puts("pthread_create failed");
            exit(3);
        }
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        nonzero += r != NULL;
    }
    return nonzero;
}

int main(void)
{
    int ok = 1;
    main_thread = pthread_self();

    ok &= check("tls", run_all(tls_worker) == THREADS && tls_value == 42 && tls_zero == 0);

    pthread_barrier_init(&barrier, NULL, THREADS);
    run_all(barrier_worker);
    int one_serial_each = 1;
    for (int r = 0; r < ROUNDS; r++)
        one_serial_each &= serial_threads[r] == 1;
    ok &= check("barrier", !barrier_broken && one_serial_each);
    pthread_barrier_destroy(&barrier);

    run_all(mutex_worker);
    ok &= check("mutex", counter == (long)THREADS * INCREMENTS);

    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&errorcheck, &attr);
    pthread_mutex_lock(&held);
    pthread_mutex_lock(&errorcheck);
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, trylock_worker, NULL);
    pthread_join(t, &r);
    ok &= check("trylock", ((long)r & 1) && pthread_mutex_trylock(&held) == EBUSY);
    ok &= check("errorcheck", ((long)r & 2) && pthread_mutex_lock(&errorcheck) == EDEADLK);
    pthread_mutex_unlock(&errorcheck);
    pthread_mutex_unlock(&held);

    pthread_mutex_t recursive;
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&recursive, &attr);
    int twice = pthread_mutex_lock(&recursive) == 0 && pthread_mutex_lock(&recursive) == 0;
    pthread_mutex_unlock(&recursive);
    int still_held = pthread_mutex_trylock(&recursive) == 0; /* ours: a recursive trylock succeeds */
    pthread_mutex_unlock(&recursive);
    pthread_mutex_unlock(&recursive);
    ok &= check("recursive", twice && still_held && pthread_mutex_unlock(&recursive) == EPERM);
    pthread_mutexattr_destroy(&attr);

    run_all(once_worker);
    ok &= check("once", once_runs == 1);

    pthread_key_create(&key, destructor);
    int own_values = run_all(specific_worker) == THREADS;
    ok &= check("specific", own_values && destructor_runs == THREADS && destructor_sum == 1 + 2 + 3 + 4
                && pthread_getspecific(key) == NULL);
    pthread_key_delete(key);

    pthread_attr_t detached;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    pthread_t d[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&d[i], &detached, detached_worker, NULL);
    pthread_attr_destroy(&detached);
    pthread_mutex_lock(&done_lock);
    while (detached_done < THREADS)
        pthread_cond_wait(&done_cond, &done_lock);
    pthread_mutex_unlock(&done_lock);
    pthread_t late;
    pthread_create(&late, NULL, detached_worker, NULL);
    int detach_ok = pthread_detach(late) == 0;
    pthread_mutex_lock(&done_lock);
    while (detached_done < THREADS + 1)
        pthread_cond_wait(&done_cond, &done_lock);
    pthread_mutex_unlock(&done_lock);
    ok &= check("detached", detach_ok && detached_done == THREADS + 1);

    ok &= check("self-equal", run_all(self_worker) == THREADS && pthread_equal(pthread_self(), main_thread));

    if (ok)
        puts("threads ok");
    return ok ? 0 : 1;
}
