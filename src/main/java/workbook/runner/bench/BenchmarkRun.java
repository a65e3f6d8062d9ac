package workbook.runner.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs one benchmark family with JMH and leaves its JSON in {@code <results>/<family>.json}, the
 * machine it ran on beside it ({@link Machine}).
 *
 * <p>JMH measures in JVMs it forks, and a fork inherits the options of the JVM that starts it unless
 * it is given its own. The runner's JVM is tuned for quick checks and must never lend those options
 * to a measurement: it keeps exercise classes out of the JIT, stops at the first compiler tier, uses
 * the serial collector and a class-data archive made for it. So {@code ./workbook bench} starts this
 * class's {@link #main} in a JVM of its own with {@link #quietOptions()} only, and every fork gets
 * {@link #forkOptions()} and nothing else (JMH adds its own compiler hints), with the same JDK and
 * class path as the runner. A family that sweeps thread counts is one JMH run per count, whose
 * results go into one JSON array.
 */
public final class BenchmarkRun {

    private BenchmarkRun() {}

    /**
     * {@code BenchmarkRun short|full RESULTS FAMILY...}: runs the families one after the other, JMH's
     * progress and tables on standard output; exit code 1 when a benchmark failed.
     */
    public static void main(String[] args) throws IOException {
        var length = RunLength.valueOf(args[0].toUpperCase(Locale.ROOT));
        var results = Path.of(args[1]);
        try {
            for (var name : Arrays.asList(args).subList(2, args.length)) {
                run(Family.named(name).orElseThrow(() -> new IllegalArgumentException("No benchmark family " + name)), length, results, System.out);
            }
        } catch (RunnerException e) {
            System.out.flush();
            System.err.println("The benchmarks stopped: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            System.exit(1);
        }
    }

    /**
     * The command line of the JVM that runs {@link #main}: the JDK's warning about JMH's use of
     * {@code sun.misc.Unsafe} (JDK 23 and newer print it once per JVM) says nothing about the figures.
     */
    public static List<String> quietOptions() {
        return Runtime.version().feature() >= 23 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }

    /** Each fork's command line beside JMH's own additions: a fixed heap, so that its resizing is not measured. */
    static List<String> forkOptions() {
        var options = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
        options.addAll(quietOptions());
        return options;
    }

    /** The JMH options for one run of {@code family} ({@code threads} 0: as the class says), writing JSON to {@code json}. */
    static Options options(Family family, RunLength length, int threads, Path json) {
        var builder = new OptionsBuilder()
                .include(family.include())
                .forks(length.forks())
                .warmupIterations(length.warmupIterations())
                .warmupTime(length.iterationTime())
                .measurementIterations(length.measurementIterations())
                .measurementTime(length.iterationTime())
                .jvmArgs(forkOptions().toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (threads > 0) {
            builder.threads(threads);
        }
        return builder.build();
    }

    /** Runs the family, JMH's progress and tables going to {@code out}; returns the JSON file written. */
    public static Path run(Family family, RunLength length, Path results, PrintStream out) throws IOException, RunnerException {
        Files.createDirectories(results);
        var machine = Machine.now(length);
        var json = results.resolve(family.id() + ".json");
        var threadCounts = family.threadCounts().isEmpty() ? List.of(0) : family.threadCounts();
        var parts = new ArrayList<String>();
        for (int threads : threadCounts) {
            var part = threadCounts.size() == 1 ? json : results.resolve(family.id() + ".threads-" + threads + ".json");
            new Runner(options(family, length, threads, part)).run();
            parts.add(Files.readString(part));
            if (!part.equals(json)) {
                Files.delete(part);
            }
        }
        if (parts.size() > 1) {
            Files.writeString(json, merged(parts));
            out.println();
            out.println("All of " + family.id() + " (JMH's tables above leave out the thread count):");
            for (var measurement : Measurement.read(json)) {
                out.printf(Locale.ROOT, "  %-24s %2d thread%s %12.3f ± %9.3f %s%n", measurement.label(), measurement.threads(),
                        measurement.threads() == 1 ? " " : "s", measurement.score(), measurement.error(), measurement.unit());
            }
        }
        machine.after().write(machineFile(results, family));
        return json;
    }

    static Path machineFile(Path results, Family family) {
        return results.resolve(family.id() + ".machine.properties");
    }

    /** Several JMH JSON arrays as one array, in order. */
    private static String merged(List<String> arrays) {
        var elements = new ArrayList<String>();
        for (var array : arrays) {
            var trimmed = array.strip();
            if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
                throw new IllegalStateException("JMH wrote a result file that is not a JSON array: " + trimmed.lines().findFirst().orElse(""));
            }
            var inside = trimmed.substring(1, trimmed.length() - 1).strip();
            if (!inside.isEmpty()) {
                elements.add(inside);
            }
        }
        return "[\n" + String.join(",\n", elements) + "\n]\n";
    }
}
