package workbook.runner.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What watch mode hands to the next JVM when it ends to restart: the exercise it showed and the
 * screen text of its last verdict.
 *
 * <p>A check whose threads outlive its tests and ignore the interrupt cannot be stopped in the JVM
 * that ran it: they would keep its cores busy for every verdict after it. So watch mode writes this
 * note and exits with {@link #EXIT_CODE}; the launchers ({@code workbook}, {@code workbook.cmd})
 * start the runner again with the same arguments, and the fresh watch mode takes the note: it shows
 * the same exercise and verdict without checking again (that would start the same threads), and
 * checks at the next save. Exercises and progress are on disk and are not touched.
 */
public record WatchRestart(String exercise, String verdictScreen) {

    /** The exit code the launchers start the runner again on (EX_TEMPFAIL of sysexits.h). */
    public static final int EXIT_CODE = 75;

    static Path file(Path root) {
        return root.resolve("target").resolve("workbook").resolve("watch-restart.txt");
    }

    /** Writes the note for the next JVM, under {@code target/workbook/}. */
    void save(Path root) {
        var file = file(root);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, exercise + "\n" + verdictScreen, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + " for the restart of watch mode", e);
        }
    }

    /** The note a restarting watch mode left, removed as it is read; empty on an ordinary start. */
    static Optional<WatchRestart> take(Path root) {
        var file = file(root);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            var text = Files.readString(file, StandardCharsets.UTF_8);
            Files.delete(file);
            int end = text.indexOf('\n');
            return end < 0 ? Optional.empty() : Optional.of(new WatchRestart(text.substring(0, end), text.substring(end + 1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
