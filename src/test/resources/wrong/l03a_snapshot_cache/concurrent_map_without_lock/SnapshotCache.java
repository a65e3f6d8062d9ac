package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wrong: each put and each step of the copy is thread-safe, but the copy is not the cache at one moment. */
public class SnapshotCache<K, V> {

    private final Map<K, V> entries = new ConcurrentHashMap<>();

    public void put(K key, V value) {
        entries.put(key, value);
    }

    public V get(K key) {
        return entries.get(key);
    }

    public Map<K, V> snapshot() {
        return new HashMap<>(entries);
    }
}
