/* signals: handlers, masks, siginfo, default actions, SIGCHLD, faults and
 * interrupted sleeps, as a program sees them on Linux riscv64. Prints one
 * `ok` line per check and `signals ok`; exits 0, or 1 on the first failed
 * check. Children end with _exit (or a signal) so that stdio is flushed once. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static volatile int log_order[4];
static volatile int logged;
static volatile siginfo_t seen;
static volatile int seen_mask_ok;
static sigjmp_buf escape;
static volatile uintptr_t expected_pc;
static pthread_t main_thread;

static int check(const char *what, int ok)
{
    printf("%s %s\n", what, ok ? "ok" : "FAILED");
    fflush(stdout);
    return ok;
}

static void set_handler(int sig, void (*fn)(int), int flags, const sigset_t *mask)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    if (mask)
        sa.sa_mask = *mask;
    sigaction(sig, &sa, NULL);
}

static void set_info_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigaction(sig, &sa, NULL);
}

static void count(int sig)
{
    (void)sig;
    hits++;
}

static void record(int sig)
{
    if (logged < 4)
        log_order[logged++] = sig;
}

static void take_info(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    seen.si_signo = si->si_signo;
    seen.si_code = si->si_code;
    seen.si_pid = si->si_pid;
    seen.si_uid = si->si_uid;
    seen.si_status = si->si_status;
    const sigset_t *m = &((ucontext_t *)uc)->uc_sigmask; /* the mask sigreturn restores */
    seen_mask_ok = sigismember(m, SIGUSR2) && !sigismember(m, SIGUSR1);
    hits++;
}

static void mask_inside(int sig)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    seen_mask_ok = (sigismember(&now, sig) ? 1 : 0) | (sigismember(&now, SIGUSR2) ? 2 : 0);
    hits++;
}

static void fault_escape(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    seen.si_signo = sig;
    seen.si_code = si->si_code;
    seen.si_addr = si->si_addr;
    siglongjmp(escape, 1);
}

/* Resumes after the faulting instruction by moving the pc in the frame: rt_sigreturn reloads it. */
static void skip_instruction(int sig, siginfo_t *si, void *uc)
{
    seen.si_signo = sig;
    seen.si_code = si->si_code;
    seen.si_addr = si->si_addr;
    ucontext_t *u = uc;
    u->uc_mcontext.__gregs[REG_PC] += sig == SIGILL ? 2 : 4;
}

/* Changes what a handler may change freely: caller-saved x and f registers, the rounding mode, the flags
 * (fcsr is set directly: fenv.h would need libm). */
static void clobber(int sig)
{
    (void)sig;
    __asm__ volatile("csrwi frm, 3\n" /* round up */
                     "li t3, 0\n li t4, 0\n li t5, 0\n li t6, 0\n li a3, 0\n li a4, 0\n li a5, 0\n"
                     "fmv.d.x ft0, zero\n fmv.d.x ft1, zero\n fmv.d.x fa6, zero\n fmv.d.x fa7, zero\n"
                     "csrwi fflags, 0x1f\n"
                     ::: "t3", "t4", "t5", "t6", "a3", "a4", "a5", "ft0", "ft1", "fa6", "fa7", "memory");
    hits++;
}

static int registers_survive_a_handler(void)
{
    set_handler(SIGUSR1, clobber, 0, NULL);
    __asm__ volatile("csrwi frm, 1\n csrwi fflags, 0\n"); /* round towards zero, no exception flags */
    hits = 0;
    long out[7];
    uint64_t fout[4];
    register long a0 __asm__("a0") = getpid();
    register long a1 __asm__("a1") = gettid();
    register long a2 __asm__("a2") = SIGUSR1;
    register long a7 __asm__("a7") = SYS_tgkill;
    /* The signal is delivered on the return from this ecall, between the loads and the stores. */
    __asm__ volatile("li t3, 0x1111\n li t4, 0x2222\n li t5, 0x3333\n li t6, 0x4444\n"
                     "li a3, 0x5555\n li a4, 0x6666\n li a5, 0x7777\n"
                     "fmv.d.x ft0, t3\n fmv.d.x ft1, t4\n fmv.d.x fa6, t5\n fmv.d.x fa7, t6\n"
                     "ecall\n"
                     "sd t3, 0(%[o])\n sd t4, 8(%[o])\n sd t5, 16(%[o])\n sd t6, 24(%[o])\n"
                     "sd a3, 32(%[o])\n sd a4, 40(%[o])\n sd a5, 48(%[o])\n"
                     "fsd ft0, 0(%[f])\n fsd ft1, 8(%[f])\n fsd fa6, 16(%[f])\n fsd fa7, 24(%[f])\n"
                     : "+r"(a0)
                     : "r"(a1), "r"(a2), "r"(a7), [o] "r"(out), [f] "r"(fout)
                     : "t3", "t4", "t5", "t6", "a3", "a4", "a5", "ft0", "ft1", "fa6", "fa7", "memory");
    long round, flags;
    __asm__ volatile("frrm %0\n frflags %1\n csrwi frm, 0\n" : "=r"(round), "=r"(flags));
    static const long want[7] = {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777};
    int ok = a0 == 0 && hits == 1 && round == 1 && flags == 0;
    for (int i = 0; i < 7; i++)
        ok = ok && out[i] == want[i];
    for (int i = 0; i < 4; i++)
        ok = ok && fout[i] == (uint64_t)want[i];
    return ok;
}

