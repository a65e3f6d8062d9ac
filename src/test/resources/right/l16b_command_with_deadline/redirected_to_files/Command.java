package l16b_command_with_deadline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Right: the command writes into two temporary files instead of pipes, so no pipe can fill and nothing needs reading while it runs; the files are read once it has ended, and a late or interrupted command is killed with its descendants and waited for. */
public final class Command {

    /** What a command that ended by itself left behind. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    private Command() {
    }

    /** Runs {@code command}, waiting at most {@code limit} for it; a late command is killed with every process it started. */
    public static Output run(List<String> command, Duration limit) throws IOException, InterruptedException, TimeoutException {
        Path stdout = Files.createTempFile("command-", ".out");
        Path stderr = Files.createTempFile("command-", ".err");
        try {
            var process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            try {
                if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                    kill(process);
                    throw new TimeoutException(command + " did not end within " + limit + ": killed");
                }
            } catch (InterruptedException e) {
                kill(process);
                throw e;
            }
            return new Output(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static void kill(Process process) throws InterruptedException {
        var tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (var member : tree) {
            member.destroyForcibly();
        }
        for (var member : tree) {
            member.onExit().join();
        }
    }
}
