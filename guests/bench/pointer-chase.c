/*
 * pointer-chase: dependent loads over many pages for hartlab.
 *
 * Links 65,536 nodes, one per 64-byte line of a 4 MiB array (1,024 pages),
 * into one random cycle (Sattolo's shuffle) and follows it, so every load
 * depends on the previous one and lands on a page unrelated to the last.
 * Built with -DBENCH_SV39 every load is translated, which tests the TLB hit
 * path rather than the data cache. main returns 0 when the checksum matches.
 */
#include "bench.h"

#define NODES 65536u
#define STEPS 10000000u
#define EXPECTED_CHECKSUM 0x7f61545b6e132bd5ul

struct node {
    u64 next;
    u64 value;
    u64 pad[6];
};

static struct node nodes[NODES];
static u32 order[NODES];

int main(void)
{
    u64 s = 0x2545f4914f6cdd1dul;
    for (u32 i = 0; i < NODES; i++)
        order[i] = i;
    for (u32 i = NODES - 1; i > 0; i--) {   /* Sattolo: a single cycle */
        s = s * 6364136223846793005ul + 1442695040888963407ul;
        u32 j = (u32)(s >> 33) % i;
        u32 t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (u32 i = 0; i < NODES; i++) {
        nodes[order[i]].next = order[(i + 1) % NODES];
        nodes[order[i]].value = order[i] * 0x9e3779b97f4a7c15ul;
    }
    u64 sum = 0;
    u64 p = order[0];
    for (u32 k = 0; k < STEPS; k++) {
        sum += nodes[p].value;
        p = nodes[p].next;
    }
    sum ^= p;
    report("pointer-chase", sum);
    return sum == EXPECTED_CHECKSUM ? 0 : 1;
}
