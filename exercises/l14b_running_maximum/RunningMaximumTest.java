package l14b_running_maximum;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.RaceScenario;
import workbook.testkit.StaleReads;
import workbook.testkit.ThreadWatch;

class RunningMaximumTest {

    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(1);
    /** A compare-and-set loop compares a handful of times at most; a loop past this many never stops. */
    private static final int COMPARES_OF_A_LOOP_THAT_NEVER_STOPS = 10_000;
    /** How many times the stopped offer is stopped again, each time with another offer going through. */
    private static final int STOPS = 3;
    private static final int RACERS = 4;
    private static final int OFFERS_PER_RACER = 300;
    private static final Duration RACE_BUDGET = Duration.ofMillis(200);

    /** In a JVM with the JIT on: a thread keeps calling get() while another thread offers a larger value. */
    static final class GetProbe {
        public static void main(String[] args) {
            StaleReads.watch(new RunningMaximum<>(0, Comparator.<Integer>naturalOrder()), maximum -> maximum.get() > 0,
                    maximum -> maximum.offer(1));
        }
    }

    private final StoppableOrder order = new StoppableOrder();
    private final List<BlockingCall<?>> calls = new ArrayList<>();

    @AfterEach
    void letEveryCallGo() {
        order.endOfTest();
        calls.forEach(BlockingCall::interrupt);
    }

    @Test
    @DisplayName("one thread: a larger value becomes the maximum, a smaller one does not, by the order given")
    void keepsTheLargestByTheGivenOrder() {
        var maximum = new RunningMaximum<>(10, Comparator.<Integer>naturalOrder());
        assertThat(maximum.get()).as("get() before any offer: the initial value").isEqualTo(10);
        maximum.offer(7);
        assertThat(maximum.get()).as("get() after offer(7), with 10 the maximum").isEqualTo(10);
        maximum.offer(12);
        assertThat(maximum.get()).as("get() after offer(12), with 10 the maximum").isEqualTo(12);
        maximum.offer(12);
        maximum.offer(11);
        assertThat(maximum.get()).as("get() after offer(12) and offer(11), with 12 the maximum").isEqualTo(12);

        var smallest = new RunningMaximum<>(10, Comparator.<Integer>reverseOrder());
        smallest.offer(20);
        smallest.offer(3);
        smallest.offer(5);
        assertThat(smallest.get())
                .as("get() after offer(20), offer(3), offer(5), starting from 10, with the order reversed: the "
                        + "maximum is the largest by the comparator given, not by the numbers' own order")
                .isEqualTo(3);
    }

    @Test
    @DisplayName("two RunningMaximum objects side by side keep their own maximum")
    void twoInstancesKeepTheirOwnMaximum() {
        var first = new RunningMaximum<>(0, Comparator.<Integer>naturalOrder());
        var second = new RunningMaximum<>(0, Comparator.<Integer>naturalOrder());
        first.offer(99);
        assertThat(second.get())
                .as("get() of a second RunningMaximum nobody offered anything to, after offer(99) to the first. "
                        + "Why: each object keeps its own maximum; a static field is one for all of them")
                .isEqualTo(0);
    }

    @Test
    @DisplayName("while one offer is stopped in the middle, other offers and get() go through, and the stopped one stores nothing smaller")
    void aStoppedOfferHoldsNobodyUpAndStoresNothingSmaller() throws InterruptedException {
        var maximum = new RunningMaximum<>(0, order);
        var firstStop = order.stopNextCompare();
        var stopped = start("offer(5)", () -> maximum.offer(5));
        assertThat(firstStop.awaitReached(SOON)).as("offer(5) on a maximum of 0 should compare 5 with 0").isTrue();
        int largest = 0;
        var stop = firstStop;
        for (int round = 1; round <= STOPS && stop != null; round++) {
            largest = 7 + round;
            int offered = largest;
            var other = start("offer(" + offered + ")", () -> maximum.offer(offered));
            assertGoesThrough(other, "offer(%d), made while offer(5) is stopped in the middle of its call".formatted(offered));
            assertThat(get(maximum)).as("get() after offer(%d) returned, while offer(5) is still stopped", offered)
                    .isEqualTo(offered);
            var nextStop = order.stopNextCompareOf(firstStop.thread());
            stop.letGo();
            stop = nextStop.awaitReachedOr(stopped, SOON) ? nextStop : null;
        }
        if (stop != null) {
            stop.letGo();
        }
        assertEnds(stopped, "offer(5), let go after offer(%d) had made the maximum %d".formatted(largest, largest));
        assertThat(get(maximum))
                .as("""
                        get() after offer(5) was let go, with %1$d the maximum by then.
                        Why: offer(5) compared 5 with the maximum it had read (0) and was stopped; meanwhile \
                        another thread stored %1$d. Storing 5 now, because 5 > 0, puts a smaller value over a \
                        larger one: check-then-set is two steps. Only a compareAndSet(whatYouRead, 5) is one: it \
                        fails when the maximum is no longer what you compared with, and then you read it and \
                        compare again.""".formatted(largest))
                .isEqualTo(largest);
    }

