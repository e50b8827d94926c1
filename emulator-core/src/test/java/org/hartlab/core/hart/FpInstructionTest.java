package org.hartlab.core.hart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hartlab.core.hart.HartFixture.DATA;
import static org.hartlab.core.hart.HartFixture.TRAP_VECTOR;

import org.junit.jupiter.api.Test;

/**
 * F and D instructions on a hart: the mstatus.FS gate and Dirty tracking, NaN-boxing, the rounding-mode field
 * and frm, fflags accrual, the compressed FP loads, misa. Register convention: rd f5/x5, rs1 f6/x6, rs2 f7.
 */
class FpInstructionTest {
    private final HartFixture fixture = HartFixture.oneHart();
    private final Hart hart = fixture.hart();

    private void enableFp() {
        hart.csr.write(Csr.MSTATUS, hart.csr.mstatus | Mstatus.FS_INITIAL);
    }

    private static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private long mcause() {
        return hart.csr.read(Csr.MCAUSE);
    }

    @Test
    void withFsOffEveryFpInstructionAndFpCsrIsIllegal() {
        fixture.execute("fadd.d f5, f6, f7, rne");
        assertThat(hart.pc()).isEqualTo(TRAP_VECTOR);
        assertThat(mcause()).isEqualTo(Cause.ILLEGAL_INSTRUCTION);
        assertThat(hart.csr.read(Csr.MTVAL)).isEqualTo(HartFixture.word("fadd.d f5, f6, f7, rne"));

        hart.setPc(HartFixture.code(0));
        fixture.execute("csrrs x5, fflags, x0");
        assertThat(hart.pc()).isEqualTo(TRAP_VECTOR);
    }

    @Test
    void anFpResultMakesFsDirtyAndSetsSd() {
        enableFp();
        assertThat(hart.csr.mstatus & Mstatus.SD).isZero();
        fixture.execute("fadd.d f5, f6, f7, rne");
        assertThat(hart.csr.read(Csr.MSTATUS) & Mstatus.FS).isEqualTo(Mstatus.FS_DIRTY);
        assertThat(hart.csr.read(Csr.MSTATUS)).isNegative();
        assertThat(hart.csr.read(Csr.SSTATUS)).as("sstatus.SD").isNegative();
    }

    @Test
    void writingFsBackToCleanClearsSd() {
        enableFp();
        fixture.execute("fadd.d f5, f6, f7, rne");
        hart.csr.write(Csr.MSTATUS, (hart.csr.mstatus & ~Mstatus.FS) | (2L << 13));
        assertThat(hart.csr.read(Csr.MSTATUS) & Mstatus.SD).isZero();
    }

    @Test
    void flwNanBoxesTheLoadedSingle() {
        enableFp();
        fixture.ram().store32(DATA, Float.floatToRawIntBits(1.5f));
        hart.setRegister(6, DATA);
        fixture.execute("flw f5, 0(x6)");
        assertThat(hart.fp.get(5)).isEqualTo(0xFFFF_FFFF_3FC0_0000L);
    }

    @Test
    void aSingleOperandThatIsNotNanBoxedReadsAsTheCanonicalNaN() {
        enableFp();
        hart.fp.set(6, d(1.0)); // a double where a single is expected
        hart.fp.setSingle(7, Float.floatToRawIntBits(2f));
        fixture.execute("fadd.s f5, f6, f7, dyn");
        assertThat(hart.fp.get(5)).isEqualTo(0xFFFF_FFFF_7FC0_0000L);
        assertThat(hart.fp.fflags).isZero();
    }

    @Test
    void signInjectionOfAnUnboxedSingleStartsFromTheCanonicalNaN() {
        enableFp();
        hart.fp.set(6, 0x1234_5678L);
        hart.fp.setSingle(7, Float.floatToRawIntBits(-1f));
        fixture.execute("fsgnj.s f5, f6, f7");
        assertThat(hart.fp.get(5)).isEqualTo(0xFFFF_FFFF_FFC0_0000L);
    }

    @Test
    void fmvXWCopiesTheRawLowHalfSignExtended() {
        enableFp();
        hart.fp.set(6, 0x1234_5678_8000_0001L);
        fixture.execute("fmv.x.w x5, f6");
        assertThat(hart.register(5)).isEqualTo(0xFFFF_FFFF_8000_0001L);
    }

