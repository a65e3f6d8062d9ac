package l17b_request_stats;

/** Wrong: served++ from many threads at once is a read, an add and a write each: two threads write the same number and a count is lost. */
public final class RequestHandler {

    /** The slow backend, such as a database or another service. */
    @FunctionalInterface
    public interface Backend {
        String call(String request) throws Exception;
    }

    /** How many calls of {@link #handle} have ended so far, by returning and by throwing. */
    public record Stats(long served, long failed) {}

    private final Backend backend;
    private long served;
    private long failed;

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
            served++;
            return answer;
        } catch (Throwable t) {
            failed++;
            throw t;
        }
    }

    /** The counts of the calls that have ended so far; it never waits for the backend. */
    public Stats stats() {
        return new Stats(served, failed);
    }
}
