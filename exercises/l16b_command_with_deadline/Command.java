package l16b_command_with_deadline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Runs an external command and hands back its exit code and everything it wrote. */
public final class Command {

    /** What a command that ended by itself left behind. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    private Command() {
    }

    /** Runs {@code command}, waiting at most {@code limit} for it; a late command is killed with every process it started. */
    public static Output run(List<String> command, Duration limit) throws IOException, InterruptedException, TimeoutException {
        // TODO: read stdout and stderr while the process runs, wait at most limit, and kill the
        //  process and its children when it is late or when this thread is interrupted.
        var process = new ProcessBuilder(command).start();
        int exitCode = process.waitFor();
        return new Output(exitCode, new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
