package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;

/** Wrong: the writer and the readers each hold a lock, but not the same one, so neither keeps the other out. */
public class SnapshotCache<K, V> {

    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private final Map<K, V> entries = new HashMap<>();

    public void put(K key, V value) {
        synchronized (writeLock) {
            entries.put(key, value);
        }
    }

    public V get(K key) {
        synchronized (readLock) {
            return entries.get(key);
        }
    }

    public Map<K, V> snapshot() {
        synchronized (readLock) {
            return new HashMap<>(entries);
        }
    }
}
