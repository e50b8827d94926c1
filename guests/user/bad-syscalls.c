/* bad-syscalls: hands every system call that takes a pointer a bad one
 * (unmapped, PROT_NONE, read-only, kernel half, misaligned) and absurd sizes,
 * and checks each returns the error Linux returns: EFAULT, EINVAL, ENOMEM,
 * EBADF, ECHILD, EAGAIN, ENOSYS. Prints "FAIL what: got R, want W" for each
 * mismatch and "bad-syscalls ok checks=N" at the end; exits 0 when all
 * matched, 1 otherwise. Runs unchanged on qemu-riscv64 (Linux semantics),
 * except two checks where qemu-user is not Linux (it truncates the syscall
 * number to 32 bits and answers nanosleep's bad pointer with EINVAL): those
 * run only under hartlab, which sets HARTLAB_SEED. */
#include "rt.h"

#define SYS_read           63
#define SYS_writev         66
#define SYS_set_tid_address 96
#define SYS_nanosleep     101
#define SYS_clock_gettime 113
#define SYS_uname         160
#define SYS_mprotect      226
#define SYS_getrandom     278

#define EBADF   9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EINVAL 22
#define ENOSYS 38

#define PROT_NONE 0
#define CLOCK_MONOTONIC 1

static const long UNMAPPED = 0x10;                  /* below the image: never mapped */
static const long KERNEL = (long)0xffffffc000000000UL; /* the kernel half of Sv39 */
static int checks, failures;

static void expect(const char *what, long got, long want)
{
    checks++;
    if (got != want) {
        failures++;
        printf("FAIL %s: got %ld, want %ld\n", what, got, want);
    }
}

static long sc(long n, long a, long b, long c, long d) { return rt_syscall(n, a, b, c, d, 0, 0); }

static volatile int thread_ran;

static long mark(void *arg)
{
    (void)arg;
    __atomic_store_n(&thread_ran, 1, __ATOMIC_RELEASE);
    return 0;
}

static struct rt_thread clone_desc;

