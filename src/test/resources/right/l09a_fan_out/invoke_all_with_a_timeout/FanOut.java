package l09a_fan_out;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Right: invokeAll(tasks, timeout) starts every task, waits once for the whole budget, and cancels the ones not done; the futures come back in the tasks' order, and a cancelled one's get() throws CancellationException. */
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
            var tasks = keys.stream().<Callable<V>>map(key -> () -> lookup.lookUp(key)).toList();
            futures.addAll(executor.invokeAll(tasks, deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
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
        } catch (TimeoutException | CancellationException e) {
            return new Outcome.TimedOut<>();
        }
    }
}
