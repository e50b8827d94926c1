/* fork-tree [DEPTH [WIDTH]]: every process down to DEPTH forks WIDTH
 * children and waits for them; a leaf exits with 1, an inner process with
 * the sum of its children's exit codes (mod 256), so the root's total is the
 * number of leaves, WIDTH^DEPTH. Prints "leaves=N expected=N"; exits 0 when
 * they match, 1 when not, 3 when fork or wait4 fails. Defaults: 3, 3. */
#include "rt.h"

static int grow(int depth, int width)
{
    if (depth == 0)
        return 1;
    int total = 0;
    for (int i = 0; i < width; i++) {
        long pid = rt_fork();
        if (pid < 0)
            exit(3);
        if (pid == 0)
            exit(grow(depth - 1, width) & 0xff);
        int status;
        if (sys_wait4(pid, &status, 0, NULL) != pid || (status & 0x7f) != 0)
            exit(3);
        total += (status >> 8) & 0xff;
    }
    return total;
}

int main(int argc, char **argv)
{
    int depth = argc > 1 ? (int)rt_atol(argv[1]) : 3;
    int width = argc > 2 ? (int)rt_atol(argv[2]) : 3;
    int expected = 1;
    for (int i = 0; i < depth; i++)
        expected *= width;
    int leaves = grow(depth, width);
    printf("leaves=%d expected=%d\n", leaves, expected);
    return leaves == (expected & 0xff) ? 0 : 1;
}
