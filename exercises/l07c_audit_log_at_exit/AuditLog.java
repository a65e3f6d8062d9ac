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
 * <p>As shipped, the entries recorded just before a program ends never reach the file. The writer is
 * a daemon ("a background task"), and when {@code main} returns the JVM drops it wherever it is,
 * with entries still in its queue and in its buffer.
 *
 * <p>The class is final because its constructor starts a thread that uses {@code this}: a subclass's
 * fields would not be set yet when that thread starts.
 */
public final class AuditLog implements AutoCloseable {

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
        // TODO: may the JVM exit while this thread still has entries to write?
        writer.setDaemon(true);
        writer.start();
    }

    /** Hands an entry to the writer and returns at once; after close(), throws instead. */
    public void record(String entry) {
        // TODO: an entry recorded after close() would never be written: refuse it.
        pending.add(new Entry(entry));
    }

    /**
     * Says that no more entries will come. Every entry recorded before must still reach the file,
     * even when the program's {@code main} returns right after calling close(), and even when the
     * caller has been interrupted. A second call does nothing.
     */
    @Override
    public void close() {
        // TODO: let the writer finish the entries it has, and then end.
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
