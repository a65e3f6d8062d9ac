package l17b_request_stats;

import java.util.concurrent.atomic.AtomicLong;

/** Right: AtomicLong counters, and the ending counted in a finally block from a flag set only after the backend answered, so an Error counts as failed without a catch. */
public final class RequestHandler {

    /** The slow backend, such as a database or another service. */
    @FunctionalInterface
    public interface Backend {
        String call(String request) throws Exception;
    }

    /** How many calls of {@link #handle} have ended so far, by returning and by throwing. */
    public record Stats(long served, long failed) {}

    private final Backend backend;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public RequestHandler(Backend backend) {
        this.backend = backend;
    }

    /**
     * Calls the backend with {@code request} and returns its answer. A call that throws, an
     * exception or an {@code Error}, is counted as failed, and what it threw reaches the caller
     * unchanged.
     */
    public String handle(String request) throws Exception {
        boolean answered = false;
        try {
            String answer = backend.call(request);
            answered = true;
            return answer;
        } finally {
            (answered ? served : failed).incrementAndGet();
        }
    }

    /** The counts of the calls that have ended so far; it never waits for the backend. */
    public Stats stats() {
        return new Stats(served.get(), failed.get());
    }
}
