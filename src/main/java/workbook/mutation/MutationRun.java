package workbook.mutation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import workbook.runner.UnknownName;
import workbook.runner.Workbook;
import workbook.runner.curriculum.Curriculum;
import workbook.runner.curriculum.Exercise;

/**
 * The mutation analysis from the command line ({@code bench/mutation-analysis}): for each exercise
 * named (all of them by default), one line per mutant as its verdict comes (outcome, time, id; for
 * a survivor not listed as equivalent, what changed and the diff), then a Markdown table, one row
 * per exercise. A kill that took more than 3 s is marked slow, and one that only JUnit's timeout
 * ended is marked so; a mutant that left threads running is named too (its worker JVM was
 * replaced, see {@link MutantWorker}). Exits with 1 when a survivor is not listed as equivalent or
 * the list of equivalent mutants has an error, so that it serves as the build's check and as an
 * exercise author's loop.
 *
 * <pre>
 *   bench/mutation-analysis                                   every exercise
 *   bench/mutation-analysis l06a_bounded_buffer               one exercise
 *   bench/mutation-analysis l06a_bounded_buffer/solution/WIF  only the mutants whose id starts so
 *   bench/mutation-analysis --list l06a_bounded_buffer        each mutant's id and diff, without running it
 * </pre>
 */
public final class MutationRun {

    private static final Duration SLOW_KILL = Duration.ofSeconds(3);

    private MutationRun() {}

    public static void main(String[] args) throws Exception {
        var root = Path.of(System.getProperty("workbook.home", "")).toAbsolutePath();
        UnknownName.orExit(() -> {
            boolean passed;
            try (var analysis = new MutationAnalysis(root)) {
                passed = run(analysis, new Workbook(root, Curriculum.load()), args);
            }
            System.exit(passed ? 0 : 1);
        });
    }

    private static boolean run(MutationAnalysis analysis, Workbook workbook, String[] args) {
        boolean listOnly = args.length > 0 && args[0].equals("--list");
        var targets = List.of(args).subList(listOnly ? 1 : 0, args.length);
        var reports = new ArrayList<ExerciseReport>();
        for (var target : targets.isEmpty() ? workbook.exercises().stream().map(Exercise::name).toList() : targets) {
            int slash = target.indexOf('/');
            var name = slash < 0 ? target : target.substring(0, slash);
            var prefix = slash < 0 ? "" : target.substring(slash + 1);
            var exercise = workbook.exercise(name);
            if (listOnly) {
                list(analysis, exercise, prefix);
                continue;
            }
            var generated = analysis.mutants(exercise);
            long selected = generated.mutants().stream().filter(m -> m.id().startsWith(prefix)).count();
            System.out.printf("%s: %d mutants (%d duplicates dropped)%s%n", name, selected, generated.duplicates(),
                    prefix.isEmpty() ? "" : ", those starting with " + prefix);
            var report = analysis.analyse(exercise, id -> id.startsWith(prefix), prefix.isEmpty(), MutationRun::print);
            report.listProblems().forEach(problem -> System.out.println("  LIST ERROR " + problem));
            reports.add(report);
        }
        if (listOnly) {
            return true;
        }
        System.out.println();
        System.out.print(table(reports));
        boolean passed = reports.stream().allMatch(ExerciseReport::passed);
        if (!passed) {
            System.out.println("\nSurvivors not listed, or list errors: kill each survivor with a better test, or argue in"
                    + " src/test/resources/mutants/<exercise>.md why it behaves correctly (see CONTRIBUTING.md).");
        }
        return passed;
    }

    private static void list(MutationAnalysis analysis, Exercise exercise, String prefix) {
        for (var mutant : analysis.mutants(exercise).mutants()) {
            if (mutant.id().startsWith(prefix)) {
                System.out.printf("%s  (%s line %d: %s)%n", mutant.id(), mutant.file(), mutant.line(), mutant.description());
                mutant.diff().lines().forEach(line -> System.out.println("      " + line));
            }
        }
    }

    private static void print(MutantResult result) {
        var mutant = result.mutant();
        var label = switch (result.outcome()) {
            case KILLED -> "killed";
            case STILLBORN -> "stillborn";
            case SURVIVED -> result.equivalent() ? "listed" : "SURVIVED";
        };
        var note = "";
        if (result.outcome() == MutantResult.Outcome.KILLED && result.elapsed().compareTo(SLOW_KILL) > 0) {
            note = (result.check().endedByTimeout() ? "   SLOW KILL, ended only by JUnit's timeout (no test of its own caught it), in "
                    : "   slow kill, in ") + result.check().failedTest();
        }
        if (result.check().killedOnlyOnRetry()) {
            note += "   KILLED ONLY ON A RETRY (the tests catch it some of the time: make the test deterministic), in "
                    + result.check().failedTest();
        }
        if (result.check().leftThreads()) {
            note += "   (its threads were still running afterwards: a new worker JVM took over)";
        }
        System.out.printf("  %-10s %6.2f s  %s%s%n", label, result.elapsed().toMillis() / 1000.0, mutant.id(), note);
        if (result.unlistedSurvivor()) {
            System.out.printf("      %s line %d: %s%n", mutant.file(), mutant.line(), mutant.description());
            mutant.diff().lines().forEach(line -> System.out.println("      " + line));
        }
        System.out.flush();
    }

    /** The Markdown table of the reports, one row per exercise. */
    static String table(List<ExerciseReport> reports) {
        var out = new StringBuilder("| exercise | mutants | stillborn | killed | equivalent | real, no test can force (survived) | survivors not listed | slowest kill | run time |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (var report : reports) {
            var slowest = report.slowestKill().map(r -> "%.1f s (%s)".formatted(r.elapsed().toMillis() / 1000.0, r.mutant().id())).orElse("none");
            var unforced = report.notRun().isEmpty() ? Long.toString(report.unforced()) : report.notRun().size() + " not run";
            out.append("| %s | %d | %d | %d | %d | %s | %d | %s | %.0f s |%n".formatted(report.exercise(),
                    report.results().size() + report.notRun().size(), report.count(MutantResult.Outcome.STILLBORN),
                    report.count(MutantResult.Outcome.KILLED), report.equivalent(), unforced, report.unlistedSurvivors().size(),
                    slowest, report.elapsed().toMillis() / 1000.0));
        }
        return out.toString();
    }
}
