/* mmap-test: anonymous private mmap of 1 MiB: page-aligned, reads as zero,
 * holds what is written; munmap; a second mapping reads as zero again.
 *   exit 1  mmap failed   2  not page-aligned   3  not zero-filled
 *        4  contents lost   5  munmap failed */
#include "rt.h"

#define LEN (1024 * 1024UL)

static int check_zero(volatile unsigned long *p)
{
    for (unsigned long i = 0; i < LEN / 8; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

int main(void)
{
    long r = sys_mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(r)) {
        printf("mmap failed: %ld\n", r);
        return 1;
    }
    volatile unsigned long *p = (volatile unsigned long *)r;
    printf("mmap 1 MiB at 0x%lx\n", (unsigned long)r);
    if (r & (PAGE_SIZE - 1))
        return 2;
    if (!check_zero(p))
        return 3;
    for (unsigned long i = 0; i < LEN / 8; i++)
        p[i] = i ^ 0x5a5a5a5a5a5a5a5aUL;
    for (unsigned long i = 0; i < LEN / 8; i++)
        if (p[i] != (i ^ 0x5a5a5a5a5a5a5a5aUL))
            return 4;
    if (sys_munmap((void *)r, LEN) != 0)
        return 5;

    r = sys_mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(r))
        return 1;
    if (!check_zero((volatile unsigned long *)r))
        return 3;
    if (sys_munmap((void *)r, LEN) != 0)
        return 5;
    printf("mmap ok\n");
    return 0;
}
