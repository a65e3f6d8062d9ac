package workbook.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A call that the test makes with no other thread using the object, so that it must finish: made
 * on a thread of its own, and failed at once, with a message that says so, when that thread
 * waits inside the object's code and stays there.
 *
 * <p>Called from the test's own thread, a method that blocks for ever (a semaphore made with no
 * permits, a lock that an earlier call never released) hangs the test until JUnit's generic
 * timeout ends it with a thread dump. Here the call runs on a daemon thread; a thread that is the
 * only user of an object and waits in that object's code waits for itself, since nobody is left to
 * wake it ({@link ThreadWatch#staysWaitingIn}), so the verdict comes within milliseconds, not at a
 * deadline. A call that neither returns nor waits (it spins) fails at the deadline. An assertion
 * that fails inside the call is rethrown as it is, so a test can check results inside it.
 *
 * <pre>{@code
 * var counter = new Counter();
 * RunsAlone.run("increment()", Counter.class, counter::increment);
 * int count = RunsAlone.call("get()", Counter.class, counter::get);
 * }</pre>
 *
 * <p>Memory consistency effects: everything the call did happens-before this method returns.
 */
public final class RunsAlone {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration STEADY = Duration.ofMillis(20);

    private RunsAlone() {}

    /** Makes {@code action} on a thread of its own and returns once it has; see the class comment. */
    public static void run(String what, Class<?> owner, BlockingCall.Action action) {
        call(what, owner, () -> {
            action.run();
            return null;
        });
    }

    /** Makes {@code call} on a thread of its own and returns what it returned; see the class comment. */
    public static <T> T call(String what, Class<?> owner, Callable<T> call) {
        var made = BlockingCall.call("alone", call);
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!made.isDone()) {
            if (ThreadWatch.staysWaitingIn(made.thread(), owner, STEADY)) {
                var report = made.describe();
                made.thread().interrupt();
                throw new AssertionError("""
                        %s was called by one thread with no other thread using the %s, and it waits \
                        inside %s's code, for good.
                        Why: with no other thread around, nothing can ever release what it waits for: \
                        a lock that an earlier call took and never released, or a semaphore with no \
                        permit left. Every lock taken must be released, on every way out.
                        %s""".formatted(what, owner.getSimpleName(), owner.getSimpleName(), report));
            }
            if (System.nanoTime() > end) {
                var report = made.describe();
                made.thread().interrupt();
                throw new AssertionError("%s, called by one thread alone, did not return within %s.%n%s"
                        .formatted(what, Durations.readable(DEADLINE), report));
            }
        }
        try {
            return made.result();
        } catch (AssertionError failure) {
            if (failure.getCause() instanceof AssertionError own) {
                throw own;
            }
            throw failure;
        }
    }
}
