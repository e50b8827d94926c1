package org.hartlab.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Fuzzing inside every build, within a fixed budget of executions (never of time, so a slow host runs the same
 * inputs): a {@code @FuzzTest}'s property is called on inputs made, from one printed seed, by mutating the
 * committed regression inputs (bit flips, interesting bytes, inserted, deleted, repeated and spliced ranges) and,
 * now and then, from random bytes alone. Jazzer's own fuzzing needs instrumented class files it cannot make from
 * Java 25 ones (see junit-platform.properties); this needs nothing but the property.
 *
 * <p>An input that fails the property is written to {@code target/fuzz-findings/<Class>Inputs/<method>/}
 * (never into src/) and the failure says where to copy it so that it becomes a regression input. Run with
 * {@code -Dhartlab.fuzz.seed=N} to explore other inputs than the build's.
 */
public final class SeededFuzzer {
    /** The build's seed: every build fuzzes the same inputs unless told otherwise. */
    private static final long DEFAULT_SEED = 20;
    private static final byte[] INTERESTING = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF, 0x23, 0x24, 0x7D, 0x2A};

    private final Class<?> test;
    private final String method;
    private final List<byte[]> corpus;
    private final int maxLength;

    /**
     * A fuzzer for {@code test}'s {@code method}, starting from its committed regression inputs; inputs it makes
     * are at most {@code maxLength} bytes.
     */
    public SeededFuzzer(Class<?> test, String method, int maxLength) {
        this.test = test;
        this.method = method;
        this.corpus = corpus(test, method);
        this.maxLength = maxLength;
    }

    /** The seed this build fuzzes with. */
    public static long seed() {
        return Long.getLong("hartlab.fuzz.seed", DEFAULT_SEED);
    }

    /** Calls {@code property} on {@code executions} inputs made from {@link #seed()}; fails on the first it fails. */
    public void run(int executions, ThrowingConsumer<byte[]> property) {
        long seed = seed();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < executions; i++) {
            byte[] input = next(random);
            try {
                property.accept(input);
            } catch (Throwable t) {
                throw new AssertionError(finding(seed, i, input) + ": " + t.getMessage(), t);
            }
        }
    }

    /** How many committed inputs the mutations start from. */
    public int corpusSize() {
        return corpus.size();
    }

    private byte[] next(SplittableRandom random) {
        if (corpus.isEmpty() || random.nextInt(8) == 0) {
            byte[] bytes = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        }
        byte[] input = corpus.get(random.nextInt(corpus.size())).clone();
        for (int m = 1 + random.nextInt(8); m > 0; m--) {
            input = mutate(input, random);
        }
        return input.length > maxLength ? java.util.Arrays.copyOf(input, maxLength) : input;
    }

    private byte[] mutate(byte[] in, SplittableRandom random) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length);
        switch (in.length == 0 ? 3 : random.nextInt(6)) {
            case 0 -> in[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> in[at] = INTERESTING[random.nextInt(INTERESTING.length)];
            case 2 -> in[at] = (byte) random.nextInt(256);
            case 3 -> { // insert random bytes
                byte[] more = new byte[1 + random.nextInt(16)];
                random.nextBytes(more);
                return splice(in, at, at, more);
            }
            case 4 -> { // delete a range
                return splice(in, at, Math.min(in.length, at + 1 + random.nextInt(16)), new byte[0]);
            }
            default -> { // copy a range of some committed input (maybe this one) here
                byte[] donor = corpus.get(random.nextInt(corpus.size()));
                if (donor.length == 0) {
                    return in;
                }
                int from = random.nextInt(donor.length);
                int to = Math.min(donor.length, from + 1 + random.nextInt(64));
                return splice(in, at, at, java.util.Arrays.copyOfRange(donor, from, to));
            }
        }
        return in;
    }

    /** {@code in} with {@code [from, to)} replaced by {@code with}. */
    private static byte[] splice(byte[] in, int from, int to, byte[] with) {
        byte[] out = new byte[in.length - (to - from) + with.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(in, to, out, from + with.length, in.length - to);
        return out;
    }

    /** Writes a failing input under target/ and says where it is and where it belongs. */
    private String finding(long seed, int execution, byte[] input) {
        String inputs = test.getSimpleName() + "Inputs/" + method;
        Path dir = Path.of("target", "fuzz-findings").resolve(inputs);
        String name = "seed-" + seed + "-execution-" + execution;
        String kept;
        try {
            Files.createDirectories(dir);
            kept = "kept in " + Files.write(dir.resolve(name), input).toAbsolutePath();
        } catch (IOException e) {
            kept = "not kept (" + e.getMessage() + "), bytes " + HexFormat.of().formatHex(input);
        }
        return "seed " + seed + ", execution " + execution + ": input " + kept
                + "; copy it to src/test/resources/" + test.getPackageName().replace('.', '/') + "/" + inputs
                + "/ to make it a regression input";
    }

    /** The committed regression inputs of {@code test}'s {@code method}, as Jazzer lays them out. */
    private static List<byte[]> corpus(Class<?> test, String method) {
        URL dir = test.getResource(test.getSimpleName() + "Inputs/" + method);
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path f : files.sorted().toList()) {
                inputs.add(Files.readAllBytes(f));
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
