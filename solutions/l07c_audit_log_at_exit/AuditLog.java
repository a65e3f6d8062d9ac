package l07c_audit_log_at_exit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An audit log: who did what, one line per entry, written to a file by a thread of its own so that
 * {@link #record(String)} never makes the caller wait for the disk.
 *
 * <p>The writer is not a daemon: the JVM waits for it, so entries recorded before the program ends
 * are not dropped with it. The flag is set even though main's threads are not daemons anyway: a log
 * created on a daemon thread would otherwise make a daemon writer. A thread the JVM waits for must end by itself, or the program never ends:
 * {@link #close()} puts the end marker in the queue, behind every entry recorded before, and the
 * writer ends once it has written them all (its try-with-resources then flushes and closes the
 * file). close() returns at once; the JVM's exit waits for the writer instead.
 *
 * <p>Also right: keep the writer a daemon and make close() wait for it ({@code writer.join()}) after
 * putting the marker in. Then close() takes as long as the entries still queued.
 */
public class AuditLog {

    /** The disk is slow: writing one entry takes this long. */
    private static final Duration WRITE_TIME = Duration.ofMillis(5);

    /** Put in the queue after the last entry: the writer writes every entry before it, then ends. */
    private static final Entry END = new Entry("");

    private record Entry(String text) {}

    private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
    private final Thread writer;

    /** Starts the writer, which writes every recorded entry to {@code file}, one line each. */
    public AuditLog(Path file) {
        writer = new Thread(() -> writeUntilEnd(file), "audit-writer");
        writer.setDaemon(false);
        writer.start();
    }

    /** Hands an entry to the writer and returns at once. */
    public void record(String entry) {
        pending.add(new Entry(entry));
    }

    /**
     * Says that no more entries will come. Every entry recorded before must still reach the file,
     * even when the program's {@code main} returns right after calling close().
     */
    public void close() {
        pending.add(END);
    }

    private void writeUntilEnd(Path file) {
        try (var out = Files.newBufferedWriter(file)) {
            for (var entry = pending.take(); entry != END; entry = pending.take()) {
                out.write(entry.text());
                out.newLine();
                Thread.sleep(WRITE_TIME);
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("audit-writer stopped early, entries still queued are lost: " + e);
        }
    }
}
