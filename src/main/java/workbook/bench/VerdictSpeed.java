package workbook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import workbook.runner.check.Checker;
import workbook.runner.UnknownName;
import workbook.runner.Workbook;
import workbook.runner.curriculum.Curriculum;
import workbook.runner.curriculum.Exercise;

/**
 * How long a student waits for a verdict, per exercise, as a Markdown table: the reference
 * solution's verdict in a warm JVM (as in watch mode after a save; median and worst of 5, after one
 * check to warm up), the same in a new JVM (as {@code ./workbook check}; measured by
 * {@code bench/verdict-speed}, which passes the figures in), and the slowest of the exercise's wrong
 * answers ({@code src/test/resources/wrong/<exercise>/*}), each checked once, warm.
 *
 * <ul>
 *   <li>{@code VerdictSpeed cold EXERCISE}: checks the solution once and exits; the script times it.</li>
 *   <li>{@code VerdictSpeed table EXERCISE=COLD_MS ...}: measures the rest and prints the table.</li>
 * </ul>
 * Goals (issue 8): a solution's warm median at most 1.0 s and worst 2.0 s; a wrong answer's worst 3 s.
 *
 * <p>A wrong answer can leave threads using the CPU that ignore the checker's interrupt (a loop
 * that spins once its deadline has passed, catching the interrupt), and this JVM cannot stop them: they take its cores for every
 * measurement after them. So every solution is measured first, before any wrong answer runs, and a
 * wrong answer's time measured while threads left by an earlier one still ran is marked so, as is
 * the answer that left them.
 */
public final class VerdictSpeed {

    private static final int RUNS = 5;

    private VerdictSpeed() {}

    public static void main(String[] args) throws Exception {
        UnknownName.orExit(() -> measure(args));
    }

    private static void measure(String[] args) throws IOException {
        if (args.length < 2 || !List.of("cold", "table").contains(args[0])) {
            System.err.println("usage: VerdictSpeed cold EXERCISE | VerdictSpeed table EXERCISE=COLD_MS ...   (run bench/verdict-speed)");
            System.exit(2);
        }
        var root = Path.of(System.getProperty("workbook.home", "")).toAbsolutePath();
        var workbook = new Workbook(root, Curriculum.load());
        var checker = new Checker(root);
        if (args[0].equals("cold")) {
            var exercise = workbook.exercise(args[1]);
            System.exit(checker.check(exercise, exercise.solutionFolder(root)).passed() ? 0 : 1);
        }
        var cold = new LinkedHashMap<String, String>();
        for (var pair : List.of(args).subList(1, args.length)) {
            var parts = pair.split("=", 2);
            cold.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        printTable(root, workbook, checker, cold);
    }

    private static void printTable(Path root, Workbook workbook, Checker checker, Map<String, String> cold) throws IOException {
        var os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("Machine: %s, %d cores, load average %.1f at the start, Java %s, %s.%n%n", hostName(),
                os.getAvailableProcessors(), os.getSystemLoadAverage(), System.getProperty("java.version"), os.getName());
        System.out.println("| exercise | solution, warm: median / worst of " + RUNS + " | solution, cold ./workbook: median of "
                + RUNS + " | slowest wrong answer, warm | its verdict |");
        System.out.println("|---|---|---|---|---|");
        var solutionTimes = new LinkedHashMap<String, String>();
        for (var name : cold.keySet()) {
            var exercise = workbook.exercise(name);
            var solution = exercise.solutionFolder(root);
            checker.check(exercise, solution);
            var times = new ArrayList<Double>();
            var failures = 0;
            for (int run = 0; run < RUNS; run++) {
                var verdict = checker.check(exercise, solution);
                times.add(millis(verdict.elapsed().toNanos()));
                failures += verdict.passed() ? 0 : 1;
            }
            Collections.sort(times);
            solutionTimes.put(name, "%.0f / %.0f ms%s".formatted(times.get(times.size() / 2), times.getLast(),
                    failures == 0 ? "" : " (FAILED " + failures + " of " + RUNS + ")"));
        }
        var leftBy = new ArrayList<String>();
        for (var entry : cold.entrySet()) {
            var exercise = workbook.exercise(entry.getKey());
            String slowestName = "(none)";
            double slowest = 0;
            var wrong = root.resolve("src/test/resources/wrong").resolve(exercise.name());
            if (Files.isDirectory(wrong)) {
                try (var variants = Files.list(wrong)) {
                    for (var variant : variants.sorted().toList()) {
                        var runningBefore = List.copyOf(leftBy);
                        var verdict = checker.check(exercise, variant);
                        double time = millis(verdict.elapsed().toNanos());
                        var name = variant.getFileName() + (verdict.passed() ? " (PASSED: not caught)" : "")
                                + (verdict.leftBusyThreads() ? " (left threads running)" : "")
                                + (runningBefore.isEmpty() ? "" : " (measured while threads left by " + String.join(", ", runningBefore) + " ran)");
                        if (verdict.leftBusyThreads()) {
                            leftBy.add(exercise.name() + "/" + variant.getFileName());
                            System.err.println("left running by " + exercise.name() + "/" + variant.getFileName() + ": "
                                    + verdict.leftovers().stream().map(t -> t.describe()).toList());
                        }
                        if (time > slowest) {
                            slowest = time;
                            slowestName = name;
                        }
                    }
                }
            }
            System.out.printf("| %s | %s | %s | %s | %.0f ms |%n", exercise.name(), solutionTimes.get(exercise.name()),
                    entry.getValue().isEmpty() ? "not measured" : entry.getValue() + " ms", slowestName, slowest);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "(host name unknown)";
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
