/* sigint (glibc): a program that handles Ctrl-C, as a stress program that
 * reports its counts when interrupted does. Prints `ready`, then waits in
 * pause(); each SIGINT prints `SIGINT N` from its handler; after the LIMIT-th
 * (argv[1]; 0, the default, is never) main prints `done` and exits 0. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t interrupts;

static void on_sigint(int signo)
{
    (void)signo;
    char line[] = "SIGINT 0\n";
    interrupts++;
    line[7] = (char)('0' + interrupts % 10);
    write(1, line, strlen(line));
}

int main(int argc, char **argv)
{
    int limit = argc > 1 ? atoi(argv[1]) : 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0)
        return 1;
    puts("ready");
    fflush(stdout);
    while (limit == 0 || interrupts < limit)
        pause();
    puts("done");
    return 0;
}
