/**
 * Open files of the hosted kernel: the per-process descriptor table ({@link org.hartlab.kernel.file.FdTable}),
 * the open file descriptions it points at (pipes, the host's standard input, the console) and the lists of
 * threads sleeping until one of them changes. There is no file system: these are all the files a guest has.
 */
package org.hartlab.kernel.file;
