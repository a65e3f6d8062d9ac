package l09b_quote_pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Right: orTimeout first, then handle() turns every failure, the TimeoutException included, into the fallback. */
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
                .orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS)
                .handle((quote, failure) -> failure == null ? quote : fallback);
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
