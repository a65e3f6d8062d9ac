package l16b_command_with_deadline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Right: two platform threads copy the streams into memory while this thread waits for the exit with the limit; the readers are joined once the process has ended, and every other way out kills the process and its descendants and waits for them. */
public final class Command {

    /** What a command that ended by itself left behind. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    private Command() {
    }

    /** Runs {@code command}, waiting at most {@code limit} for it; a late command is killed with every process it started. */
    public static Output run(List<String> command, Duration limit) throws IOException, InterruptedException, TimeoutException {
        var process = new ProcessBuilder(command).start();
        try {
            var stdout = new ByteArrayOutputStream();
            var stderr = new ByteArrayOutputStream();
            var outReader = copy(process.getInputStream(), stdout);
            var errReader = copy(process.getErrorStream(), stderr);
            if (!process.waitFor(TimeUnit.NANOSECONDS.convert(limit), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(command + " did not end within " + limit);
            }
            outReader.join();
            errReader.join();
            return new Output(process.exitValue(), stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            if (process.isAlive()) {
                var children = process.descendants().toList();
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                for (var child : children) {
                    child.onExit().join();
                }
                process.waitFor();
            }
        }
    }

    private static Thread copy(InputStream from, ByteArrayOutputStream to) {
        return Thread.ofPlatform().name("command-reader").start(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
