package l09a_fan_out;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many slow lookups at once, their answers collected in the order they were asked for, within
 * one time limit for the whole call.
 *
 * <p>Why this is right: every lookup is submitted before any answer is awaited, each on a virtual
 * thread of its own, so they all run at once however many keys there are and however many cores
 * the machine has (a pool sized by the cores would make the rest wait their turn). The futures
 * are kept in the order of the keys, so the outcomes come back in that order whatever order the
 * lookups finish in. The limit is one deadline for the whole call: each {@code get} waits only
 * for the time that is left, never the whole limit again, and a {@code get} with no time left
 * still returns an answer that is already there. {@code ExecutionException} is the future's
 * wrapper; the lookup's own exception is its cause. In the end every future is cancelled with
 * {@code cancel(true)}, which interrupts the lookups still running and does nothing to finished
 * ones, also when the caller was interrupted and the {@code InterruptedException} goes up.
 *
 * <p>Memory consistency effects: everything a lookup did happens-before its {@code get} returns.
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
        long deadline = System.nanoTime() + limit.toNanos();
        var futures = new ArrayList<Future<V>>(keys.size());
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (var key : keys) {
                futures.add(executor.submit(() -> lookup.lookUp(key)));
            }
            var outcomes = new ArrayList<Outcome<V>>(keys.size());
            for (var future : futures) {
                outcomes.add(outcomeOf(future, deadline));
            }
            return outcomes;
        } finally {
            futures.forEach(future -> future.cancel(true));
            executor.shutdown();
        }
    }

    private static <V> Outcome<V> outcomeOf(Future<V> future, long deadline) throws InterruptedException {
        try {
            return new Outcome.Found<>(future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            return new Outcome.Failed<>(e.getCause());
        } catch (TimeoutException e) {
            return new Outcome.TimedOut<>();
        }
    }
}
