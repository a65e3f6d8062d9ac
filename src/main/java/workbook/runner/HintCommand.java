package workbook.runner;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import workbook.runner.report.Style;

/**
 * {@code ./workbook hint [ID]}: one more hint level each time, gentle first, with the levels seen
 * so far shown again above it.
 */
@Command(name = "hint",
        mixinStandardHelpOptions = true,
        description = {"Show the next hint for an exercise (the current one when no ID is given).",
                "Each call reveals one more level, from a nudge to the answer's shape."})
public final class HintCommand implements Callable<Integer> {

    @ParentCommand
    private WorkbookCommand parent;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "an exercise name or its beginning, for example l05a (see ./workbook list)")
    private String target;

    @Override
    public Integer call() {
        var workbook = parent.workbook();
        var out = parent.out();
        var progress = workbook.progress();
        var exercise = target != null ? parent.exercise(target) : workbook.current(progress).orElse(null);
        if (exercise == null) {
            out.println("Every exercise is done; name one to see its hints: ./workbook hint ID");
            return 0;
        }
        var hints = exercise.hints();
        if (hints.isEmpty()) {
            out.println(exercise.name() + " has no hints. Its lesson and TASK.md say what to do.");
            return 0;
        }
        int shown = Math.min(progress.hintsShown(exercise) + 1, hints.size());
        progress.setHintsShown(exercise, shown);
        out.println(Style.strong(exercise.name()) + ": " + exercise.title());
        for (int level = 1; level <= shown; level++) {
            out.println();
            out.println(Style.strong("Hint " + level + " of " + hints.size()));
            out.println(hints.get(level - 1));
        }
        out.println();
        out.println(shown < hints.size()
                ? Style.quiet("Run the same command again for the next hint.")
                : Style.quiet("That was the last hint. After it passes, compare with solutions/" + exercise.name() + "/."));
        return 0;
    }
}
