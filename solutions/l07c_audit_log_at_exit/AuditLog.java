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
 * created on a daemon thread would otherwise make a daemon writer. A thread the JVM waits for must
 * end by itself, or the program never ends: {@link #close()} puts the end marker in the queue,
 * behind every entry recorded before, and the writer ends once it has written them all (its
 * try-with-resources then flushes and closes the file). close() returns at once; the JVM's exit
 * waits for the writer instead, so an interrupt of the caller changes nothing.
 *
 * <p>{@code closed} and the queue's end are changed together under {@code lock}: without it, a
 * {@code record()} that found the log open could add its entry just after close() added the end
 * marker, and the entry would be accepted and never written. {@code add} never blocks on this
 * unbounded queue (and, unlike {@code put}, does not throw when the caller has been interrupted).
 *
 * <p>The class is final because its constructor starts a thread that uses {@code this}: a subclass's
 * fields would not be set yet when that thread starts. Every field here is set before
 * {@code start()}, and {@code start()} happens-before everything the writer does.
 */
public final class AuditLog implements AutoCloseable {

    /** The disk is slow: writing one entry takes this long. */
    private static final Duration WRITE_TIME = Duration.ofMillis(5);

    /** Put in the queue after the last entry: the writer writes every entry before it, then ends. */
    private static final Entry END = new Entry("");

    private record Entry(String text) {}

    private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private boolean closed; // guarded by lock

    /** Starts the writer, which writes every recorded entry to {@code file}, one line each. */
    public AuditLog(Path file) {
        var writer = new Thread(() -> writeUntilEnd(file), "audit-writer");
        writer.setDaemon(false);
        writer.start();
    }

    /** Hands an entry to the writer and returns at once; after close(), throws instead. */
    public void record(String entry) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the audit log is closed; \"" + entry + "\" would never be written");
            }
            pending.add(new Entry(entry));
        }
    }

    /**
     * Says that no more entries will come. Every entry recorded before must still reach the file,
     * even when the program's {@code main} returns right after calling close(), and even when the
     * caller has been interrupted. A second call does nothing.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                pending.add(END);
            }
        }
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
