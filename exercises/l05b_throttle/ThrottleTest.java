package l05b_throttle;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.Durations;
import workbook.testkit.Occupancy;

class ThrottleTest {

    private static final int LIMIT = 2;
    private static final int CALLERS = 5;
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private static final String WHY_TOO_MANY = """
            a task may run only while its call holds one of the semaphore's permits, from before the \
            task starts until after it ends, and the semaphore starts with exactly maxConcurrentCalls \
            permits. More get in when there are more permits than that, or when a call gives its permit \
            back before its task is over.""";
    private static final String WHY_TOO_FEW = """
            the semaphore should start with maxConcurrentCalls permits, one per slot. Fewer get in when \
            it starts with fewer.""";

    /** A throttle of two, and tasks that stay inside it until the test lets them out. */
    static final class Fixture {
        final Throttle throttle = new Throttle(LIMIT);
        final Occupancy region = new Occupancy("running inside the throttle");
        final AtomicInteger tasksRun = new AtomicInteger();
        final Callable<Void> stayInside = () -> {
            region.stayInside();
            tasksRun.incrementAndGet();
            return null;
        };

        Occupancy.Crowd callers(String name, int count) {
            return region.crowd(name, count, index -> throttle.call(stayInside));
        }
    }

    @Test
    @DisplayName("a call returns its task's result, and throws its task's exception unchanged")
    void aCallHandsBackWhatTheTaskDid() throws Exception {
        var throttle = new Throttle(LIMIT);
        var answer = throttle.call(() -> 42);
        if (answer != 42) {
            throw new AssertionError("call(() -> 42) returned " + answer + "; it must return what the task returned.");
        }
        var failure = new IllegalStateException("the task failed");
        Exception thrown = null;
        try {
            throttle.call(() -> {
                throw failure;
            });
        } catch (Exception e) {
            thrown = e;
        }
        if (thrown != failure) {
            throw new AssertionError("A task threw " + failure + ", and call() threw " + thrown
                    + ". The task's own exception must reach the caller unchanged.");
        }
    }

    @Test
    @DisplayName("two of five callers run at once, never more, never fewer, and all five run in the end")
    void twoOfFiveRunAtOnce() {
        var fixture = new Fixture();
        try (var callers = fixture.callers("caller", CALLERS)) {
            callers.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
            callers.finish(DEADLINE);
        }
        if (fixture.tasksRun.get() != CALLERS) {
            throw new AssertionError("""
                    %d callers called, and only %d of their tasks ran.
                    Why: a caller who finds every slot taken must wait for one, then run its task; \
                    call() may not return without running it.""".formatted(CALLERS, fixture.tasksRun.get()));
        }
    }

    @Test
    @DisplayName("the limit still holds after many calls have come and gone")
    void theLimitHoldsAfterManyCalls() throws Exception {
        var fixture = new Fixture();
        int earlierCalls = 10;
        for (int i = 0; i < earlierCalls; i++) {
            fixture.throttle.call(() -> null);
        }
        try (var callers = fixture.callers("caller", CALLERS)) {
            callers.assertInside(LIMIT, """
                    %d earlier calls, one after another, had come and gone, and the throttle let more \
                    in than it did when it was new: some call gave back more permits than it took. A \
                    Semaphore does not know who holds its permits, so each release() adds one, even a \
                    second release() by the same call. Release exactly once, in finally."""
                    .formatted(earlierCalls), WHY_TOO_FEW);
            callers.finish(DEADLINE);
        }
    }

    @Test
    @DisplayName("a task that throws frees its slot")
    void aTaskThatThrowsFreesItsSlot() throws Exception {
        var fixture = new Fixture();
        try {
            fixture.throttle.call(() -> {
                throw new IllegalStateException("the task failed");
            });
        } catch (IllegalStateException expected) {
            // the task's own failure; what matters is whether its slot came back
        }
        try (var callers = fixture.callers("caller", CALLERS)) {
            callers.assertInside(LIMIT, WHY_TOO_MANY, """
                    an earlier task threw, and its call never gave the permit back, so the throttle is a \
                    slot short for good. Release in a finally block, which runs however the task ends.""");
            callers.finish(DEADLINE);
        }
    }

    @Test
    @DisplayName("a caller interrupted while it waits gets InterruptedException and frees no slot")
    void anInterruptedCallerFreesNoSlot() throws InterruptedException {
        var fixture = new Fixture();
        Queue<String> interrupted = new ConcurrentLinkedQueue<>();
        try (var first = fixture.region.crowd("caller", LIMIT + 1, index -> {
            try {
                fixture.throttle.call(fixture.stayInside);
            } catch (InterruptedException e) {
                interrupted.add(Thread.currentThread().getName());
            }
        })) {
            first.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
            var waiting = first.waitingOutside().getFirst();
            waiting.interrupt();
            if (!waiting.join(DEADLINE)) {
                throw new AssertionError("""
                        %s was interrupted while it waited for a slot, and %s later it was still waiting.
                        Why: acquire() throws InterruptedException when the waiting thread is interrupted; \
                        acquireUninterruptibly() and loops that swallow the interrupt go on waiting."""
                        .formatted(waiting.getName(), Durations.readable(DEADLINE)));
            }
            if (!interrupted.contains(waiting.getName())) {
                throw new AssertionError("%s was interrupted while it waited for a slot, and its call() ended without "
                        .formatted(waiting.getName()) + "throwing InterruptedException. Let acquire()'s InterruptedException through.");
            }
            try (var later = fixture.callers("later", 1)) {
                later.assertInside(LIMIT, """
                        a caller was interrupted while it waited (so it never got a permit), and its call \
                        released one anyway. That happens when acquire() is inside the try whose finally \
                        releases: an acquire that throws then releases too. Acquire first, and start the \
                        try only once you hold the permit.""", WHY_TOO_FEW);
            }
        }
    }
}
