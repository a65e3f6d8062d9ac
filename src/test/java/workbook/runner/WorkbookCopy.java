package workbook.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import workbook.runner.curriculum.Curriculum;

/**
 * A copy of the workbook in a temporary folder, for tests that break and solve exercises the way a
 * student does without touching the real ones.
 */
record WorkbookCopy(Path root, Workbook workbook) {

    private static final Path REAL_ROOT = Path.of("").toAbsolutePath();

    static WorkbookCopy in(Path folder) throws IOException {
        for (var part : new String[] {"exercises", "solutions", "lessons"}) {
            copyTree(REAL_ROOT.resolve(part), folder.resolve(part));
        }
        Files.copy(REAL_ROOT.resolve("pom.xml"), folder.resolve("pom.xml"));
        return new WorkbookCopy(folder, new Workbook(folder, Curriculum.load()));
    }

    /** What one ./workbook command printed and the exit code it ended with. */
    record Run(int exitCode, String out, String err) {}

    /** Runs a ./workbook command on this copy; questions it asks are answered from {@code input}. */
    Run run(String input, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var command = new WorkbookCommand(workbook, new BufferedReader(new StringReader(input)));
        var commandLine = WorkbookCommand.commandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    /** Copies the reference solution over the stub, as a student's finished work. */
    void solve(String exercise) throws IOException {
        useAnswer(exercise, root.resolve("solutions").resolve(exercise));
    }

    /** Copies the files of an answer (a folder holding some of the exercise's files) over the stub's. */
    void useAnswer(String exercise, Path answer) throws IOException {
        try (var files = Files.list(answer)) {
            for (var file : files.toList()) {
                Files.copy(file, stub(exercise, file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Replaces {@code text} in an exercise file, as a student's typo would. */
    void breakSyntax(String exercise, String file, String text, String replacement) throws IOException {
        var path = stub(exercise, file);
        Files.writeString(path, Files.readString(path).replace(text, replacement));
    }

    Path stub(String exercise, String file) {
        return root.resolve("exercises").resolve(exercise).resolve(file);
    }

    /** Every file under exercises/ with its content, to compare before and after. */
    FolderContents exercisesSnapshot() throws IOException {
        return FolderContents.of(root.resolve("exercises"));
    }

    /**
     * This copy, its files shared, with a curriculum of only {@code exercises}: for a {@code check all}
     * that needs a few exercises, not every one.
     */
    WorkbookCopy withOnly(String... exercises) {
        var names = List.of(exercises);
        var chosen = workbook.exercises().stream().filter(exercise -> names.contains(exercise.name())).toList();
        if (chosen.size() != names.size()) {
            throw new IllegalArgumentException("not all of " + names + " are in the curriculum");
        }
        return new WorkbookCopy(root, new Workbook(root, new Curriculum(chosen)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (var source : files.sorted(Comparator.naturalOrder()).toList()) {
                var target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
