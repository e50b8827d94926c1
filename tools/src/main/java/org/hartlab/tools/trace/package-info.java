/** Export of the machine's event stream as trace files for ui.perfetto.dev. */
package org.hartlab.tools.trace;
