/** The hartlab command line: picocli subcommands for bare-metal runs and benchmarks (the shell, GDB stub and stress runner join later). */
package org.hartlab.tools;
