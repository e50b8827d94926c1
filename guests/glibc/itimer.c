/* itimer (glibc): the real-time interval timer, as programs use it for
 * timeouts and ticks: alarm(2) and setitimer/getitimer(ITIMER_REAL), SIGALRM
 * caught and by default, a forked child's timer, bad arguments.
 * Prints one `NAME ok` line per check, or `NAME FAILED` and exits 1. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static int disarmed(void)
{
    struct itimerval now;
    return getitimer(ITIMER_REAL, &now) == 0 && now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0
           && now.it_interval.tv_sec == 0 && now.it_interval.tv_usec == 0;
}

int main(void)
{
    if (!check("initially-disarmed", disarmed()))
        return 1;
    unsigned before = alarm(5);
    unsigned left = alarm(0);
    if (!check("alarm-returns-left", before == 0 && left == 5 && disarmed()))
        return 1;

    struct sigaction sa = {0};
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    alarm(1);
    int r = pause();
    int paused_errno = errno;
    long waited = elapsed_ms(&start);
    if (!check("alarm-interrupts-pause", r == -1 && paused_errno == EINTR && alarms == 1 && waited >= 1000
                                         && waited < 10000 && disarmed()))
        return 1;

    struct itimerval tick = {{0, 10000}, {0, 10000}}, old;
    alarms = 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    setitimer(ITIMER_REAL, &tick, NULL);
    while (alarms < 5)
        ;
    waited = elapsed_ms(&start);
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, &old);
    if (!check("interval-repeats", waited >= 50 && old.it_interval.tv_sec == 0 && old.it_interval.tv_usec == 10000
                                   && old.it_value.tv_sec == 0 && old.it_value.tv_usec > 0
                                   && old.it_value.tv_usec <= 10000 && disarmed()))
        return 1;

    struct itimerval ten = {{0, 0}, {10, 0}};
    setitimer(ITIMER_REAL, &ten, NULL);
    pid_t pid = fork();
    if (pid == 0)
        _exit(disarmed() ? 0 : 1);
    int status;
    waitpid(pid, &status, 0);
    struct itimerval now;
    getitimer(ITIMER_REAL, &now);
    if (!check("fork-child-disarmed", WIFEXITED(status) && WEXITSTATUS(status) == 0 && now.it_value.tv_sec <= 9
                                      && now.it_value.tv_sec >= 5))
        return 1;
    setitimer(ITIMER_REAL, &off, NULL);

    pid = fork();
    if (pid == 0) {
        signal(SIGALRM, SIG_DFL);
        struct itimerval soon = {{0, 0}, {0, 20000}};
        setitimer(ITIMER_REAL, &soon, NULL);
        for (;;)
            pause();
    }
    waitpid(pid, &status, 0);
    if (!check("default-terminates", WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM))
        return 1;

    struct itimerval bad = {{0, 0}, {0, 1000000}};
    errno = 0;
    int bad_usec = setitimer(ITIMER_REAL, &bad, NULL) == -1 && errno == EINVAL;
    errno = 0;
    int bad_which = setitimer(7, &tick, NULL) == -1 && errno == EINVAL;
    if (!check("bad-arguments-einval", bad_usec && bad_which && disarmed()))
        return 1;
    return check("itimer", 1) ? 0 : 1;
}
