package l17b_request_stats;

/**
 * Handles one request by calling a slow backend, and counts how the calls went. A server calls
 * {@link #handle} from one thread per request (virtual threads since it was moved off its pool of
 * 200 platform threads), and a monitoring page calls {@link #stats} at any time.
 *
 * <p>As shipped, each method is {@code synchronized}: only one request at a time talks to the
 * backend, and the monitoring page waits for it, however many threads the server has.
 */
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
    public synchronized String handle(String request) throws Exception {
        // TODO: count every ending, and never hold a lock while the backend works.
        try {
            String answer = backend.call(request);
            served++;
            return answer;
        } catch (Exception e) {
            failed++;
            throw e;
        }
    }

    /** The counts of the calls that have ended so far; it never waits for the backend. */
    public synchronized Stats stats() {
        return new Stats(served, failed);
    }
}
