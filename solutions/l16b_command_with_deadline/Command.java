package l16b_command_with_deadline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external command and hands back its exit code and everything it wrote.
 *
 * <p>Why it is right: a pipe holds only a few kilobytes, and a child that fills one stops until
 * someone reads it. So both streams are read from the moment the process starts, each by a
 * virtual thread of its own, while this thread waits for the exit with the whole limit as one
 * budget. Whenever the call leaves without an exit (late, interrupted, or anything thrown), the
 * {@code finally} block kills the process tree: the descendants are listed first, because a child
 * whose parent has died is no longer listed as anyone's descendant, and then killed deepest first,
 * each waited for before its parent is killed, so that nothing still runs when the call returns. A
 * process killed while its parent lives is reaped by that parent at once; one whose parent was
 * killed first is an orphan, left for the system's init to reap, whenever it gets round to it.
 */
public final class Command {

    /** How long a killed process may take to go away before we give up on it. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** What a command that ended by itself left behind. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    private Command() {
    }

    /** Runs {@code command}, waiting at most {@code limit} for it; a late command is killed with every process it started. */
    public static Output run(List<String> command, Duration limit) throws IOException, InterruptedException, TimeoutException {
        var process = new ProcessBuilder(command).start();
        boolean ended = false;
        try {
            process.getOutputStream().close();
            var stdout = readAll(process.getInputStream());
            var stderr = readAll(process.getErrorStream());
            if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(command + " did not end within " + limit + ": killed");
            }
            ended = true;
            return new Output(process.exitValue(), text(stdout), text(stderr));
        } finally {
            if (!ended) {
                killWithDescendants(process);
            }
        }
    }

    private static FutureTask<String> readAll(InputStream stream) {
        var reading = new FutureTask<>(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        Thread.ofVirtual().name("command-output").start(reading);
        return reading;
    }

    private static String text(FutureTask<String> reading) throws IOException, InterruptedException {
        try {
            return reading.get();
        } catch (ExecutionException e) {
            throw new IOException("could not read the command's output", e.getCause());
        }
    }

    private static void killWithDescendants(Process process) throws InterruptedException {
        var command = process.toHandle();
        var tree = new ArrayList<>(process.descendants().toList());
        tree.sort(Comparator.comparingInt((ProcessHandle member) -> depthBelow(command, member)).reversed());
        tree.add(command);
        for (var member : tree) {
            member.destroyForcibly();
            try {
                member.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException stillThere) {
                // nothing more can be done from here than a forcible kill; the caller hears of the timeout or interrupt
            }
        }
    }

    /** How many parents up from {@code member} {@code command} is: 1 for its own child. */
    private static int depthBelow(ProcessHandle command, ProcessHandle member) {
        int depth = 0;
        for (var at = Optional.of(member); at.isPresent() && !at.get().equals(command); at = at.get().parent()) {
            depth++;
        }
        return depth;
    }
}
