package workbook.runner;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import workbook.runner.explain.Explainer;
import workbook.runner.explain.TracePrinter;

/** {@code ./workbook explain [ID]}: shows, step by step, an interleaving that breaks the exercise. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        description = {"Run the exercise's explain scenario under a model checker (Lincheck) that tries the ways its threads",
                "can interleave, and print the first interleaving that breaks your code: which thread ran which line",
                "of your files, what it read, wrote, locked or waited for, and the wrong result at the end.",
                "Where a wake-up can be lost, it then runs the exercise's threads for real and, if they all end up",
                "waiting, shows who woke whom just before and where each waits.",
                "With no ID: the current exercise. The same code always gives the same interleaving (the real run differs",
                "from run to run).",
                "Exit code 1 when an interleaving breaks the code; 0 when none of those explored does, and also for an",
                "exercise that has no explain scenario (its point is not a race, a deadlock or a lost wake-up: nothing",
                "is wrong, there is only nothing to show); 2 for an unknown ID."})
public final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    private WorkbookCommand parent;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "an exercise name or its beginning, for example l02a (see ./workbook list)")
    private String target;

    @Override
    public Integer call() {
        var workbook = parent.workbook();
        var out = parent.out();
        var exercise = target != null ? parent.exercise(target)
                : workbook.current(workbook.progress()).orElse(workbook.exercises().getLast());
        var outcome = new Explainer(workbook.root()).explain(exercise);
        return new TracePrinter(out, workbook.root()).print(exercise, outcome);
    }
}
