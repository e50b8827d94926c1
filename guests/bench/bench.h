/* Shared helpers for the hartlab benchmark guests. */
#ifndef HARTLAB_BENCH_H
#define HARTLAB_BENCH_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int s32;
typedef unsigned long u64;

void htif_exit(int code) __attribute__((noreturn));
void htif_putc(int c);

static inline void put_str(const char *s)
{
    while (*s)
        htif_putc(*s++);
}

static inline void put_hex(u64 v)
{
    for (int i = 60; i >= 0; i -= 4)
        htif_putc("0123456789abcdef"[(v >> i) & 15]);
}

static inline u64 read_instret(void)
{
    u64 v;
    __asm__ volatile("csrr %0, minstret" : "=r"(v));
    return v;
}

/* Build with -DBENCH_REPORT to print the checksum and minstret. */
static inline void report(const char *name, u64 sum)
{
#ifdef BENCH_REPORT
    u64 n = read_instret();
    put_str(name);
    put_str(": checksum ");
    put_hex(sum);
    put_str(" minstret ");
    put_hex(n);
    htif_putc('\n');
#else
    (void)name;
    (void)sum;
#endif
}

#endif
