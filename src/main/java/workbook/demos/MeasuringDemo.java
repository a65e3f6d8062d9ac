package workbook.demos;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import workbook.testkit.ChildJvm;

/**
 * Lesson 18 — measuring: why a {@code System.nanoTime()} loop lies, and what JMH does instead.
 *
 * <p>Each measurement runs in a fresh child JVM with the JIT fully on (the runner's own JVM stops
 * at the first compiler tier, and an earlier measurement would have warmed the code up already):
 * <ul>
 *   <li>{@link #deadCode()}: the same checksum loop, its result used or thrown away, timed with
 *       {@code nanoTime}. Interpreted, both cost the same; once C2 compiles them, the unused one
 *       costs nothing: the loop was deleted;</li>
 *   <li>{@link #constantInput()}: eight long divisions on inputs the JIT knows (constants, once
 *       the call is inlined), against inputs it has to read: the known ones are divided at compile
 *       time, and the timing loop is left with nothing to do;</li>
 *   <li>{@link #warmUp()}: one method, timed call by call: the first calls run in the interpreter,
 *       the later ones compiled, tens of times faster;</li>
 *   <li>{@link #onStackReplacement()}: one call with one long loop, timed chunk by chunk: the loop
 *       speeds up in the middle of the call, when the JIT swaps the running interpreted frame for
 *       compiled code (the {@code %} lines of {@code -XX:+PrintCompilation});</li>
 *   <li>{@link #jmh()}: the checksum again, under JMH (a tiny run: no fork, short iterations), with
 *       its score, error and unit.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 18}, or in JShell: {@code /open lessons/18-measuring-with-jmh.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3, busy with other builds (load average 9):
 * <pre>
 * A checksum of 10000 ints, timed with System.nanoTime(), result used or thrown away:
 *   round 1: used   24,116.1 ns per call, thrown away    7,080.8 ns per call
 *   round 2: used   16,587.5 ns per call, thrown away       12.9 ns per call
 *   round 3: used   15,858.3 ns per call, thrown away       12.7 ns per call
 *   round 4: used   14,872.7 ns per call, thrown away       13.8 ns per call
 *   round 5: used   17,399.0 ns per call, thrown away       15.5 ns per call
 *   round 6: used   14,573.3 ns per call, thrown away       12.3 ns per call
 *   (the sum of the used checksums, printed so that it is used: -474025824)
 *
 * quotients(dividend, divisor), eight long divisions, on constants or on values read from arrays:
 *   round 1: constant inputs  25.10 ns per call, inputs read from arrays  59.98 ns per call
 *   round 2: constant inputs  30.40 ns per call, inputs read from arrays  71.83 ns per call
 *   round 3: constant inputs   0.02 ns per call, inputs read from arrays  48.13 ns per call
 *   round 4: constant inputs   0.02 ns per call, inputs read from arrays  50.23 ns per call
 *   round 5: constant inputs   0.02 ns per call, inputs read from arrays  56.79 ns per call
 *   (the sum, printed so that it is used: 618801061687460)
 *
 * Single calls of the same checksum, in a fresh JVM:
 *   call      1:  2,194,531 ns
 *   call      2:    132,203 ns
 *   call      4:    127,779 ns
 *   call      8:    134,200 ns
 *   call     16:    124,925 ns
 *   call     32:     19,621 ns
 *   call     64:     18,702 ns
 *   call    128:     16,023 ns
 *   call    256:      7,954 ns
 *   call    512:      7,925 ns
 *   call  1,024:      7,948 ns
 *   call  2,048:      7,529 ns
 *   call  4,096:      7,345 ns
 *   call  8,192:      7,549 ns
 *   call 16,384:      7,928 ns
 *   call 20,000:      7,946 ns
 *   (the sum, printed so that it is used: -790043040)
 *
 * One call, one loop of 40 chunks; each chunk timed (the loop never leaves the method):
 *   chunk  1: 21,842,498 ns
 *   chunk  2:    372,807 ns
 *   chunk  3:    369,287 ns
 *   chunk  4:    383,808 ns
 *   chunk  5:    389,609 ns
 *   chunk 14:    150,353 ns
 *   chunk 23:    157,635 ns
 *   chunk 32:    146,684 ns
 *   (the checksum, printed so that it is used: 1899078209)
 *   What the JIT did to chunked() meanwhile (-XX:+PrintCompilation; % marks an on-stack replacement):
 *     188 74 % 3 workbook.demos.MeasuringDemo$OnStackReplacement::chunked {@literal @} 41 (177 bytes)
 *     195 75 3 workbook.demos.MeasuringDemo$OnStackReplacement::chunked (177 bytes)
 *     199 76 % 4 workbook.demos.MeasuringDemo$OnStackReplacement::chunked {@literal @} 41 (177 bytes)
 *     208 74 % 3 workbook.demos.MeasuringDemo$OnStackReplacement::chunked {@literal @} 41 (177 bytes) made not entrant: OSR invalidation of lower level
 *     230 76 % 4 workbook.demos.MeasuringDemo$OnStackReplacement::chunked {@literal @} 41 (177 bytes) made not entrant: uncommon trap
 *
 * The same two checksums under JMH (no fork, 1 warm-up and 5 measurement iterations of 100 ms):
 *   Benchmark                           Mode  Cnt      Score        Error  Units
 *   MeasuringDemo.Checksums.returned    avgt    5  77141.303 ± 328239.459  ns/op
 *   MeasuringDemo.Checksums.thrownAway  avgt    5      3.516 ±      9.721  ns/op
 * </pre>
 */
