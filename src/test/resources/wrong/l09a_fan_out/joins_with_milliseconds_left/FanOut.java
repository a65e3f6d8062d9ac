package l09a_fan_out;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Wrong: join(millis left) with no millisecond left is join(0), which waits for ever; a sub-millisecond or spent limit hangs the caller. */
public final class FanOut {

    @FunctionalInterface
    public interface Lookup<K, V> {
        V lookUp(K key) throws Exception;
    }

    public sealed interface Outcome<V> {
        record Found<V>(V value) implements Outcome<V> {}

        record Failed<V>(Throwable cause) implements Outcome<V> {}

        record TimedOut<V>() implements Outcome<V> {}
    }

    private FanOut() {}

    public static <K, V> List<Outcome<V>> lookUpAll(List<K> keys, Lookup<K, V> lookup, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        var results = new AtomicReferenceArray<Outcome<V>>(keys.size());
        var threads = new ArrayList<Thread>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            int slot = i;
            var key = keys.get(i);
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                try {
                    results.set(slot, new Outcome.Found<>(lookup.lookUp(key)));
                } catch (Throwable failure) {
                    results.set(slot, new Outcome.Failed<>(failure));
                }
            }));
        }
        try {
            for (var thread : threads) {
                thread.join(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            }
        } finally {
            threads.forEach(Thread::interrupt);
        }
        var outcomes = new ArrayList<Outcome<V>>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            var outcome = threads.get(i).isAlive() ? null : results.get(i);
            outcomes.add(outcome == null || outcome instanceof Outcome.Failed<V> failed
                    && failed.cause() instanceof InterruptedException ? new Outcome.TimedOut<>() : outcome);
        }
        return outcomes;
    }
}
