package l17a_limited_fetcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Thousands of slow calls to a service that serves only a few at a time: all of them started at
 * once, at most {@code maxAtOnce} inside the service, the answers in the order asked, within one
 * time limit for the whole call.
 *
 * <p>As shipped, it fetches one key after another on the caller's thread: ten thousand calls of
 * 10 ms take 100 s, and a call that never answers hangs the caller.
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

    /** A fetcher for a service that serves at most {@code maxAtOnce} fetches at a time. */
    public Fetcher(int maxAtOnce) {
        // TODO: remember the limit in a form that every fetchAll call of this fetcher shares.
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
        // TODO: start a (virtual) thread per key at once, let at most maxAtOnce of them into the
        // service, wait within one deadline, and cancel the rest.
        var outcomes = new ArrayList<Outcome<V>>();
        for (var key : keys) {
            try {
                outcomes.add(new Outcome.Fetched<>(fetch.fetch(key)));
            } catch (Exception e) {
                outcomes.add(new Outcome.Failed<>(e));
            }
        }
        return outcomes;
    }
}
