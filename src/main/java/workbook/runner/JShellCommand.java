package workbook.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import workbook.runner.curriculum.Lesson;

/**
 * {@code ./workbook jshell [NN]}: the JDK's JShell on the workbook's classes, with the demos
 * imported and a greeting that says what to try; with NN, lesson NN's script runs first.
 */
@Command(name = "jshell", mixinStandardHelpOptions = true,
        description = {"Open JShell on the workbook's classes, the demos imported.",
                "With NN, run that lesson's script first (as /open lessons/NN-slug.jsh would)."})
public final class JShellCommand implements Callable<Integer> {

    @ParentCommand
    private WorkbookCommand parent;

    @Parameters(arity = "0..1", paramLabel = "NN", description = "a lesson whose script to run first, for example 02")
    private String number;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var workbook = parent.workbook();
        var jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        if (!Files.isExecutable(jshell)) {
            throw new IllegalStateException("This JDK has no jshell (" + jshell + "). Install a full JDK 21 or newer.");
        }
        var greeting = Files.createTempFile("workbook-jshell-", ".jsh");
        greeting.toFile().deleteOnExit();
        Files.writeString(greeting, greeting(workbook));
        var command = new ArrayList<>(List.of(jshell.toString(),
                // Start-up flags only: the tool's JVM needs no optimizing compiler, and neither JVM a
                // parallel collector. The JVM that runs the student's code keeps its full JIT, so demos
                // behave as the lessons quote them.
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-R-XX:+UseSerialGC",
                "--class-path", System.getProperty("java.class.path"),
                "--startup", "DEFAULT", "--startup", greeting.toString()));
        if (number != null) {
            command.add(parent.lesson(number).script().toString());
        }
        parent.out().flush();
        return new ProcessBuilder(command).directory(workbook.root().toFile()).inheritIO().start().waitFor();
    }

    private static String greeting(Workbook workbook) {
        var lessons = workbook.lessons().stream()
                .map(lesson -> "    /open %-40s %s".formatted(workbook.root().relativize(lesson.script()),
                        lesson.demoClass().substring(Lesson.DEMO_PACKAGE.length())))
                .collect(Collectors.joining("\n"));
        return """
                import workbook.demos.*;
                System.out.println(""\"
                    Java concurrency workbook: JShell with the workbook's classes, the demos imported.
                    Run a lesson's script, or call its demo's methods yourself (type a class name and press Tab):
                %s
                    /exit to leave.
                    ""\");
                """.formatted(lessons.replace("\\", "\\\\"));
    }
}
