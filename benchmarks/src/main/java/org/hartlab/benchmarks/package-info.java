/** JMH microbenchmarks of the emulator's hot and costly paths; run with {@code java -jar benchmarks/target/benchmarks.jar}. */
package org.hartlab.benchmarks;
