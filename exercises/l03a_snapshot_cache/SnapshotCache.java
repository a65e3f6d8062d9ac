package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/**
 * A cache that one thread fills while other threads read all of it at once.
 *
 * <p>As shipped, {@link #snapshot()} hands out the cache's own map. A reader walking it walks the
 * very map the writer is adding to, and gets a {@code ConcurrentModificationException}, or quietly
 * reads a map caught halfway through a change.
 */
public class SnapshotCache<K, V> {

    private final Map<K, V> entries = new HashMap<>();

    public void put(K key, V value) {
        // TODO: guard every access to entries with one lock, this one included.
        entries.put(key, value);
    }

    /** The value stored under {@code key}, or null when there is none. */
    public V get(K key) {
        // TODO: read under the same lock as put().
        return entries.get(key);
    }

    /** Every entry of the cache at one moment, for the caller to walk while the cache goes on changing. */
    public Map<K, V> snapshot() {
        // TODO: return a copy, made while holding the lock, never the cache's own map.
        return entries;
    }
}
