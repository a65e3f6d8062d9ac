package l17b_request_stats;

/** Right: the lock (this object's monitor) is held only while counting and reading the counts, never while the backend works, so requests run at once and stats() waits only for a count. */
public final class RequestHandler {

    /** The slow backend, such as a database or another service. */
    @FunctionalInterface
    public interface Backend {
        String call(String request) throws Exception;
    }

    /** How many calls of {@link #handle} have ended so far, by returning and by throwing. */
    public record Stats(long served, long failed) {}

    private final Backend backend;
    private long served; // guarded by this
    private long failed; // guarded by this

    public RequestHandler(Backend backend) {
        this.backend = backend;
    }

    /**
     * Calls the backend with {@code request} and returns its answer. A call that throws, an
     * exception or an {@code Error}, is counted as failed, and what it threw reaches the caller
     * unchanged.
     */
    public String handle(String request) throws Exception {
        try {
            String answer = backend.call(request);
            count(true);
            return answer;
        } catch (Throwable t) {
            count(false);
            throw t;
        }
    }

    private synchronized void count(boolean servedIt) {
        if (servedIt) {
            served++;
        } else {
            failed++;
        }
    }

    /** The counts of the calls that have ended so far; it never waits for the backend. */
    public synchronized Stats stats() {
        return new Stats(served, failed);
    }
}
