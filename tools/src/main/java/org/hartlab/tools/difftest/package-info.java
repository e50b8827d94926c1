/**
 * Differential testing against QEMU. {@link org.hartlab.tools.difftest.ProgramGenerator} turns a seed into a
 * random valid RV64IMAC program, or with {@code --fp} an RV64GC one ({@code FpItems}) (machine code from {@code Rv}/{@code Rvc} through an {@code Assembler}, wrapped by
 * the {@code Harness} and written as a static ELF by {@code ElfWriter}: no cross compiler).
 * {@link org.hartlab.tools.difftest.DiffRunner} runs it on hartlab in-process and on
 * {@code qemu-system-riscv64 -machine spike}; both print, through the HTIF console, x1..x31, a checksum of the
 * scratch memory, the intermediate results the body stored in its trace area and the log of the traps it took.
 * {@link org.hartlab.tools.difftest.Report} prints any difference with the seed that regenerates the program.
 */
package org.hartlab.tools.difftest;