    @Test
    @DisplayName("an offer whose compare-and-set lost to a smaller offer tries again, and its value is kept")
    void anOfferThatLostTheRaceTriesAgain() throws InterruptedException {
        var maximum = new RunningMaximum<>(0, order);
        var stop = order.stopNextCompare();
        var stopped = start("offer(8)", () -> maximum.offer(8));
        assertThat(stop.awaitReached(SOON)).as("offer(8) on a maximum of 0 should compare 8 with 0").isTrue();
        var other = start("offer(5)", () -> maximum.offer(5));
        assertGoesThrough(other, "offer(5), made while offer(8) is stopped in the middle of its call");
        assertThat(get(maximum)).as("get() after offer(5) returned, while offer(8) is still stopped").isEqualTo(5);
        stop.letGo();
        assertEnds(stopped, "offer(8), let go after offer(5) had made the maximum 5");
        assertThat(get(maximum))
                .as("""
                        get() after offer(8) was let go, with 5 the maximum by then.
                        Why: offer(8) read 0, and before it could store 8 another thread stored 5, so its \
                        compareAndSet(0, 8) failed. A failed compare-and-set means "someone else got there \
                        first", not "done": read the maximum again and try again while 8 is still larger.""")
                .isEqualTo(8);
    }

    @Test
    @DisplayName("four threads offering at once: no offer is lost, and the maximum never goes down")
    void noOfferLostAndNeverDown() {
        RaceScenario.of("offerer", () -> new RunningMaximum<>(-1, order))
                .threads(RACERS)
                .trialDeadline(SOON)
                .eachThread((maximum, index) -> {
                    int lastSeen = -1;
                    for (int k = 0; k < OFFERS_PER_RACER; k++) {
                        int value = index + RACERS * k;
                        maximum.offer(value);
                        int seen = maximum.get();
                        assertThat(seen)
                                .as("""
                                        get() right after offer(%d) returned, in the same thread.
                                        Why: when an offer returns, the maximum must be at least its value. A smaller \
                                        value stored over it (check, then set), or a failed compare-and-set not tried \
                                        again, loses it.""", value)
                                .isGreaterThanOrEqualTo(value);
                        assertThat(seen)
                                .as("get() in one thread, after it had seen %d: the maximum went down. Why: a value "
                                        + "was stored over a larger one that another thread had stored in between", lastSeen)
                                .isGreaterThanOrEqualTo(lastSeen);
                        lastSeen = seen;
                    }
                })
                .afterAllThreads(maximum -> assertThat(maximum.get())
                        .as("get() after %d threads offered every number below %d", RACERS, RACERS * OFFERS_PER_RACER)
                        .isEqualTo(RACERS * OFFERS_PER_RACER - 1))
                .repeatFor(RACE_BUDGET);
    }

    @Test
    @DisplayName("compiled by the JIT, get() in one thread sees a value another thread offered")
    void getSeesAnotherThreadsOffer() {
        StaleReads.assertSeen(GetProbe.class, "get()", "offer(1)");
    }

    private BlockingCall<Void> start(String name, BlockingCall.Action action) {
        var call = BlockingCall.run(name, action);
        calls.add(call);
        return call;
    }

    private Integer get(RunningMaximum<Integer> maximum) throws InterruptedException {
        var call = BlockingCall.call("get()", maximum::get);
        calls.add(call);
        assertGoesThrough(call, "get(), made while an offer is stopped in the middle of its call");
        return call.result();
    }

