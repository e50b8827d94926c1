/* thread.c: threads over clone, and barriers. */
#include "rt.h"

#define STACK_SIZE (32 * 1024)

/* The child's first C frame: runs on the new stack with tp = t. */
static long thread_main(void *arg)
{
    struct rt_thread *t = arg;
    t->result = t->fn(t->arg);
    return 0;
}

long rt_thread_create(struct rt_thread **out, long (*fn)(void *), void *arg)
{
    struct rt_thread *t = malloc(sizeof *t);
    char *stack = malloc(STACK_SIZE);
    if (t == NULL || stack == NULL)
        rt_fatal("rt_thread_create: out of memory\n");

    t->self = t;
    t->tid = -1;                /* no tid is -1: shows whether the kernel stored one */
    t->stack = stack;
    t->fn = fn;
    t->arg = arg;
    t->result = 0;
    long tid = rt_clone(RT_THREAD_FLAGS, stack + STACK_SIZE, &t->tid, t, &t->tid, thread_main, t);
    if (tid < 0) {
        free(stack);
        free(t);
        return tid;
    }
    /* Linux stores the tid before the child can run, so the child's exit can
     * only zero it afterwards: either way it is no longer -1. */
    if (t->tid == -1)
        rt_fatal("rt_thread_create: clone did not store the tid (CLONE_PARENT_SETTID)\n");
    *out = t;
    return 0;
}

long rt_thread_join(struct rt_thread *t)
{
    int tid;
    while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0)
        if (sys_futex(&t->tid, FUTEX_WAIT, tid, NULL) == -38)   /* -ENOSYS: poll */
            sys_sched_yield();  /* else 0, -EAGAIN or -EINTR: re-check */
    long result = t->result;
    free(t->stack);
    free(t);
    return result;
}

void rt_barrier_init(rt_barrier_t *b, int parties)
{
    b->count = 0;
    b->generation = 0;
    b->parties = parties;
}

void rt_barrier_wait(rt_barrier_t *b)
{
    int gen = __atomic_load_n(&b->generation, __ATOMIC_ACQUIRE);
    int arrived;
    __asm__ volatile("amoadd.w.aqrl %0, %2, (%1)" : "=r"(arrived) : "r"(&b->count), "r"(1) : "memory");
    if (arrived == b->parties - 1) {
        b->count = 0;           /* nobody touches count until the generation moves */
        __asm__ volatile("amoadd.w.aqrl zero, %1, (%0)" : : "r"(&b->generation), "r"(1) : "memory");
        return;
    }
    unsigned spins = 0;
    while (__atomic_load_n(&b->generation, __ATOMIC_ACQUIRE) == gen)
        spins = rt_spin_pause(spins);
}