    @Test
    void dynamicRoundingUsesFrm() {
        enableFp();
        hart.fp.set(6, d(1.0));
        hart.fp.set(7, d(0x1p-60));
        hart.csr.write(Csr.FRM, RoundingMode.RUP);
        fixture.execute("fadd.d f5, f6, f7, dyn");
        assertThat(hart.fp.get(5)).isEqualTo(d(Math.nextUp(1.0)));
        assertThat(hart.csr.read(Csr.FFLAGS)).isEqualTo(FpFlags.NX);
        assertThat(hart.csr.read(Csr.FCSR)).isEqualTo(RoundingMode.RUP << 5 | FpFlags.NX);
    }

    @Test
    void aStaticRoundingModeOverridesFrm() {
        enableFp();
        hart.fp.set(6, d(1.0));
        hart.fp.set(7, d(0x1p-60));
        hart.csr.write(Csr.FRM, RoundingMode.RUP);
        fixture.execute("fadd.d f5, f6, f7, rtz");
        assertThat(hart.fp.get(5)).isEqualTo(d(1.0));
    }

    @Test
    void aReservedFrmIsIllegalOnlyWhenAnInstructionUsesIt() {
        enableFp();
        hart.csr.write(Csr.FRM, 5);
        assertThat(hart.csr.read(Csr.FRM)).isEqualTo(5);
        fixture.execute("fadd.d f5, f6, f7, dyn");
        assertThat(hart.pc()).isEqualTo(TRAP_VECTOR);
        assertThat(mcause()).isEqualTo(Cause.ILLEGAL_INSTRUCTION);
    }

    @Test
    void aReservedRoundingModeFieldIsIllegal() {
        enableFp();
        fixture.executeBits(0x0273_52D3); // fadd.d f5, f6, f7 with rm = 5
        assertThat(mcause()).isEqualTo(Cause.ILLEGAL_INSTRUCTION);
    }

    @Test
    void flagsAccrueUntilSoftwareClearsThem() {
        enableFp();
        hart.fp.set(6, d(1.0));
        hart.fp.set(7, d(0.0));
        hart.fp.set(8, d(0x1p-60));
        hart.csr.write(Csr.FFLAGS, FpFlags.DZ);
        fixture.execute("fmadd.d f5, f6, f7, f8, dyn"); // 1 * 0 + 2^-60: exact
        assertThat(hart.fp.fflags).isEqualTo(FpFlags.DZ);
        hart.fp.set(7, d(1.0));
        hart.setPc(HartFixture.code(0));
        fixture.step(0); // 1 * 1 + 2^-60: inexact
        assertThat(hart.fp.fflags).isEqualTo(FpFlags.DZ | FpFlags.NX);
    }

    @Test
    void compressedFldspLoadsF0() {
        enableFp();
        fixture.ram().store64(DATA + 8, d(2.5));
        hart.setRegister(2, DATA);
        fixture.execute("c.fldsp f0, 8(sp)");
        assertThat(hart.fp.get(0)).isEqualTo(d(2.5));
    }

    @Test
    void fsdStoresTheRawRegister() {
        enableFp();
        hart.fp.set(7, 0x0123_4567_89AB_CDEFL);
        hart.setRegister(6, DATA);
        fixture.execute("fsd f7, 0(x6)");
        assertThat(fixture.ram().load64(DATA)).isEqualTo(0x0123_4567_89AB_CDEFL);
    }

    @Test
    void fcvtDSWidensExactly() {
        enableFp();
        hart.fp.setSingle(6, Float.floatToRawIntBits(0.1f));
        fixture.execute("fcvt.d.s f5, f6, dyn");
        assertThat(hart.fp.get(5)).isEqualTo(d(0.1f));
        assertThat(hart.fp.fflags).isZero();
    }

    @Test
    void misaReportsFAndD() {
        assertThat(hart.csr.read(Csr.MISA) & (1 << 3)).as("D").isNotZero();
        assertThat(hart.csr.read(Csr.MISA) & (1 << 5)).as("F").isNotZero();
    }
}
