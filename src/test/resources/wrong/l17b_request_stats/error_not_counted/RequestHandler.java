package l17b_request_stats;

import java.util.concurrent.atomic.LongAdder;

/** Wrong: catch (Exception) misses an Error: a request that ended with one is neither served nor failed. */
public final class RequestHandler {

    /** The slow backend, such as a database or another service. */
    @FunctionalInterface
    public interface Backend {
        String call(String request) throws Exception;
    }

    /** How many calls of {@link #handle} have ended so far, by returning and by throwing. */
    public record Stats(long served, long failed) {}

    private final Backend backend;
    private final LongAdder served = new LongAdder();
    private final LongAdder failed = new LongAdder();

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
            served.increment();
            return answer;
        } catch (Exception t) {
            failed.increment();
            throw t;
        }
    }

    /** The counts of the calls that have ended so far; it never waits for the backend. */
    public Stats stats() {
        return new Stats(served.sum(), failed.sum());
    }
}
