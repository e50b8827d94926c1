/* rt.h: hartlab's user runtime for static RV64 Linux-ABI programs.
 *
 * Syscalls are Linux riscv64 (a7 = number, a0..a5 = arguments, a0 = result,
 * -errno on failure); the sys_* wrappers return the raw result, there is no
 * errno. The thread pointer tp always points at the running thread's
 * struct rt_thread (crt0 sets it for the main thread, clone's CLONE_SETTLS
 * for the others). No TLS segment, no gp. */
#ifndef HARTLAB_RT_H
#define HARTLAB_RT_H

typedef unsigned long size_t;
typedef long ssize_t;
typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type)   __builtin_va_arg(ap, type)
#define va_end(ap)         __builtin_va_end(ap)
#define NULL ((void *)0)

#define PAGE_SIZE 4096UL

/* Linux riscv64 (asm-generic) syscall numbers used here. */
#define SYS_write         64
#define SYS_exit          93   /* this thread */
#define SYS_exit_group    94   /* the whole process */
#define SYS_futex         98
#define SYS_sched_yield  124
#define SYS_getpid       172
#define SYS_gettid       178
#define SYS_brk          214
#define SYS_munmap       215
#define SYS_clone        220
#define SYS_mmap         222
#define SYS_wait4        260

#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define MAP_SHARED     0x01
#define MAP_PRIVATE    0x02
#define MAP_ANONYMOUS  0x20
#define FUTEX_WAIT     0
#define FUTEX_WAKE     1
#define SIGCHLD        17

#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_THREAD         0x00010000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
/* = 0x3d0f00: what rt_thread_create passes to clone. */
#define RT_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
                         CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

/* Auxiliary vector types. */
#define AT_NULL    0
#define AT_PHDR    3
#define AT_PHENT   4
#define AT_PHNUM   5
#define AT_PAGESZ  6
#define AT_ENTRY   9
#define AT_RANDOM 25

/* A raw system call: the ecall with a7 = n; returns a0. */
static inline long rt_syscall(long n, long a, long b, long c, long d, long e, long f)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    register long a5 __asm__("a5") = f;
    register long a7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
                     : "memory");
    return a0;
}

/* True when a raw syscall result is -errno (Linux: -4095..-1). */
static inline int sys_failed(long r) { return (unsigned long)r > -4096UL; }

static inline long sys_write(int fd, const void *buf, size_t n)
{ return rt_syscall(SYS_write, fd, (long)buf, (long)n, 0, 0, 0); }
static inline long sys_getpid(void) { return rt_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0); }
static inline long sys_gettid(void) { return rt_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0); }
static inline long sys_sched_yield(void) { return rt_syscall(SYS_sched_yield, 0, 0, 0, 0, 0, 0); }
/* brk(addr): the new break, or the unchanged one when addr is refused (0 asks). */
static inline unsigned long sys_brk(unsigned long addr)
{ return (unsigned long)rt_syscall(SYS_brk, (long)addr, 0, 0, 0, 0, 0); }
static inline long sys_mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{ return rt_syscall(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off); }
static inline long sys_munmap(void *addr, size_t len)
{ return rt_syscall(SYS_munmap, (long)addr, (long)len, 0, 0, 0, 0); }
static inline long sys_wait4(long pid, int *status, int options, void *rusage)
{ return rt_syscall(SYS_wait4, pid, (long)status, options, (long)rusage, 0, 0); }
static inline long sys_futex(volatile int *uaddr, int op, int val, void *timeout)
{ return rt_syscall(SYS_futex, (long)uaddr, op, val, (long)timeout, 0, 0); }
/* fork as Linux does it on riscv64: clone(SIGCHLD, newsp 0, ...). 0 in the child. */
static inline long rt_fork(void) { return rt_syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0); }
__attribute__((noreturn)) void exit(int code);       /* exit_group */
__attribute__((noreturn)) void rt_fatal(const char *msg); /* message to fd 2, exit_group(127) */

/* start.c: what the kernel put on the initial stack. */
extern int rt_argc;
extern char **rt_argv;
extern char **environ;
extern unsigned long *rt_auxv;      /* (type, value) pairs up to AT_NULL */
extern unsigned long rt_initial_sp; /* sp at _start */
unsigned long rt_getauxval(unsigned long type); /* 0 when absent */

/* string.c */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
long rt_atol(const char *s);   /* optional '-', decimal digits; stops at the first other char */

/* printf.c: %[-0][width][l|ll|z](d|i|u|x|X|p|s|c|%); one write(2) per call. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* malloc.c: first-fit free list over brk, 16-byte aligned, guarded by a spin lock. */
void *malloc(size_t n);
void free(void *p);

/* Spin lock: amoswap.w.aq to take, amoswap.w.rl of zero to release. */
typedef struct { volatile int word; } rt_lock_t;
/* One round of a spin-wait: every 1024th round yields the hart (sched_yield),
 * so a kernel with fewer harts than threads still runs the holder. No stack
 * access: the spinning thread touches no page but the one it watches. */
static inline unsigned rt_spin_pause(unsigned spins)
{
    if ((++spins & 1023) == 0)
        sys_sched_yield();
    return spins;
}
static inline void rt_lock(rt_lock_t *l)
{
    unsigned spins = 0;
    int old;
    for (;;) {
        __asm__ volatile("amoswap.w.aq %0, %2, (%1)" : "=r"(old) : "r"(&l->word), "r"(1) : "memory");
        if (old == 0)
            return;
        while (l->word != 0)
            spins = rt_spin_pause(spins);
    }
}
static inline void rt_unlock(rt_lock_t *l)
{
    __asm__ volatile("amoswap.w.rl zero, zero, (%0)" : : "r"(&l->word) : "memory");
}

/* Barrier for a fixed number of parties: an amoadd.w.aqrl arrival counter and
 * a generation word the last arrival bumps. Reusable at once. */
typedef struct { volatile int count; volatile int generation; int parties; } rt_barrier_t;
void rt_barrier_init(rt_barrier_t *b, int parties);
void rt_barrier_wait(rt_barrier_t *b);

/* thread.c: threads sharing the address space. */
struct rt_thread {
    struct rt_thread *self;   /* tp points here */
    volatile int tid;         /* CLONE_PARENT_SETTID stores it, CLONE_CHILD_CLEARTID zeroes + wakes */
    int pad;
    void *stack;
    long (*fn)(void *);
    void *arg;
    long result;
};
static inline struct rt_thread *rt_self(void)
{
    struct rt_thread *t;
    __asm__ volatile("mv %0, tp" : "=r"(t));
    return t;
}
extern struct rt_thread rt_main_thread;
/* Starts fn(arg) on a new thread with its own malloc'd stack; 0 or -errno.
 * Fatal if the kernel did not store the child's tid (CLONE_PARENT_SETTID). */
long rt_thread_create(struct rt_thread **out, long (*fn)(void *), void *arg);
/* Waits (futex on the tid word) until the thread has exited; frees it; its fn's result. */
long rt_thread_join(struct rt_thread *t);
/* clone.S: clone(flags, stack_top, ptid, tls, ctid); the child calls fn(arg), then exit(result). */
long rt_clone(unsigned long flags, void *stack_top, volatile int *ptid, void *tls,
              volatile int *ctid, long (*fn)(void *), void *arg);

#endif
