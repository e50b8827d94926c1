package org.hartlab.tools.difftest;

/**
 * Encoders for the RV64C instructions the generator emits, one method per instruction format of the C chapter
 * (CR, CI, CSS, CIW, CL, CS, CA, CB, CJ). Registers named {@code r'} are x8..x15 and passed as full register
 * numbers. Callers keep to the legal operand ranges (non-zero immediates, rd != x0 and so on), so these never
 * produce reserved or HINT encodings; the generator writes its deliberately reserved ones as raw halfwords.
 */
final class Rvc {
    private Rvc() {
    }

    static boolean isPrime(int reg) {
        return reg >= 8 && reg <= 15;
    }

    private static int p(int reg) {
        if (!isPrime(reg)) {
            throw new IllegalArgumentException("rvc: x" + reg + " is not one of x8..x15");
        }
        return reg - 8;
    }

    private static int bit(int v, int n) {
        return v >> n & 1;
    }

    /** CI format with a 6-bit immediate split as imm[5] at bit 12 and imm[4:0] at bits 6..2. */
    private static int ci(int funct3, int op, int rd, int imm6) {
        return funct3 << 13 | bit(imm6, 5) << 12 | rd << 7 | (imm6 & 0x1F) << 2 | op;
    }

    static int addi(int rd, int imm) {
        return ci(0b000, 0b01, rd, imm);
    }

    static int addiw(int rd, int imm) {
        return ci(0b001, 0b01, rd, imm);
    }

    static int li(int rd, int imm) {
        return ci(0b010, 0b01, rd, imm);
    }

    /** c.lui: {@code imm6} is bits 17..12 of the sign-extended value loaded. */
    static int lui(int rd, int imm6) {
        return ci(0b011, 0b01, rd, imm6);
    }

    static int slli(int rd, int shamt) {
        return ci(0b000, 0b10, rd, shamt);
    }

    static int nop() {
        return 0x0001;
    }

    /** c.addi16sp: {@code imm} is a non-zero multiple of 16 in [-512, 496]. */
    static int addi16sp(int imm) {
        return 0b011 << 13 | bit(imm, 9) << 12 | 2 << 7 | bit(imm, 4) << 6 | bit(imm, 6) << 5
                | (imm >> 7 & 3) << 3 | bit(imm, 5) << 2 | 0b01;
    }

    /** c.addi4spn: {@code uimm} is a non-zero multiple of 4 below 1024. */
    static int addi4spn(int rd, int uimm) {
        return (uimm >> 4 & 3) << 11 | (uimm >> 6 & 0xF) << 7 | bit(uimm, 2) << 6 | bit(uimm, 3) << 5
                | p(rd) << 2;
    }

    /** c.srli (funct2 0), c.srai (1), c.andi (2): CB-format ALU on rd'. */
    static int cbAlu(int funct2, int rd, int imm6) {
        return 0b100 << 13 | bit(imm6, 5) << 12 | funct2 << 10 | p(rd) << 7 | (imm6 & 0x1F) << 2 | 0b01;
    }

    /** CA format: c.sub 0, c.xor 1, c.or 2, c.and 3 (word = false); c.subw 0, c.addw 1 (word = true). */
    static int ca(boolean word, int funct2, int rd, int rs2) {
        return 0b100011 << 10 | (word ? 1 << 12 : 0) | p(rd) << 7 | funct2 << 5 | p(rs2) << 2 | 0b01;
    }

    /** c.mv ({@code add} false) or c.add (true): CR format; rs2 = x0 gives c.jr / c.jalr. */
    static int cr(boolean add, int rd, int rs2) {
        return 0b100 << 13 | (add ? 1 << 12 : 0) | rd << 7 | rs2 << 2 | 0b10;
    }

    /** c.jr (link false) or c.jalr (true). */
    static int jr(boolean link, int rs1) {
        return cr(link, rs1, 0);
    }

    /** c.lw / c.sw ({@code store}): {@code uimm} a multiple of 4 below 128. */
    static int word(boolean store, int rdOrRs2, int rs1, int uimm) {
        return (store ? 0b110 : 0b010) << 13 | (uimm >> 3 & 7) << 10 | p(rs1) << 7 | bit(uimm, 2) << 6
                | bit(uimm, 6) << 5 | p(rdOrRs2) << 2;
    }

    /** c.ld / c.sd ({@code store}): {@code uimm} a multiple of 8 below 256. */
    static int doubleword(boolean store, int rdOrRs2, int rs1, int uimm) {
        return (store ? 0b111 : 0b011) << 13 | (uimm >> 3 & 7) << 10 | p(rs1) << 7 | (uimm >> 6 & 3) << 5
                | p(rdOrRs2) << 2;
    }

    /** c.lwsp: {@code uimm} a multiple of 4 below 256, rd != x0. */
    static int lwsp(int rd, int uimm) {
        return 0b010 << 13 | bit(uimm, 5) << 12 | rd << 7 | (uimm >> 2 & 7) << 4 | (uimm >> 6 & 3) << 2 | 0b10;
    }

    /** c.ldsp: {@code uimm} a multiple of 8 below 512, rd != x0. */
    static int ldsp(int rd, int uimm) {
        return 0b011 << 13 | bit(uimm, 5) << 12 | rd << 7 | (uimm >> 3 & 3) << 5 | (uimm >> 6 & 7) << 2 | 0b10;
    }

    /** c.swsp: {@code uimm} a multiple of 4 below 256. */
    static int swsp(int rs2, int uimm) {
        return 0b110 << 13 | (uimm >> 2 & 0xF) << 9 | (uimm >> 6 & 3) << 7 | rs2 << 2 | 0b10;
    }

    /** c.sdsp: {@code uimm} a multiple of 8 below 512. */
    static int sdsp(int rs2, int uimm) {
        return 0b111 << 13 | (uimm >> 3 & 7) << 10 | (uimm >> 6 & 7) << 7 | rs2 << 2 | 0b10;
    }

    /** c.j: {@code offset} even, within ±2 KiB. */
    static int j(int offset) {
        return 0b101 << 13 | jImm(offset) | 0b01;
    }

    static int jImm(int o) {
        return bit(o, 11) << 12 | bit(o, 4) << 11 | (o >> 8 & 3) << 9 | bit(o, 10) << 8 | bit(o, 6) << 7
                | bit(o, 7) << 6 | (o >> 1 & 7) << 3 | bit(o, 5) << 2;
    }

    /** c.beqz / c.bnez ({@code notZero}): {@code offset} even, within ±256 bytes. */
    static int branch(boolean notZero, int rs1, int offset) {
        return (notZero ? 0b111 : 0b110) << 13 | p(rs1) << 7 | bImm(offset) | 0b01;
    }

    static int bImm(int o) {
        return bit(o, 8) << 12 | (o >> 3 & 3) << 10 | (o >> 6 & 3) << 5 | (o >> 1 & 3) << 3 | bit(o, 5) << 2;
    }
}
