package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/** Wrong: the map is swapped under a lock but read without one through a plain field, so a reader may never see the swap. */
public class SnapshotCache<K, V> {

    private Map<K, V> entries = Map.of();

    public synchronized void put(K key, V value) {
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
