package workbook.runner;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import workbook.runner.curriculum.Exercise;
import workbook.runner.report.Style;
import workbook.runner.report.VerdictPrinter;

/** {@code ./workbook check [ID | all]}: compiles exercises one by one and runs their tests. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Compile an exercise on its own and run its tests.",
                "With no ID: the current exercise, the first one not done yet. With 'all': every exercise, in order.",
                "Exit code 0 only when every exercise checked passes."})
public final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    private WorkbookCommand parent;

    @Parameters(arity = "0..1", paramLabel = "ID|all", description = "an exercise name or its beginning, for example l05a (see ./workbook list), or 'all'")
    private String target;

    CheckCommand() {}

    CheckCommand(WorkbookCommand parent) {
        this.parent = parent;
    }

    @Override
    public Integer call() {
        var workbook = parent.workbook();
        var out = parent.out();
        var progress = workbook.progress();
        List<Exercise> chosen;
        if (target == null) {
            var current = workbook.current(progress);
            if (current.isEmpty()) {
                out.println(Style.pass("Every exercise is done.") + " Run ./workbook check all to check them all again.");
                return 0;
            }
            chosen = List.of(current.get());
        } else if (target.equals("all")) {
            chosen = workbook.exercises();
        } else {
            chosen = List.of(parent.exercise(target));
        }
        var printer = new VerdictPrinter(out, workbook.root());
        int passed = 0;
        for (var exercise : chosen) {
            var verdict = workbook.checker().check(exercise);
            printer.print(exercise, verdict);
            if (verdict.passed()) {
                progress.markDone(exercise, workbook.root());
                passed++;
            } else {
                progress.markNotDone(exercise);
            }
        }
        if (chosen.size() > 1) {
            out.printf("%n%d of %d exercises pass.%n", passed, chosen.size());
        } else if (target == null && passed == 1) {
            workbook.current(progress).ifPresentOrElse(
                    next -> out.println("Next: " + next.name() + " (run ./workbook check again)"),
                    () -> out.println(Style.pass("That was the last exercise: every one is done.")));
        }
        return passed == chosen.size() ? 0 : 1;
    }
}
