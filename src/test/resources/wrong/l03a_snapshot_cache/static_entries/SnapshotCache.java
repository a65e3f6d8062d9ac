package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/** Wrong: a static map belongs to the class, so every cache in the program reads and writes the same entries. */
public class SnapshotCache<K, V> {

    private static final Map<Object, Object> ENTRIES = new HashMap<>();

    public void put(K key, V value) {
        synchronized (ENTRIES) {
            ENTRIES.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    public V get(K key) {
        synchronized (ENTRIES) {
            return (V) ENTRIES.get(key);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<K, V> snapshot() {
        synchronized (ENTRIES) {
            return (Map<K, V>) new HashMap<>(ENTRIES);
        }
    }
}
