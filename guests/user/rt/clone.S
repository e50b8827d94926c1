/* long rt_clone(flags, stack_top, ptid, tls, ctid, fn, arg)
 *
 * Linux riscv64 takes clone's arguments as (flags, newsp, parent_tid, tls,
 * child_tid), the same order as ours, so a0..a4 go through unchanged. fn and
 * arg are pushed on the child's stack first: the child returns from ecall
 * with a0 = 0 on that stack, calls fn(arg) and ends the thread with
 * exit(result) (93, not exit_group). The parent returns the tid or -errno. */
        .file "clone.S"   /* fixed FILE symbol: keeps the ELF reproducible */
        .text
        .globl rt_clone
        .type rt_clone, @function
rt_clone:
        andi a1, a1, -16
        addi a1, a1, -16
        sd a5, 0(a1)
        sd a6, 8(a1)
        li a7, 220       /* clone */
        ecall
        beqz a0, 1f
        ret
1:      ld t0, 0(sp)
        ld a0, 8(sp)
        li ra, 0
        jalr t0
        li a7, 93        /* exit: this thread only */
        ecall
2:      j 2b
        .size rt_clone, . - rt_clone
