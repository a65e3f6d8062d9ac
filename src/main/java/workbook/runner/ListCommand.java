package workbook.runner;

import java.util.Objects;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import workbook.runner.check.CompileStatusCache;
import workbook.runner.curriculum.Lesson;
import workbook.runner.report.Style;

/**
 * {@code ./workbook list}: every exercise in order under its lesson, each with its status: done,
 * pending, or does not compile. The current exercise is marked with an arrow. Only exercises changed
 * since the last list are compiled again ({@link CompileStatusCache}).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every exercise in order, with its lesson and its status (done, pending, does not compile).")
public final class ListCommand implements Callable<Integer> {

    @ParentCommand
    private WorkbookCommand parent;

    @Override
    public Integer call() {
        var workbook = parent.workbook();
        var out = parent.out();
        var progress = workbook.progress();
        var current = workbook.current(progress).orElse(null);
        var compileStatus = CompileStatusCache.in(workbook.root());
        String lesson = null;
        int done = 0;
        for (var exercise : workbook.exercises()) {
            if (!Objects.equals(lesson, exercise.lesson())) {
                lesson = exercise.lesson();
                out.println();
                out.println(Style.strong("Lesson " + workbook.lessonTitle(lesson)));
            }
            String status;
            if (progress.isDone(exercise, workbook.root())) {
                status = Style.pass("done            ");
                done++;
            } else if (!compileStatus.compiles(exercise, workbook.root(), workbook::checker)) {
                status = Style.fail("does not compile");
            } else {
                status = "pending         ";
            }
            var marker = exercise.equals(current) ? "→ " : "  ";
            out.printf("%s%s  %-" + workbook.nameWidth() + "s  %s%n", marker, status, exercise.name(), Style.quiet(exercise.title()));
        }
        compileStatus.save();
        out.printf("%n%d of %d done.%s%n", done, workbook.exercises().size(),
                current == null ? "" : " Current: " + current.name() + " (./workbook check)");
        return 0;
    }
}
