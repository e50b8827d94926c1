/* malloc.c: first-fit free list over brk. Blocks carry a 16-byte header
 * (size including the header, next free block); free pushes onto the list,
 * big enough leftovers are split off, nothing is coalesced or given back. */
#include "rt.h"

struct block {
    size_t size;
    struct block *next;
};

static rt_lock_t heap_lock;
static struct block *free_list;    /* guarded by heap_lock */
static unsigned long heap_top;     /* guarded by heap_lock: the break we own up to */

/* Moves the break up by n bytes; the old break, or 0 when refused. */
static unsigned long grow(size_t n)
{
    if (heap_top == 0)
        heap_top = (sys_brk(0) + 15) & ~15UL;
    unsigned long want = heap_top + n;
    if (sys_brk(want) < want)
        return 0;
    unsigned long old = heap_top;
    heap_top = want;
    return old;
}

void *malloc(size_t n)
{
    size_t need = (n + sizeof(struct block) + 15) & ~15UL;
    struct block *b, **prev;

    if (n == 0 || need < n)
        return NULL;
    rt_lock(&heap_lock);
    for (prev = &free_list; (b = *prev) != NULL; prev = &b->next) {
        if (b->size < need)
            continue;
        if (b->size - need >= 64) {     /* split: the tail stays free */
            struct block *rest = (struct block *)((char *)b + need);
            rest->size = b->size - need;
            rest->next = b->next;
            *prev = rest;
            b->size = need;
        } else {
            *prev = b->next;
        }
        rt_unlock(&heap_lock);
        return b + 1;
    }
    b = (struct block *)grow(need);
    if (b != NULL)
        b->size = need;
    rt_unlock(&heap_lock);
    return b != NULL ? b + 1 : NULL;
}

void free(void *p)
{
    if (p == NULL)
        return;
    struct block *b = (struct block *)p - 1;
    rt_lock(&heap_lock);
    b->next = free_list;
    free_list = b;
    rt_unlock(&heap_lock);
}
