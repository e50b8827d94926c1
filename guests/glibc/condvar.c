/* condvar: pthread_cond_wait / pthread_cond_signal / pthread_cond_broadcast.
 * A producer hands ROUNDS items one at a time to WORKERS consumers through a
 * one-slot mailbox guarded by a mutex and two condition variables, then
 * broadcasts `done`. Prints `consumed=N sum=S expected=S` and exits 0, or 1
 * when an item was lost or duplicated. */
#include <pthread.h>
#include <stdio.h>

#define WORKERS 3
#define ROUNDS 300

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t empty = PTHREAD_COND_INITIALIZER;
static long slot;                /* 0: empty */
static int full, done;
static long consumed, sum;

static void *consumer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (!full && !done)
            pthread_cond_wait(&nonempty, &lock);
        if (!full)
            break;
        sum += slot;
        consumed++;
        full = 0;
        pthread_cond_signal(&empty);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t t[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&t[i], NULL, consumer, NULL);
    for (long i = 1; i <= ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        while (full)
            pthread_cond_wait(&empty, &lock);
        slot = i;
        full = 1;
        pthread_cond_signal(&nonempty);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    while (full)
        pthread_cond_wait(&empty, &lock);
    done = 1;
    pthread_cond_broadcast(&nonempty);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    long expected = (long)ROUNDS * (ROUNDS + 1) / 2;
    printf("consumed=%ld sum=%ld expected=%ld\n", consumed, sum, expected);
    return consumed == ROUNDS && sum == expected ? 0 : 1;
}
