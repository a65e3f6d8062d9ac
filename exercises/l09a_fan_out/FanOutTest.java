package l09a_fan_out;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import l09a_fan_out.FanOut.Outcome;
import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.ThreadWatch;

class FanOutTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long after its limit lookUpAll may take to return: cancelling and cleaning up. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** How long a lookup waits for the others it needs running with it: they all start at once, within milliseconds. */
    private static final Duration TOGETHER = Duration.ofMillis(500);
    /** How long past its limit a caller may stay in one wait before it counts as waiting for ever: join(0), say. */
    private static final Duration QUIET = Duration.ofMillis(250);
    /**
     * How long a caller may stay in one wait when every lookup answers (or gives up) within
     * {@link #TOGETHER}: one that waits longer waits for its limit, not for the answers.
     */
    private static final Duration ANSWERED = TOGETHER.plus(QUIET);
    /** How long no new lookup may start, while the caller waits, before the rest count as never started. */
    private static final Duration NO_NEW_START = Duration.ofMillis(500);
    private static final String RAN_ON_THE_CALLER = """
            lookUpAll(...) ran a lookup on the calling thread itself.
            Why: then the caller waits for each lookup in turn, and a lookup that never answers holds it \
            for ever. Run every lookup on a thread of its own (a thread's run() instead of start() runs \
            it on the caller too).""";

    @Test
    @DisplayName("the outcomes come in the order the keys were given, whatever order the lookups finish in")
    void outcomesInTheOrderAsked() throws InterruptedException {
        var finished = IntStream.range(0, 5).mapToObj(i -> new CountDownLatch(1)).toList();
        var gaveUp = new AtomicBoolean();
        FanOut.Lookup<Integer, String> lookup = key -> {
            if (key < 4 && (gaveUp.get() || !finished.get(key + 1).await(TOGETHER.toMillis(), TimeUnit.MILLISECONDS))) {
                gaveUp.set(true);
                throw new IllegalStateException("lookup " + key + " needed lookup " + (key + 1)
                        + " to finish first, and it had not within " + Durations.readable(TOGETHER));
            }
            finished.get(key).countDown();
            return "value of " + key;
        };
        var outcomes = lookUpAllWithin(List.of(0, 1, 2, 3, 4), lookup, Duration.ofSeconds(5), ANSWERED);
        assertThat(outcomes)
                .as("""
                        Outcomes of 5 lookups, each of which finishes only after the next one has.
                        Why: the lookups did not all run at the same time. Start every lookup before you \
                        wait for any answer, each on a thread of its own.""")
                .noneMatch(outcome -> outcome instanceof Outcome.Failed<String>);
        assertThat(outcomes)
                .as("""
                        The outcomes of keys 0 to 4, whose lookups finish last to first.
                        Why: the caller asked in an order, and expects the answers in that order. Keep one \
                        future (or slot) per key, in the keys' order; collecting answers as they arrive \
                        (from a queue, say) gives them in the order they finished.""")
                .containsExactly(found("value of 0"), found("value of 1"), found("value of 2"), found("value of 3"),
                        found("value of 4"));
    }

    @Test
    @DisplayName("every lookup runs at the same time as all the others, however many keys and cores there are")
    void everyLookupRunsAtOnce() throws InterruptedException {
        int keys = Math.max(6, 2 * Runtime.getRuntime().availableProcessors() + 1);
        var started = new CountDownLatch(keys);
        var gaveUp = new AtomicBoolean();
        FanOut.Lookup<Integer, Integer> lookup = key -> {
            started.countDown();
            if (gaveUp.get() || !started.await(TOGETHER.toMillis(), TimeUnit.MILLISECONDS)) {
                gaveUp.set(true);
                throw new IllegalStateException("only " + (keys - started.getCount()) + " of " + keys
                        + " lookups were running at the same time");
            }
            return key;
        };
        var outcomes = lookUpAllWithin(IntStream.range(0, keys).boxed().toList(), lookup, Duration.ofSeconds(5), ANSWERED);
        assertThat(outcomes)
                .as("""
                        The outcomes of %d lookups that each wait until all of them are running.
                        Why: all lookups must be started before any answer is awaited, each on a thread of \
                        its own. A pool with fewer threads than keys (one per core, say) makes the rest \
                        wait their turn; waiting for each answer right after starting its lookup runs them \
                        one after another.""", keys)
                .allMatch(outcome -> outcome instanceof Outcome.Found<Integer>);
    }

    @Test
    @DisplayName("the limit is one budget for the whole call, not one per key")
    void oneBudgetForTheWholeCall() throws InterruptedException {
        var limit = Duration.ofMillis(150);
        var lookups = new NeverAnswering(5);
        long start = System.nanoTime();
        var outcomes = lookUpAllWithin(lookups.keys(), lookups, limit);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis)
                .as("""
                        Milliseconds lookUpAll took for 5 lookups that never answer, with a limit of 150 ms.
                        Why: the limit is for the whole call. Waiting up to the full limit for each key in \
                        turn takes 5 x 150 ms; compute one deadline at the start and wait each time only \
                        for what is left of it.""")
                .isLessThan(600);
        assertThat(elapsedMillis)
                .as("Milliseconds lookUpAll took: it returned before the limit, while every lookup was still running")
                .isGreaterThanOrEqualTo(limit.toMillis() - 10);
        assertThat(outcomes).as("the outcomes of lookups that never answered").containsOnly(new Outcome.TimedOut<>());
        lookups.assertAllCancelled();
    }

    @Test
    @DisplayName("lookUpAll returns as soon as every lookup has answered, not at the limit")
    void returnsOnceAllHaveAnswered() throws InterruptedException {
        long start = System.nanoTime();
        var outcomes = lookUpAllWithin(List.of("a", "b", "c"), String::toUpperCase, Duration.ofSeconds(5), ANSWERED);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(outcomes).as("outcomes of three lookups that answer at once").containsExactly(found("A"), found("B"), found("C"));
        assertThat(elapsedMillis)
                .as("""
                        Milliseconds lookUpAll took for three lookups that answer at once, with a limit of 5 s.
                        Why: the limit is the most the caller waits, not a time to sleep: wait for each \
                        answer (get, join) with the time that is left, and return when all are in.""")
                .isLessThan(2_500);
    }

    @Test
    @DisplayName("a lookup that answers late in the budget, but within it, is found")
    void lateButInTimeIsFound() throws InterruptedException {
        FanOut.Lookup<String, String> lookup = key -> {
            Thread.sleep(200);
            return key;
        };
        var outcomes = lookUpAllWithin(List.of("late"), lookup, Duration.ofMillis(350));
        assertThat(outcomes)
                .as("""
                        The outcome of a lookup that answers after 200 ms, with a limit of 350 ms.
                        Why: the caller gives the lookups the whole limit: wait for the time left until \
                        the deadline, not for a part of it.""")
                .containsExactly(found("late"));
    }

    @Test
    @DisplayName("two calls at the same time do not wait for each other")
    void twoCallsAtOnce() throws InterruptedException {
        var secondReturned = new CountDownLatch(1);
        FanOut.Lookup<String, String> waitsForTheOtherCall = key -> {
            if (!secondReturned.await(2, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other lookUpAll call had not returned within 2 s");
            }
            return key;
        };
        var first = BlockingCall.call("first-caller",
                () -> FanOut.lookUpAll(List.of("first"), waitsForTheOtherCall, Duration.ofSeconds(10)));
        var second = BlockingCall.call("second-caller", () -> {
            var outcomes = FanOut.lookUpAll(List.of("second"), key -> key, Duration.ofSeconds(10));
            secondReturned.countDown();
            return outcomes;
        });
        var whyTogether = """
                Why: lookUpAll may be called by several threads at once, and one call must not wait for \
                another: a lock held while waiting for answers (a synchronized method) makes every other \
                caller wait for this call's slowest lookup.""";
        assertThat(second.awaitResult(Duration.ofSeconds(4), QUIET, "the second call should not wait for the first. " + whyTogether))
                .as("the second call's outcomes").containsExactly(found("second"));
        assertThat(first.awaitResult(Duration.ofSeconds(4), QUIET, "the first call should return once its lookup answered. " + whyTogether))
                .as("""
                        The first call's outcome; its lookup answers once the second call has returned.
                        %s""", whyTogether)
                .containsExactly(found("first"));
    }

    @Test
    @DisplayName("lookups still running at the limit are reported as timed out and cancelled; the others keep their answers")
    void stragglersAreCancelled() throws InterruptedException {
        var stragglers = new NeverAnswering(2);
        FanOut.Lookup<String, String> lookup = key -> key.startsWith("slow") ? stragglers.lookUp(key) : key.toUpperCase();
        var outcomes = lookUpAllWithin(List.of("a", stragglers.keys().get(0), "b", stragglers.keys().get(1)), lookup,
                Duration.ofMillis(200));
        assertThat(outcomes).as("outcomes of two quick lookups and two that never answer, in the order asked")
                .containsExactly(found("A"), new Outcome.TimedOut<>(), found("B"), new Outcome.TimedOut<>());
        stragglers.assertAllCancelled();
    }

    @Test
    @DisplayName("a lookup that throws is reported with its own exception or error as the cause")
    void failuresCarryTheirOwnCause() throws InterruptedException {
        var missing = new IOException("no such key");
        var broken = new LookupError();
        FanOut.Lookup<String, String> lookup = key -> switch (key) {
            case "missing" -> throw missing;
            case "broken" -> throw broken;
            default -> key;
        };
        var outcomes = lookUpAllWithin(List.of("missing", "fine", "broken"), lookup, Duration.ofSeconds(5), ANSWERED);
        assertThat(outcomes)
                .as("""
                        Outcomes of a lookup that throws an IOException, one that works, and one that throws an Error.
                        Why: Future.get wraps what the task threw in an ExecutionException; the lookup's \
                        own exception is its getCause(). And an Error is a failure of its lookup too.""")
                .containsExactly(new Outcome.Failed<>(missing), found("fine"), new Outcome.Failed<>(broken));
    }

    @Test
    @DisplayName("a zero or sub-millisecond limit returns at once, with every unanswered lookup timed out")
    void zeroAndTinyLimits() throws InterruptedException {
        for (var limit : List.of(Duration.ZERO, Duration.ofNanos(500), Duration.ofMillis(-5))) {
            var lookups = new NeverAnswering(3);
            var call = BlockingCall.call("caller", lookups.lookUpAllOnThisThread(limit));
            boolean done = call.awaitDone(GRACE, QUIET);
            assertThat(lookups.ranOnTheCaller).as(RAN_ON_THE_CALLER).isFalse();
            assertThat(done)
                    .as("""
                            lookUpAll with a limit of %d ns went on waiting, in a wait that nothing ended.
                            Why: no time left means do not wait. Careful with conversions: a limit under a \
                            millisecond is 0 in toMillis(), and join(0) or wait(0) waits for ever.""", limit.toNanos())
                    .isTrue();
            assertThat(call.result()).as("outcomes with a limit of %d ns", limit.toNanos()).containsOnly(new Outcome.TimedOut<>());
            lookups.assertAllCancelled();
        }
    }

    @Test
    @DisplayName("interrupted while it waits, lookUpAll throws InterruptedException and cancels every lookup")
    void interruptedWhileWaiting() throws InterruptedException {
        var lookups = new NeverAnswering(3);
        var call = BlockingCall.call("caller", lookups.lookUpAllOnThisThread(Duration.ofSeconds(30)));
        lookups.awaitAllStarted(call.thread());
        call.assertBlocks(DEADLINE, "lookUpAll(...) while no lookup has answered");
        call.interrupt();
        call.assertThrowsInterruptedException(DEADLINE, QUIET, "lookUpAll(...) waiting for lookups that never answer");
        lookups.assertAllCancelled();
    }

    @Test
    @DisplayName("called already interrupted, lookUpAll throws InterruptedException and leaves nothing running")
    void interruptedBeforeTheCall() throws InterruptedException {
        var lookups = new NeverAnswering(3);
        var call = BlockingCall.callInterrupted("caller", lookups.lookUpAllOnThisThread(Duration.ofSeconds(30)));
        call.assertThrowsInterruptedException(DEADLINE, QUIET, "lookUpAll(...) called with the thread's interrupt flag set");
        lookups.assertAllCancelled();
    }

    @Test
    @DisplayName("no keys, no lookups: an empty list at once")
    void noKeys() throws InterruptedException {
        FanOut.Lookup<String, String> lookup = key -> {
            throw new AssertionError("no key was given, yet a lookup ran");
        };
        assertThat(lookUpAllWithin(List.of(), lookup, Duration.ofSeconds(5), ANSWERED)).as("outcomes of no keys").isEmpty();
    }

    /**
     * Calls lookUpAll on a thread of its own, so that an answer which waits for ever fails this
     * test at a deadline (the limit plus 2 s) instead of hanging it.
     */
    private static <K, V> List<Outcome<V>> lookUpAllWithin(List<K> keys, FanOut.Lookup<K, V> lookup, Duration limit)
            throws InterruptedException {
        // No wait of a right answer lasts longer than the limit: one still waiting QUIET after that waits for ever.
        return lookUpAllWithin(keys, lookup, limit, limit.plus(QUIET));
    }

    /** As above, failing as soon as the caller has stayed {@code quiet} in one wait: no right answer waits longer. */
    private static <K, V> List<Outcome<V>> lookUpAllWithin(List<K> keys, FanOut.Lookup<K, V> lookup, Duration limit,
            Duration quiet) throws InterruptedException {
        var caller = new AtomicReference<Thread>();
        var ranOnTheCaller = new AtomicBoolean();
        FanOut.Lookup<K, V> watched = key -> {
            if (Thread.currentThread() == caller.get()) {
                ranOnTheCaller.set(true);
                throw new RanOnTheCaller();
            }
            return lookup.lookUp(key);
        };
        var call = BlockingCall.call("caller", () -> {
            caller.set(Thread.currentThread());
            return FanOut.lookUpAll(keys, watched, limit);
        });
        long start = System.nanoTime();
        boolean done = call.awaitDone(limit.plus(GRACE), quiet);
        assertThat(ranOnTheCaller.get()).as(RAN_ON_THE_CALLER).isFalse();
        if (!done) {
            var where = call.describe();
            call.interrupt();
            throw new AssertionError("""
                    lookUpAll(...) with a limit of %s was still inside %s after it was called.
                    Why: the limit bounds the whole call. A lookup that never answers must not hold the caller: \
                    run each lookup on a thread of its own and wait for it only until the deadline. Careful with \
                    conversions: what is left of a limit can be under a millisecond, and join(0) waits for ever.
                    %s""".formatted(limit.toMillis() + " ms", Durations.readable(Duration.ofNanos(System.nanoTime() - start)), where));
        }
        return call.result();
    }

    private static Outcome<String> found(String value) {
        return new Outcome.Found<>(value);
    }

    /** Thrown by a lookup that finds itself on the caller's thread, to stop the caller there. */
    private static final class RanOnTheCaller extends Error {
        RanOnTheCaller() {
            super("a lookup ran on the thread that called lookUpAll");
        }
    }

    /** An Error of the test's own, thrown by a lookup. */
    private static final class LookupError extends Error {
        LookupError() {
            super("the lookup broke down");
        }
    }

    /**
     * Lookups that never answer: each waits until it is interrupted, and records that it started,
     * that it was interrupted and that it ended, so that a test can check that every lookup that
     * started was cancelled (one cancelled before it started never runs, which is fine).
     */
    private static final class NeverAnswering implements FanOut.Lookup<String, String> {
        private final List<String> keys = new ArrayList<>();
        private final Set<String> started = ConcurrentHashMap.newKeySet();
        private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
        private final Set<String> ended = ConcurrentHashMap.newKeySet();
        private final Map<String, Thread> threads = new ConcurrentHashMap<>();
        private final CountDownLatch never = new CountDownLatch(1);
        private volatile Thread caller;
        private volatile boolean ranOnTheCaller;

        NeverAnswering(int count) {
            for (int i = 0; i < count; i++) {
                keys.add("slow-" + i);
            }
        }

        List<String> keys() {
            return keys;
        }

        /** lookUpAll of these lookups, to be called on the thread that should not run any of them. */
        Callable<List<Outcome<String>>> lookUpAllOnThisThread(Duration limit) {
            return () -> {
                caller = Thread.currentThread();
                return FanOut.lookUpAll(keys, this, limit);
            };
        }

        @Override
        public String lookUp(String key) throws InterruptedException {
            if (Thread.currentThread() == caller) {
                ranOnTheCaller = true;
                throw new RanOnTheCaller();
            }
            threads.put(key, Thread.currentThread());
            started.add(key);
            try {
                never.await(10, TimeUnit.SECONDS);
                return "too late";
            } catch (InterruptedException e) {
                interrupted.add(key);
                throw e;
            } finally {
                ended.add(key);
            }
        }

        private boolean anyWaitsWithoutAnInterrupt() {
            return started.stream().filter(key -> !ended.contains(key)).map(threads::get)
                    .anyMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING && !thread.isInterrupted());
        }

        /**
         * Waits until every lookup has started, or until none has started for {@link #NO_NEW_START}
         * while {@code caller} waits: it waits for an answer before it starts the next lookup.
         */
        void awaitAllStarted(Thread caller) {
            var lastStart = new AtomicLong(System.nanoTime());
            var startedBefore = new AtomicInteger();
            ThreadWatch.pollUntil(DEADLINE, () -> {
                if (ranOnTheCaller || started.size() == keys.size()) {
                    return true;
                }
                long now = System.nanoTime();
                if (started.size() != startedBefore.getAndSet(started.size()) || !isWaiting(caller)) {
                    lastStart.set(now);
                }
                return now - lastStart.get() >= NO_NEW_START.toNanos();
            });
            assertThat(ranOnTheCaller).as(RAN_ON_THE_CALLER).isFalse();
            assertThat(started.size())
                    .as("""
                            How many of %d lookups had started, while lookUpAll(...) waited: %s.
                            Why: every lookup must start at once, each on a thread of its own; waiting for an \
                            answer before starting the next lookup runs them one after another.""", keys.size(), started)
                    .isEqualTo(keys.size());
        }

        private static boolean isWaiting(Thread thread) {
            var state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        }

        /**
         * Waits until every started lookup has ended by an interrupt, or until one is seen waiting
         * with no interrupt on its way, twice in a row: cancelling a lookup sets its thread's flag
         * before lookUpAll returns, so a lookup parked without the flag will never be cancelled.
         */
        void assertAllCancelled() {
            var forgotten = new AtomicInteger();
            ThreadWatch.pollUntil(DEADLINE, () -> ended.containsAll(started)
                    || (anyWaitsWithoutAnInterrupt() ? forgotten.incrementAndGet() : forgotten.getAndSet(0)) > 20);
            var notCancelled = started.stream().filter(key -> !interrupted.contains(key) || !ended.contains(key)).sorted().toList();
            assertThat(notCancelled)
                    .as("""
                            Lookups still running (or ended without an interrupt) 2 s after lookUpAll returned.
                            Why: a lookup nobody waits for any more still holds a thread and a connection. \
                            Cancel it with future.cancel(true), or interrupt its thread; cancelling also \
                            stops a lookup that has not started yet.""")
                    .isEmpty();
        }
    }
}
