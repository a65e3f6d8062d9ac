package l03a_snapshot_cache;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Wrong: the new map is published before the entry goes in, so readers hold a map that is still being changed. */
public class SnapshotCache<K, V> {

    private volatile Map<K, V> entries = new HashMap<>();

    public synchronized void put(K key, V value) {
        var next = new HashMap<>(entries);
        entries = next;
        next.put(key, value);
    }

    public V get(K key) {
        return entries.get(key);
    }

    public Map<K, V> snapshot() {
        return Collections.unmodifiableMap(entries);
    }
}
