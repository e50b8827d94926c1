/* check.h: what the glibc check programs share: one `NAME ok` (or
 * `NAME FAILED`) line per check, and elapsed guest time. */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <time.h>

static int check(const char *name, int ok)
{
    printf("%s %s\n", name, ok ? "ok" : "FAILED");
    fflush(stdout);
    return ok;
}

/* Milliseconds of CLOCK_MONOTONIC since *since. */
static inline long elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

#endif
