package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/** Wrong: two puts at once both copy the same map and each stores its own copy, so one entry is lost. */
public class SnapshotCache<K, V> {

    private volatile Map<K, V> entries = Map.of();

    public void put(K key, V value) {
        var next = new HashMap<>(entries);
        next.put(key, value);
        entries = Map.copyOf(next);
    }

    public V get(K key) {
        return entries.get(key);
    }

    public Map<K, V> snapshot() {
        return entries;
    }
}
