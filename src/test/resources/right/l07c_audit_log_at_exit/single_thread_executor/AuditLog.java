package l07c_audit_log_at_exit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Right, with an executor: one thread, made by Executors' default factory, so not a daemon, writes
 * the entries in the order they were handed to it. close() hands it one last task, closing the
 * file, and shuts the executor down: the thread finishes every task handed to it before, then ends,
 * and the JVM exits after it. record() and close() hand their tasks over under one private lock,
 * so no entry can follow the task that closes the file. Handing a task to the executor never waits,
 * nor minds an interrupt.
 */
public final class AuditLog implements AutoCloseable {

    /** The disk is slow: writing one entry takes this long. */
    private static final Duration WRITE_TIME = Duration.ofMillis(5);

    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final BufferedWriter out;
    private final Object lock = new Object();
    private boolean closed; // guarded by lock

    /** Opens {@code file}; every recorded entry is written to it, one line each. */
    public AuditLog(Path file) {
        try {
            out = Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
    }

    /** Hands an entry to the writer and returns at once; after close(), throws instead. */
    public void record(String entry) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the audit log is closed; \"" + entry + "\" would never be written");
            }
            writer.execute(() -> write(entry));
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
                writer.execute(this::closeFile);
                writer.shutdown();
            }
        }
    }

    private void write(String entry) {
        try {
            out.write(entry);
            out.newLine();
            Thread.sleep(WRITE_TIME);
        } catch (IOException | InterruptedException e) {
            System.err.println("audit-writer could not write \"" + entry + "\": " + e);
        }
    }

    private void closeFile() {
        try {
            out.close();
        } catch (IOException e) {
            System.err.println("audit-writer could not close the file: " + e);
        }
    }
}
