package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/** Wrong: put() holds the lock but the readers do not, so the writer changes the map while it is read and copied. */
public class SnapshotCache<K, V> {

    private final Map<K, V> entries = new HashMap<>();

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public V get(K key) {
        return entries.get(key);
    }

    public Map<K, V> snapshot() {
        return new HashMap<>(entries);
    }
}
