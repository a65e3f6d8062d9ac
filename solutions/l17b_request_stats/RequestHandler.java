package l17b_request_stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * Handles one request by calling a slow backend, and counts how the calls went. A server calls
 * {@link #handle} from one thread per request (virtual threads since it was moved off its pool of
 * 200 platform threads), and a monitoring page calls {@link #stats} at any time.
 *
 * <p>Why this is right: nothing is locked while the backend works, so every request talks to it at
 * the same time and {@code stats()} never waits for one (a {@code synchronized} method around the
 * call would make them take turns, and on JDK 21 to 23 it also pins each virtual thread to its
 * carrier while it waits). The counts are {@code LongAdder}s: an increment from many threads at
 * once is never lost, and {@code sum()} sees every increment that ended before it was called. A
 * failure is caught as a {@code Throwable}, so an {@code Error} is counted too, and rethrown as it
 * was: the compiler knows that what the call can throw is an {@code Exception} or unchecked.
 *
 * <p>Memory consistency effects: a call's increment happens-before a {@code stats()} that sees it.
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
        } catch (Throwable t) {
            failed.increment();
            throw t;
        }
    }

    /** The counts of the calls that have ended so far; it never waits for the backend. */
    public Stats stats() {
        return new Stats(served.sum(), failed.sum());
    }
}
