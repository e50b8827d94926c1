/* fork-test: fork (clone(SIGCHLD)); the child writes a global and exits 7;
 * the parent writes the global's page too, waits with wait4 and checks the
 * status is 7 << 8 and that its copy of the global is unchanged.
 *   exit 1  fork failed   2  wait4 did not return the child
 *        3  wrong status (the child exits 9 when getpid() equals the parent's)
 *        4  the child's write reached the parent */
#include "rt.h"

static volatile long shared_global = 1;
static volatile long parent_only;          /* same page as shared_global or the next */

int main(void)
{
    long parent = sys_getpid();
    long pid = rt_fork();
    if (pid < 0) {
        printf("fork failed: %ld\n", pid);
        return 1;
    }
    if (pid == 0) {
        shared_global = 42;
        exit(sys_getpid() == parent ? 9 : 7);
    }
    parent_only = pid;
    int status = -1;
    long w = sys_wait4(pid, &status, 0, NULL);
    if (w != pid) {
        printf("wait4 returned %ld, child %ld\n", w, pid);
        return 2;
    }
    if (status != (7 << 8)) {
        printf("child status 0x%x, want 0x700\n", status);
        return 3;
    }
    if (shared_global != 1) {
        printf("parent sees %ld\n", shared_global);
        return 4;
    }
    printf("fork ok\n");
    return 0;
}
