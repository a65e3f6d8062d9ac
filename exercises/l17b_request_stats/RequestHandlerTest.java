package l17b_request_stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import l17b_request_stats.RequestHandler.Stats;
import workbook.testkit.BlockingCall;
import workbook.testkit.RaceScenario;
import workbook.testkit.RunsAlone;
import workbook.testkit.StaleReads;

/**
 * The requests of these tests come from platform threads that the tests start, on purpose: a lock
 * held while the backend works makes requests take turns on every JDK, which is what the tests
 * check, while whether a virtual thread is also pinned to its carrier meanwhile depends on the JDK
 * (21 to 23 pin inside {@code synchronized}, 24 and later do not), and a verdict must not.
 */
class RequestHandlerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final int REQUESTS_PER_THREAD = 100;

    @Test
    @DisplayName("requests talk to the backend at the same time, however many there are and however many cores")
    void backendCallsRunAtOnce() throws InterruptedException {
        int requests = Math.max(6, 2 * Runtime.getRuntime().availableProcessors() + 1);
        var inTheBackend = new CountDownLatch(requests);
        var gaveUp = new AtomicBoolean();
        var handler = new RequestHandler(request -> {
            inTheBackend.countDown();
            if (gaveUp.get() || !inTheBackend.await(1, TimeUnit.SECONDS)) {
                gaveUp.set(true);
                throw new IllegalStateException("only " + (requests - inTheBackend.getCount()) + " of " + requests
                        + " requests were in the backend at the same time");
            }
            return "answer to " + request;
        });
        var calls = new ArrayList<BlockingCall<String>>();
        for (int i = 0; i < requests; i++) {
            var request = "request-" + i;
            calls.add(BlockingCall.call(request, () -> handler.handle(request)));
        }
        for (int i = 0; i < requests; i++) {
            assertThat(calls.get(i).awaitResult(DEADLINE, """
                    %d requests were handled at once; each backend call waits until all of them are in the \
                    backend. Why: the handler must not hold a lock (a synchronized method, a ReentrantLock) \
                    while the backend works: every other request then waits for it. With virtual threads on \
                    JDK 21 to 23 a synchronized block around a blocking call also pins the carrier thread. \
                    Lock (if at all) only around the counting.""".formatted(requests)))
                    .as("the answer to request-%d", i).isEqualTo("answer to request-" + i);
        }
        assertThat(handler.stats()).as("the stats after %d requests that were all served", requests)
                .isEqualTo(new Stats(requests, 0));
    }

    @Test
    @DisplayName("stats() answers at once while a request is in the backend, and counts it once it ends")
    void statsDoesNotWaitForTheBackend() throws InterruptedException {
        var entered = new CountDownLatch(1);
        var answer = new CountDownLatch(1);
        var handler = new RequestHandler(request -> {
            entered.countDown();
            if (!answer.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the backend answer");
            }
            return "late answer";
        });
        var slow = BlockingCall.call("slow-request", () -> handler.handle("slow"));
        try {
            assertThat(entered.await(2, TimeUnit.SECONDS)).as("the backend was called within 2 s of handle()").isTrue();
            var stats = BlockingCall.call("monitoring-page", handler::stats);
            assertThat(stats.awaitResult(DEADLINE, QUIET, """
                    stats() was called while one request was in the backend, and it waited.
                    Why: the monitoring page must not wait for the backend. A lock that handle() keeps while \
                    the backend works makes every stats() wait until the slowest request is done."""))
                    .as("the stats while the only request is still in the backend").isEqualTo(new Stats(0, 0));
        } finally {
            answer.countDown();
        }
        assertThat(slow.awaitResult(DEADLINE, "handle() once the backend answered")).isEqualTo("late answer");
        assertThat(RunsAlone.call("stats()", RequestHandler.class, handler::stats))
                .as("the stats once that request was served").isEqualTo(new Stats(1, 0));
    }

    @Test
    @DisplayName("a failing backend call is counted as failed, an Error too, and what it threw reaches the caller unchanged")
    void failuresAreCountedAndPassedOn() {
        var refused = new IOException("connection refused");
        var brokenDown = new BackendError();
        var handler = new RequestHandler(request -> switch (request) {
            case "refused" -> throw refused;
            case "broken" -> throw brokenDown;
            default -> request.toUpperCase();
        });
        assertThat(RunsAlone.call("handle(\"refused\")", RequestHandler.class, () -> thrownBy(handler, "refused")))
                .as("what handle() threw when the backend threw an IOException").isSameAs(refused);
        assertThat(RunsAlone.call("handle(\"broken\")", RequestHandler.class, () -> thrownBy(handler, "broken")))
                .as("what handle() threw when the backend threw an Error").isSameAs(brokenDown);
        assertThat(RunsAlone.call("handle(\"fine\")", RequestHandler.class, () -> handler.handle("fine")))
                .as("the answer after two failures").isEqualTo("FINE");
        assertThat(RunsAlone.call("stats()", RequestHandler.class, handler::stats))
                .as("""
                        The stats after an IOException, an Error and an answer.
                        Why: a request that ends with an Error has failed too: catch (Exception) misses it. \
                        Count in a catch (Throwable) that rethrows, or in a finally block.""")
                .isEqualTo(new Stats(1, 2));
    }

    @Test
    @DisplayName("two handlers side by side keep their own counts")
    void twoHandlersCountApart() {
        var first = new RequestHandler(request -> request);
        var second = new RequestHandler(request -> {
            throw new IOException("down");
        });
        RunsAlone.call("handle() of the first handler", RequestHandler.class, () -> first.handle("a"));
        RunsAlone.call("handle() of the second handler", RequestHandler.class, () -> thrownBy(second, "b"));
        assertThat(RunsAlone.call("stats()", RequestHandler.class, first::stats))
                .as("the first handler's stats; each handler counts its own requests, a static field counts all")
                .isEqualTo(new Stats(1, 0));
        assertThat(RunsAlone.call("stats()", RequestHandler.class, second::stats))
                .as("the second handler's stats").isEqualTo(new Stats(0, 1));
    }

    @Test
    @DisplayName("four threads handling requests at once lose no count, served or failed")
    void noCountIsLost() {
        var refused = new IOException("refused");
        var brokenDown = new BackendError();
        RaceScenario.of("request", () -> new RequestHandler(request -> {
                    if (request.endsWith("0")) {
                        throw refused;
                    }
                    if (request.endsWith("5")) {
                        throw brokenDown;
                    }
                    return request;
                }))
                .threads(4)
                .eachThread((handler, index) -> {
                    for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                        try {
                            handler.handle(index + "-" + i);
                        } catch (IOException | BackendError expected) {
                            // a failure the backend was told to give; the handler counts it
                        }
                    }
                })
                .afterAllThreads(handler -> assertThat(handler.stats())
                        .as("""
                                The stats after 4 threads made %d requests each, one in five failing.
                                Why: served++ is a read, an add and a write; two threads that do it at once \
                                can both write the same number, and one count is lost (volatile does not \
                                help). Use a LongAdder or AtomicLong, or count under a lock.""", REQUESTS_PER_THREAD)
                        .isEqualTo(new Stats(4 * REQUESTS_PER_THREAD * 4 / 5, 4 * REQUESTS_PER_THREAD / 5)))
                .trialDeadline(DEADLINE)
                .repeatFor(Duration.ofMillis(200));
    }

    /** Run in a child JVM with the JIT on: one thread spins on stats() until another thread's request shows. */
    static final class StatsProbe {
        public static void main(String[] args) {
            StaleReads.watch(new RequestHandler(request -> request), handler -> handler.stats().served() > 0,
                    handler -> {
                        try {
                            handler.handle("one request");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
    }

    @Test
    @DisplayName("a thread that keeps calling stats() sees a request that another thread served meanwhile")
    void statsSeesARequestServedMeanwhile() {
        StaleReads.assertSeen(StatsProbe.class, "stats()", "handle(...)");
    }

    private static Throwable thrownBy(RequestHandler handler, String request) {
        try {
            handler.handle(request);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("handle(\"" + request + "\") returned, though the backend threw");
    }

    /** An Error of the test's own, thrown by the backend. */
    private static final class BackendError extends Error {
        BackendError() {
            super("the backend broke down");
        }
    }
}
