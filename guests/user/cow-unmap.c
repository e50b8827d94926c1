/* cow-unmap: a sibling thread unmaps or write-protects a page while another
 * thread's store to it takes a copy-on-write fault; no store may land after.
 *
 *   cow-unmap munmap|mprotect [N]   N rounds (default 200)
 *
 * Main maps page X (private, anonymous) and writes it. Each round it forks a
 * process R, in which X is copy-on-write (main still holds it). In R, thread W
 * and R's main thread meet at a barrier; then W stores i to X and i to a
 * progress word (on a MAP_SHARED page), for i = 1, 2, ..., while R's main
 * thread unmaps X (munmap) or makes it read-only (mprotect PROT_READ). W's
 * first store is the COW fault; the unmap may come while it waits for its
 * shootdown. Once munmap or mprotect has returned, W's next store to X must
 * fault and kill R with SIGSEGV, so progress moves by at most one more step
 * (we allow two): R's main thread reads progress, pauses, reads it again and
 * exits 1 if it moved further, else 0. Main counts rounds ending in exit 1
 * (broken), SIGSEGV or 0. Prints `cow-unmap MODE rounds=N broken=M` and
 * `segv=K`; exits 1 when M > 0, 3 when a call failed or R ended otherwise,
 * else 0. */
#include "rt.h"

#define SYS_mprotect 226
#define SIGSEGV      11
#define PAUSE        4000   /* busy loop between R's two reads of progress */
#define YIELDS       4      /* and as many sched_yields, so W runs even with few harts */

static volatile long *page_x;
static volatile long *progress;   /* MAP_SHARED: W's stores so far, for R's main thread */
static int protect_only;          /* mprotect instead of munmap */

static struct {
    rt_barrier_t start;
    char pad[PAGE_SIZE - sizeof(rt_barrier_t)];
} page_b __attribute__((aligned(PAGE_SIZE)));

static long writer(void *arg)
{
    (void)arg;
    rt_barrier_wait(&page_b.start);
    for (long i = 1;; i++) {
        page_x[0] = i;
        __sync_synchronize();
        *progress = i;
    }
    return 0;
}

/* Process R: returns its exit code. */
static int round_process(void)
{
    struct rt_thread *w;
    rt_barrier_init(&page_b.start, 2);
    if (rt_thread_create(&w, writer, NULL) != 0)
        return 3;
    rt_barrier_wait(&page_b.start);
    long r = protect_only ? rt_syscall(SYS_mprotect, (long)page_x, PAGE_SIZE, PROT_READ, 0, 0, 0)
                          : sys_munmap((void *)page_x, PAGE_SIZE);
    if (r != 0)
        return 3;
    __sync_synchronize();
    long first = *progress;
    for (int i = 0; i < PAUSE; i++)
        __asm__ volatile("nop");
    for (int i = 0; i < YIELDS; i++)
        sys_sched_yield();
    __sync_synchronize();
    long last = *progress;
    return last - first > 2 ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "munmap") != 0 && strcmp(argv[1], "mprotect") != 0)) {
        printf("usage: cow-unmap munmap|mprotect [rounds]\n");
        exit(3);
    }
    protect_only = strcmp(argv[1], "mprotect") == 0;
    long rounds = argc > 2 ? rt_atol(argv[2]) : 200;
    long x = sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long shared = sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(x) || sys_failed(shared)) {
        printf("cow-unmap: mmap failed\n");
        exit(3);
    }
    page_x = (volatile long *)x;
    progress = (volatile long *)shared;
    page_x[0] = -1;   /* resident in main: in each R the page is copy-on-write */
    long broken = 0, segv = 0;
    for (long i = 0; i < rounds; i++) {
        *progress = 0;
        long pid = rt_fork();
        if (pid == 0)
            exit(round_process());
        int status;
        if (pid < 0 || sys_wait4(pid, &status, 0, NULL) != pid) {
            printf("cow-unmap: fork or wait4 failed in round %ld\n", i);
            exit(3);
        }
        if (status == (1 << 8)) {
            broken++;
        } else if (status == SIGSEGV) {
            segv++;
        } else if (status != 0) {
            printf("cow-unmap: round %ld ended with status 0x%x\n", i, status);
            exit(3);
        }
    }
    printf("cow-unmap %s rounds=%ld broken=%ld\n", argv[1], rounds, broken);
    printf("segv=%ld\n", segv);
    return broken > 0 ? 1 : 0;
}
