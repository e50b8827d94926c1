/* abort: prints a line and calls abort(). On Linux the process dies of
 * SIGABRT, so a shell sees exit status 134 (128 + 6). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    puts("aborting");
    fflush(stdout);
    abort();
}
