package l07c_audit_log_at_exit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CountDownLatch;

/**
 * Right, with a virtual thread and a latch: a virtual thread is always a daemon, so close() waits on
 * a latch the writer counts down once it has written everything and closed the file. The wait
 * goes on through interrupts, which are set again afterwards. A Semaphore(1) is the mutex around the
 * closed check and the queue's end; acquireUninterruptibly(), because an interrupted caller must
 * still be able to record and close.
 */
public final class AuditLog implements AutoCloseable {

    /** The disk is slow: writing one entry takes this long. */
    private static final Duration WRITE_TIME = Duration.ofMillis(5);

    /** Put in the queue after the last entry: the writer writes every entry before it, then ends. */
    private static final Entry END = new Entry("");

    private record Entry(String text) {}

    private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
    private final Semaphore mutex = new Semaphore(1);
    private final CountDownLatch written = new CountDownLatch(1);
    private boolean closed; // guarded by mutex

    /** Starts the writer, which writes every recorded entry to {@code file}, one line each. */
    public AuditLog(Path file) {
        Thread.ofVirtual().name("audit-writer").start(() -> {
            try {
                writeUntilEnd(file);
            } finally {
                written.countDown();
            }
        });
    }

    /** Hands an entry to the writer and returns at once; after close(), throws instead. */
    public void record(String entry) {
        mutex.acquireUninterruptibly();
        try {
            if (closed) {
                throw new IllegalStateException("the audit log is closed; \"" + entry + "\" would never be written");
            }
            pending.add(new Entry(entry));
        } finally {
            mutex.release();
        }
    }

    /**
     * Says that no more entries will come. Every entry recorded before must still reach the file,
     * even when the program's {@code main} returns right after calling close(), and even when the
     * caller has been interrupted. A second call does nothing.
     */
    @Override
    public void close() {
        mutex.acquireUninterruptibly();
        try {
            if (!closed) {
                closed = true;
                pending.add(END);
            }
        } finally {
            mutex.release();
        }
        boolean interrupted = false;
        while (true) {
            try {
                written.await();
                break;
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
