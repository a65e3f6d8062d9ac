package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/**
 * Right, copy-on-write: the cache's map is never changed once published. put() builds a new map
 * from the current one and swaps it in, under a lock so that two puts cannot lose each other's
 * entry; the field is volatile, so a reader without the lock sees the latest map whole. A snapshot
 * is simply the current map: nobody changes it any more, and Map.copyOf makes it read-only.
 */
public class SnapshotCache<K, V> {

    private final Object writeLock = new Object();
    private volatile Map<K, V> entries = Map.of(); // replaced only while holding writeLock

    public void put(K key, V value) {
        synchronized (writeLock) {
            var next = new HashMap<>(entries);
            next.put(key, value);
            entries = Map.copyOf(next);
        }
    }

    public V get(K key) {
        return entries.get(key);
    }

    public Map<K, V> snapshot() {
        return entries;
    }
}
