package workbook.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import workbook.runner.curriculum.Curriculum;
import workbook.runner.explain.Explainer;
import workbook.runner.explain.TracePrinter;

/**
 * How fast {@code ./workbook explain} finds a breaking interleaving, and how long a clean run takes:
 * explains each named exercise's stub as shipped, its reference solution, and each of its known
 * wrong answers (src/test/resources/wrong/), one Lincheck run each, all in this JVM, and prints per
 * answer the outcome, the time and the result line. The stubs are read from {@code exercises/}
 * without changing them; the answers are swapped in file by file, as the curriculum gate does.
 *
 * <p>Run it with {@code bench/explain-speed EXERCISE ...}; the figures are in bench/RESULTS.md.
 */
public final class ExplainSpeed {

    private ExplainSpeed() {}

    public static void main(String[] args) {
        var root = Path.of(System.getProperty("workbook.home", "")).toAbsolutePath();
        var curriculum = Curriculum.load();
        var explainer = new Explainer(root);
        var known = new KnownAnswers(root);
        for (var name : args) {
            var exercise = curriculum.find(name).orElseThrow(() -> new IllegalArgumentException("no exercise " + name));
            var answers = new java.util.ArrayList<>(List.of(exercise.folder(root), exercise.solutionFolder(root)));
            answers.addAll(known.wrong(exercise));
            for (var answer : answers) {
                var outcome = explainer.explain(exercise, answer);
                var trace = new StringWriter();
                int exit = new TracePrinter(new PrintWriter(trace, true), root).print(exercise, outcome);
                var result = trace.toString().lines().filter(line -> line.strip().startsWith("Result:")).findFirst().orElse("").strip();
                System.out.printf("%-22s %-45s exit %d  %5.1f s  %s%n", exercise.name(), root.relativize(answer), exit,
                        outcome.elapsed().toMillis() / 1000.0, outcome.kind() + (result.isEmpty() ? "" : ": " + result));
            }
        }
    }
}
