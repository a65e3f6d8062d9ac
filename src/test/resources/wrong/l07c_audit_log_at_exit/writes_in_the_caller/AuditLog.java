package l07c_audit_log_at_exit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Wrong: with no writer thread nothing is lost at exit, but every record() makes its caller wait for the slow disk. */
public final class AuditLog implements AutoCloseable {

    /** The disk is slow: writing one entry takes this long. */
    private static final Duration WRITE_TIME = Duration.ofMillis(5);

    private final BufferedWriter out;
    private boolean closed; // guarded by this

    public AuditLog(Path file) {
        try {
            out = Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void record(String entry) {
        if (closed) {
            throw new IllegalStateException("the audit log is closed");
        }
        try {
            out.write(entry);
            out.newLine();
            Thread.sleep(WRITE_TIME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
