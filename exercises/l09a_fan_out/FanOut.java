package l09a_fan_out;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many slow lookups at once, their answers collected in the order they were asked for, within
 * one time limit for the whole call.
 *
 * <p>As shipped, it looks the keys up one after another on the caller's thread: five lookups of a
 * second each take five seconds, and a lookup that never answers hangs the caller for ever.
 */
public final class FanOut {

    /** One slow lookup, such as a call to another service. */
    @FunctionalInterface
    public interface Lookup<K, V> {
        V lookUp(K key) throws Exception;
    }

    /** What became of one key's lookup. */
    public sealed interface Outcome<V> {
        /** The lookup returned {@code value}. */
        record Found<V>(V value) implements Outcome<V> {}

        /** The lookup threw {@code cause} (its own exception or error, not a wrapper). */
        record Failed<V>(Throwable cause) implements Outcome<V> {}

        /** The lookup had not answered when the time limit was up; it was cancelled. */
        record TimedOut<V>() implements Outcome<V> {}
    }

    private FanOut() {}

    /**
     * Starts a lookup of every key at the same time, and waits for their answers, at most
     * {@code limit} for the whole call. Returns one outcome per key, in the order of {@code keys}.
     * Lookups still running when the limit is up are cancelled (their threads interrupted).
     *
     * @throws InterruptedException when the calling thread is interrupted while it waits; every
     *                              lookup still running is cancelled first
     */
    public static <K, V> List<Outcome<V>> lookUpAll(List<K> keys, Lookup<K, V> lookup, Duration limit)
            throws InterruptedException {
        // TODO: start every lookup at once, then collect the answers within one time budget,
        // and cancel the lookups that have not answered by then.
        var outcomes = new ArrayList<Outcome<V>>();
        for (var key : keys) {
            try {
                outcomes.add(new Outcome.Found<>(lookup.lookUp(key)));
            } catch (Exception e) {
                outcomes.add(new Outcome.Failed<>(e));
            }
        }
        return outcomes;
    }
}
