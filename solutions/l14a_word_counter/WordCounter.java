package l14a_word_counter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A word counter that loses no count, can be read at any time, and copies one moment.
 *
 * <p>Each word has a {@link LongAdder}, created once by {@code computeIfAbsent}: the map runs the
 * "is it there? if not, put one" as one step, so two threads that meet a new word at once get the
 * same adder, and {@code increment()} loses nothing however many threads add together. A
 * {@code get} followed by a {@code put} would be two steps even on a concurrent map, and two
 * threads could both store "old count plus one".
 *
 * <p>{@code count()} reads the map and the adder without any lock: both are safe to read while
 * others write, and a read sees every add that finished before it.
 *
 * <p>A copy of a {@code ConcurrentHashMap} made while others write is <em>weakly consistent</em>:
 * it reads each entry as it is when the copy reaches it, so it can hold a later count of one word
 * and an earlier count of another, a state the counter was never in. The snapshot therefore stops
 * the adds while it copies, with a read-write lock used as a shared/exclusive lock: every
 * {@code add} takes it shared (adds still run side by side), the snapshot takes it exclusively (it
 * waits for the adds in progress to finish, and new ones wait for it). With no add in progress,
 * the sums it reads are one moment.
 */
public class WordCounter {

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    /** Shared by every add, exclusive for a snapshot. */
    private final ReadWriteLock moments = new ReentrantReadWriteLock();

    public void add(String word) {
        var shared = moments.readLock();
        shared.lock();
        try {
            counts.computeIfAbsent(word, newWord -> new LongAdder()).increment();
        } finally {
            shared.unlock();
        }
    }

    public long count(String word) {
        var count = counts.get(word);
        return count == null ? 0 : count.sum();
    }

    public Map<String, Long> snapshot() {
        var exclusive = moments.writeLock();
        exclusive.lock();
        try {
            var copy = new HashMap<String, Long>();
            counts.forEach((word, count) -> copy.put(word, count.sum()));
            return copy;
        } finally {
            exclusive.unlock();
        }
    }
}
