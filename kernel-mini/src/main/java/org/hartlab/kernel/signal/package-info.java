/**
 * POSIX signals as Linux riscv64 delivers them: per-process actions and per-thread masks, pending queues,
 * delivery on the return to user mode through an {@code rt_sigframe} on the user stack, {@code rt_sigreturn},
 * default actions, and the interruption of system calls sleeping in the kernel. The system calls that reach
 * it ({@code rt_sigaction}, {@code kill}, ...) check their arguments in {@code org.hartlab.kernel.syscall}.
 */
package org.hartlab.kernel.signal;
