/* oom: memory exhaustion, survived. A hog child maps and touches memory a
 * page at a time until the kernel has none left and kills it (SIGKILL: the
 * process whose fault found RAM exhausted is the victim). A bystander child
 * holds a filled buffer meanwhile; afterwards it checks the buffer and exits
 * 0. Then the parent, which checked its own buffer too, maps and touches
 * 4 MiB: the hog's memory came back. Prints
 * "oom: hog killed by signal S after N pages; bystander exit B; memory back";
 * exits 0 when S = 9, B = 0 and both buffers are intact. Not for a real Linux:
 * it would exhaust the host. */
#include "rt.h"

#define MAP_SHARED 0x01
#define CHUNK      (1UL << 20)
#define KEPT       (64 * 1024)

static struct shared {
    volatile long pages;
    volatile int hog_dead;
} *s;

static int fill_and_check(unsigned char *buf, unsigned char seed, int check)
{
    for (unsigned long i = 0; i < KEPT; i++) {
        unsigned char want = (unsigned char)(seed + i * 7);
        if (check && buf[i] != want)
            return 0;
        buf[i] = want;
    }
    return 1;
}

static void hog(void)
{
    for (;;) {
        long m = sys_mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (sys_failed(m))
            exit(3);    /* the address space ran out first: not what this tests */
        for (unsigned long off = 0; off < CHUNK; off += PAGE_SIZE) {
            *(volatile char *)(m + off) = 1;
            __atomic_fetch_add(&s->pages, 1, __ATOMIC_RELAXED);
        }
    }
}

static void bystander(void)
{
    unsigned char *buf = malloc(KEPT);
    fill_and_check(buf, 11, 0);
    while (!__atomic_load_n(&s->hog_dead, __ATOMIC_ACQUIRE))
        sys_sched_yield();
    exit(fill_and_check(buf, 11, 1) ? 0 : 1);
}

int main(void)
{
    long m = sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(m))
        return 2;
    s = (struct shared *)m;
    unsigned char *mine = malloc(KEPT);
    fill_and_check(mine, 5, 0);
    long by = rt_fork();
    if (by == 0)
        bystander();
    long h = rt_fork();
    if (h == 0)
        hog();
    int hog_status = 0, by_status = 0;
    sys_wait4(h, &hog_status, 0, NULL);
    __atomic_store_n(&s->hog_dead, 1, __ATOMIC_RELEASE);
    sys_wait4(by, &by_status, 0, NULL);
    int ok = fill_and_check(mine, 5, 1);
    long back = sys_mmap(NULL, 4 * CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(back))
        return 4;
    for (unsigned long off = 0; off < 4 * CHUNK; off += PAGE_SIZE)
        *(volatile char *)(back + off) = 1;
    int signal = hog_status & 0x7f, by_exit = (by_status >> 8) & 0xff;
    printf("oom: hog killed by signal %d after %ld pages; bystander exit %d; memory back\n", signal, s->pages,
           by_exit);
    return signal == 9 && (by_status & 0x7f) == 0 && by_exit == 0 && ok ? 0 : 1;
}
