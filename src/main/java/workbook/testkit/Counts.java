package workbook.testkit;

/**
 * Checks on counts that concurrent code must get exactly right, failing with a message that says
 * what went missing and why, in the words of the lessons.
 */
public final class Counts {

    private Counts() {}

    /**
     * Fails unless {@code actual} equals {@code threads × callsPerThread}: each call of
     * {@code operation} must add exactly one.
     */
    public static void assertNoLostUpdates(String operation, int threads, int callsPerThread, long actual) {
        long expected = (long) threads * callsPerThread;
        if (actual == expected) {
            return;
        }
        if (actual < expected) {
            throw new AssertionError("""
                    Lost updates: %d threads called %s %,d times each, so the count should be %,d, \
                    but it is %,d: %,d updates were lost.
                    Why: an update like count++ is three steps: read the value, add one, write it back. \
                    Two threads can both read 6 and both write 7, and one update vanishes. Make the \
                    read-modify-write one indivisible step: do all of it while holding one lock that \
                    every thread uses, or use an atomic operation such as AtomicInteger.incrementAndGet()."""
                    .formatted(threads, operation, callsPerThread, expected, actual, expected - actual));
        }
        throw new AssertionError("""
                Too many updates: %d threads called %s %,d times each, so the count should be %,d, \
                but it is %,d: %,d more than the calls made. Each call must add exactly one."""
                .formatted(threads, operation, callsPerThread, expected, actual, actual - expected));
    }
}
