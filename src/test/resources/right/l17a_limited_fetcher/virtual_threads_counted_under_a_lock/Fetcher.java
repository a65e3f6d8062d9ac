package l17a_limited_fetcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Right: a count of fetches inside, guarded by a lock, with a condition to wait for room; one virtual thread per key completes its own future, and in the end every thread is interrupted and joined. */
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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomInside = lock.newCondition();
    private int inside; // guarded by lock

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
        var answers = new ArrayList<CompletableFuture<V>>(keys.size());
        var threads = new ArrayList<Thread>(keys.size());
        try {
            for (var key : keys) {
                var answer = new CompletableFuture<V>();
                answers.add(answer);
                threads.add(Thread.ofVirtual().start(() -> fetchInto(answer, fetch, key)));
            }
            var outcomes = new ArrayList<Outcome<V>>(keys.size());
            for (var answer : answers) {
                try {
                    outcomes.add(new Outcome.Fetched<>(answer.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome.Failed<>(e.getCause()));
                } catch (TimeoutException e) {
                    outcomes.add(new Outcome.TimedOut<>());
                }
            }
            return outcomes;
        } finally {
            threads.forEach(Thread::interrupt);
            for (var thread : threads) {
                thread.join();
            }
        }
    }

    private <K, V> void fetchInto(CompletableFuture<V> answer, Fetch<K, V> fetch, K key) {
        try {
            enter();
            try {
                answer.complete(fetch.fetch(key));
            } finally {
                leave();
            }
        } catch (Throwable t) {
            answer.completeExceptionally(t);
        }
    }

    private void enter() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (inside >= maxAtOnce) {
                roomInside.await();
            }
            inside++;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            inside--;
            roomInside.signal();
        } finally {
            lock.unlock();
        }
    }
}
