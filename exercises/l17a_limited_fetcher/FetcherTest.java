package l17a_limited_fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import l17a_limited_fetcher.Fetcher.Outcome;
import workbook.testkit.BlockingCall;
import workbook.testkit.NoThreadLeaks;
import workbook.testkit.ThreadWatch;

/**
 * The fetches of these tests are the limited service: each counts itself in and out of one
 * {@link workbook.testkit.Occupancy} region, so the tests read how many were inside at once while
 * the fetcher runs. Keys say how a fetch behaves: {@code held-…} waits until the test opens the
 * service, {@code slow-…} never answers until interrupted (and then takes 50 ms to hang up, so a
 * fetcher that returns without waiting for its cancelled fetches is caught doing it), {@code nap-…}
 * sleeps 4 ms, {@code late-…} 300 ms, {@code error-…} and {@code failing-…} throw an Error or an IOException, any other
 * key answers at once with its upper case.
 */
@ExtendWith(NoThreadLeaks.class)
class FetcherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long after its limit fetchAll may take to return: cancelling, and waiting for the cancelled. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration QUIET = Duration.ofMillis(100);
    /**
     * How long a call whose fetches answer at once may stay in one wait: it is then waiting for
     * something else, a lock another call holds while it waits for its own fetches.
     */
    private static final Duration STUCK = Duration.ofMillis(500);

    private final Service service = new Service();

    @AfterEach
    void closeTheService() {
        service.open();
    }

    @Test
    @DisplayName("ten thousand 4 ms fetches, at most 500 at a time, all answer in order within 2 s")
    void tenThousandSlowFetches() throws InterruptedException {
        var keys = IntStream.range(0, 10_000).mapToObj(i -> "nap-" + i).toList();
        var outcomes = service.fetchAllWithin(new Fetcher(500), keys, Duration.ofSeconds(2));
        assertThat(service.region.max())
                .as("""
                        The most fetches inside the service at once, with a limit of 500.
                        Why: the service serves at most maxAtOnce fetches at a time. Every fetch must take \
                        a turn (a Semaphore permit) before it calls the service and give it back after.""")
                .isLessThanOrEqualTo(500);
        assertSameOutcomes(outcomes, keys.stream().map(key -> fetched(key.toUpperCase())).toList(), """
                The outcomes of 10,000 fetches of 4 ms, 500 at a time (20 rounds, 80 ms), with a limit of \
                2 s, in the order of the keys.""", """
                Why: every fetch that may go in must be running: start a thread per key at once (virtual \
                threads make ten thousand cheap) and let the limit, not the number of threads, decide who \
                waits. A pool with a few threads takes 10,000 x 4 ms / threads. And keep one future (or \
                slot) per key in the keys' order.""");
    }

    @Test
    @DisplayName("as many fetches as the limit run at once, never more, and the others get their turn")
    void reachesTheLimitAndNeverPassesIt() throws InterruptedException {
        var keys = IntStream.range(0, 8).mapToObj(i -> "held-" + i).toList();
        var call = service.fetchAllOnItsOwnThread(new Fetcher(3), keys, Duration.ofSeconds(10));
        service.awaitInside(3, "a fetcher with maxAtOnce = 3 and 8 fetches to make");
        service.assertNoMoreThan(3, "a fetcher with maxAtOnce = 3 and 8 fetches to make");
        service.open();
        assertThat(service.resultOf(call)).as("the outcomes of 8 fetches once the service answers")
                .containsExactlyElementsOf(keys.stream().map(key -> fetched(key.toUpperCase())).toList());
    }

    @Test
    @DisplayName("two calls of one fetcher at the same time share its limit")
    void twoCallsShareTheLimit() throws InterruptedException {
        var fetcher = new Fetcher(3);
        var first = service.fetchAllOnItsOwnThread(fetcher, List.of("held-a0", "held-a1", "held-a2", "held-a3"),
                Duration.ofSeconds(10));
        var second = service.fetchAllOnItsOwnThread(fetcher, List.of("held-b0", "held-b1", "held-b2", "held-b3"),
                Duration.ofSeconds(10));
        service.awaitInside(3, "two calls at once of one fetcher with maxAtOnce = 3");
        service.assertNoMoreThan(3, """
                two calls at once of one fetcher with maxAtOnce = 3. The limit is the service's, and both \
                calls use the same service: a pool or a semaphore made inside fetchAll gives each call \
                its own 3 turns. Keep the turns in a field of the fetcher""");
        service.open();
        assertThat(service.resultOf(first)).as("the first call's outcomes").hasSize(4).allMatch(o -> o instanceof Outcome.Fetched<String>);
        assertThat(service.resultOf(second)).as("the second call's outcomes").hasSize(4).allMatch(o -> o instanceof Outcome.Fetched<String>);
    }

    @Test
    @DisplayName("a call whose fetches have answered returns, while another call of the same fetcher still waits")
    void oneCallDoesNotWaitForAnother() throws InterruptedException {
        var fetcher = new Fetcher(2);
        var waiting = service.fetchAllOnItsOwnThread(fetcher, List.of("slow-0"), Duration.ofSeconds(30));
        service.awaitInside(1, "a call of one fetch that never answers");
        var quick = service.fetchAllOnItsOwnThread(fetcher, List.of("a", "b"), Duration.ofSeconds(30));
        List<Outcome<String>> quickOutcomes;
        try {
            quickOutcomes = quick.awaitResult(DEADLINE, STUCK, """
                    a second call, of two fetches that answer at once, did not return while the first call \
                    of the same fetcher was still waiting for its fetch.
                    Why: the fetcher is shared; a lock held while a call waits for its answers (a \
                    synchronized fetchAll, say) makes every other call wait for the slowest fetch of the \
                    first one. Only the turns of the service are shared.""");
        } catch (AssertionError stuck) {
            // Lets both calls end now, so that the verdict does not wait for threads left running.
            waiting.interrupt();
            throw stuck;
        }
        assertThat(quickOutcomes).as("the second call's outcomes").containsExactly(fetched("A"), fetched("B"));
        waiting.interrupt();
        waiting.assertThrowsInterruptedException(DEADLINE, "fetchAll(...) waiting for a fetch that never answers");
    }

    @Test
    @DisplayName("a fetch that answers late in the limit, but within it, is fetched")
    void lateButInTimeIsFetched() throws InterruptedException {
        assertThat(service.fetchAllWithin(new Fetcher(1), List.of("late-0"), Duration.ofMillis(400)))
                .as("""
                        The outcome of a fetch that answers after 300 ms, with a limit of 400 ms.
                        Why: the caller gives the fetches the whole limit: wait for what is left until the \
                        deadline, not for a part of it.""")
                .containsExactly(fetched("LATE-0"));
    }

    @Test
    @DisplayName("two fetchers side by side each have their own limit")
    void twoFetchersHaveTheirOwnLimits() throws InterruptedException {
        var first = service.fetchAllOnItsOwnThread(new Fetcher(2), List.of("held-a0", "held-a1", "held-a2"),
                Duration.ofSeconds(10));
        var second = service.fetchAllOnItsOwnThread(new Fetcher(2), List.of("held-b0", "held-b1", "held-b2"),
                Duration.ofSeconds(10));
        service.awaitInside(4, """
                two fetchers with maxAtOnce = 2 each, used at the same time. Each fetcher guards its own \
                service: a static field gives every fetcher the same turns""");
        service.open();
        assertThat(service.resultOf(first)).as("the first fetcher's outcomes").hasSize(3);
        assertThat(service.resultOf(second)).as("the second fetcher's outcomes").hasSize(3);
    }

    @Test
    @DisplayName("the outcomes come in the order of the keys, whatever order the fetches finish in")
    void outcomesInTheOrderAsked() throws InterruptedException {
        var finished = IntStream.range(0, 5).mapToObj(i -> new CountDownLatch(1)).toList();
        var gaveUp = new AtomicBoolean();
        Fetcher.Fetch<Integer, String> fetch = key -> {
            if (key < 4 && (gaveUp.get() || !finished.get(key + 1).await(1, TimeUnit.SECONDS))) {
                gaveUp.set(true);
                throw new IllegalStateException("fetch " + key + " needed fetch " + (key + 1)
                        + " to finish first, and it had not within 1 s");
            }
            finished.get(key).countDown();
            return "value of " + key;
        };
        var call = BlockingCall.call("caller", () -> new Fetcher(5).fetchAll(List.of(0, 1, 2, 3, 4), fetch, Duration.ofSeconds(5)));
        assertThat(call.awaitResult(Duration.ofSeconds(6), "fetchAll of 5 fetches that finish last to first"))
                .as("""
                        The outcomes of keys 0 to 4 with maxAtOnce = 5; each fetch finishes only after the next one.
                        Why: the caller expects the answers in the order it asked. Keep one future (or slot) \
                        per key in the keys' order; a list the fetches add to as they finish gets them in \
                        the order they finished, and an ArrayList that many threads add to loses some.""")
                .containsExactly(fetched("value of 0"), fetched("value of 1"), fetched("value of 2"),
                        fetched("value of 3"), fetched("value of 4"));
    }

    @Test
    @DisplayName("a fetch that throws an exception or an Error is reported with its own cause, and gives its turn back")
    void failuresGiveTheirTurnBack() throws InterruptedException {
        var keys = List.of("error-0", "failing-0", "error-1", "fine-0", "failing-1", "error-2", "failing-2", "fine-1");
        var outcomes = service.fetchAllWithin(new Fetcher(2), keys, Duration.ofMillis(500));
        assertThat(outcomes)
                .as("""
                        The outcomes of 8 fetches, 3 throwing an Error and 3 an IOException, 2 at a time, \
                        within 500 ms.
                        Why: a fetch that fails must still give its turn back, or after two failures no \
                        turn is left and the rest wait until the limit (TimedOut). Release in a finally \
                        block: a release in catch (Exception) misses an Error. And report the fetch's own \
                        exception, the cause of the ExecutionException.""")
                .containsExactly(new Outcome.Failed<>(service.errorOf("error-0")), new Outcome.Failed<>(service.failureOf("failing-0")),
                        new Outcome.Failed<>(service.errorOf("error-1")), fetched("FINE-0"),
                        new Outcome.Failed<>(service.failureOf("failing-1")), new Outcome.Failed<>(service.errorOf("error-2")),
                        new Outcome.Failed<>(service.failureOf("failing-2")), fetched("FINE-1"));
    }

    @Test
    @DisplayName("at the limit, fetches still running or waiting for a turn are timed out, cancelled and ended")
    void stragglersAreCancelledAndEnded() throws InterruptedException {
        var limit = Duration.ofMillis(120);
        var keys = List.of("slow-0", "slow-1", "slow-2", "slow-3");
        long start = System.nanoTime();
        var outcomes = service.fetchAllWithin(new Fetcher(2), keys, limit);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(outcomes).as("the outcomes of 4 fetches that never answer, 2 at a time").containsOnly(new Outcome.TimedOut<>());
        assertThat(elapsedMillis)
                .as("""
                        Milliseconds fetchAll took for 4 fetches that never answer, 2 at a time, with a limit \
                        of 120 ms (cancelled fetches take 50 ms to end).
                        Why: the limit is one budget for the whole call: compute one deadline and wait each \
                        time for what is left of it, not the whole limit per key.""")
                .isBetween(limit.toMillis() - 10, 420L);
        service.assertEveryStartedFetchWasInterrupted();
    }

    @Test
    @DisplayName("fetches that answer in time keep their answers beside the ones that time out")
    void answersBesideTimeouts() throws InterruptedException {
        var outcomes = service.fetchAllWithin(new Fetcher(4), List.of("a", "slow-0", "b", "slow-1"), Duration.ofMillis(100));
        assertThat(outcomes).as("the outcomes of two quick fetches and two that never answer, in the order asked")
                .containsExactly(fetched("A"), new Outcome.TimedOut<>(), fetched("B"), new Outcome.TimedOut<>());
        service.assertEveryStartedFetchWasInterrupted();
    }

    @Test
    @DisplayName("a zero, negative or sub-millisecond limit returns at once, every unanswered fetch timed out")
    void zeroAndTinyLimits() throws InterruptedException {
        var limits = List.of(Duration.ZERO, Duration.ofNanos(500), Duration.ofMillis(-5));
        // Side by side, each on a service of its own: each call waits 50 ms for its cancelled fetches to hang up.
        var services = limits.stream().map(limit -> new Service()).toList();
        var calls = IntStream.range(0, limits.size())
                .mapToObj(i -> services.get(i).fetchAllOnItsOwnThread(new Fetcher(2), List.of("slow-0", "slow-1", "slow-2"), limits.get(i)))
                .toList();
        for (int i = 0; i < limits.size(); i++) {
            var outcomes = services.get(i).resultWithin(calls.get(i), limits.get(i));
            assertThat(outcomes).as("outcomes with a limit of %d ns", limits.get(i).toNanos()).containsOnly(new Outcome.TimedOut<>());
            services.get(i).assertEveryStartedFetchWasInterrupted();
        }
    }

    @Test
    @DisplayName("interrupted while it waits, fetchAll throws InterruptedException and leaves no fetch running")
    void interruptedWhileWaiting() throws InterruptedException {
        var call = service.fetchAllOnItsOwnThread(new Fetcher(2), List.of("slow-0", "slow-1", "slow-2", "slow-3"),
                Duration.ofSeconds(30));
        service.awaitInside(2, "a fetcher with maxAtOnce = 2 and 4 fetches that never answer");
        call.assertBlocks(DEADLINE, "fetchAll(...) while no fetch has answered");
        call.interrupt();
        call.assertThrowsInterruptedException(DEADLINE, "fetchAll(...) waiting for fetches that never answer");
        service.assertNothingInside("fetchAll threw InterruptedException");
        service.assertEveryStartedFetchWasInterrupted();
    }

    @Test
    @DisplayName("called already interrupted, fetchAll throws InterruptedException and leaves no fetch running")
    void interruptedBeforeTheCall() throws InterruptedException {
        var fetcher = new Fetcher(2);
        var keys = List.of("slow-0", "slow-1", "slow-2");
        var call = BlockingCall.callInterrupted("caller", service.fetchAllOnThisThread(fetcher, keys, Duration.ofSeconds(30)));
        call.assertThrowsInterruptedException(DEADLINE, "fetchAll(...) called with the thread's interrupt flag set");
        service.assertNothingInside("fetchAll threw InterruptedException");
        service.assertEveryStartedFetchWasInterrupted();
    }

    @Test
    @DisplayName("no keys: an empty list at once")
    void noKeys() throws InterruptedException {
        assertThat(service.fetchAllWithin(new Fetcher(1), List.of(), Duration.ofSeconds(5))).as("the outcomes of no keys").isEmpty();
    }

    /** Names the first outcome that differs, instead of printing two lists of ten thousand. */
    private static void assertSameOutcomes(List<Outcome<String>> actual, List<Outcome<String>> expected, String what, String why) {
        if (actual == null) {
            throw new AssertionError(what + "\nfetchAll returned null.\n" + why);
        }
        int common = Math.min(actual.size(), expected.size());
        int differsAt = 0;
        while (differsAt < common && expected.get(differsAt).equals(actual.get(differsAt))) {
            differsAt++;
        }
        if (differsAt == common && actual.size() == expected.size()) {
            return;
        }
        long timedOut = actual.stream().filter(outcome -> outcome instanceof Outcome.TimedOut<String>).count();
        throw new AssertionError("""
                %s
                %d outcomes for %d keys, %d of them TimedOut; the first that differs is number %d: expected %s, got %s.
                %s""".formatted(what, actual.size(), expected.size(), timedOut, differsAt,
                differsAt < expected.size() ? expected.get(differsAt) : "no outcome",
                differsAt < actual.size() ? actual.get(differsAt) : "no outcome", why));
    }

    private static Outcome<String> fetched(String value) {
        return new Outcome.Fetched<>(value);
    }

    /** Thrown by a fetch that finds itself on a thread that called fetchAll, to stop the caller there. */
    private static final class RanOnTheCaller extends Error {
        RanOnTheCaller() {
            super("a fetch ran on the thread that called fetchAll");
        }
    }

    /** The Error of the test's own that an {@code error-…} fetch throws. */
    private static final class FetchError extends Error {
        FetchError(String key) {
            super("the fetch of " + key + " broke down");
        }
    }

    /** The limited service: see the class comment for what each kind of key does. */
    private static final class Service implements Fetcher.Fetch<String, String> {
        private static final String RAN_ON_THE_CALLER = """
                fetchAll(...) ran a fetch on the calling thread itself.
                Why: then the fetches run one after another, and one that never answers holds the caller \
                for ever. Run each fetch on a thread of its own.""";
        final workbook.testkit.Occupancy region = new workbook.testkit.Occupancy("inside the service");
        private final CountDownLatch opened = new CountDownLatch(1);
        private final CountDownLatch never = new CountDownLatch(1);
        private final Set<Thread> callers = ConcurrentHashMap.newKeySet();
        private final Set<String> started = ConcurrentHashMap.newKeySet();
        private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
        private final Set<String> ended = ConcurrentHashMap.newKeySet();
        private final ConcurrentHashMap<String, Throwable> thrown = new ConcurrentHashMap<>();
        private volatile boolean ranOnTheCaller;

        @Override
        public String fetch(String key) throws Exception {
            if (callers.contains(Thread.currentThread())) {
                ranOnTheCaller = true;
                throw new RanOnTheCaller();
            }
            started.add(key);
            region.enter();
            try {
                return answer(key);
            } catch (InterruptedException e) {
                interrupted.add(key);
                hangUpSlowly();
                throw e;
            } finally {
                ended.add(key);
                region.leave();
            }
        }

        private String answer(String key) throws Exception {
            if (key.startsWith("held-") && !opened.await(10, TimeUnit.SECONDS)
                    || key.startsWith("slow-") && !never.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(key + " waited 10 s and gave up");
            }
            if (key.startsWith("nap-")) {
                Thread.sleep(4);
            }
            if (key.startsWith("late-")) {
                Thread.sleep(300);
            }
            if (key.startsWith("error-")) {
                throw (Error) thrown.computeIfAbsent(key, FetchError::new);
            }
            if (key.startsWith("failing-")) {
                throw (IOException) thrown.computeIfAbsent(key, IOException::new);
            }
            return key.toUpperCase();
        }

        /** A cancelled call takes 50 ms to end, whatever interrupts come meanwhile. */
        private static void hangUpSlowly() {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }

        Throwable errorOf(String key) {
            return thrown.computeIfAbsent(key, FetchError::new);
        }

        Throwable failureOf(String key) {
            return thrown.computeIfAbsent(key, IOException::new);
        }

        void open() {
            opened.countDown();
        }

        Callable<List<Outcome<String>>> fetchAllOnThisThread(Fetcher fetcher, List<String> keys, Duration limit) {
            return () -> {
                callers.add(Thread.currentThread());
                return fetcher.fetchAll(keys, this, limit);
            };
        }

        BlockingCall<List<Outcome<String>>> fetchAllOnItsOwnThread(Fetcher fetcher, List<String> keys, Duration limit) {
            return BlockingCall.call("caller", fetchAllOnThisThread(fetcher, keys, limit));
        }

        /**
         * fetchAll on a thread of its own, failed at the limit plus a second instead of hanging; when
         * it returns, none of its fetches may still be inside the service.
         */
        List<Outcome<String>> fetchAllWithin(Fetcher fetcher, List<String> keys, Duration limit) throws InterruptedException {
            return resultWithin(fetchAllOnItsOwnThread(fetcher, keys, limit), limit);
        }

        /** What {@code call}, a fetchAll with {@code limit} of this service, returned: see {@link #fetchAllWithin}. */
        List<Outcome<String>> resultWithin(BlockingCall<List<Outcome<String>>> call, Duration limit) throws InterruptedException {
            ThreadWatch.pollUntil(limit.plus(GRACE), () -> call.isDone() || ranOnTheCaller);
            assertThat(ranOnTheCaller).as(RAN_ON_THE_CALLER).isFalse();
            var outcomes = call.awaitResult(limit.plus(GRACE), """
                    fetchAll(...) with a limit of %s had not returned 1 s after the limit.
                    Why: the limit bounds the whole call: wait for each fetch only until the deadline, then \
                    cancel the fetches that are late.""".formatted(limit));
            assertNothingInside("fetchAll returned");
            return outcomes;
        }

        List<Outcome<String>> resultOf(BlockingCall<List<Outcome<String>>> call) throws InterruptedException {
            return call.awaitResult(DEADLINE, "fetchAll(...) had not returned 2 s after the service answered every fetch");
        }

        void awaitInside(int count, String situation) {
            ThreadWatch.pollUntil(DEADLINE, () -> ranOnTheCaller || region.inside() >= count);
            assertThat(ranOnTheCaller).as(RAN_ON_THE_CALLER).isFalse();
            assertThat(region.inside())
                    .as("""
                            Fetches inside the service 2 s after the start of %s.
                            Why: while there is work waiting, every free turn must be used: start a thread \
                            per key at once (a pool sized by the cores is too small), and make the limit \
                            maxAtOnce turns, no fewer.""", situation)
                    .isGreaterThanOrEqualTo(count);
        }

        /** Lets whoever could still get in do so for a moment, then checks the most ever inside. */
        void assertNoMoreThan(int limit, String situation) {
            LockSupport.parkNanos(QUIET.toNanos());
            assertThat(region.max())
                    .as("""
                            The most fetches ever inside the service at once, with %s.
                            Why: a fetch takes a turn before it calls the service and gives it back after; \
                            no more than maxAtOnce turns exist.""", situation)
                    .isLessThanOrEqualTo(limit);
        }

        void assertNothingInside(String moment) {
            assertThat(region.inside())
                    .as("""
                            Fetches still inside the service when %s (each cancelled fetch takes 50 ms to hang up).
                            Why: when fetchAll is done, the service must be free for the next caller: cancel \
                            every unfinished fetch (future.cancel(true), or interrupt its thread) and then wait \
                            until they have ended (close the executor, or join the threads).""", moment)
                    .isZero();
        }

        void assertEveryStartedFetchWasInterrupted() {
            assertThat(started.stream().filter(key -> key.startsWith("slow-") && !(interrupted.contains(key) && ended.contains(key))).sorted().toList())
                    .as("""
                            Fetches that never answer and were not cancelled by an interrupt when fetchAll ended.
                            Why: a fetch nobody waits for any more still holds a turn of the service: cancel it.""")
                    .isEmpty();
        }
    }
}