static int child_status(void (*body)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        body();
        _exit(99);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    return status;
}

static void do_abort(void)
{
    abort();
}

static void do_term(void)
{
    raise(SIGTERM);
}

static void do_resethand(void)
{
    set_handler(SIGUSR1, count, SA_RESETHAND, NULL);
    raise(SIGUSR1); /* caught */
    if (hits != 1)
        _exit(1);
    raise(SIGUSR1); /* default action now: terminate */
}

static void do_exit3(void)
{
    _exit(3);
}

/* Threads interrupted while they sleep: each records what its sleep returned. */
static volatile int sleeper_done;
static volatile int sleeper_result;
static volatile int sleeper_errno;
static struct timespec remaining;
static uint32_t futex_word;

static void *nanosleeper(void *arg)
{
    (void)arg;
    struct timespec ten = {10, 0};
    int r = nanosleep(&ten, &remaining);
    sleeper_errno = errno;
    sleeper_result = r;
    sleeper_done = 1;
    return NULL;
}

static void *futex_waiter(void *arg)
{
    (void)arg;
    long r = syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    sleeper_errno = errno;
    sleeper_result = (int)r;
    sleeper_done = 1;
    return NULL;
}

/* Signals a thread until it has left its sleep: one sent before it slept only runs the handler early. */
static void interrupt_until_done(void *(*body)(void *))
{
    pthread_t t;
    sleeper_done = 0;
    pthread_create(&t, NULL, body, NULL);
    while (!sleeper_done) {
        pthread_kill(t, SIGUSR1);
        usleep(20000);
    }
    pthread_join(t, NULL);
}

/* wait4 while another thread signals this one: the child only ends (SIGUSR2, whose handler it inherits,
 * exits 7) when the kicker says so, after `kicks` signals, or once this thread has seen EINTR. */
static volatile int kicks_left;
static volatile int got_eintr;
static volatile pid_t waited_child;

static void exit7(int sig)
{
    (void)sig;
    _exit(7);
}

static void *kick_main(void *arg)
{
    (void)arg;
    while (kicks_left != 0 && !got_eintr) {
        pthread_kill(main_thread, SIGUSR1);
        if (kicks_left > 0)
            kicks_left--;
        usleep(10000);
    }
    kill(waited_child, SIGUSR2);
    return NULL;
}

static pid_t wait_while_kicked(int kicks, int *status, int *err)
{
    sigset_t none;
    sigemptyset(&none);
    set_handler(SIGUSR2, exit7, 0, NULL);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        for (;;)
            sigsuspend(&none);
    waited_child = child;
    kicks_left = kicks;
    got_eintr = 0;
    pthread_t t;
    pthread_create(&t, NULL, kick_main, NULL);
    pid_t r = waitpid(child, status, 0);
    *err = errno;
    got_eintr = r == -1 && errno == EINTR;
    if (r != child)
        waitpid(child, status, 0);
    pthread_join(t, NULL);
    set_handler(SIGUSR2, SIG_DFL, 0, NULL);
    return r == child ? r : -1;
}

static void *kick_once(void *arg)
{
    (void)arg;
    usleep(20000);
    pthread_kill(main_thread, SIGUSR1);
    return NULL;
}

static char alt_stack[65536];

static void on_alt_stack(int sig)
{
    (void)sig;
    char here;
    stack_t now;
    sigaltstack(NULL, &now);
    seen_mask_ok = &here >= alt_stack && &here < alt_stack + sizeof alt_stack && (now.ss_flags & SS_ONSTACK);
    hits++;
}

static int fails_with(long r, int err)
{
    return r == -1 && errno == err;
}

