package org.hartlab.tools.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** target.xml: well-formed, the three RISC-V features, GDB's register numbers. */
class TargetDescriptionTest {
    private final TargetDescription description = TargetDescription.riscv64();

    private Document parse() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(description.xml().getBytes(StandardCharsets.UTF_8)));
    }

    /** register name -> regnum, as the XML says. */
    private Map<String, Integer> regnums(Document doc) {
        Map<String, Integer> out = new HashMap<>();
        NodeList regs = doc.getElementsByTagName("reg");
        for (int i = 0; i < regs.getLength(); i++) {
            Element r = (Element) regs.item(i);
            out.put(r.getAttribute("name"), Integer.parseInt(r.getAttribute("regnum")));
        }
        return out;
    }

    @Test
    void xmlIsWellFormedRv64WithTheThreeFeatures() throws Exception {
        Document doc = parse();
        assertThat(doc.getElementsByTagName("architecture").item(0).getTextContent()).isEqualTo("riscv:rv64");
        NodeList features = doc.getElementsByTagName("feature");
        assertThat(features.getLength()).isEqualTo(3);
        assertThat(((Element) features.item(0)).getAttribute("name")).isEqualTo("org.gnu.gdb.riscv.cpu");
        assertThat(((Element) features.item(1)).getAttribute("name")).isEqualTo("org.gnu.gdb.riscv.fpu");
        assertThat(((Element) features.item(2)).getAttribute("name")).isEqualTo("org.gnu.gdb.riscv.csr");
    }

    @Test
    void integerRegistersAndPcAreZeroToThirtyTwo() throws Exception {
        Map<String, Integer> n = regnums(parse());
        assertThat(n).containsEntry("zero", 0).containsEntry("ra", 1).containsEntry("a0", 10).containsEntry("t6", 31)
                .containsEntry("pc", 32);
    }

    @Test
    void fpuRegistersFollowAndItsCsrsSitAtCsrBase() throws Exception {
        Map<String, Integer> n = regnums(parse());
        assertThat(n).containsEntry("ft0", 33).containsEntry("ft11", 64).containsEntry("fflags", 66)
                .containsEntry("frm", 67).containsEntry("fcsr", 68);
    }

    @Test
    void csrRegnumsAreSixtyFivePlusTheCsrNumber() throws Exception {
        Map<String, Integer> n = regnums(parse());
        Map<String, Integer> csr = Map.ofEntries(Map.entry("mstatus", 0x300), Map.entry("misa", 0x301),
                Map.entry("medeleg", 0x302), Map.entry("mideleg", 0x303), Map.entry("mie", 0x304),
                Map.entry("mtvec", 0x305), Map.entry("mscratch", 0x340), Map.entry("mepc", 0x341),
                Map.entry("mcause", 0x342), Map.entry("mtval", 0x343), Map.entry("mip", 0x344),
                Map.entry("sstatus", 0x100), Map.entry("sie", 0x104), Map.entry("stvec", 0x105),
                Map.entry("sscratch", 0x140), Map.entry("sepc", 0x141), Map.entry("scause", 0x142),
                Map.entry("stval", 0x143), Map.entry("sip", 0x144), Map.entry("satp", 0x180),
                Map.entry("mhartid", 0xf14), Map.entry("cycle", 0xc00), Map.entry("instret", 0xc02),
                Map.entry("time", 0xc01));
        csr.forEach((name, number) -> assertThat(n).containsEntry(name, 65 + number));
    }

    @Test
    void everyRegisterCanBeLookedUpByNumberWithItsSize() {
        for (TargetDescription.Register r : description.registers()) {
            assertThat(description.register(r.regnum())).contains(r);
        }
        assertThat(description.register(66).orElseThrow().bytes()).isEqualTo(4);
        assertThat(description.register(32).orElseThrow().bytes()).isEqualTo(8);
        assertThat(description.register(69)).isEmpty();
    }

    @Test
    void chunksConcatenateToTheWholeDocument() {
        StringBuilder all = new StringBuilder();
        for (int offset = 0; ; offset += 100) {
            String chunk = description.read(offset, 100);
            all.append(chunk, 1, chunk.length());
            if (chunk.startsWith("l")) {
                break;
            }
            assertThat(chunk).startsWith("m").hasSize(101);
        }
        assertThat(all.toString()).isEqualTo(description.xml());
    }
}
