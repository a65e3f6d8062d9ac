package l17b_request_stats;

/** Wrong: volatile makes each read see the last write, but served++ is still a read then a write, and two threads at once lose a count. */
public final class RequestHandler {

    /** The slow backend, such as a database or another service. */
    @FunctionalInterface
    public interface Backend {
        String call(String request) throws Exception;
    }

    /** How many calls of {@link #handle} have ended so far, by returning and by throwing. */
    public record Stats(long served, long failed) {}

    private final Backend backend;
    private volatile long served;
    private volatile long failed;

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
