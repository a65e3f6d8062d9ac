package l17a_limited_fetcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Right: the turns are tokens in a blocking queue that the fetcher owns (take one before the call, put it back in a finally); invokeAll with the time limit cancels the late tasks, and closing the executor waits for them to end. */
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

    private final BlockingQueue<Object> tokens;

    /** A fetcher for a service that serves at most {@code maxAtOnce} fetches at a time. */
    public Fetcher(int maxAtOnce) {
        tokens = new ArrayBlockingQueue<>(Math.max(1, maxAtOnce));
        for (int i = 0; i < maxAtOnce; i++) {
            tokens.add(new Object());
        }
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
        List<Callable<V>> tasks = keys.stream().<Callable<V>>map(key -> () -> withToken(fetch, key)).toList();
        List<Future<V>> futures;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            futures = executor.invokeAll(tasks, limit.toNanos(), TimeUnit.NANOSECONDS);
        }
        var outcomes = new ArrayList<Outcome<V>>(futures.size());
        for (var future : futures) {
            try {
                outcomes.add(new Outcome.Fetched<>(future.get()));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome.Failed<>(e.getCause()));
            } catch (CancellationException e) {
                outcomes.add(new Outcome.TimedOut<>());
            }
        }
        return outcomes;
    }

    private <K, V> V withToken(Fetch<K, V> fetch, K key) throws Exception {
        var token = tokens.take();
        try {
            return fetch.fetch(key);
        } finally {
            tokens.put(token);
        }
    }
}