public final class MeasuringDemo {

    private static final Duration CHILD_DEADLINE = Duration.ofSeconds(30);
    private static final int VALUES = 10_000;

    private MeasuringDemo() {}

    public static void main(String[] args) {
        deadCode();
        System.out.println();
        constantInput();
        System.out.println();
        warmUp();
        System.out.println();
        onStackReplacement();
        System.out.println();
        jmh();
    }

    /**
     * Times a checksum whose result is used and one whose result is thrown away, round after
     * round; returns how many times cheaper the thrown-away one was in the last round.
     */
    public static double deadCode() {
        System.out.println("A checksum of " + VALUES + " ints, timed with System.nanoTime(), result used or thrown away:");
        return relay(DeadCode.class, List.of(), line -> true);
    }

    /** Times eight divisions on constants against the same on values read from arrays; returns how many times cheaper the constants were. */
    public static double constantInput() {
        System.out.println("quotients(dividend, divisor), eight long divisions, on constants or on values read from arrays:");
        return relay(ConstantInput.class, List.of(), line -> true);
    }

    /** Times single calls of the checksum in a fresh JVM; returns how many times slower the first call was than the last. */
    public static double warmUp() {
        System.out.println("Single calls of the same checksum, in a fresh JVM:");
        return relay(WarmUp.class, List.of(), line -> true);
    }

    /**
     * One call with one long loop, timed chunk by chunk, with the JIT's compilation log; returns
     * how many times slower the first chunk was than the last.
     */
    public static double onStackReplacement() {
        System.out.println("One call, one loop of 40 chunks; each chunk timed (the loop never leaves the method):");
        try {
            var log = Files.createTempFile("workbook-compilation-", ".log");
            try {
                double figure = relay(OnStackReplacement.class, List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation",
                        "-XX:-DisplayVMOutput", "-XX:+LogVMOutput", "-XX:LogFile=" + log), line -> true);
                System.out.println("  What the JIT did to chunked() meanwhile (-XX:+PrintCompilation; % marks an on-stack replacement):");
                try (var lines = Files.lines(log)) {
                    lines.filter(line -> line.contains("OnStackReplacement::chunked"))
                            .forEach(line -> System.out.println("    " + line.strip().replaceAll("\\s+", " ")));
                }
                return figure;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checksum, result used and thrown away, measured by JMH; returns the used one's score in ns per call. */
    public static double jmh() {
        System.out.println("The same two checksums under JMH (no fork, 1 warm-up and 5 measurement iterations of 100 ms):");
        return relay(UnderJmh.class, List.of("-Djmh.ignoreLock=true"), line -> true);
    }

    /** Runs {@code program} in a fresh JVM, prints the lines it printed that {@code shown} accepts, returns its figure. */
    private static double relay(Class<?> program, List<String> options, Predicate<String> shown) {
        var run = ChildJvm.run(options, program, CHILD_DEADLINE);
        double figure = Double.NaN;
        for (var line : run.stdout().lines().toList()) {
            if (line.startsWith(FIGURE)) {
                figure = Double.parseDouble(line.substring(FIGURE.length()).trim());
            } else if (shown.test(line)) {
                System.out.println("  " + line);
            }
        }
        if (run.killedAtDeadline() || run.exitCode() != 0) {
            System.out.println("  The child JVM did not end well: " + run.describe());
        }
        return figure;
    }

    private static final String FIGURE = "figure:";

    static int checksum(int[] values) {
        int hash = 1;
        for (int value : values) {
            hash = 31 * hash + value;
        }
        return hash;
    }

    static void checksumThrownAway(int[] values) {
        int hash = 1;
        for (int value : values) {
            hash = 31 * hash + value;
        }
    }

    static int[] values() {
        return new Random(42).ints(VALUES).toArray();
    }

    /** The nanoTime loop most people write first, round after round in one JVM. */
    static final class DeadCode {
        public static void main(String[] args) {
            int[] values = values();
            int calls = 2_000;
            int sink = 0;
            double used = 0;
            double thrownAway = 0;
            for (int round = 1; round <= 6; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink += checksum(values);
                }
                used = (System.nanoTime() - start) / (double) calls;
                start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    checksumThrownAway(values);
                }
                thrownAway = (System.nanoTime() - start) / (double) calls;
                System.out.printf("round %d: used %,10.1f ns per call, thrown away %,10.1f ns per call%n", round, used, thrownAway);
            }
            System.out.println("(the sum of the used checksums, printed so that it is used: " + sink + ")");
            System.out.println(FIGURE + " " + used / thrownAway);
        }
    }

