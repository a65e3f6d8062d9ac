package workbook.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a student's JMH benchmark for real, briefly, in a child JVM with the JIT on, and hands back
 * its scores: the check that a benchmark measures work the JIT did not delete.
 *
 * <p>Two obstacles stand between an exercise and JMH. JMH's {@code @Benchmark} is only an
 * annotation: the loops that call it, time it and feed its result to a {@code Blackhole} are
 * generated at compile time by JMH's annotation processor, and the runner compiles exercise code
 * with {@code -proc:none}. So the parent runs that processor itself, over the student's compiled
 * classes (javac processes class files as well as sources), into a folder of its own, whatever
 * compiled them (the runner, Maven, the gate or the mutation analysis). And exercise code runs
 * interpreted in the workbook's JVMs, where nothing is ever optimised away: the child JVM starts
 * with nothing excluded from the JIT, and with that folder in front of its class path.
 *
 * <pre>{@code
 * // in the exercise's test class
 * static final class ChecksumProbe {
 *     public static void main(String[] args) {
 *         JmhRun.printScores(ChecksumBenchmark.class, run -> run.param("size", "1000", "16000"));
 *     }
 * }
 *
 * @Test
 * void theWorkIsMeasured() {
 *     var run = JmhRun.inChildJvm(ChecksumProbe.class, ChecksumBenchmark.class);
 *     double small = run.best("checksum", Map.of("size", "1000"));
 * }
 * }</pre>
 *
 * <p>The run is tiny (no fork: the child is the fork; a short warm-up; three short measurements)
 * so a verdict takes a second or two. Its scores are noisy on a loaded machine, so a test compares
 * the best iteration of each, and only by a wide margin: deleted work costs a nanosecond or two
 * per call whatever the input, real work grows with it.
 */
public final class JmhRun {

    private static final String SCORE = "jmh-run: score";
    private static final String FAILED = "jmh-run: failed";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** -Xbatch: the JIT compiles while the benchmark waits, so the warm-up ends with compiled code even on a busy machine. */
    private static final List<String> CHILD_OPTIONS = List.of(
            "-Xbatch", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData", "-Djmh.ignoreLock=true");
    private static final TimeValue WARM_UP = TimeValue.milliseconds(150);
    private static final TimeValue ITERATION = TimeValue.milliseconds(50);
    private static final int MEASUREMENTS = 3;

    private JmhRun() {}

    /** One benchmark method with one set of parameters: its best and mean iteration, in {@code unit}. */
    public record Score(String method, Map<String, String> params, double best, double mean, String unit) {}

    /** What the child JVM did and the scores it printed. */
    public record Run(ChildJvm.Result child, List<Score> scores) {

        /** The best iteration of {@code method} with {@code params}; fails when the run has no such score. */
        public double best(String method, Map<String, String> params) {
            return scores.stream()
                    .filter(score -> score.method().equals(method) && score.params().entrySet().containsAll(params.entrySet()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("JMH measured no benchmark " + method + " " + params
                            + ". It measured: " + scores))
                    .best();
        }

        /** Every line the probe printed, for checks of its own. */
        public String output() {
            return child.stdout();
        }
    }

    /**
     * The parent's half: generates JMH's harness for {@code benchmarks} and runs {@code probe}'s
     * {@code main} (which calls {@link #printScores}) in a child JVM with the JIT on.
     */
    public static Run inChildJvm(Class<?> probe, Class<?>... benchmarks) {
        var harness = generateHarness(benchmarks);
        try {
            var child = ChildJvm.run(CHILD_OPTIONS, List.of(harness), probe, DEADLINE);
            var failure = child.stdout().lines().filter(line -> line.startsWith(FAILED)).findFirst();
            if (failure.isPresent()) {
                throw new AssertionError("JMH could not run your benchmark: "
                        + failure.get().substring(FAILED.length()).replaceFirst("^[:\\s]+", "").replace(" | ", "\n"));
            }
            if (child.killedAtDeadline() || child.exitCode() != 0) {
                throw new AssertionError("The JMH run did not finish.\n" + child.describe());
            }
            return new Run(child, child.stdout().lines().filter(line -> line.startsWith(SCORE)).map(JmhRun::parse).toList());
        } finally {
            deleteQuietly(harness);
        }
    }

    /**
     * The child's half, called from a probe's {@code main}: a tiny JMH run of every benchmark in
     * {@code benchmark} (average time per call, in nanoseconds, on the threads its {@code @Threads} asks for, one by default), changed by
     * {@code tuning} (parameters, threads, a single method); prints each score for the parent.
     */
    public static void printScores(Class<?> benchmark, UnaryOperator<ChainedOptionsBuilder> tuning) {
        for (var result : run(benchmark, tuning)) {
            var params = result.getParams();
            var values = new TreeMap<String, String>();
            params.getParamsKeys().forEach(key -> values.put(key, params.getParam(key)));
            var iterations = result.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
                    .toArray();
            double best = Arrays.stream(iterations).min().orElse(Double.NaN);
            var primary = result.getPrimaryResult();
            var method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            System.out.printf(Locale.ROOT, "%s %s %s %.3f %.3f %s%n", SCORE, method, values.toString().replace(" ", ""),
                    best, primary.getScore(), primary.getScoreUnit());
        }
    }

    /** The tiny run itself, for a probe that wants JMH's own results. */
    public static List<RunResult> run(Class<?> benchmark, UnaryOperator<ChainedOptionsBuilder> tuning) {
        var options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getCanonicalName()) + "\\.")
                .forks(0)
                .warmupIterations(1).warmupTime(WARM_UP)
                .measurementIterations(MEASUREMENTS).measurementTime(ITERATION)
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        try {
            return List.copyOf(new Runner(tuning.apply(options).build()).run());
        } catch (RunnerException | RuntimeException e) {
            var cause = new StringBuilder();
            describe(e, cause);
            System.out.println(FAILED + ": " + cause.toString().replace('\n', ' '));
            System.exit(1);
            throw new AssertionError("unreachable");
        }
    }

