/* string.c: the memory and string functions the programs (and gcc) call. */
#include "rt.h"

void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *q = d;
    const unsigned char *p = s;
    while (n--)
        *q++ = *p++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *q = d;
    const unsigned char *p = s;
    if (q <= p || q >= p + n)
        return memcpy(d, s, n);
    while (n--)
        q[n] = p[n];
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

size_t strlen(const char *s)
{
    const char *e = s;
    while (*e)
        e++;
    return (size_t)(e - s);
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

long rt_atol(const char *s)
{
    long v = 0;
    int neg = *s == '-';
    if (neg)
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (*s - '0');
    return neg ? -v : v;
}
