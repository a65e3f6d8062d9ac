package workbook.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import workbook.runner.curriculum.Lesson;

/**
 * {@code ./workbook demo NN [args]}: runs a lesson's demo in a JVM of its own with the default
 * settings, so that what it shows is what the lesson quotes (the runner's own JVM is tuned for fast
 * checks and keeps exercise code out of the JIT, which would change what a race demo shows).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a lesson's demo: ./workbook demo 02, or with arguments: ./workbook demo 02 8 100000.",
                "Arguments after NN go to the demo's main method; its class comment says which it takes."})
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private WorkbookCommand parent;

    @Parameters(index = "0", paramLabel = "NN", description = "the lesson number, for example 02")
    private String number;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "passed to the demo's main method")
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        var lesson = parent.lesson(number);
        try {
            Class.forName(lesson.demoClass(), false, DemoCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UnknownName("Lesson " + lesson.number() + " has no demo (" + lesson.demoClass() + ") yet.");
        }
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), lesson.demoClass()));
        command.addAll(arguments);
        parent.out().flush();
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
