/*
 * branchy: data-dependent control flow for hartlab.
 *
 * Counts Collatz steps (a branch on every bit of chaotic data), binary-searches
 * a sorted table for pseudo-random keys, and classifies pseudo-random values
 * through an if-chain, so blocks are short and branches hard to predict.
 * main returns 0 when the checksum matches the value recorded below.
 */
#include "bench.h"

#define COLLATZ_LIMIT 150000u
#define SEARCHES 1500000u
#define TABLE 4096u
#define CLASSIFY 3000000u
#define EXPECTED_CHECKSUM 0xc4775b061f0f9438ul

static u32 table[TABLE];

static u64 collatz_steps(u64 limit)
{
    u64 total = 0;
    for (u64 n = 1; n < limit; n++) {
        u64 x = n;
        while (x != 1) {
            x = (x & 1) ? 3 * x + 1 : x >> 1;
            total++;
        }
    }
    return total;
}

static u32 search(u32 key)
{
    u32 lo = 0, hi = TABLE;
    while (lo < hi) {
        u32 mid = (lo + hi) / 2;
        if (table[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static u32 classify(u32 v)
{
    if (v < 0x20000000u)
        return 1;
    if (v & 0x100)
        return v % 7 == 0 ? 2 : 3;
    if ((v >> 3) % 3 == 1)
        return 4;
    return v > 0xC0000000u ? 5 : 6;
}

int main(void)
{
    u32 s = 0x2545f491u;
    for (u32 i = 0; i < TABLE; i++)
        table[i] = i * 1048573u;   /* sorted: stays below 2^32 */
    u64 sum = collatz_steps(COLLATZ_LIMIT);
    for (u32 i = 0; i < SEARCHES; i++) {
        s = s * 1664525u + 1013904223u;
        sum = sum * 31 + search(s);
    }
    u32 counts[7] = {0};
    for (u32 i = 0; i < CLASSIFY; i++) {
        s = s * 1664525u + 1013904223u;
        counts[classify(s)]++;
    }
    for (u32 i = 0; i < 7; i++)
        sum = sum * 0x100000001b3ul + counts[i];
    report("branchy", sum);
    return sum == EXPECTED_CHECKSUM ? 0 : 1;
}
