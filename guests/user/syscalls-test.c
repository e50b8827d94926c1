/* syscalls-test: the less common system calls of kernel-mini, each checked
 * against what Linux does.
 *   mprotect  a page made read-only: a forked child's write to it is killed
 *             by SIGSEGV (wait status 11); made writable again, it works
 *   MAP_SHARED  a shared anonymous page written by a forked child is seen
 *             by the parent (a private one is not)
 *   clock_gettime  time never runs backwards; getrandom fills the buffer
 *   unknown syscall  -ENOSYS, and the process carries on
 *   writev    prints "writev ok" from two pieces; uname says Linux, riscv64
 *   nanosleep 2 ms of guest time pass; preemption: main spins, without ever
 *             yielding, on a flag a second thread sets (one hart: only the
 *             timer can give that thread the hart)
 * Prints "syscalls ok" and exits 0; exit code N = the check that failed. */
#include "rt.h"

#define SYS_mprotect 226
#define SYS_clock_gettime 113
#define SYS_getrandom 278
#define SYS_writev 66
#define SYS_nanosleep 101
#define SYS_uname 160

static volatile int flag;

static long set_flag(void *arg)
{
    (void)arg;
    flag = 1;
    return 0;
}

static long child_writes(volatile long *p, long value)
{
    long pid = rt_fork();
    if (pid == 0) {
        *p = value;
        exit(0);
    }
    int status = -1;
    if (pid < 0 || sys_wait4(pid, &status, 0, NULL) != pid)
        return -1;
    return status;
}

int main(void)
{
    volatile long *page = (volatile long *)sys_mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sys_failed((long)page))
        return 1;
    *page = 1;
    if (rt_syscall(SYS_mprotect, (long)page, 4096, PROT_READ, 0, 0, 0) != 0)
        return 2;
    if (child_writes(page, 2) != 11)       /* killed by SIGSEGV */
        return 3;
    if (rt_syscall(SYS_mprotect, (long)page, 4096, PROT_READ | PROT_WRITE, 0, 0, 0) != 0)
        return 4;
    *page = 5;
    if (*page != 5)
        return 5;

    volatile long *shared = (volatile long *)sys_mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sys_failed((long)shared))
        return 6;
    *shared = 0;
    if (child_writes(shared, 42) != 0 || *shared != 42)
        return 7;
    *page = 0;
    if (child_writes(page, 43) != 0 || *page != 0)  /* private: the child wrote its own copy */
        return 8;

    long t0[2], t1[2];
    if (rt_syscall(SYS_clock_gettime, 1, (long)t0, 0, 0, 0, 0) != 0)
        return 9;
    for (volatile int i = 0; i < 1000; i++)
        ;
    if (rt_syscall(SYS_clock_gettime, 1, (long)t1, 0, 0, 0, 0) != 0)
        return 10;
    if (t1[0] < t0[0] || (t1[0] == t0[0] && t1[1] < t0[1]) || t0[1] >= 1000000000)
        return 11;

    unsigned char buf[32];
    if (rt_syscall(SYS_getrandom, (long)buf, sizeof buf, 0, 0, 0, 0) != (long)sizeof buf)
        return 12;
    if (rt_syscall(4095, 0, 0, 0, 0, 0, 0) != -38)   /* ENOSYS */
        return 13;
    struct { const char *base; long len; } iov[2] = {{"writev ", 7}, {"ok\n", 3}};
    if (rt_syscall(SYS_writev, 1, (long)iov, 2, 0, 0, 0) != 10)
        return 14;
    char uts[6 * 65];
    if (rt_syscall(SYS_uname, (long)uts, 0, 0, 0, 0, 0) != 0 || memcmp(uts, "Linux", 6) != 0
        || memcmp(uts + 4 * 65, "riscv64", 8) != 0)
        return 15;
    long s0[2], s1[2];
    long nap[2] = {0, 2000000};
    rt_syscall(SYS_clock_gettime, 1, (long)s0, 0, 0, 0, 0);
    if (rt_syscall(SYS_nanosleep, (long)nap, 0, 0, 0, 0, 0) != 0)
        return 16;
    rt_syscall(SYS_clock_gettime, 1, (long)s1, 0, 0, 0, 0);
    if ((s1[0] - s0[0]) * 1000000000L + (s1[1] - s0[1]) < 2000000)
        return 17;
    struct rt_thread *setter;
    if (rt_thread_create(&setter, set_flag, NULL) != 0)
        return 18;
    while (!flag)
        ;                                   /* no yield: only preemption lets the setter run */
    rt_thread_join(setter);
    printf("syscalls ok\n");
    return 0;
}
