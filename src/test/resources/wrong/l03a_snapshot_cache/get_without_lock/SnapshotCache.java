package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/** Wrong: get() "only reads", so it skips the lock, and reads a map that put() may be halfway through changing. */
public class SnapshotCache<K, V> {

    private final Map<K, V> entries = new HashMap<>();

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public V get(K key) {
        return entries.get(key);
    }

    public synchronized Map<K, V> snapshot() {
        return new HashMap<>(entries);
    }
}
