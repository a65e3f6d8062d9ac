package l17a_limited_fetcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Wrong: a pool of maxAtOnce threads made by each call limits that call only; two calls at once let twice as many fetches into the service. */
public final class Fetcher {

    /** One slow call to the limited service. It answers an interrupt by throwing. */
    @FunctionalInterface
    public interface Fetch<K, V> {
        V fetch(K key) throws Exception;
    }

    /** What became of one key's fetch. */
    public sealed interface Outcome<V> {
        /** The fetch returned {@code value}. */
        record Fetched<V>(V value) implements Outcome<V> {}

        /** The fetch threw {@code cause} (its own exception or error, not a wrapper). */
        record Failed<V>(Throwable cause) implements Outcome<V> {}

        /** The fetch had not answered when the time limit was up; it was cancelled. */
        record TimedOut<V>() implements Outcome<V> {}
    }

    private final int maxAtOnce;

    /** A fetcher for a service that serves at most {@code maxAtOnce} fetches at a time. */
    public Fetcher(int maxAtOnce) {
        this.maxAtOnce = maxAtOnce;
    }

    /**
     * Fetches every key, at most {@code maxAtOnce} at a time across all calls of this fetcher,
     * waiting at most {@code limit} for the whole call. Returns one outcome per key, in the order of
     * {@code keys}. When it returns, none of its fetches is still running.
     *
     * @throws InterruptedException when the calling thread is interrupted while it waits; every
     *                              fetch is cancelled first
     */
    public <K, V> List<Outcome<V>> fetchAll(List<K> keys, Fetch<K, V> fetch, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        var futures = new ArrayList<Future<V>>(keys.size());
        try (var executor = Executors.newFixedThreadPool(maxAtOnce)) {
            try {
                for (var key : keys) {
                    futures.add(executor.submit(() -> fetch.fetch(key)));
                }
                var outcomes = new ArrayList<Outcome<V>>(keys.size());
                for (var future : futures) {
                    outcomes.add(outcomeOf(future, deadline));
                }
                return outcomes;
            } finally {
                futures.forEach(future -> future.cancel(true));
            }
        }
    }

    private static <V> Outcome<V> outcomeOf(Future<V> future, long deadline) throws InterruptedException {
        try {
            return new Outcome.Fetched<>(future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            return new Outcome.Failed<>(e.getCause());
        } catch (TimeoutException e) {
            return new Outcome.TimedOut<>();
        }
    }
}
