package workbook.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import workbook.runner.UnknownName;
import workbook.runner.Workbook;
import workbook.runner.curriculum.Curriculum;
import workbook.runner.explain.Explainer;
import workbook.runner.explain.TracePrinter;

/**
 * How fast {@code ./workbook explain} finds a breaking interleaving, and how long a clean run takes:
 * explains each named exercise's stub as shipped, its reference solution, each of its known wrong
 * answers (src/test/resources/wrong/) and each of its right answers in other idioms
 * (src/test/resources/right/), one Lincheck run each in a JVM of its own, and prints per answer the
 * outcome, the time and the result line. The stubs are read from {@code exercises/}
 * without changing them; the answers are swapped in file by file, as the curriculum gate does.
 * With {@code --traces} first, each answer's whole trace follows its line, quoting that answer's files.
 * {@code EXERCISE/ANSWER} explains one answer only ({@code solution}, or a folder name under
 * {@code src/test/resources/right|wrong/EXERCISE/}).
 *
 * <p>Run it with {@code bench/explain-speed [--traces] EXERCISE[/ANSWER] ...}; the figures are in bench/RESULTS.md.
 */
public final class ExplainSpeed {

    private ExplainSpeed() {}

    public static void main(String[] args) throws Exception {
        UnknownName.orExit(() -> measure(args));
    }

    private static void measure(String[] args) {
        var root = Path.of(System.getProperty("workbook.home", "")).toAbsolutePath();
        var workbook = new Workbook(root, Curriculum.load());
        var explainer = new Explainer(root);
        var known = new KnownAnswers(root);
        boolean traces = args.length > 0 && args[0].equals("--traces");
        for (var target : traces ? List.of(args).subList(1, args.length) : List.of(args)) {
            var asked = KnownAnswers.Target.parse(workbook, target);
            var exercise = asked.exercise();
            var answers = new ArrayList<Path>();
            if (asked.answer().isPresent()) {
                answers.add(known.named(exercise, asked.answer().get()));
            } else {
                answers.addAll(List.of(exercise.folder(root), exercise.solutionFolder(root)));
                answers.addAll(known.wrong(exercise));
                answers.addAll(known.right(exercise));
            }
            for (var answer : answers) {
                var outcome = explainer.explain(exercise, answer);
                var trace = new StringWriter();
                int exit = new TracePrinter(new PrintWriter(trace, true), root).print(exercise, outcome, answer);
                var result = trace.toString().lines().filter(line -> line.strip().startsWith("Result:")).findFirst().orElse("").strip();
                System.out.printf("%-22s %-45s exit %d  %5.1f s  %s%n", exercise.name(), root.relativize(answer), exit,
                        outcome.elapsed().toMillis() / 1000.0, outcome.kind() + (result.isEmpty() ? "" : ": " + result));
                if (traces) {
                    System.out.print(trace);
                }
            }
        }
    }
}
