package workbook.runner;

import java.io.PrintWriter;
import java.nio.file.Path;

import workbook.testkit.Durations;

/** Writes a verdict for a student: the outcome in one line, then what to read to fix it. */
final class VerdictPrinter {

    private final PrintWriter out;
    private final Path root;

    VerdictPrinter(PrintWriter out, Path root) {
        this.out = out;
        this.root = root;
    }

    void print(Exercise exercise, Verdict verdict) {
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
                for (var failure : verdict.failures()) {
                    out.println("  " + Style.strong(failure.test()));
                    out.println(indent(indent(failure.message())));
                }
            }
        }
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
