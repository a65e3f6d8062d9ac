package l09b_quote_pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A price quote built from two slow services, without a single thread waiting for them.
 *
 * <p>Why this is right: both services are asked before anything waits, and nothing ever waits:
 * {@code thenCombine} runs the multiplication on whichever thread completes the second answer,
 * {@code exceptionally} turns a failure of either answer (or of the multiplication) into the
 * fallback, and {@code completeOnTimeout} completes the quote with the fallback when the limit is
 * up first; a late answer then finds the quote already complete and changes nothing. A service
 * that throws instead of handing back a failed future is turned into a failed future too, so the
 * caller gets the fallback rather than an exception. The caller's thread returns at once, and no
 * thread of any pool is blocked in a {@code join} or {@code get}.
 *
 * <p>Memory consistency effects: what a service did before completing its future happens-before
 * the stages that depend on it run.
 */
public final class QuoteService {

    /** Answers with a product's price, some time later. */
    @FunctionalInterface
    public interface PriceSource {
        CompletableFuture<BigDecimal> priceOf(String product);
    }

    /** Answers with the exchange rate into a currency, some time later. */
    @FunctionalInterface
    public interface RateSource {
        CompletableFuture<BigDecimal> rateTo(String currency);
    }

    private final PriceSource prices;
    private final RateSource rates;

    public QuoteService(PriceSource prices, RateSource rates) {
        this.prices = prices;
        this.rates = rates;
    }

    /**
     * The price of {@code product} in {@code currency}: its price times the rate, both asked for
     * at once. Returns at once; the future completes with {@code fallback} when either service
     * fails, or when the quote is not ready within {@code limit}.
     */
    public CompletableFuture<BigDecimal> quote(String product, String currency, Duration limit, BigDecimal fallback) {
        var price = ask(() -> prices.priceOf(product));
        var rate = ask(() -> rates.rateTo(currency));
        return price.thenCombine(rate, BigDecimal::multiply)
                .exceptionally(failure -> fallback)
                .completeOnTimeout(fallback, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The service's answer, or a failed future when the service throws instead of answering. */
    private static <T> CompletableFuture<T> ask(Supplier<CompletableFuture<T>> service) {
        try {
            return service.get();
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }
}
