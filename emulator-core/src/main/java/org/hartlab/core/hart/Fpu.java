package org.hartlab.core.hart;

import static org.hartlab.core.hart.FpFormat.DOUBLE;
import static org.hartlab.core.hart.FpFormat.SINGLE;

/**
 * The semantics of the F and D instructions, one case each, like {@link Executor}: the mstatus.FS gate, the
 * rounding-mode field (static or frm), NaN-boxing of singles, and the arithmetic in {@link FloatOps},
 * {@link DoubleOps}, {@link FpCompare} and {@link FpConvert}.
 */
final class Fpu {
    private Fpu() {
    }

    static void execute(Hart h, Insn i) {
        if ((h.csr.mstatus & Mstatus.FS) == Mstatus.FS_OFF) {
            throw SystemOps.illegal(i);
        }
        FpRegisters fp = h.fp;
        long[] f = fp.f;
        long[] x = h.x;
        int rd = i.rd();
        int rs1 = i.rs1();
        int rs2 = i.rs2();
        switch (i.op()) {
            case Op.FLW -> fp.setSingle(rd, (int) h.lsu.load(x[rs1] + i.imm(), 4));
            case Op.FLD -> f[rd] = h.lsu.load(x[rs1] + i.imm(), 8);
            case Op.FSW -> {
                h.lsu.store(x[rs1] + i.imm(), f[rs2], 4); // the raw low half, boxed or not
                return; // stores leave the FP state clean
            }
            case Op.FSD -> {
                h.lsu.store(x[rs1] + i.imm(), f[rs2], 8);
                return;
            }
            case Op.FMADD_S -> fp.setSingle(rd, FloatOps.fma(fp.single(rs1), fp.single(rs2), s3(fp, i), rm(h, i), fp));
            case Op.FMSUB_S -> fp.setSingle(rd,
                    FloatOps.fma(fp.single(rs1), fp.single(rs2), s3(fp, i) ^ FloatOps.SIGN, rm(h, i), fp));
            case Op.FNMSUB_S -> fp.setSingle(rd,
                    FloatOps.fma(fp.single(rs1) ^ FloatOps.SIGN, fp.single(rs2), s3(fp, i), rm(h, i), fp));
            case Op.FNMADD_S -> fp.setSingle(rd, FloatOps.fma(fp.single(rs1) ^ FloatOps.SIGN, fp.single(rs2),
                    s3(fp, i) ^ FloatOps.SIGN, rm(h, i), fp));
            case Op.FADD_S -> fp.setSingle(rd, FloatOps.add(fp.single(rs1), fp.single(rs2), rm(h, i), fp));
            case Op.FSUB_S -> fp.setSingle(rd,
                    FloatOps.add(fp.single(rs1), fp.single(rs2) ^ FloatOps.SIGN, rm(h, i), fp));
            case Op.FMUL_S -> fp.setSingle(rd, FloatOps.mul(fp.single(rs1), fp.single(rs2), rm(h, i), fp));
            case Op.FDIV_S -> fp.setSingle(rd, FloatOps.div(fp.single(rs1), fp.single(rs2), rm(h, i), fp));
            case Op.FSQRT_S -> fp.setSingle(rd, FloatOps.sqrt(fp.single(rs1), rm(h, i), fp));
            case Op.FSGNJ_S -> fp.setSingle(rd, signInject(fp.single(rs1), fp.single(rs2)));
            case Op.FSGNJN_S -> fp.setSingle(rd, signInject(fp.single(rs1), ~fp.single(rs2)));
            case Op.FSGNJX_S -> fp.setSingle(rd, signInject(fp.single(rs1), fp.single(rs1) ^ fp.single(rs2)));
            case Op.FMIN_S -> fp.setSingle(rd, (int) FpCompare.minMax(SINGLE, s(fp, rs1), s(fp, rs2), false, fp));
            case Op.FMAX_S -> fp.setSingle(rd, (int) FpCompare.minMax(SINGLE, s(fp, rs1), s(fp, rs2), true, fp));
            case Op.FCVT_W_S -> x[rd] = FpConvert.toInteger(SINGLE, s(fp, rs1), false, true, rm(h, i), fp);
            case Op.FCVT_WU_S -> x[rd] = FpConvert.toInteger(SINGLE, s(fp, rs1), false, false, rm(h, i), fp);
            case Op.FCVT_L_S -> x[rd] = FpConvert.toInteger(SINGLE, s(fp, rs1), true, true, rm(h, i), fp);
            case Op.FCVT_LU_S -> x[rd] = FpConvert.toInteger(SINGLE, s(fp, rs1), true, false, rm(h, i), fp);
            case Op.FCVT_S_W -> fp.setSingle(rd, (int) FpConvert.fromInteger(SINGLE, (int) x[rs1], false, rm(h, i), fp));
            case Op.FCVT_S_WU -> fp.setSingle(rd,
                    (int) FpConvert.fromInteger(SINGLE, x[rs1] & 0xFFFF_FFFFL, false, rm(h, i), fp));
            case Op.FCVT_S_L -> fp.setSingle(rd, (int) FpConvert.fromInteger(SINGLE, x[rs1], false, rm(h, i), fp));
            case Op.FCVT_S_LU -> fp.setSingle(rd, (int) FpConvert.fromInteger(SINGLE, x[rs1], true, rm(h, i), fp));
            case Op.FMV_X_W -> {
                x[rd] = (int) f[rs1]; // the raw low half, sign-extended, boxed or not
                return;
            }
            case Op.FMV_W_X -> fp.setSingle(rd, (int) x[rs1]);
            case Op.FEQ_S -> x[rd] = FpCompare.eq(SINGLE, s(fp, rs1), s(fp, rs2), fp);
            case Op.FLT_S -> x[rd] = FpCompare.less(SINGLE, s(fp, rs1), s(fp, rs2), false, fp);
            case Op.FLE_S -> x[rd] = FpCompare.less(SINGLE, s(fp, rs1), s(fp, rs2), true, fp);
            case Op.FCLASS_S -> {
                x[rd] = FpCompare.classify(SINGLE, s(fp, rs1));
                return;
            }
            case Op.FMADD_D -> f[rd] = DoubleOps.fma(f[rs1], f[rs2], d3(fp, i), rm(h, i), fp);
            case Op.FMSUB_D -> f[rd] = DoubleOps.fma(f[rs1], f[rs2], d3(fp, i) ^ DoubleOps.SIGN, rm(h, i), fp);
            case Op.FNMSUB_D -> f[rd] = DoubleOps.fma(f[rs1] ^ DoubleOps.SIGN, f[rs2], d3(fp, i), rm(h, i), fp);
            case Op.FNMADD_D -> f[rd] = DoubleOps.fma(f[rs1] ^ DoubleOps.SIGN, f[rs2], d3(fp, i) ^ DoubleOps.SIGN,
                    rm(h, i), fp);
            case Op.FADD_D -> f[rd] = DoubleOps.add(f[rs1], f[rs2], rm(h, i), fp);
            case Op.FSUB_D -> f[rd] = DoubleOps.add(f[rs1], f[rs2] ^ DoubleOps.SIGN, rm(h, i), fp);
            case Op.FMUL_D -> f[rd] = DoubleOps.mul(f[rs1], f[rs2], rm(h, i), fp);
            case Op.FDIV_D -> f[rd] = DoubleOps.div(f[rs1], f[rs2], rm(h, i), fp);
            case Op.FSQRT_D -> f[rd] = DoubleOps.sqrt(f[rs1], rm(h, i), fp);
            case Op.FSGNJ_D -> f[rd] = signInject(f[rs1], f[rs2]);
            case Op.FSGNJN_D -> f[rd] = signInject(f[rs1], ~f[rs2]);
            case Op.FSGNJX_D -> f[rd] = signInject(f[rs1], f[rs1] ^ f[rs2]);
            case Op.FMIN_D -> f[rd] = FpCompare.minMax(DOUBLE, f[rs1], f[rs2], false, fp);
            case Op.FMAX_D -> f[rd] = FpCompare.minMax(DOUBLE, f[rs1], f[rs2], true, fp);
            case Op.FCVT_W_D -> x[rd] = FpConvert.toInteger(DOUBLE, f[rs1], false, true, rm(h, i), fp);
            case Op.FCVT_WU_D -> x[rd] = FpConvert.toInteger(DOUBLE, f[rs1], false, false, rm(h, i), fp);
            case Op.FCVT_L_D -> x[rd] = FpConvert.toInteger(DOUBLE, f[rs1], true, true, rm(h, i), fp);
            case Op.FCVT_LU_D -> x[rd] = FpConvert.toInteger(DOUBLE, f[rs1], true, false, rm(h, i), fp);
            case Op.FCVT_D_W -> f[rd] = FpConvert.fromInteger(DOUBLE, (int) x[rs1], false, rm(h, i), fp);
            case Op.FCVT_D_WU -> f[rd] = FpConvert.fromInteger(DOUBLE, x[rs1] & 0xFFFF_FFFFL, false, rm(h, i), fp);
            case Op.FCVT_D_L -> f[rd] = FpConvert.fromInteger(DOUBLE, x[rs1], false, rm(h, i), fp);
            case Op.FCVT_D_LU -> f[rd] = FpConvert.fromInteger(DOUBLE, x[rs1], true, rm(h, i), fp);
            case Op.FMV_X_D -> {
                x[rd] = f[rs1];
                return;
            }
            case Op.FMV_D_X -> f[rd] = x[rs1];
            case Op.FEQ_D -> x[rd] = FpCompare.eq(DOUBLE, f[rs1], f[rs2], fp);
            case Op.FLT_D -> x[rd] = FpCompare.less(DOUBLE, f[rs1], f[rs2], false, fp);
            case Op.FLE_D -> x[rd] = FpCompare.less(DOUBLE, f[rs1], f[rs2], true, fp);
            case Op.FCLASS_D -> {
                x[rd] = FpCompare.classify(DOUBLE, f[rs1]);
                return;
            }
            case Op.FCVT_S_D -> fp.setSingle(rd, FloatOps.fromDouble(f[rs1], rm(h, i), fp));
            case Op.FCVT_D_S -> {
                rm(h, i); // exact, but a reserved rm is still illegal
                f[rd] = DoubleOps.fromSingle(fp.single(rs1), fp);
            }
            default -> throw new IllegalStateException("fpu: not an FP op: " + i);
        }
        // Conservatively Dirty after anything that may write an f register or fflags (the spec allows it).
        h.csr.mstatus |= Mstatus.FS_DIRTY | Mstatus.SD;
    }

    /** The rounding mode of the instruction: its rm field, or frm for DYN; a reserved one is illegal. */
    private static int rm(Hart h, Insn i) {
        int rm = (int) i.imm() & 7;
        if (rm == RoundingMode.DYN) {
            rm = h.fp.frm;
        }
        if (!RoundingMode.isValid(rm)) {
            throw SystemOps.illegal(i);
        }
        return rm;
    }

    /** Single source as unsigned bits for the format-generic helpers. */
    private static long s(FpRegisters fp, int r) {
        return fp.single(r) & 0xFFFF_FFFFL;
    }

    private static int s3(FpRegisters fp, Insn i) {
        return fp.single((int) (i.imm() >>> 3));
    }

    private static long d3(FpRegisters fp, Insn i) {
        return fp.f[(int) (i.imm() >>> 3)];
    }

    /** FSGNJ*: the magnitude of {@code magnitude} with the sign bit of {@code sign}. */
    private static int signInject(int magnitude, int sign) {
        return (magnitude & ~FloatOps.SIGN) | (sign & FloatOps.SIGN);
    }

    private static long signInject(long magnitude, long sign) {
        return (magnitude & ~DoubleOps.SIGN) | (sign & DoubleOps.SIGN);
    }
}
