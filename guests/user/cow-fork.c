/* cow-fork: fork keeps a child's memory its own while another thread of the
 * parent writes the page being forked.
 *
 *   cow-fork [N]   N children (default 400)
 *
 * Thread W increments word x on page X without pause until main says stop.
 * Main forks the children in bursts of BURST, back to back, then reaps the
 * burst with wait4: every fork makes X copy-on-write again, so W's next store
 * takes a COW fault, and the next fork of the burst may come while that fault
 * waits for its shootdown. Each child reads x, pauses (W keeps writing in the
 * parent meanwhile), reads x again and exits 1 if the two differ: the parent's
 * store reached the child's page. Prints `cow-fork children=N changed=M`;
 * exits 1 when M > 0, 3 when clone, fork or wait4 failed, else 0. */
#include "rt.h"

#define BURST   8
#define PAUSE   2000    /* busy loop between a child's two reads */
#define YIELDS  2       /* and as many sched_yields, so W runs even with few harts */

static struct {
    volatile long x;
    char pad[PAGE_SIZE - sizeof(long)];
} page_x __attribute__((aligned(PAGE_SIZE)));

/* On a page of its own, so W's loop reads it without touching X's neighbours. */
static struct {
    volatile int stop;
    char pad[PAGE_SIZE - sizeof(int)];
} page_s __attribute__((aligned(PAGE_SIZE)));

static long writer(void *arg)
{
    (void)arg;
    while (!page_s.stop)
        page_x.x = page_x.x + 1;
    return 0;
}

static void child(void)
{
    long first = page_x.x;
    for (int i = 0; i < PAUSE; i++)
        __asm__ volatile("nop");
    for (int i = 0; i < YIELDS; i++)
        sys_sched_yield();
    long second = page_x.x;
    exit(first == second ? 0 : 1);
}

int main(int argc, char **argv)
{
    long children = argc > 1 ? rt_atol(argv[1]) : 400;
    long changed = 0;
    long pids[BURST];
    struct rt_thread *w;

    if (rt_thread_create(&w, writer, NULL) != 0) {
        printf("cow-fork: clone failed\n");
        exit(3);
    }
    for (long done = 0; done < children;) {
        int n = children - done < BURST ? (int)(children - done) : BURST;
        for (int i = 0; i < n; i++) {
            pids[i] = rt_fork();
            if (pids[i] == 0)
                child();
            if (pids[i] < 0) {
                printf("cow-fork: fork failed after %ld children\n", done + i);
                exit(3);
            }
        }
        for (int i = 0; i < n; i++) {
            int status;
            if (sys_wait4(pids[i], &status, 0, NULL) != pids[i]) {
                printf("cow-fork: wait4 failed\n");
                exit(3);
            }
            if (status != 0)
                changed++;
        }
        done += n;
    }
    page_s.stop = 1;
    rt_thread_join(w);
    printf("cow-fork children=%ld changed=%ld\n", children, changed);
    return changed > 0 ? 1 : 0;
}
