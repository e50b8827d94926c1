/* start.c: from the initial stack to main(), and out again. */
#include "rt.h"

int main(int argc, char **argv, char **envp);

int rt_argc;
char **rt_argv;
char **environ;
unsigned long *rt_auxv;
unsigned long rt_initial_sp;
struct rt_thread rt_main_thread;

unsigned long rt_getauxval(unsigned long type)
{
    for (unsigned long *a = rt_auxv; a[0] != AT_NULL; a += 2)
        if (a[0] == type)
            return a[1];
    return 0;
}

/* Called by _start with the initial sp; runs main and exits with its result. */
__attribute__((noreturn, used)) void rt_start(unsigned long *sp)
{
    char **p;

    rt_initial_sp = (unsigned long)sp;
    rt_argc = (int)sp[0];
    rt_argv = (char **)(sp + 1);
    environ = rt_argv + rt_argc + 1;
    for (p = environ; *p != NULL; p++)
        ;
    rt_auxv = (unsigned long *)(p + 1);

    rt_main_thread.self = &rt_main_thread;
    __asm__ volatile("mv tp, %0" : : "r"(&rt_main_thread) : "memory");
    exit(main(rt_argc, rt_argv, environ));
}

void exit(int code)
{
    for (;;)
        rt_syscall(SYS_exit_group, code, 0, 0, 0, 0, 0);
}

void rt_fatal(const char *msg)
{
    sys_write(2, msg, strlen(msg));
    exit(127);
}
