/* fork-bomb [CAP]: every process forks as fast as it can, and so does every
 * child, until fork fails with EAGAIN (the kernel's process limit) or CAP
 * forks were made in all (default 100000: a kernel without a limit still ends).
 * Each process then reaps its children and exits. The counters live in one
 * MAP_SHARED page. Prints "fork-bomb forks=F eagain=E reaped=R"; exits 0 when
 * every fork either worked or failed with EAGAIN and every child was reaped,
 * 1 otherwise. */
#include "rt.h"

#define MAP_SHARED 0x01
#define EAGAIN     11

static struct counters {
    volatile long forks, eagain, other, reaped;
} *c;

static void add(volatile long *counter) { __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED); }

int main(int argc, char **argv)
{
    long cap = argc > 1 ? rt_atol(argv[1]) : 100000;
    long m = sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(m))
        return 2;
    c = (struct counters *)m;
    long root = sys_getpid();
    long children = 0;
    while (__atomic_load_n(&c->forks, __ATOMIC_RELAXED) < cap) {
        long r = rt_fork();
        if (r == 0) {
            children = 0;   /* a new bomber: its own children only */
            continue;
        }
        if (r == -EAGAIN) {
            add(&c->eagain);
            break;
        }
        if (r < 0) {
            add(&c->other);
            break;
        }
        add(&c->forks);
        children++;
    }
    for (long i = 0; i < children; i++) {
        int status;
        if (sys_wait4(-1, &status, 0, NULL) > 0)
            add(&c->reaped);
    }
    if (sys_getpid() != root)
        exit(0);
    printf("fork-bomb forks=%ld eagain=%ld reaped=%ld\n", c->forks, c->eagain, c->reaped);
    return c->other == 0 && c->reaped == c->forks ? 0 : 1;
}
