package l09b_quote_pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A price quote built from two slow services, without a single thread waiting for them.
 *
 * <p>As shipped, {@link #quote} waits for the price, then asks for the rate and waits again: the
 * caller's thread is stuck for both, one after the other, and a service that never answers holds
 * it for ever.
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
        // TODO: ask both services at once and combine their answers without waiting for them;
        // fall back on a failure of either, and on the time limit.
        var price = prices.priceOf(product).join();
        var rate = rates.rateTo(currency).join();
        return CompletableFuture.completedFuture(price.multiply(rate));
    }
}
