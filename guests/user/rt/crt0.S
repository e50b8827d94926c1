/* _start: entry of every hartlab user program.
 *
 * The kernel enters here in U-mode with sp at the Linux initial stack
 * (16-byte aligned):  sp -> argc, argv[0..argc-1], NULL, envp[..], NULL,
 * auxv (type, value) pairs ending with AT_NULL; strings and the AT_RANDOM
 * bytes lie above. Other registers are not relied on. rt_start(sp) parses
 * it, sets tp and runs main. */
        .file "crt0.S"   /* fixed FILE symbol: keeps the ELF reproducible */
        .section .text.start, "ax", @progbits
        .globl _start
        .type _start, @function
_start:
        mv a0, sp
        li ra, 0         /* end of the call chain for debuggers */
        andi sp, sp, -16
        call rt_start    /* never returns */
1:      j 1b
        .size _start, . - _start
