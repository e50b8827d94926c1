/*
 * memcpy: memory-copy throughput for hartlab.
 *
 * Copies a 64 KiB buffer back and forth, alternately with a doubleword loop
 * and a byte loop (the shapes a libc memcpy falls back to for aligned and
 * unaligned copies), perturbing one word per round so no round repeats the
 * previous one. Folds the buffer into a checksum at the end; main returns 0
 * when it matches the value recorded below.
 */
#include "bench.h"

#define WORDS 8192u   /* 64 KiB */
#define ROUNDS 600u
#define EXPECTED_CHECKSUM 0xac4e6d914789546eul

static u64 a[WORDS], b[WORDS];

static void copy_words(u64 *dst, const u64 *src, u32 n)
{
    for (u32 i = 0; i < n; i++)
        dst[i] = src[i];
}

static void copy_bytes(u8 *dst, const u8 *src, u32 n)
{
    for (u32 i = 0; i < n; i++)
        dst[i] = src[i];
}

int main(void)
{
    u64 s = 0x9e3779b97f4a7c15ul;
    for (u32 i = 0; i < WORDS; i++) {
        s = s * 6364136223846793005ul + 1442695040888963407ul;
        a[i] = s;
    }
    for (u32 r = 0; r < ROUNDS; r++) {
        copy_words(b, a, WORDS);
        b[r % WORDS] ^= r;
        /* one byte off: the unaligned case */
        copy_bytes((u8 *)a + 1, (const u8 *)b, sizeof(a) - 1);
    }
    u64 sum = 0;
    for (u32 i = 0; i < WORDS; i++)
        sum = (sum ^ a[i]) * 0x100000001b3ul;
    report("memcpy", sum);
    return sum == EXPECTED_CHECKSUM ? 0 : 1;
}
