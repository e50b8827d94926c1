/*
 * callmix: integer work shaped like real programs rather than like a loop
 * kernel: code spread over several pages, calls and returns (recursion),
 * indirect jumps (a bytecode interpreter's switch table, calls through
 * function pointers), a binary tree, linked lists, string handling, a table
 * CRC-32 and a matrix product. Each round's inputs come from the previous
 * round's CRC, so nothing can be hoisted out of the loop. The final checksum
 * is compared with the value below (also reproduced by a native x86-64
 * build); main returns 0 on a match.
 */
#include "bench.h"

#define ROUNDS 1200u
#define EXPECTED_CHECKSUM 0x83977bb66a4a35bdul

static volatile u32 start_seed = 0x9e3779b9u;

static u32 next_rand(u32 *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* ------------------------------------------------------------ CRC-32 */
static u32 crc_table[256];

static void crc_init(void)
{
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static u32 crc_bytes(const u8 *p, u32 n, u32 crc)
{
    for (u32 i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return crc;
}

static u32 crc_word(u32 w, u32 crc)
{
    u8 b[4] = {(u8)w, (u8)(w >> 8), (u8)(w >> 16), (u8)(w >> 24)};
    return crc_bytes(b, 4, crc);
}

/* ----------------------------------------------- recursive quicksort */
#define SORT_N 512
static u32 sort_buf[SORT_N];

static void swap_u32(u32 *a, u32 *b)
{
    u32 t = *a;
    *a = *b;
    *b = t;
}

static void quicksort(u32 *a, int lo, int hi)
{
    if (lo >= hi)
        return;
    u32 pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
        while (a[i] < pivot)
            i++;
        while (a[j] > pivot)
            j--;
        if (i <= j)
            swap_u32(&a[i++], &a[j--]);
    }
    quicksort(a, lo, j);
    quicksort(a, i, hi);
}

static u32 sort_work(u32 seed, u32 crc)
{
    for (int i = 0; i < SORT_N; i++)
        sort_buf[i] = next_rand(&seed) % 10007u;
    quicksort(sort_buf, 0, SORT_N - 1);
    for (int i = 0; i < SORT_N; i += 37)
        crc = crc_word(sort_buf[i], crc);
    return crc;
}

/* ------------------------------------------------------- binary tree */
#define TREE_MAX 256
struct node {
    u32 key;
    struct node *left, *right;
};
static struct node tree_pool[TREE_MAX];

static struct node *tree_insert(struct node *t, struct node *n)
{
    if (t == 0)
        return n;
    if (n->key < t->key)
        t->left = tree_insert(t->left, n);
    else
        t->right = tree_insert(t->right, n);
    return t;
}

static u32 tree_depth_sum(const struct node *t, u32 depth)
{
    if (t == 0)
        return 0;
    return depth + tree_depth_sum(t->left, depth + 1) + tree_depth_sum(t->right, depth + 1);
}

static int tree_find(const struct node *t, u32 key)
{
    while (t) {
        if (key == t->key)
            return 1;
        t = key < t->key ? t->left : t->right;
    }
    return 0;
}

static u32 tree_work(u32 seed, u32 crc)
{
    struct node *root = 0;
    for (int i = 0; i < TREE_MAX; i++) {
        tree_pool[i].key = next_rand(&seed) & 0xffff;
        tree_pool[i].left = tree_pool[i].right = 0;
        root = tree_insert(root, &tree_pool[i]);
    }
    u32 found = 0;
    for (int i = 0; i < 128; i++)
        found += tree_find(root, next_rand(&seed) & 0xffff) + tree_find(root, tree_pool[i].key);
    crc = crc_word(tree_depth_sum(root, 0), crc);
    return crc_word(found, crc);
}

/* ----------------------------------------- a bytecode interpreter */
/* LOOP decrements the counter in vm_mem[0] and jumps back while it is not zero, whatever the stack holds. */
enum op { OP_PUSH, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHL, OP_SHR, OP_DUP, OP_SWAP, OP_DROP, OP_ROT,
          OP_LOAD, OP_STORE, OP_DEC, OP_LOOP, OP_HALT };

#define PROG_LEN 64
static u8 program[PROG_LEN];
static u32 vm_mem[8];

/* A loop body of random stack arithmetic (and loads and stores of vm_mem[1..7]), run 40 times by LOOP. */
static void vm_generate(u32 seed)
{
    int pc = 0;
    program[pc++] = OP_PUSH;
    program[pc++] = 40;
    program[pc++] = OP_STORE;
    program[pc++] = 0;
    int body = pc;
    while (pc < PROG_LEN - 4) {
        u32 r = next_rand(&seed);
        u8 op = (u8)(r % OP_LOOP);
        program[pc++] = op;
        if (op == OP_PUSH || op == OP_LOAD || op == OP_STORE)
            program[pc++] = (u8)(op == OP_PUSH ? r >> 8 : 1 + (r >> 8) % 7);
    }
    program[pc++] = OP_LOOP;
    program[pc++] = (u8)body;
    while (pc < PROG_LEN)
        program[pc++] = OP_HALT;
}

static u32 vm_run(u32 seed)
{
    u32 stack[64];
    int sp = 0, pc = 0;
    for (int i = 0; i < 4; i++)
        stack[sp++] = seed >> (i * 8);
    for (;;) {
        u8 op = program[pc++];
        switch (op) {
        case OP_PUSH: if (sp < 60) stack[sp++] = program[pc]; pc++; break;
        case OP_ADD: if (sp > 1) { sp--; stack[sp - 1] += stack[sp]; } break;
        case OP_SUB: if (sp > 1) { sp--; stack[sp - 1] -= stack[sp]; } break;
        case OP_MUL: if (sp > 1) { sp--; stack[sp - 1] *= stack[sp] | 1; } break;
        case OP_XOR: if (sp > 1) { sp--; stack[sp - 1] ^= stack[sp]; } break;
        case OP_SHL: if (sp > 0) stack[sp - 1] <<= 3; break;
        case OP_SHR: if (sp > 0) stack[sp - 1] >>= 5; break;
        case OP_DUP: if (sp > 0 && sp < 60) { stack[sp] = stack[sp - 1]; sp++; } break;
        case OP_SWAP: if (sp > 1) swap_u32(&stack[sp - 1], &stack[sp - 2]); break;
        case OP_DROP: if (sp > 4) sp--; break;
        case OP_LOOP: pc = --vm_mem[0] != 0 ? program[pc] : pc + 1; break;
        case OP_DEC: if (sp > 0) stack[sp - 1]--; break;
        case OP_LOAD: if (sp < 60) stack[sp++] = vm_mem[program[pc] & 7]; pc++; break;
        case OP_STORE: if (sp > 0) vm_mem[program[pc] & 7] = stack[--sp]; pc++; break;
        case OP_ROT: if (sp > 2) { u32 t = stack[sp - 3]; stack[sp - 3] = stack[sp - 2];
                                   stack[sp - 2] = stack[sp - 1]; stack[sp - 1] = t; } break;
        default: {
            u32 h = 0;
            for (int i = 0; i < sp; i++)
                h = h * 31 + stack[i];
            return h;
        }
        }
    }
}

static u32 vm_work(u32 seed, u32 crc)
{
    vm_generate(seed);
    return crc_word(vm_run(seed), crc);
}

/* ----------------------------------------------------- string work */
#define TEXT_LEN 768
static char text[TEXT_LEN + 1];
static const char *const words[] = {"alpha", "beta", "gamma", "delta", "hart", "tlb", "page", "fault",
                                    "shootdown", "fork", "copy", "write"};
#define WORD_COUNT (sizeof words / sizeof words[0])

static u32 str_len(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (u32)(p - s);
}

static int str_ncmp(const char *a, const char *b, u32 n)
{
    for (u32 i = 0; i < n; i++) {
        if (a[i] != b[i] || a[i] == 0)
            return (u8)a[i] - (u8)b[i];
    }
    return 0;
}

static void make_text(u32 seed)
{
    u32 at = 0;
    while (at < TEXT_LEN - 12) {
        const char *w = words[next_rand(&seed) % WORD_COUNT];
        u32 n = str_len(w);
        for (u32 i = 0; i < n; i++)
            text[at++] = w[i];
        text[at++] = (seed & 3) == 0 ? ',' : ' ';
    }
    text[at] = 0;
}

/* Counts each dictionary word in the text, token by token. */
static u32 string_work(u32 seed, u32 crc)
{
    u32 counts[WORD_COUNT];
    for (u32 w = 0; w < WORD_COUNT; w++)
        counts[w] = 0;
    make_text(seed);
    const char *p = text;
    while (*p) {
        const char *start = p;
        while (*p && *p != ' ' && *p != ',')
            p++;
        u32 n = (u32)(p - start);
        for (u32 w = 0; w < WORD_COUNT; w++) {
            if (str_len(words[w]) == n && str_ncmp(start, words[w], n) == 0) {
                counts[w]++;
                break;
            }
        }
        if (*p)
            p++;
    }
    for (u32 w = 0; w < WORD_COUNT; w++)
        crc = crc_word(counts[w], crc);
    return crc_bytes((const u8 *)text, str_len(text), crc);
}

/* ------------------------------------- calls through function pointers */
typedef u32 (*mixer)(u32, u32);
static u32 mix_add(u32 a, u32 b) { return a + b; }
static u32 mix_rot(u32 a, u32 b) { return (a << (b & 31)) | (a >> ((32 - (b & 31)) & 31)); }
static u32 mix_mul(u32 a, u32 b) { return a * (b | 1); }
static u32 mix_xsh(u32 a, u32 b) { return a ^ (b >> 3) ^ (a << 7); }
static u32 mix_sub(u32 a, u32 b) { return b - a; }
static u32 mix_sel(u32 a, u32 b) { return a > b ? a - b : b - a; }
static const mixer mixers[8] = {mix_add, mix_rot, mix_mul, mix_xsh, mix_sub, mix_sel, mix_rot, mix_add};

static u32 pointer_work(u32 seed, u32 crc)
{
    u32 acc = seed;
    for (int i = 0; i < 400; i++)
        acc = mixers[(acc ^ (u32)i) & 7](acc, (u32)i * 2654435761u);
    return crc_word(acc, crc);
}

/* ----------------------------------------------- linked-list buckets */
#define ITEMS 192
#define BUCKETS 16
struct item {
    u32 value;
    struct item *next;
};
static struct item items[ITEMS];

static u32 list_work(u32 seed, u32 crc)
{
    struct item *bucket[BUCKETS];
    for (int b = 0; b < BUCKETS; b++)
        bucket[b] = 0;
    for (int i = 0; i < ITEMS; i++) {
        struct item *it = &items[i];
        it->value = next_rand(&seed);
        struct item **at = &bucket[it->value % BUCKETS];
        while (*at && (*at)->value < it->value)   /* each bucket kept sorted */
            at = &(*at)->next;
        it->next = *at;
        *at = it;
    }
    for (int b = 0; b < BUCKETS; b++) {
        u32 n = 0, last = 0;
        for (struct item *it = bucket[b]; it; it = it->next) {
            n++;
            last = it->value;
        }
        crc = crc_word(n ^ last, crc);
    }
    return crc;
}

/* ----------------------------------------------------- matrix product */
#define DIM 12
static s32 ma[DIM][DIM], mb[DIM][DIM], mc[DIM][DIM];

static u32 matrix_work(u32 seed, u32 crc)
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            ma[i][j] = (s32)(next_rand(&seed) % 201) - 100;
            mb[i][j] = (s32)(next_rand(&seed) % 201) - 100;
        }
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            s32 sum = 0;
            for (int k = 0; k < DIM; k++)
                sum += ma[i][k] * mb[k][j];
            mc[i][j] = sum;
        }
    for (int i = 0; i < DIM; i++)
        crc = crc_word((u32)mc[i][(i * 5) % DIM], crc);
    return crc;
}

/* --------------------------------------------------------------- main */
static u32 (*const stages[])(u32, u32) = {sort_work, tree_work, vm_work, string_work, pointer_work,
                                           list_work, matrix_work};

int main(void)
{
    crc_init();
    u32 seed = start_seed;
    u32 crc = 0xffffffffu;
    u64 total = 0;
    for (u32 round = 0; round < ROUNDS; round++) {
        for (u32 s = 0; s < sizeof stages / sizeof stages[0]; s++)
            crc = stages[s](seed + s, crc);
        total = total * 1099511628211ul + crc;
        seed = next_rand(&seed) ^ crc;
        if (seed == 0)
            seed = 1;
    }
    u64 sum = total ^ ((u64)crc << 32);
    report("callmix", sum);
    if (sum != EXPECTED_CHECKSUM) {
        put_str("callmix: bad checksum ");
        put_hex(sum);
        htif_putc('\n');
        return 1;
    }
    return 0;
}
