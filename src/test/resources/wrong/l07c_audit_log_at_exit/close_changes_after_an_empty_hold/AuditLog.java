package l07c_audit_log_at_exit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Wrong: close() first waits for a record() already inside the lock (an empty synchronized block),
 * then sets the flag and adds END outside it. A record() that takes the lock just after that empty
 * hold finds the log open, and close() can add END before record() adds its entry, behind END,
 * where nobody writes it: the entry is accepted and lost.
 */
public final class AuditLog implements AutoCloseable {

    /** The disk is slow: writing one entry takes this long. */
    private static final Duration WRITE_TIME = Duration.ofMillis(5);

    /** Put in the queue after the last entry: the writer writes every entry before it, then ends. */
    private static final Entry END = new Entry("");

    private record Entry(String text) {}

    private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private volatile boolean closed;

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
            // waits until a record() in progress has added its entry
        }
        if (!closed) {
            closed = true;
            pending.add(END);
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
