/**
 * The interactive shell ({@code hartlab} with no arguments, or {@code hartlab shell}): a JLine 3 line reader in front
 * of picocli commands over a booted hosted kernel. {@link org.hartlab.tools.shell.HartlabShell} reads lines;
 * {@code ShellSession} holds the machine, which {@code MachineDriver} runs on a worker thread and stops around every
 * command that looks at or changes the kernel; one class per command; {@code ShellCommands} lists them.
 */
package org.hartlab.tools.shell;
