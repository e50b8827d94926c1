/* hello: the smallest program. write(1, "hello from hartlab\n"), exit_group(0). */
#include "rt.h"

int main(void)
{
    printf("hello from hartlab\n");
    return 0;
}
