/* robust-mutex: a thread that exits holding a robust mutex leaves it to the
 * next locker with EOWNERDEAD, through the kernel's walk of the thread's
 * robust list (set_robust_list) at its exit:
 *   after-exit   the owner has exited (joined) before main locks;
 *   waiting      main is already blocked in pthread_mutex_lock when the
 *                owner exits, and the kernel's FUTEX_OWNER_DIED wake ends it;
 *   consistent   after pthread_mutex_consistent and unlock, it locks with 0.
 * Prints one line per check and `robust-mutex ok`; exits 0, or 1 on the first
 * failed check. hartlab-only: qemu-riscv64 answers set_robust_list with
 * ENOSYS, so there the waiting check would block for ever. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t first, second;
static volatile int holding;

static int check(const char *what, int ok)
{
    printf("%s %s\n", what, ok ? "ok" : "FAILED");
    return ok;
}

static void *take_and_exit(void *arg)
{
    pthread_mutex_lock(arg);
    holding = 1;
    usleep(5000);               /* lets main block on the mutex (the waiting check) */
    return NULL;
}

static void init_robust(pthread_mutex_t *m)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(m, &attr);
}

int main(void)
{
    pthread_t t;
    init_robust(&first);
    init_robust(&second);
    pthread_create(&t, NULL, take_and_exit, &first);
    pthread_join(t, NULL);
    if (!check("after-exit", pthread_mutex_lock(&first) == EOWNERDEAD))
        return 1;
    holding = 0;
    pthread_create(&t, NULL, take_and_exit, &second);
    while (!holding)
        usleep(100);
    if (!check("waiting", pthread_mutex_lock(&second) == EOWNERDEAD))
        return 1;
    pthread_join(t, NULL);
    pthread_mutex_consistent(&second);
    pthread_mutex_unlock(&second);
    if (!check("consistent", pthread_mutex_lock(&second) == 0))
        return 1;
    puts("robust-mutex ok");
    return 0;
}