    /** Eight divisions on inputs the JIT knows once it inlines the call, against inputs it must read. */
    static final class ConstantInput {
        private static final long DIVIDEND = 1_000_000_007L;
        private static final long DIVISOR = 97L;

        public static void main(String[] args) {
            long[] dividends = new Random(42).longs(1024, 1_000_000, 2_000_000_000).toArray();
            long[] divisors = new Random(43).longs(1024, 2, 1000).toArray();
            int calls = 1_000_000;
            long sink = 0;
            double known = 0;
            double read = 0;
            for (int round = 1; round <= 5; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink += quotients(DIVIDEND, DIVISOR);
                }
                known = (System.nanoTime() - start) / (double) calls;
                start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink += quotients(dividends[i & 1023], divisors[i & 1023]);
                }
                read = (System.nanoTime() - start) / (double) calls;
                System.out.printf("round %d: constant inputs %6.2f ns per call, inputs read from arrays %6.2f ns per call%n",
                        round, known, read);
            }
            System.out.println("(the sum, printed so that it is used: " + sink + ")");
            System.out.println(FIGURE + " " + read / known);
        }

        static long quotients(long dividend, long divisor) {
            long sum = 0;
            for (int k = 0; k < 8; k++) {
                sum += dividend / (divisor + k);
            }
            return sum;
        }
    }

    /** The first calls of a method, one by one. */
    static final class WarmUp {
        public static void main(String[] args) {
            int[] values = values();
            int sink = 0;
            double first = 0;
            double last = 0;
            for (int call = 1; call <= 20_000; call++) {
                long start = System.nanoTime();
                sink += checksum(values);
                long took = System.nanoTime() - start;
                if (call == 1) {
                    first = took;
                }
                if (Integer.bitCount(call) == 1 || call == 20_000) {
                    System.out.printf("call %,6d: %,10d ns%n", call, took);
                }
                last = took;
            }
            System.out.println("(the sum, printed so that it is used: " + sink + ")");
            System.out.println(FIGURE + " " + first / last);
        }
    }

    /** One long loop in one call: the JIT can only speed it up by replacing the running frame. */
    static final class OnStackReplacement {
        public static void main(String[] args) {
            int[] values = values();
            System.out.println(FIGURE + " " + chunked(values, 40));
        }

        static double chunked(int[] values, int chunks) {
            int hash = 1;
            long[] took = new long[chunks];
            for (int chunk = 0; chunk < chunks; chunk++) {
                long start = System.nanoTime();
                for (int round = 0; round < 20; round++) {
                    for (int value : values) {
                        hash = 31 * hash + value;
                    }
                }
                took[chunk] = System.nanoTime() - start;
            }
            for (int chunk = 0; chunk < chunks; chunk += chunk < 4 ? 1 : 9) {
                System.out.printf("chunk %2d: %,10d ns%n", chunk + 1, took[chunk]);
            }
            System.out.println("(the checksum, printed so that it is used: " + hash + ")");
            return took[0] / (double) took[chunks - 1];
        }
    }

    /** The checksum as JMH benchmarks: one returns its result, one throws it away. */
    @State(Scope.Thread)
    public static class Checksums {
        private int[] values;

        @Setup
        public void fill() {
            values = values();
        }

        @Benchmark
        public int returned() {
            return checksum(values);
        }

        @Benchmark
        public void thrownAway() {
            checksumThrownAway(values);
        }
    }

    /** Runs {@link Checksums} with JMH in this JVM and prints JMH's own table of results. */
    static final class UnderJmh {
        public static void main(String[] args) throws RunnerException {
            var options = new OptionsBuilder()
                    .include("^" + Pattern.quote(Checksums.class.getCanonicalName()) + "\\.")
                    .forks(0)
                    .warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(5).measurementTime(TimeValue.milliseconds(100))
                    .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                    .timeUnit(TimeUnit.NANOSECONDS)
                    .verbosity(VerboseMode.SILENT)
                    .build();
            var results = new Runner(options).run();
            PrintStream out = System.out;
            ResultFormatFactory.getInstance(ResultFormatType.TEXT, out).writeOut(results);
            results.stream()
                    .filter(result -> result.getParams().getBenchmark().endsWith("returned"))
                    .forEach(result -> out.println(FIGURE + " " + result.getPrimaryResult().getScore()));
        }
    }
}
