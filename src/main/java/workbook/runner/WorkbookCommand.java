package workbook.runner;

import java.util.concurrent.Callable;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ./workbook} command line. With no command it checks the current exercise (the first
 * one not done yet); the subcommands list, check and hint.
 */
@Command(name = "workbook",
        mixinStandardHelpOptions = true,
        version = "Java concurrency workbook 1.0",
        description = "A hands-on workbook of Java concurrency: read a lesson, run its demo, make the exercise tests pass.",
        subcommands = {ListCommand.class, CheckCommand.class, HintCommand.class, CommandLine.HelpCommand.class})
public final class WorkbookCommand implements Callable<Integer> {

    /** Exit code when the command line names something that does not exist. */
    static final int USAGE_ERROR = 2;

    @Spec
    private CommandSpec spec;

    private Workbook workbook;

    WorkbookCommand() {}

    /** A command line working on the given workbook instead of locating one. */
    WorkbookCommand(Workbook workbook) {
        this.workbook = workbook;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new WorkbookCommand()).execute(args));
    }

    static CommandLine commandLine(WorkbookCommand command) {
        var commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            if (error instanceof UnknownExercise unknown) {
                line.getErr().println(unknown.getMessage());
                return USAGE_ERROR;
            }
            if (error instanceof IllegalStateException problem) {
                line.getErr().println(problem.getMessage());
                return 1;
            }
            throw error;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        return new CheckCommand(this).call();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Workbook workbook() {
        if (workbook == null) {
            workbook = Workbook.locate();
        }
        return workbook;
    }

    Exercise exercise(String name) {
        return workbook().find(name).orElseThrow(() -> new UnknownExercise(name, workbook().nearestNames(name)));
    }

    /** An exercise name that is not in the curriculum; says what the student may have meant. */
    static final class UnknownExercise extends RuntimeException {
        UnknownExercise(String name, java.util.List<String> nearest) {
            super("There is no exercise called \"" + name + "\"."
                    + (nearest.isEmpty() ? "" : " Did you mean " + String.join(" or ", nearest) + "?")
                    + "\nSee every exercise, in order, with: ./workbook list");
        }
    }
}
