package l07c_audit_log_at_exit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, the other shape: the writer stays a daemon, and close() waits until it has written every
 * entry, so nothing is left for the JVM to drop. An interrupt does not end the wait (the work must
 * still be done); it is remembered and set again once the writer is done. A ReentrantLock makes
 * the closed check and the end marker one step with record()'s check and add; lock() is not
 * interruptible, so an interrupted caller can still record.
 */
public final class AuditLog implements AutoCloseable {

    /** The disk is slow: writing one entry takes this long. */
    private static final Duration WRITE_TIME = Duration.ofMillis(5);

    /** Put in the queue after the last entry: the writer writes every entry before it, then ends. */
    private static final Entry END = new Entry("");

    private record Entry(String text) {}

    private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed; // guarded by lock
    private final Thread writer;

    /** Starts the writer, which writes every recorded entry to {@code file}, one line each. */
    public AuditLog(Path file) {
        writer = new Thread(() -> writeUntilEnd(file), "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Hands an entry to the writer and returns at once; after close(), throws instead. */
    public void record(String entry) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the audit log is closed; \"" + entry + "\" would never be written");
            }
            pending.add(new Entry(entry));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Says that no more entries will come. Every entry recorded before must still reach the file,
     * even when the program's {@code main} returns right after calling close(), and even when the
     * caller has been interrupted. A second call does nothing.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                pending.add(END);
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
