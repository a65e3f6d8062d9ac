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
 * One run on a 2-core Linux machine with Temurin 25.0.3, busy with other builds (load average 8 to 12):
 * <pre>
 * A checksum of 10000 ints, timed with System.nanoTime(), result used or thrown away:
 *   round 1: used   22,846.6 ns per call, thrown away    6,870.3 ns per call
 *   round 2: used   34,933.2 ns per call, thrown away       17.8 ns per call
 *   round 3: used    9,409.5 ns per call, thrown away       15.3 ns per call
 *   round 4: used    8,732.5 ns per call, thrown away       12.8 ns per call
 *   round 5: used   16,445.7 ns per call, thrown away       15.0 ns per call
 *   round 6: used    9,774.5 ns per call, thrown away       15.9 ns per call
 *   (the sum of the used checksums, printed so that it is used: -474025824)
 *
 * quotients(dividend, divisor), eight long divisions, on constants or on values read from arrays:
 *   round 1: constant inputs  25.90 ns per call, inputs read from arrays  23.81 ns per call
 *   round 2: constant inputs  21.35 ns per call, inputs read from arrays  54.23 ns per call
 *   round 3: constant inputs   0.04 ns per call, inputs read from arrays  26.08 ns per call
 *   round 4: constant inputs   0.04 ns per call, inputs read from arrays  24.34 ns per call
 *   round 5: constant inputs   0.04 ns per call, inputs read from arrays  22.22 ns per call
 *   (the sum, printed so that it is used: 618801061687460)
 *
 * Single calls of the same checksum, in a fresh JVM:
 *   call      1:    183,969 ns
 *   call      2:    148,273 ns
 *   call      4:    144,170 ns
 *   call      8:     18,010 ns
 *   call     16:     32,536 ns
 *   call     32:     33,137 ns
 *   call     64:     32,744 ns
 *   call    128:      8,370 ns
 *   call    256:      8,393 ns
 *   call    512:      8,371 ns
 *   call  1,024:      8,395 ns
 *   call  2,048:      8,152 ns
 *   call  4,096:      8,142 ns
 *   call  8,192:      8,150 ns
 *   call 16,384:      8,153 ns
 *   call 20,000:      8,364 ns
 *   (the sum, printed so that it is used: -790043040)
 *
 * One call, one loop of 40 chunks; each chunk timed (the loop never leaves the method):
 *   chunk  1:  9,867,951 ns
 *   chunk  2:    439,433 ns
 *   chunk  3:    460,728 ns
 *   chunk  4:    397,585 ns
 *   chunk  5:    402,517 ns
 *   chunk 14:    162,508 ns
 *   chunk 23:    162,517 ns
 *   chunk 32:    162,511 ns
 *   (the checksum, printed so that it is used: 1899078209)
 *   What the JIT did to chunked() meanwhile (-XX:+PrintCompilation; % marks an on-stack replacement):
 *     132 73 % 3 workbook.demos.MeasuringWithJmhDemo$OnStackReplacement::chunked {@literal @} 41 (177 bytes)
 *     133 74 3 workbook.demos.MeasuringWithJmhDemo$OnStackReplacement::chunked (177 bytes)
 *     133 75 % 4 workbook.demos.MeasuringWithJmhDemo$OnStackReplacement::chunked {@literal @} 41 (177 bytes)
 *     147 73 % 3 workbook.demos.MeasuringWithJmhDemo$OnStackReplacement::chunked {@literal @} 41 (177 bytes) made not entrant: OSR invalidation of lower level
 *     160 75 % 4 workbook.demos.MeasuringWithJmhDemo$OnStackReplacement::chunked {@literal @} 41 (177 bytes) made not entrant: uncommon trap
 *
 * The same two checksums under JMH (no fork, 1 warm-up and 5 measurement iterations of 100 ms):
 *   Benchmark                                  Mode  Cnt      Score       Error  Units
 *   MeasuringWithJmhDemo.Checksums.returned    avgt    5  15901.348 ± 32090.171  ns/op
 *   MeasuringWithJmhDemo.Checksums.thrownAway  avgt    5      1.220 ±     2.052  ns/op
 * </pre>
 */
public final class MeasuringWithJmhDemo {

    private static final Duration CHILD_DEADLINE = Duration.ofSeconds(30);
    private static final int VALUES = 10_000;

    private MeasuringWithJmhDemo() {}

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
