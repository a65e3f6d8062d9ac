package workbook.runner.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import workbook.runner.check.LeftoverThreads;
import workbook.runner.check.TestLauncher;
import workbook.runner.check.Verdict;
import workbook.runner.curriculum.Exercise;
import workbook.testkit.Durations;

/**
 * Writes a verdict for a student: the outcome in one line, then what to read to fix it.
 *
 * <p>Failures come in the order their tests are written in the test class, which puts the simplest
 * first, and one cause is said once: failures with the same "Why" (or, without one, the same message
 * but for numbers and names) are one entry, its message shown once with the tests it covers listed
 * under it. Five tests that all meet one self-deadlock are one thing to fix, not five.
 */
public final class VerdictPrinter {

    /** How javac names the method of a lambda written in method {@code start}: {@code lambda$start$0}. */
    private static final Pattern LAMBDA_METHOD = Pattern.compile("lambda\\$(\\w+)\\$\\d+");

    /** Leftover threads named one by one; the rest are counted. */
    private static final int LEFTOVERS_LISTED = 5;

    private final PrintWriter out;
    private final Path root;

    public VerdictPrinter(PrintWriter out, Path root) {
        this.out = out;
        this.root = root;
    }

    public void print(Exercise exercise, Verdict verdict) {
        var time = Durations.readable(verdict.elapsed());
        switch (verdict.status()) {
            case PASSED -> {
                out.println(Style.pass("✓ " + exercise.name() + " passes") + Style.quiet(
                        " (%d test%s, %s)".formatted(verdict.testsRun(), verdict.testsRun() == 1 ? "" : "s", time)));
                out.println("  Compare with the reference solution: " + root.relativize(exercise.solutionFolder(root)) + "/");
            }
            case DOES_NOT_COMPILE -> {
                out.println(Style.fail("✗ " + exercise.name() + " does not compile") + Style.quiet(" (" + time + ")"));
                verdict.compileErrors().forEach(error -> out.println(indent(error)));
            }
            case FAILED -> {
                out.println(Style.fail("✗ " + exercise.name() + " fails")
                        + Style.quiet(" (%d of %d test%s, %s)".formatted(verdict.failures().size(),
                        verdict.testsRun(), verdict.testsRun() == 1 ? "" : "s", time)));
                for (var cause : causes(exercise, verdict.failures())) {
                    var first = cause.getFirst();
                    out.println("  " + Style.strong(first.test()));
                    out.println(indent(indent(first.message())));
                    if (cause.size() > 1) {
                        out.println("    " + Style.quiet("The same cause fails " + (cause.size() - 1)
                                + (cause.size() == 2 ? " more test:" : " more tests:")));
                        cause.stream().skip(1).forEach(other -> out.println("      · " + other.test()));
                    }
                }
            }
        }
        if (verdict.leftThreads()) {
            printLeftovers(exercise, verdict.leftovers());
        }
    }

    /** Threads that outlived the tests: where each one is in the student's code, and why that is a bug. */
    private void printLeftovers(Exercise exercise, List<LeftoverThreads.Leftover> leftovers) {
        boolean one = leftovers.size() == 1;
        out.println();
        out.println("  " + Style.strong(one ? "A thread was still alive after the tests ended:"
                : leftovers.size() + " threads were still alive after the tests ended:"));
        leftovers.stream().sorted(Comparator.comparing(thread -> !thread.busy())).limit(LEFTOVERS_LISTED)
                .forEach(thread -> out.println("    \"" + thread.name() + "\" (" + thread.state() + (thread.busy() ? ", using a core" : "") + ")"
                        + thread.frame().map(frame -> " at " + lineOf(exercise, frame)).orElse("")));
        if (leftovers.size() > LEFTOVERS_LISTED) {
            out.println("    … and " + (leftovers.size() - LEFTOVERS_LISTED) + " more");
        }
        out.println(indent(indent((one
                ? "It went on after the tests were over, even once interrupted: it ignores interrupts, or nothing ever tells it to stop."
                : "They went on after the tests were over, even once interrupted: they ignore interrupts, or nothing ever tells them to stop.")
                + (leftovers.stream().anyMatch(LeftoverThreads.Leftover::busy)
                        ? " One that uses a core takes it from every check after it, until this JVM ends."
                        : " Parked, they hold memory until this JVM ends.")
                + " A thread must end when the code that started it is done with it: return when its work is over or when it"
                + " is interrupted (do not catch InterruptedException to go on), and make sure its loop's exit condition can"
                + " become true (a time left can pass zero and go below it).")));
    }

    /** {@code exercises/l06b_timed_buffer/TimedBuffer.java:41 (in put)}: the student's file and line. */
    private String lineOf(Exercise exercise, StackTraceElement frame) {
        if (frame.getFileName() == null || frame.getLineNumber() < 0) {
            return frame.toString();
        }
        var lambda = LAMBDA_METHOD.matcher(frame.getMethodName());
        var method = lambda.matches() ? "a lambda in " + lambda.group(1) : frame.getMethodName();
        return root.relativize(exercise.folder(root).resolve(frame.getFileName())) + ":" + frame.getLineNumber() + " (in " + method + ")";
    }

    /** The failures grouped by cause, each group and the groups in the order the tests are written. */
    private List<List<TestLauncher.Failure>> causes(Exercise exercise, List<TestLauncher.Failure> failures) {
        var testSource = exercise.sources(root).stream().filter(Exercise::isTest).map(VerdictPrinter::readQuietly)
                .collect(Collectors.joining("\n"));
        var ordered = failures.stream().sorted(Comparator.comparingInt(failure -> positionIn(testSource, failure))).toList();
        var byCause = new LinkedHashMap<String, List<TestLauncher.Failure>>();
        for (var failure : ordered) {
            byCause.computeIfAbsent(cause(failure.message()), key -> new ArrayList<>()).add(failure);
        }
        return List.copyOf(byCause.values());
    }

    /** The "Why" paragraph when there is one; else the message with numbers, hash codes and quoted names blurred. */
    static String cause(String message) {
        var why = message.lines().dropWhile(line -> !line.strip().startsWith("Why:")).findFirst();
        if (why.isPresent()) {
            return why.get().strip();
        }
        return message.replaceAll("@[0-9a-f]+", "@#").replaceAll("\"[^\"\n]*\"", "\"…\"").replaceAll("\\d+", "#");
    }

    private static int positionIn(String testSource, TestLauncher.Failure failure) {
        if (failure.method().isEmpty()) {
            return Integer.MAX_VALUE;
        }
        var declaration = Pattern.compile("\\bvoid\\s+" + Pattern.quote(failure.method()) + "\\s*\\(").matcher(testSource);
        return declaration.find() ? declaration.start() : Integer.MAX_VALUE;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
