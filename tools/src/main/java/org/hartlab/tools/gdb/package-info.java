/**
 * The GDB Remote Serial Protocol stub: {@code hartlab bare --gdb PORT} lets {@code gdb-multiarch} debug a
 * machine through {@link org.hartlab.core.debug.DebugTarget}, all-stop, one thread per hart (thread id = hart + 1).
 *
 * <p>The Netty pipeline is {@link org.hartlab.tools.gdb.RspFrameDecoder} (bytes to {@link
 * org.hartlab.tools.gdb.RspMessage}s), {@link org.hartlab.tools.gdb.RspFrameEncoder} (messages to bytes) and
 * {@link org.hartlab.tools.gdb.RspCommandHandler} (acknowledgements, interrupts, one executor thread for the
 * target). The packets themselves are interpreted by {@link org.hartlab.tools.gdb.GdbCommands}, which knows
 * nothing of Netty; {@link org.hartlab.tools.gdb.GdbServer} listens and allows one session at a time.
 */
package org.hartlab.tools.gdb;
