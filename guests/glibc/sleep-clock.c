/* sleep-clock: nanosleep, usleep and clock_nanosleep (relative and
 * TIMER_ABSTIME) sleep at least as long as asked on CLOCK_MONOTONIC, and
 * CLOCK_REALTIME / time() read a date after 2020. Prints one `ok` line per
 * check and `sleep-clock ok`, exits 0; 1 on the first failed check. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int check(const char *what, int ok)
{
    printf("%s %s\n", what, ok ? "ok" : "FAILED");
    return ok;
}

int main(void)
{
    long long t0 = now_ns(CLOCK_MONOTONIC);
    struct timespec req = {0, 3000000};
    if (!check("nanosleep", nanosleep(&req, NULL) == 0 && now_ns(CLOCK_MONOTONIC) - t0 >= 3000000))
        return 1;
    t0 = now_ns(CLOCK_MONOTONIC);
    if (!check("usleep", usleep(2500) == 0 && now_ns(CLOCK_MONOTONIC) - t0 >= 2500000))
        return 1;
    t0 = now_ns(CLOCK_MONOTONIC);
    if (!check("clock_nanosleep-relative",
               clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL) == 0 && now_ns(CLOCK_MONOTONIC) - t0 >= 3000000))
        return 1;
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += 4000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    long long deadline = until.tv_sec * 1000000000LL + until.tv_nsec;
    if (!check("clock_nanosleep-absolute", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == 0
                                               && now_ns(CLOCK_MONOTONIC) >= deadline))
        return 1;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 1000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    deadline = until.tv_sec * 1000000000LL + until.tv_nsec;
    if (!check("clock_nanosleep-realtime-absolute",
               clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, NULL) == 0
                   && now_ns(CLOCK_REALTIME) >= deadline))
        return 1;
    struct timespec bad = {0, 1000000000};
    if (!check("nanosleep-einval", clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL) == 22))
        return 1;
    /* 2020-01-01T00:00:00Z */
    if (!check("realtime-after-2020", now_ns(CLOCK_REALTIME) / 1000000000LL > 1577836800LL))
        return 1;
    if (!check("time-after-2020", time(NULL) > 1577836800L))
        return 1;
    puts("sleep-clock ok");
    return 0;
}
