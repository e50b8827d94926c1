/* args: prints argc, argv[], envp[] and the auxv entries AT_PAGESZ,
 * AT_RANDOM (its 16 bytes), AT_PHDR and AT_ENTRY, then checks them:
 *   exit 1  argc < 1 or argv[argc] != NULL
 *        2  the initial sp was not 16-byte aligned
 *        3  AT_PAGESZ != 4096
 *        4  AT_ENTRY != &_start
 *        5  AT_PHDR != 0x10000 + e_phoff (our headers, mapped by the text segment)
 *        6  AT_RANDOM missing */
#include "rt.h"

extern char _start[];
extern const unsigned char __ehdr_start[];   /* the ELF header, provided by ld */

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    for (int i = 0; envp[i] != NULL; i++)
        printf("envp[%d]=%s\n", i, envp[i]);

    unsigned long pagesz = rt_getauxval(AT_PAGESZ);
    const unsigned char *rnd = (const unsigned char *)rt_getauxval(AT_RANDOM);
    unsigned long phdr = rt_getauxval(AT_PHDR);
    unsigned long entry = rt_getauxval(AT_ENTRY);
    unsigned long e_phoff;
    memcpy(&e_phoff, __ehdr_start + 32, sizeof e_phoff);   /* Elf64_Ehdr.e_phoff */

    printf("AT_PAGESZ=%lu\n", pagesz);
    if (rnd != NULL) {
        char hex[33];
        for (int i = 0; i < 16; i++)
            snprintf(hex + 2 * i, 3, "%02x", rnd[i]);
        printf("AT_RANDOM=%s\n", hex);
    } else {
        printf("AT_RANDOM=missing\n");
    }
    printf("AT_PHDR=0x%lx\n", phdr);
    printf("AT_ENTRY=0x%lx\n", entry);

    if (argc < 1 || argv[argc] != NULL)
        return 1;
    if (rt_initial_sp & 15)
        return 2;
    if (pagesz != 4096)
        return 3;
    if (entry != (unsigned long)_start)
        return 4;
    if (phdr != (unsigned long)__ehdr_start + e_phoff)
        return 5;
    if (rnd == NULL)
        return 6;
    return 0;
}