    /** Fails unless {@code call} ends while another thread's offer stays stopped: it must not wait for that offer. */
    private static void assertGoesThrough(BlockingCall<?> call, String what) throws InterruptedException {
        ThreadWatch.pollUntil(SOON, () -> call.isDone()
                || ThreadWatch.staysWaitingIn(call.thread(), RunningMaximum.class, Duration.ofMillis(20)));
        if (!call.isDone()) {
            boolean waits = ThreadWatch.isWaitingIn(call.thread(), RunningMaximum.class);
            throw new AssertionError("""
                    %s %s.
                    Why: the task asks for no lock. A thread stopped in the middle of offer() (as a thread \
                    can be, by the scheduler, at any moment) must hold nobody up: with a lock, everyone \
                    waits for it; with a compare-and-set loop, the others go on and the stopped one finds \
                    out, when it comes back, that its compare-and-set failed.
                    %s""".formatted(what, waits ? "waited for it (" + call.thread().getState() + ")"
                            : "was still running after " + Durations.readable(SOON) + ", as if it spun waiting for it",
                    call.describe()));
        }
        call.awaitResult(SOON, what + " should have returned");
    }

    /** Fails unless the stopped offer, let go, returns soon, and fast when it loops without end. */
    private void assertEnds(BlockingCall<?> call, String what) throws InterruptedException {
        ThreadWatch.pollUntil(SOON, () -> call.isDone() || order.comparesBy(call.thread()) > COMPARES_OF_A_LOOP_THAT_NEVER_STOPS);
        if (!call.isDone()) {
            throw new AssertionError("""
                    %s had not returned; it has compared %d times so far, and goes on.
                    Why: after a failed compareAndSet, the loop must read the maximum again. Comparing \
                    and setting with the value read before the loop fails for ever, because that value \
                    is gone.
                    %s""".formatted(what, order.comparesBy(call.thread()), call.describe()));
        }
        call.awaitResult(SOON, what + " should have returned");
    }

    /**
     * The natural order of integers, that can stop the next compare made (by any thread, or by a
     * chosen one) until the test lets it go: a thread stopped there has read the maximum and has not
     * stored anything yet, the window a check-then-set loses in. Counts each thread's compares, and
     * once the test is over throws from every compare, which ends a loop that would never stop.
     */
    private static final class StoppableOrder implements Comparator<Integer> {
        private final AtomicReference<Stop> next = new AtomicReference<>();
        private final List<Stop> stops = new ArrayList<>();
        private final java.util.Map<Thread, AtomicInteger> compares = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean over;

        @Override
        public int compare(Integer left, Integer right) {
            if (over) {
                throw new TestOver();
            }
            var self = Thread.currentThread();
            compares.computeIfAbsent(self, thread -> new AtomicInteger()).incrementAndGet();
            var stop = next.get();
            if (stop != null && (stop.of == null || stop.of == self) && next.compareAndSet(stop, null)) {
                stop.hold(self);
            }
            return Integer.compare(left, right);
        }

        synchronized Stop stopNextCompare() {
            return arm(new Stop(null));
        }

        synchronized Stop stopNextCompareOf(Thread thread) {
            return arm(new Stop(thread));
        }

        private Stop arm(Stop stop) {
            stops.add(stop);
            next.set(stop);
            return stop;
        }

        int comparesBy(Thread thread) {
            var count = compares.get(thread);
            return count == null ? 0 : count.get();
        }

        synchronized void endOfTest() {
            over = true;
            next.set(null);
            stops.forEach(Stop::letGo);
        }
    }

    /** One stopped compare: where the test holds an offer, and lets it go. */
    private static final class Stop {
        private final Thread of;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private volatile Thread thread;

        Stop(Thread of) {
            this.of = of;
        }

        void hold(Thread self) {
            thread = self;
            reached.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean awaitReached(Duration deadline) throws InterruptedException {
            return reached.await(deadline.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Waits until this stop is reached (true) or {@code call} has ended without reaching it (false). */
        boolean awaitReachedOr(BlockingCall<?> call, Duration deadline) {
            return ThreadWatch.pollUntil(deadline, () -> reached.getCount() == 0 || call.isDone()) && reached.getCount() == 0;
        }

        Thread thread() {
            return thread;
        }

        void letGo() {
            release.countDown();
        }
    }

    /** Thrown from every compare once the test is over, so that a loop that never stops does stop. */
    private static final class TestOver extends Error {
        TestOver() {
            super("the test is over");
        }
    }
}