    /** The chain of causes, and the exceptions JMH attaches as suppressed ones (what the benchmark threw), on one line. */
    private static void describe(Throwable failure, StringBuilder into) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            into.append(into.isEmpty() ? "" : " | caused by: ").append(t);
            for (var suppressed : t.getSuppressed()) {
                describe(suppressed, into);
            }
        }
    }

    /** Runs JMH's annotation processor over the compiled {@code benchmarks}; the harness goes to a new folder. */
    static Path generateHarness(Class<?>... benchmarks) {
        var javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("JmhRun needs a JDK (javax.tools) to generate JMH's harness");
        }
        try {
            var folder = Files.createTempDirectory("workbook-jmh-");
            var classPath = new ArrayList<String>();
            for (var benchmark : benchmarks) {
                classPath.add(Path.of(benchmark.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            }
            classPath.add(System.getProperty("java.class.path"));
            var options = List.of(
                    "--release", "21",
                    "-classpath", String.join(java.io.File.pathSeparator, classPath),
                    "-processor", "org.openjdk.jmh.generators.BenchmarkProcessor",
                    "-d", folder.toString(),
                    "-s", folder.resolve("sources").toString(),
                    "-implicit:none",
                    "-Xlint:none");
            Files.createDirectories(folder.resolve("sources"));
            var diagnostics = new DiagnosticCollector<JavaFileObject>();
            var names = Stream.of(benchmarks).map(Class::getName).toList();
            var log = new StringWriter();
            boolean ok = javac.getTask(log, null, diagnostics, options, names, List.of()).call();
            if (!ok) {
                var errors = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> d.getMessage(Locale.ENGLISH))
                        .toList();
                deleteQuietly(folder);
                throw new AssertionError("JMH could not build its harness for your benchmark:\n  "
                        + String.join("\n  ", errors) + (errors.isEmpty() ? log : ""));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + Arrays.toString(benchmarks), e);
        }
    }

    private static Score parse(String line) {
        var parts = line.substring(SCORE.length()).trim().split(" ");
        var params = new TreeMap<String, String>();
        var inside = parts[1].substring(1, parts[1].length() - 1);
        for (var pair : inside.isEmpty() ? new String[0] : inside.split(",")) {
            var keyValue = pair.split("=", 2);
            params.put(keyValue[0], keyValue[1]);
        }
        return new Score(parts[0], Map.copyOf(params), Double.parseDouble(parts[2]), Double.parseDouble(parts[3]), parts[4]);
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind does no harm
        }
    }
}
