package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/**
 * A cache that one thread fills while other threads read all of it at once.
 *
 * <p>Every access to {@code entries} holds the cache's own lock, reads included: a reader that
 * skipped it could see the map halfway through a change, and nothing would make the writer's
 * entries visible to it. {@link #snapshot()} copies the map while holding that lock, so the copy is
 * the cache as it was at one moment, and hands out the copy: the caller walks it for as long as it
 * likes, holding no lock and keeping no writer waiting. Only the copying happens inside the lock,
 * never the caller's work. The lock is released however a method ends, by an exception or an
 * {@code Error} too (a key's {@code hashCode()} may throw), because {@code synchronized} does that.
 *
 * <p>The lock is the cache itself ({@code synchronized} on {@code this}): outside code holding the
 * cache could take it too and hold up every reader; a private lock object prevents that. A
 * copy-on-write cache (a volatile reference to a map never changed once published, swapped under a
 * lock) is the other common right answer: its readers take no lock at all.
 */
public class SnapshotCache<K, V> {

    private final Map<K, V> entries = new HashMap<>(); // guarded by this

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized Map<K, V> snapshot() {
        return new HashMap<>(entries);
    }
}
