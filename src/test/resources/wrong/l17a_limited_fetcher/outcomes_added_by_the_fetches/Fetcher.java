package l17a_limited_fetcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Wrong: the fetches add their outcomes to a plain ArrayList as they finish: the list is in the order they finished, and threads adding at once lose entries. */
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

    private final Semaphore turns;

    /** A fetcher for a service that serves at most {@code maxAtOnce} fetches at a time. */
    public Fetcher(int maxAtOnce) {
        turns = new Semaphore(maxAtOnce);
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
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                var outcomes = new ArrayList<Outcome<V>>(keys.size());
                for (var key : keys) {
                    futures.add(executor.submit(() -> {
                        V value = fetchInTurn(fetch, key);
                        outcomes.add(new Outcome.Fetched<>(value));
                        return value;
                    }));
                }
                for (var future : futures) {
                    var outcome = outcomeOf(future, deadline);
                    if (!(outcome instanceof Outcome.Fetched<V>)) {
                        outcomes.add(outcome);
                    }
                }
                return outcomes;
            } finally {
                futures.forEach(future -> future.cancel(true));
            }
        }
    }

    private <K, V> V fetchInTurn(Fetch<K, V> fetch, K key) throws Exception {
        turns.acquire();
        try {
            return fetch.fetch(key);
        } finally {
            turns.release();
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
