package l09b_quote_pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.ThreadWatch;

class QuoteServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long a correct quote takes, at most, to call a service or to complete once it can. */
    private static final Duration PROMPTLY = Duration.ofSeconds(1);
    private static final Duration NO_LIMIT = Duration.ofSeconds(30);
    private static final BigDecimal FALLBACK = new BigDecimal("-1");

    @Test
    @DisplayName("quote() returns at once, having asked both services, and completes with price x rate once both answer")
    void asksBothAtOnceAndCombines() throws Exception {
        var price = new Service();
        var rate = new Service();
        var quote = quoteReturningAtOnce(price, rate, NO_LIMIT);
        ThreadWatch.pollUntil(PROMPTLY, () -> price.calls() > 0 && rate.calls() > 0);
        assertThat(List.of(price.calls(), rate.calls()))
                .as("""
                        Calls to the price service and to the rate service, before either had answered.
                        Why: the two answers do not depend on each other, so ask for both first and combine \
                        them when both are in (thenCombine). Asking for the rate only once the price has \
                        come (thenCompose) makes the quote wait for the two one after the other.""")
                .containsExactly(1, 1);
        assertThat(quote.isDone()).as("whether the quote was complete before either service answered").isFalse();
        price.answer("20");
        assertThat(quote.isDone()).as("whether the quote was complete with only the price in").isFalse();
        rate.answer("2.1");
        assertThat(valueOf(quote)).as("the quote once the price (20) and the rate (2.1) are in")
                .isEqualByComparingTo("42.0");
    }

    @Test
    @DisplayName("while the services have not answered, no thread waits for them")
    void noThreadWaits() throws Exception {
        var price = new Service();
        var rate = new Service();
        var quote = quoteReturningAtOnce(price, rate, NO_LIMIT);
        ThreadWatch.pollUntil(PROMPTLY, () -> price.calls() > 0 && rate.calls() > 0);
        boolean someoneWaits = ThreadWatch.pollUntil(Duration.ofMillis(300), () -> Thread.getAllStackTraces().keySet()
                .stream().anyMatch(thread -> ThreadWatch.isWaitingIn(thread, QuoteService.class)));
        assertThat(someoneWaits)
                .as("""
                        A thread was waiting inside QuoteService for a service to answer.
                        Why: a join() or get() inside a task of a pool (supplyAsync(() -> ....join())) holds \
                        one of the pool's few threads for as long as the service takes; with slow services, \
                        a few quotes stop the whole pool. Combine the futures instead (thenCombine, \
                        thenApply): the thread that completes an answer runs the next step.""")
                .isFalse();
        price.answer("3");
        rate.answer("2");
        assertThat(valueOf(quote)).as("the quote once the price (3) and the rate (2) are in").isEqualByComparingTo("6");
    }

    @Test
    @DisplayName("a failure of either service, or an exception thrown by one, gives the fallback")
    void failuresGiveTheFallback() throws Exception {
        for (var failing : List.of("price", "rate")) {
            var price = new Service();
            var rate = new Service();
            var quote = quoteReturningAtOnce(price, rate, NO_LIMIT);
            (failing.equals("price") ? price : rate).fail(new IllegalStateException("the " + failing + " service is down"));
            (failing.equals("price") ? rate : price).answer("2");
            assertThat(valueOf(quote))
                    .as("""
                            The quote when the %s service failed (fallback -1).
                            Why: a failure of either answer makes the product impossible: handle it after \
                            combining (exceptionally or handle on the combined future), not on one answer \
                            only.""", failing)
                    .isEqualByComparingTo(FALLBACK);
        }
        var answeringRate = new Service();
        answeringRate.answer("2");
        var service = new QuoteService(product -> {
            throw new IllegalStateException("the price service refused the call");
        }, answeringRate::rateTo);
        var call = BlockingCall.call("caller", () -> service.quote("book", "EUR", NO_LIMIT, FALLBACK));
        assertThat(call.awaitDone(DEADLINE)).as("quote() should return at once").isTrue();
        CompletableFuture<BigDecimal> quote;
        try {
            quote = call.result();
        } catch (AssertionError thrown) {
            throw new AssertionError("""
                    quote() threw when the price service threw instead of answering with a future: %s
                    Why: a service may fail before it hands back a future; quote() must still answer with \
                    the fallback (turn the exception into a failed future).""".formatted(thrown.getCause()), thrown.getCause());
        }
        assertThat(valueOf(quote))
                .as("""
                        The quote when the price service threw instead of answering with a future.
                        Why: a service may fail before it hands back a future; quote() must still answer \
                        with the fallback (turn the exception into a failed future).""")
                .isEqualByComparingTo(FALLBACK);
    }

    @Test
    @DisplayName("a quote not ready within the limit completes with the fallback, at the limit")
    void slowServicesGiveTheFallbackAtTheLimit() throws Exception {
        for (var slow : List.of("both", "price", "rate")) {
            var price = new Service();
            var rate = new Service();
            long start = System.nanoTime();
            var quote = quoteReturningAtOnce(price, rate, Duration.ofMillis(100));
            if (slow.equals("price")) {
                rate.answer("2");
            } else if (slow.equals("rate")) {
                price.answer("2");
            }
            var value = valueOf(quote);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(value)
                    .as("""
                            The quote when %s never answered, with a limit of 100 ms (fallback -1).
                            Why: the limit is for the quote as a whole: completeOnTimeout(fallback, ...) on the \
                            combined future, or orTimeout before the step that turns failures into the \
                            fallback.""", slow.equals("both") ? "neither service" : "the " + slow + " service")
                    .isEqualByComparingTo(FALLBACK);
            assertThat(millis).as("milliseconds until the fallback came, with a limit of 100 ms").isGreaterThanOrEqualTo(90);
            price.answer("5");
            rate.answer("5");
            assertThat(valueOf(quote)).as("the quote, after the services answered too late").isEqualByComparingTo(FALLBACK);
        }
    }

    @Test
    @DisplayName("a zero or sub-millisecond limit gives the fallback at once")
    void zeroAndTinyLimits() throws Exception {
        for (var limit : List.of(Duration.ZERO, Duration.ofNanos(500))) {
            var quote = quoteReturningAtOnce(new Service(), new Service(), limit);
            assertThat(valueOf(quote)).as("the quote with a limit of %d ns", limit.toNanos()).isEqualByComparingTo(FALLBACK);
        }
    }

    private static CompletableFuture<BigDecimal> quoteReturningAtOnce(Service price, Service rate, Duration limit)
            throws InterruptedException {
        var service = new QuoteService(price::priceOf, rate::rateTo);
        var call = BlockingCall.call("caller", () -> service.quote("book", "EUR", limit, FALLBACK));
        boolean returned = ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || ThreadWatch.isWaitingIn(call.thread(), QuoteService.class));
        assertThat(returned && call.isDone())
                .as("""
                        quote() waited for the services instead of returning.
                        Why: quote() hands back a future at once; whoever completes the services' futures \
                        runs the rest. A join() or get() in quote() makes the caller wait for the services.""")
                .isTrue();
        var quote = call.result();
        assertThat(quote).as("the future quote() returned").isNotNull();
        return quote;
    }

    /** The value the quote completes with, within 1 s; fails saying what it did instead. */
    private static BigDecimal valueOf(CompletableFuture<BigDecimal> quote) throws InterruptedException {
        try {
            return quote.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("""
                    The quote was still not complete 1 s later.
                    Why: every path must end: both answers in, a failure (the fallback), or the limit (the \
                    fallback). A time limit on one answer only, or none at all, leaves it open for ever.""");
        } catch (ExecutionException e) {
            throw new AssertionError("""
                    The quote completed with an exception, %s, instead of a value.
                    Why: the caller asked for a price or the fallback: turn every failure of the services, \
                    and the timeout, into the fallback.""".formatted(e.getCause()), e.getCause());
        }
    }

    /**
     * Fails every answer a test left open, so that a thread a wrong answer left waiting for one
     * (in a join, say) ends with the test instead of waiting for ever.
     */
    @AfterEach
    void failTheAnswersLeftOpen() {
        Service.OPEN.forEach(answer -> answer.completeExceptionally(new IllegalStateException("the test is over")));
        Service.OPEN.clear();
    }

    /** A service the test answers by hand, counting the calls it gets. */
    private static final class Service {
        static final Queue<CompletableFuture<BigDecimal>> OPEN = new ConcurrentLinkedQueue<>();
        private final AtomicInteger calls = new AtomicInteger();
        private final CompletableFuture<BigDecimal> answer = new CompletableFuture<>();

        Service() {
            OPEN.add(answer);
        }

        CompletableFuture<BigDecimal> priceOf(String product) {
            calls.incrementAndGet();
            return answer;
        }

        CompletableFuture<BigDecimal> rateTo(String currency) {
            calls.incrementAndGet();
            return answer;
        }

        int calls() {
            return calls.get();
        }

        void answer(String value) {
            answer.complete(new BigDecimal(value));
        }

        void fail(Throwable failure) {
            answer.completeExceptionally(failure);
        }
    }
}
