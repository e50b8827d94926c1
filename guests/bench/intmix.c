/*
 * intmix: a CoreMark-style integer workload for hartlab.
 *
 * Each iteration builds a linked list and reverses / merge-sorts / searches
 * it, multiplies two small integer matrices, runs a number-parsing state
 * machine over a generated text, and folds every result into a CRC-16.
 * The next iteration's inputs are derived from the running CRC, so nothing
 * can be hoisted out of the loop. The final checksum is compared with the
 * value recorded below; main returns 0 on a match.
 */
#include "bench.h"

#define ITERATIONS 18000u
#define EXPECTED_CHECKSUM 0x6ff44d1aeb82fe15ul  /* also reproduced by a native x86-64 build */

/* Kept in memory so the compiler cannot fold the whole run. */
static volatile u32 start_seed = 0x2545f491u;

/* ------------------------------------------------------------- CRC-16 */
static u16 crc16_byte(u8 b, u16 crc)
{
    crc ^= (u16)b << 8;
    for (int i = 0; i < 8; i++)
        crc = (crc & 0x8000) ? (u16)((crc << 1) ^ 0x1021) : (u16)(crc << 1);
    return crc;
}

static u16 crc16_word(u32 w, u16 crc)
{
    crc = crc16_byte((u8)w, crc);
    crc = crc16_byte((u8)(w >> 8), crc);
    crc = crc16_byte((u8)(w >> 16), crc);
    return crc16_byte((u8)(w >> 24), crc);
}

static u32 next_rand(u32 *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s;
}

/* -------------------------------------------------------- linked list */
#define LIST_N 40

struct node {
    struct node *next;
    s32 key;
    u32 payload;
};

static struct node pool[LIST_N];

static struct node *list_build(u32 seed)
{
    struct node *head = 0;
    for (int i = 0; i < LIST_N; i++) {
        u32 r = next_rand(&seed);
        pool[i].key = (s32)((r >> 12) & 0x3ff) - 0x200;
        pool[i].payload = r;
        pool[i].next = head;
        head = &pool[i];
    }
    return head;
}

static struct node *list_reverse(struct node *h)
{
    struct node *prev = 0;
    while (h) {
        struct node *n = h->next;
        h->next = prev;
        prev = h;
        h = n;
    }
    return prev;
}

static struct node *list_merge(struct node *a, struct node *b)
{
    struct node head, *t = &head;
    while (a && b) {
        if (a->key <= b->key) {
            t->next = a;
            a = a->next;
        } else {
            t->next = b;
            b = b->next;
        }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}

static struct node *list_sort(struct node *h)
{
    if (!h || !h->next)
        return h;
    struct node *slow = h, *fast = h->next;
    while (fast && fast->next) {
        slow = slow->next;
        fast = fast->next->next;
    }
    struct node *second = slow->next;
    slow->next = 0;
    return list_merge(list_sort(h), list_sort(second));
}

/* position of the first node with the key, or -1 */
static int list_find(const struct node *h, s32 key)
{
    for (int pos = 0; h; h = h->next, pos++)
        if (h->key == key)
            return pos;
    return -1;
}

static u16 list_work(u32 seed, u16 crc)
{
    struct node *h = list_build(seed);
    h = list_reverse(h);
    crc = crc16_word((u32)h->key, crc);
    h = list_sort(h);
    s32 prev = -0x7fffffff;
    u32 acc = 0;
    for (const struct node *n = h; n; n = n->next) {
        if (n->key < prev)
            acc += 0x10000;          /* not sorted: poisons the checksum */
        prev = n->key;
        acc = (acc << 3 | acc >> 29) ^ n->payload;
    }
    crc = crc16_word(acc, crc);
    for (int i = 0; i < 8; i++) {
        s32 k = pool[(seed + 5u * (u32)i) % LIST_N].key + (i & 1);
        crc = crc16_word((u32)list_find(h, k), crc);
    }
    return crc;
}

/* ------------------------------------------------------------- matrix */
#define MAT_N 10

static s32 mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static u16 matrix_work(u32 seed, u16 crc)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            u32 r = next_rand(&seed);
            mat_a[i][j] = (s32)(r >> 20) - 2048;
            mat_b[i][j] = (s32)((r >> 4) & 0xfff) - 2048;
        }
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            s32 sum = 0;
            for (int k = 0; k < MAT_N; k++)
                sum += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = sum;
        }
    u32 acc = 0;
    s32 maxv = mat_c[0][0];
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            s32 v = mat_c[i][j];
            acc += (u32)v ^ (u32)(i * MAT_N + j);
            if (v > maxv)
                maxv = v;
        }
    crc = crc16_word(acc, crc);
    return crc16_word((u32)maxv, crc);
}

