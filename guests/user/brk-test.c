/* brk-test: grows the heap by 8 pages, fills them, shrinks to 3, checks what
 * is left, grows back (the re-grown pages must read as zero), restores.
 *   exit 1  brk(0) below _end     2  growing refused     3  contents lost after growing
 *        4  shrinking refused     5  contents lost after shrinking
 *        6  re-grown pages not zero     7  restoring the first break refused */
#include "rt.h"

extern char _end[];

static unsigned long pattern(unsigned long addr) { return addr * 0x9e3779b97f4a7c15UL + 1; }

/* 1 when [from, to) holds pattern() in every word. */
static int holds_pattern(unsigned long from, unsigned long to)
{
    for (unsigned long a = from; a < to; a += 8)
        if (*(volatile unsigned long *)a != pattern(a))
            return 0;
    return 1;
}

int main(void)
{
    unsigned long start = sys_brk(0);
    printf("brk start=0x%lx\n", start);
    if (start < (unsigned long)_end)
        return 1;

    unsigned long big = start + 8 * PAGE_SIZE;
    if (sys_brk(big) != big)
        return 2;
    for (unsigned long a = start; a < big; a += 8)
        *(volatile unsigned long *)a = pattern(a);
    if (!holds_pattern(start, big))
        return 3;

    unsigned long small = start + 3 * PAGE_SIZE;
    if (sys_brk(small) != small)
        return 4;
    if (!holds_pattern(start, small))
        return 5;

    if (sys_brk(big) != big)
        return 2;
    for (unsigned long a = small; a < big; a += 8)
        if (*(volatile unsigned long *)a != 0)
            return 6;
    if (!holds_pattern(start, small))
        return 5;

    if (sys_brk(start) != start)
        return 7;
    printf("brk ok: grew 8 pages, shrank to 3, re-grew zeroed\n");
    return 0;
}
