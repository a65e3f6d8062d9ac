package workbook.runner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import workbook.runner.curriculum.Exercise;
import workbook.runner.curriculum.Lesson;
import workbook.runner.watch.ExerciseWatcher;
import workbook.runner.watch.TerminalSession;
import workbook.runner.watch.WatchEvent;
import workbook.runner.watch.WatchMode;
import workbook.runner.watch.WatchRestart;

/**
 * The {@code ./workbook} command line. With no command it starts watch mode on the current exercise
 * (the first one not done yet); the subcommands list, check, give hints, reset, show lessons, run
 * demos, open JShell and run the benchmarks.
 */
@Command(name = "workbook",
        mixinStandardHelpOptions = true,
        version = "Java concurrency workbook 1.0",
        description = "A hands-on workbook of Java concurrency: read a lesson, run its demo, make the exercise tests pass.",
        subcommands = {ListCommand.class, CheckCommand.class, ExplainCommand.class, HintCommand.class, ResetCommand.class,
                LessonCommand.class, DemoCommand.class, JShellCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class WorkbookCommand implements Callable<Integer> {

    /** Exit code when the command line names something that does not exist. */
    static final int USAGE_ERROR = 2;

    @Spec
    private CommandSpec spec;

    private Workbook workbook;
    private BufferedReader input;

    WorkbookCommand() {}

    /** A command line working on the given workbook, reading answers from {@code input}. */
    WorkbookCommand(Workbook workbook, BufferedReader input) {
        this.workbook = workbook;
        this.input = input;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new WorkbookCommand()).execute(args));
    }

    static CommandLine commandLine(WorkbookCommand command) {
        var commandLine = new CommandLine(command);
        commandLine.getSubcommands().get("demo").setStopAtPositional(true);
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            if (error instanceof UnknownName unknown) {
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

    @Option(names = "--manual", description = "Do not watch files (for file systems where that does not work): press r after each save.")
    private boolean manual;

    /** Watch mode: the current exercise, re-checked on every save, with the keys in the legend. */
    @Override
    public Integer call() throws Exception {
        var workbook = workbook();
        try (var terminal = new TerminalSession()) {
            var watch = new WatchMode(workbook, manual, terminal.display(), terminal.tick());
            terminal.sendKeysTo(watch);
            WatchMode.Ending ending;
            if (manual) {
                ending = watch.run();
            } else {
                try (var watcher = new ExerciseWatcher(workbook.root().resolve("exercises"), Duration.ofMillis(100),
                        exercise -> watch.post(new WatchEvent.Saved(exercise)))) {
                    ending = watch.run();
                }
            }
            // The launchers start the runner again on this code: only a new JVM stops the threads a check left.
            return ending == WatchMode.Ending.RESTART ? WatchRestart.EXIT_CODE : 0;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where answers to questions (reset's "are you sure?") come from. */
    BufferedReader input() {
        if (input == null) {
            input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return input;
    }

    Workbook workbook() {
        if (workbook == null) {
            workbook = Workbook.locate();
        }
        return workbook;
    }

    /** The exercise called {@code name}, or the one exercise whose name starts with it ({@code l05a}). */
    Exercise exercise(String name) {
        return workbook().exercise(name);
    }

    /** Lesson {@code number}, or the lesson of the current exercise when it is null. */
    Lesson lesson(String number) {
        var wanted = number != null ? number
                : workbook().current(workbook().progress()).orElse(workbook().exercises().getLast()).lesson();
        return workbook().lesson(wanted).orElseThrow(() -> new UnknownName("There is no lesson " + wanted + ". The lessons are: "
                + workbook().lessons().stream().map(Lesson::number).collect(Collectors.joining(", ")) + "."));
    }
}
