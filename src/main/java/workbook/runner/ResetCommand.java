package workbook.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import workbook.runner.curriculum.ShippedFiles;

/**
 * {@code ./workbook reset ID}: puts an exercise's files back as shipped, after showing what would be
 * lost and asking. The shipped version comes from the workbook's git history (the upstream branch
 * when there is one, so work the student committed is not mistaken for the stub). Only the named
 * exercise's shipped files are written; a file the student added there is left alone. Answering
 * no is a fine answer (exit code 0); only an answer that cannot be read at all exits with 1.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Restore an exercise's files as shipped, after showing what you would lose and asking.",
                "Only that exercise is touched. Needs the workbook's git history."})
public final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    private WorkbookCommand parent;

    @Parameters(paramLabel = "ID", description = "the exercise to reset, its name or its beginning (see ./workbook list)")
    private String target;

    @Option(names = {"-y", "--yes"}, description = "do not ask: restore at once")
    private boolean yes;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var out = parent.out();
        var workbook = parent.workbook();
        var exercise = parent.exercise(target);
        var history = new ShippedFiles(workbook.root());
        var folder = workbook.root().relativize(exercise.folder(workbook.root())).toString().replace('\\', '/');
        var shipped = history.filesUnder(folder);
        if (shipped.isEmpty()) {
            throw new IllegalStateException("The workbook's git history has no " + folder
                    + "/ to restore from. Download that folder again from the workbook's repository.");
        }
        var changed = shipped.stream().filter(file -> !history.matchesWorkingCopy(file)).toList();
        if (changed.isEmpty()) {
            out.println(exercise.name() + " is exactly as shipped; nothing to reset.");
            return 0;
        }
        out.println("Resetting " + exercise.name() + " restores these files as shipped (from " + history.reference() + "):");
        out.println(history.diff(changed));
        if (!yes) {
            var answer = answer();
            if (answer.isEmpty()) {
                return 1;
            }
            if (!answer.get()) {
                out.println("Nothing was changed.");
                return 0;
            }
        }
        for (var file : changed) {
            var path = workbook.root().resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, history.content(file));
        }
        out.println("Restored " + String.join(", ", changed) + ".");
        return 0;
    }

    /** Yes or no; empty when no answer could be read, which is not the student saying no. */
    private Optional<Boolean> answer() throws IOException {
        var out = parent.out();
        out.print("Your changes shown above will be lost. Restore? [y/N] ");
        out.flush();
        var answer = parent.input().readLine();
        if (answer == null) {
            out.println();
            out.println("No answer could be read (no terminal?). Nothing was changed. Run again with --yes to restore without asking.");
            return Optional.empty();
        }
        return Optional.of(List.of("y", "yes").contains(answer.strip().toLowerCase()));
    }
}
