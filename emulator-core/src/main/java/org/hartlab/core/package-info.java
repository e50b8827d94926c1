/**
 * The emulated machine: {@link org.hartlab.core.Machine} ties harts, bus, devices and an engine together.
 * Subpackages hold the hart (interpreter, CSRs, traps), the bus and devices, ELF reading and the engines.
 */
package org.hartlab.core;
