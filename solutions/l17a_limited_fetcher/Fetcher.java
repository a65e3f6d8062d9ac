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

/**
 * Thousands of slow calls to a service that serves only a few at a time: all of them started at
 * once, at most {@code maxAtOnce} inside the service, the answers in the order asked, within one
 * time limit for the whole call.
 *
 * <p>Why this is right: every key gets a virtual thread of its own at once (a blocked virtual
 * thread holds no OS thread, so ten thousand are cheap), and the limit is a {@code Semaphore} that
 * belongs to the fetcher, not to one call: two calls at once share the service's {@code maxAtOnce}
 * turns, and two fetchers side by side each have their own. A thread takes a turn just before it
 * calls the service and gives it back in a {@code finally}, so a fetch that throws, an exception or
 * an {@code Error}, does not keep its turn. The futures are kept in the keys' order; each
 * {@code get} waits only for what is left of one deadline. In the end every future is cancelled
 * (interrupting the fetches still running or still waiting for a turn), and closing the executor
 * waits until their threads have ended, so nothing of this call still uses the service when it
 * returns.
 *
 * <p>Memory consistency effects: everything a fetch did happens-before its {@code get} returns.
 */
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
                for (var key : keys) {
                    futures.add(executor.submit(() -> fetchInTurn(fetch, key)));
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