int main(void)
{
    long none = sys_mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long text = (long)&expect; /* mapped, but read-only */
    char buf[64];

    expect("write unmapped", sys_write(1, (void *)UNMAPPED, 8), -EFAULT);
    expect("write kernel address", sys_write(1, (void *)KERNEL, 8), -EFAULT);
    expect("write PROT_NONE", sys_write(1, (void *)none, 8), -EFAULT);
    expect("write bad fd", sys_write(99, buf, 1), -EBADF);
    expect("read bad fd", sc(SYS_read, 99, (long)buf, 1, 0), -EBADF);

    long iov[2] = {UNMAPPED, 8};
    expect("writev unmapped iovec array", sc(SYS_writev, 1, UNMAPPED, 1, 0), -EFAULT);
    expect("writev iovec base unmapped", sc(SYS_writev, 1, (long)iov, 1, 0), -EFAULT);
    expect("writev count -1", sc(SYS_writev, 1, (long)iov, -1, 0), -EINVAL);
    expect("writev count 1025", sc(SYS_writev, 1, (long)iov, 1025, 0), -EINVAL);

    expect("clock_gettime unmapped", sc(SYS_clock_gettime, CLOCK_MONOTONIC, UNMAPPED, 0, 0), -EFAULT);
    expect("clock_gettime read-only", sc(SYS_clock_gettime, CLOCK_MONOTONIC, text, 0, 0), -EFAULT);
    expect("clock_gettime bad clock", sc(SYS_clock_gettime, 999, (long)buf, 0, 0), -EINVAL);
    long bad_ns[2] = {0, 2000000000};
    long negative[2] = {-1, 0};
    int hartlab = 0;
    for (char **e = environ; *e != NULL; e++)
        hartlab |= memcmp(*e, "HARTLAB_SEED=", 13) == 0;
    if (hartlab)
        expect("nanosleep unmapped", sc(SYS_nanosleep, UNMAPPED, 0, 0, 0), -EFAULT);
    expect("nanosleep nsec 2e9", sc(SYS_nanosleep, (long)bad_ns, 0, 0, 0), -EINVAL);
    expect("nanosleep negative", sc(SYS_nanosleep, (long)negative, 0, 0, 0), -EINVAL);
    expect("uname unmapped", sc(SYS_uname, UNMAPPED, 0, 0, 0), -EFAULT);
    expect("uname kernel address", sc(SYS_uname, KERNEL, 0, 0, 0), -EFAULT);
    expect("getrandom unmapped", sc(SYS_getrandom, UNMAPPED, 16, 0, 0), -EFAULT);
    expect("getrandom read-only", sc(SYS_getrandom, text, 16, 0, 0), -EFAULT);

    expect("futex wait unmapped", sys_futex((volatile int *)UNMAPPED, FUTEX_WAIT, 0, NULL), -EFAULT);
    expect("futex wait PROT_NONE", sys_futex((volatile int *)none, FUTEX_WAIT, 0, NULL), -EFAULT);
    expect("futex wait misaligned", sys_futex((volatile int *)(buf + 1), FUTEX_WAIT, 0, NULL), -EINVAL);
    expect("futex wake unmapped", sys_futex((volatile int *)UNMAPPED, FUTEX_WAKE, 1, NULL), -EFAULT);
    volatile int word = 7;
    expect("futex wait changed word", sys_futex(&word, FUTEX_WAIT, 8, NULL), -EAGAIN);

    expect("set_tid_address unmapped (no check)", sc(SYS_set_tid_address, UNMAPPED, 0, 0, 0), sys_gettid());

    char *stack = malloc(16384);
    clone_desc.self = &clone_desc;
    long tid = rt_clone(RT_THREAD_FLAGS, stack + 16384, (volatile int *)UNMAPPED, &clone_desc,
                        (volatile int *)UNMAPPED, mark, NULL);
    expect("clone with unmapped tid pointers makes the thread", tid > 0, 1);
    while (tid > 0 && !__atomic_load_n(&thread_ran, __ATOMIC_ACQUIRE))
        sys_sched_yield();

    long child = rt_fork();
    if (child == 0)
        exit(0);
    expect("wait4 status unmapped", sys_wait4(-1, (int *)UNMAPPED, 0, NULL), -EFAULT);
    expect("wait4 after EFAULT: the child was reaped", sys_wait4(-1, NULL, 0, NULL), -ECHILD);

    expect("mmap length 0", sys_mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -EINVAL);
    expect("mmap length 2^60", sys_mmap(NULL, 1UL << 60, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -ENOMEM);
    expect("mmap length 2^64-1", sys_mmap(NULL, ~0UL, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -ENOMEM);
    expect("munmap unaligned", sys_munmap((void *)(none + 1), PAGE_SIZE), -EINVAL);
    expect("munmap length 0", sys_munmap((void *)none, 0), -EINVAL);
    expect("munmap kernel address", sys_munmap((void *)KERNEL, PAGE_SIZE), -EINVAL);
    expect("mprotect unaligned", sc(SYS_mprotect, none + 1, PAGE_SIZE, PROT_READ, 0), -EINVAL);
    expect("mprotect unmapped", sc(SYS_mprotect, 0x10000000, PAGE_SIZE, PROT_READ, 0), -ENOMEM);
    expect("mprotect bad prot", sc(SYS_mprotect, none, PAGE_SIZE, 0x1000, 0), -EINVAL);

    expect("unknown syscall", sc(5000, 0, 0, 0, 0), -ENOSYS);
    if (hartlab)
        expect("syscall number 2^32 + write", rt_syscall((1L << 32) | SYS_write, 1, (long)buf, 0, 0, 0, 0), -ENOSYS);

    if (failures == 0)
        printf("bad-syscalls ok checks=%d\n", checks);
    return failures == 0 ? 0 : 1;
}