int main(void)
{
    main_thread = pthread_self();
    sigset_t none, usr1, usr2, both;
    sigemptyset(&none);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    both = usr1;
    sigaddset(&both, SIGUSR2);

    set_handler(SIGUSR1, count, 0, NULL);
    hits = 0;
    kill(getpid(), SIGUSR1);
    if (!check("kill-self", hits == 1))
        return 1;
    hits = 0;
    raise(SIGUSR1);
    if (!check("raise", hits == 1))
        return 1;

    sigprocmask(SIG_BLOCK, &usr1, NULL);
    hits = 0;
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1); /* a standard signal pending twice is delivered once */
    sigset_t pending;
    sigpending(&pending);
    int held = hits == 0 && sigismember(&pending, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    if (!check("block-then-unblock", held && hits == 1))
        return 1;

    set_info_handler(SIGUSR1, take_info, 0);
    sigprocmask(SIG_BLOCK, &usr2, NULL);
    kill(getpid(), SIGUSR1);
    int kill_info = seen.si_signo == SIGUSR1 && seen.si_code == SI_USER && seen.si_pid == getpid()
                    && seen.si_uid == getuid() && seen_mask_ok;
    raise(SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &usr2, NULL);
    if (!check("siginfo", kill_info && seen.si_code == SI_TKILL && seen.si_pid == getpid()))
        return 1;

    /* Not sa_mask: qemu-riscv64 7.2 reads struct sigaction with an sa_restorer riscv64 does not have, so
     * a handler there runs without its sa_mask blocked; hartlab blocks it, as Linux does. */
    set_handler(SIGUSR1, mask_inside, 0, NULL);
    hits = 0;
    raise(SIGUSR1);
    int deferred = seen_mask_ok == 1;
    set_handler(SIGUSR1, mask_inside, SA_NODEFER, NULL);
    raise(SIGUSR1);
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    if (!check("handler-mask", deferred && seen_mask_ok == 0 && hits == 2 && !sigismember(&after, SIGUSR1)
                               && !sigismember(&after, SIGUSR2)))
        return 1;

    set_handler(SIGUSR1, record, 0, NULL);
    set_handler(SIGUSR2, record, 0, NULL);
    sigprocmask(SIG_BLOCK, &both, NULL);
    raise(SIGUSR2);
    raise(SIGUSR1);
    logged = 0;
    sigprocmask(SIG_UNBLOCK, &both, NULL);
    /* Both get a frame on that return, SIGUSR1 (the lower number) first, so SIGUSR2's handler runs first. */
    if (!check("delivery-order", logged == 2 && log_order[0] == SIGUSR2 && log_order[1] == SIGUSR1))
        return 1;

    set_handler(SIGUSR1, SIG_IGN, 0, NULL);
    raise(SIGUSR1);
    set_handler(SIGUSR2, count, 0, NULL);
    sigprocmask(SIG_BLOCK, &usr2, NULL);
    hits = 0;
    raise(SIGUSR2);
    set_handler(SIGUSR2, SIG_IGN, 0, NULL); /* discards the pending one */
    sigpending(&pending);
    sigprocmask(SIG_UNBLOCK, &usr2, NULL);
    if (!check("ignore", hits == 0 && !sigismember(&pending, SIGUSR2)))
        return 1;

    if (!check("registers-restored", registers_survive_a_handler()))
        return 1;

    set_info_handler(SIGCHLD, take_info, SA_RESTART);
    hits = 0;
    memset((void *)&seen, 0, sizeof seen);
    int status = child_status(do_exit3);
    int chld = hits == 1 && seen.si_signo == SIGCHLD && seen.si_code == CLD_EXITED && seen.si_status == 3
               && WIFEXITED(status) && WEXITSTATUS(status) == 3;
    set_handler(SIGCHLD, SIG_DFL, 0, NULL);
    if (!check("sigchld", chld))
        return 1;

    status = child_status(do_abort);
    if (!check("abort-status", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && !WCOREDUMP(status)))
        return 1;
    status = child_status(do_term);
    if (!check("default-terminate", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM))
        return 1;
    hits = 0;
    status = child_status(do_resethand);
    if (!check("resethand", WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1))
        return 1;

    set_info_handler(SIGSEGV, fault_escape, 0);
    memset((void *)&seen, 0, sizeof seen);
    if (sigsetjmp(escape, 1) == 0)
        *(volatile int *)0 = 1;
    if (!check("segv-siglongjmp", seen.si_signo == SIGSEGV && seen.si_code == SEGV_MAPERR && seen.si_addr == NULL))
        return 1;
    sigprocmask(SIG_BLOCK, NULL, &after);
    if (!check("mask-after-siglongjmp", !sigismember(&after, SIGSEGV)))
        return 1;

    set_info_handler(SIGILL, skip_instruction, 0);
    __asm__ volatile("la t0, 1f\n sd t0, 0(%0)\n 1: .2byte 0\n" ::"r"(&expected_pc) : "t0", "memory");
    if (!check("sigill", seen.si_signo == SIGILL && seen.si_code == ILL_ILLOPC
                         && (uintptr_t)seen.si_addr == expected_pc))
        return 1;
    set_info_handler(SIGTRAP, skip_instruction, 0);
    __asm__ volatile("la t0, 1f\n sd t0, 0(%0)\n 1: .4byte 0x00100073\n" ::"r"(&expected_pc) : "t0", "memory");
    if (!check("sigtrap", seen.si_signo == SIGTRAP && seen.si_code == TRAP_BRKPT
                          && (uintptr_t)seen.si_addr == expected_pc))
        return 1;

    set_handler(SIGUSR1, count, 0, NULL);
    interrupt_until_done(nanosleeper);
    if (!check("nanosleep-eintr", sleeper_result == -1 && sleeper_errno == EINTR && remaining.tv_sec < 10
                                  && (remaining.tv_sec > 0 || remaining.tv_nsec > 0)))
        return 1;
    interrupt_until_done(futex_waiter);
    if (!check("futex-eintr", sleeper_result == -1 && sleeper_errno == EINTR))
        return 1;

    hits = 0;
    set_handler(SIGUSR1, count, SA_RESTART, NULL);
    int err;
    pid_t r = wait_while_kicked(5, &status, &err);
    if (!check("wait4-restarted", r > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 7 && hits == 5))
        return 1;
    set_handler(SIGUSR1, count, 0, NULL);
    r = wait_while_kicked(-1, &status, &err);
    if (!check("wait4-eintr", r == -1 && err == EINTR && WIFEXITED(status) && WEXITSTATUS(status) == 7))
        return 1;

    sigprocmask(SIG_BLOCK, &usr1, NULL);
    hits = 0;
    pthread_t t;
    pthread_create(&t, NULL, kick_once, NULL);
    int s = sigsuspend(&none);
    int suspend_err = errno;
    pthread_join(t, NULL);
    sigprocmask(SIG_BLOCK, NULL, &after);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    if (!check("sigsuspend", s == -1 && suspend_err == EINTR && hits == 1 && sigismember(&after, SIGUSR1)))
        return 1;

    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    set_handler(SIGUSR1, on_alt_stack, SA_ONSTACK, NULL);
    hits = 0;
    seen_mask_ok = 0;
    raise(SIGUSR1);
    stack_t small = {.ss_sp = alt_stack, .ss_size = 100, .ss_flags = 0};
    stack_t bad = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 7};
    int alt_errors = fails_with(sigaltstack(&small, NULL), ENOMEM) && fails_with(sigaltstack(&bad, NULL), EINVAL);
    stack_t off = {.ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
    if (!check("sigaltstack", hits == 1 && seen_mask_ok && alt_errors))
        return 1;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = count;
    uint64_t set8 = 0;
    int errors = fails_with(syscall(SYS_rt_sigaction, SIGKILL, &sa, NULL, 8), EINVAL)
                 && fails_with(sigaction(SIGSTOP, &sa, NULL), EINVAL)
                 && fails_with(syscall(SYS_rt_sigaction, 65, NULL, NULL, 8), EINVAL)
                 && fails_with(syscall(SYS_rt_sigaction, 0, NULL, NULL, 8), EINVAL)
                 && fails_with(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4), EINVAL)
                 && fails_with(syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8), EFAULT)
                 && fails_with(syscall(SYS_rt_sigprocmask, 7, &set8, NULL, 8), EINVAL)
                 && fails_with(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, (void *)8, 8), EFAULT)
                 && fails_with(syscall(SYS_rt_sigpending, &set8, 9), EINVAL)
                 && fails_with(kill(getpid(), 65), EINVAL)
                 && fails_with(kill(99999, SIGUSR1), ESRCH)
                 && kill(getpid(), 0) == 0
                 && fails_with(syscall(SYS_tgkill, getpid(), 99999, 0), ESRCH)
                 && fails_with(syscall(SYS_tgkill, 0, gettid(), SIGUSR1), EINVAL)
                 && fails_with(syscall(SYS_tkill, -1, SIGUSR1), EINVAL)
                 && syscall(SYS_tgkill, getpid(), gettid(), 0) == 0;
    if (!check("bad-arguments", errors))
        return 1;
    puts("signals ok");
    return 0;
}
