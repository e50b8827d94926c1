/* gdb-target: the guest of hartlab's GDB stub end-to-end test.
 *
 * Hart 0 calls bump() `rounds` times (re-reading `rounds` every time, so a
 * debugger can stretch the run), then exits with code `exit_code`. bump()
 * increments the 64-bit `counter`; its store sits at bump_store, so a
 * watchpoint on counter must stop there. Every other hart spins forever,
 * incrementing its slot of `spins` (never wfi: the machine keeps running
 * until hart 0 exits). Any trap exits with code 128 + (mcause & 63). */
        .file "gdb-target.S"   /* fixed FILE symbol: keeps the ELF reproducible */
        .section .text.init, "ax", @progbits
        .globl _start
_start:
        la t0, trap_entry
        csrw mtvec, t0
        csrr a0, mhartid
        bnez a0, secondary

        li s0, 0                /* rounds done */
        .globl main_loop
main_loop:
        la t0, rounds
        ld t1, 0(t0)
        bgeu s0, t1, done
        call bump
        addi s0, s0, 1
        j main_loop
done:
        la t0, exit_code
        ld a0, 0(t0)
exit:
        slli a0, a0, 1
        ori a0, a0, 1
        la t0, tohost
        sd a0, 0(t0)
1:      j 1b

        .globl bump
        .type bump, @function
bump:
        la t0, counter
        ld t1, 0(t0)
        addi t1, t1, 1
        .globl bump_store
bump_store:
        sd t1, 0(t0)
        ret
        .size bump, . - bump

        .globl secondary
secondary:
        la t0, spins
        slli t1, a0, 3
        add t0, t0, t1
2:      ld t1, 0(t0)
        addi t1, t1, 1
        sd t1, 0(t0)
        j 2b

        .balign 4
trap_entry:
        csrr a0, mcause
        andi a0, a0, 63
        addi a0, a0, 128
        j exit

        .section .tohost, "aw", @progbits
        .balign 64
        .globl tohost
        .type tohost, @object
        .size tohost, 8
tohost: .dword 0
        .balign 64
        .globl fromhost
        .type fromhost, @object
        .size fromhost, 8
fromhost: .dword 0

        .data
        .balign 8
        .globl rounds, exit_code, counter, spins
        .type rounds, @object
        .size rounds, 8
rounds: .dword 1000
        .type exit_code, @object
        .size exit_code, 8
exit_code: .dword 0
        .type counter, @object
        .size counter, 8
counter: .dword 0
        .type spins, @object
        .size spins, 64 * 8
spins:  .zero 64 * 8
