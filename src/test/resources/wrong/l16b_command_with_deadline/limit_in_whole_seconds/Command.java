package l16b_command_with_deadline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Wrong: limit.toSeconds() drops the milliseconds: a limit of 1.95 s becomes 1 s, and one of 900 ms becomes 0 s, late before the command could start. */
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
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
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
        var tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (var member : tree) {
            try {
                member.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException stillThere) {
                // nothing more can be done from here than a forcible kill; the caller hears of the timeout or interrupt
            }
        }
    }
}