/* ------------------------------------------------------ state machine */
enum state { S_START, S_SIGN, S_INT, S_POINT, S_FRAC, S_EXP, S_EXP_SIGN, S_EXP_DIGITS, S_BAD, S_COUNT };

#define TEXT_LEN 96
static char text[TEXT_LEN];
static const char alphabet[] = "0123456789012345+-.eE,, x";

static enum state step(enum state s, char c)
{
    int digit = c >= '0' && c <= '9';
    switch (s) {
    case S_START:
        if (digit) return S_INT;
        if (c == '+' || c == '-') return S_SIGN;
        if (c == '.') return S_POINT;
        return S_BAD;
    case S_SIGN:
        if (digit) return S_INT;
        if (c == '.') return S_POINT;
        return S_BAD;
    case S_INT:
        if (digit) return S_INT;
        if (c == '.') return S_POINT;
        if (c == 'e' || c == 'E') return S_EXP;
        return S_BAD;
    case S_POINT:
        return digit ? S_FRAC : S_BAD;
    case S_FRAC:
        if (digit) return S_FRAC;
        if (c == 'e' || c == 'E') return S_EXP;
        return S_BAD;
    case S_EXP:
        if (digit) return S_EXP_DIGITS;
        if (c == '+' || c == '-') return S_EXP_SIGN;
        return S_BAD;
    case S_EXP_SIGN:
    case S_EXP_DIGITS:
        return digit ? S_EXP_DIGITS : S_BAD;
    default:
        return S_BAD;
    }
}

static u16 state_work(u32 seed, u16 crc)
{
    for (int i = 0; i < TEXT_LEN; i++)
        text[i] = alphabet[(next_rand(&seed) >> 16) % (sizeof(alphabet) - 1)];
    u32 finals[S_COUNT] = {0};
    u32 transitions = 0;
    enum state s = S_START;
    for (int i = 0; i < TEXT_LEN; i++) {
        char c = text[i];
        if (c == ',') {
            finals[s]++;
            s = S_START;
            continue;
        }
        enum state n = step(s, c);
        if (n != s)
            transitions++;
        s = n;
    }
    finals[s]++;
    for (int i = 0; i < S_COUNT; i++)
        crc = crc16_byte((u8)finals[i], crc);
    return crc16_word(transitions, crc);
}

/* --------------------------------------------------------------- main */
int main(void)
{
    u32 seed = start_seed;
    u16 crc = 0xffff;
    u64 total = 0;
    for (u32 it = 0; it < ITERATIONS; it++) {
        crc = list_work(seed, crc);
        crc = matrix_work(seed ^ 0x9e3779b9u, crc);
        crc = state_work(seed + it, crc);
        total = total * 31 + crc;
        seed = next_rand(&seed) ^ crc;
    }
    u64 sum = total ^ ((u64)crc << 48);
    report("intmix", sum);
    if (sum != EXPECTED_CHECKSUM) {
        put_str("intmix: bad checksum ");
        put_hex(sum);
        htif_putc('\n');
        return 1;
    }
    return 0;
}
