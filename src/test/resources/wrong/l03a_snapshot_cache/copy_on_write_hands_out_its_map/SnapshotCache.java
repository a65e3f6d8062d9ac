package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/** Wrong: the cache never changes a published map, but it hands that map out changeable, and a caller's change is the cache's. */
public class SnapshotCache<K, V> {

    private volatile Map<K, V> entries = new HashMap<>();

    public synchronized void put(K key, V value) {
        var next = new HashMap<>(entries);
        next.put(key, value);
        entries = next;
    }

    public V get(K key) {
        return entries.get(key);
    }

    public Map<K, V> snapshot() {
        return entries;
    }
}
