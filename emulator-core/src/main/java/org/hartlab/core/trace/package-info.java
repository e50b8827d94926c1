/** Observers of execution: instruction-trace digests now, the event stream and trace export later. */
package org.hartlab.core.trace;
