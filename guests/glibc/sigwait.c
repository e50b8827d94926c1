/* sigwait (glibc): waiting for signals synchronously, as a program that
 * keeps its signals blocked and takes them with sigwait(3) does:
 * sigwaitinfo, sigtimedwait, sigwait (all rt_sigtimedwait underneath).
 * Prints one `NAME ok` line per check, or `NAME FAILED` and exits 1. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static pthread_t main_thread;
static volatile int handled;

static void pause_ms(long ms)
{
    struct timespec t = {0, ms * 1000000};
    nanosleep(&t, NULL);
}

/* Sends SIGUSR2 to the main thread alone, once main waits. */
static void *send_to_main(void *arg)
{
    (void)arg;
    pause_ms(20);
    pthread_kill(main_thread, SIGUSR2);
    return NULL;
}

/* Sends SIGUSR1 to the whole process (this thread blocks it too, as a thread created by main inherits). */
static void *send_to_process(void *arg)
{
    (void)arg;
    pause_ms(20);
    kill(getpid(), SIGUSR1);
    return NULL;
}

static void *send_sigterm(void *arg)
{
    (void)arg;
    pause_ms(20);
    pthread_kill(main_thread, SIGTERM);
    return NULL;
}

static void on_term(int sig)
{
    (void)sig;
    handled++;
}

int main(void)
{
    main_thread = pthread_self();
    sigset_t both, usr1;
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGUSR2);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &both, NULL);

    siginfo_t info;
    raise(SIGUSR2);
    raise(SIGUSR1);
    int first = sigwaitinfo(&both, &info);
    int second = sigwaitinfo(&both, &info);
    sigset_t pending;
    sigpending(&pending);
    if (!check("pending-lowest-first", first == SIGUSR1 && second == SIGUSR2 && !sigismember(&pending, SIGUSR1)
                                       && !sigismember(&pending, SIGUSR2)))
        return 1;

    struct timespec zero = {0, 0};
    errno = 0;
    if (!check("poll-eagain", sigtimedwait(&both, &info, &zero) == -1 && errno == EAGAIN))
        return 1;

    struct timespec start, fifty = {0, 50 * 1000000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    errno = 0;
    int r = sigtimedwait(&both, &info, &fifty);
    long waited = elapsed_ms(&start);
    if (!check("timeout-eagain", r == -1 && errno == EAGAIN && waited >= 50 && waited < 5000))
        return 1;

    pthread_t t;
    pthread_create(&t, NULL, send_to_main, NULL);
    r = sigwaitinfo(&both, &info);
    pthread_join(t, NULL);
    /* sent by a process, not the kernel: SI_TKILL on Linux, SI_USER under qemu-riscv64 */
    if (!check("woken-by-tgkill", r == SIGUSR2 && info.si_signo == SIGUSR2 && info.si_code <= 0
                                  && info.si_pid == getpid()))
        return 1;

    pthread_create(&t, NULL, send_to_process, NULL);
    int sig = 0;
    int err = sigwait(&usr1, &sig);
    pthread_join(t, NULL);
    if (!check("woken-by-kill", err == 0 && sig == SIGUSR1))
        return 1;

    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    pthread_create(&t, NULL, send_sigterm, NULL);
    errno = 0;
    r = sigwaitinfo(&both, &info);
    pthread_join(t, NULL);
    if (!check("other-signal-eintr", r == -1 && errno == EINTR && handled == 1))
        return 1;

    errno = 0;
    long bad = syscall(SYS_rt_sigtimedwait, &both, &info, NULL, 4);
    if (!check("bad-setsize-einval", bad == -1 && errno == EINVAL))
        return 1;
    struct timespec invalid = {0, 1000000000};
    errno = 0;
    if (!check("bad-timeout-einval", sigtimedwait(&both, &info, &invalid) == -1 && errno == EINVAL))
        return 1;
    return check("sigwait", 1) ? 0 : 1;
}
