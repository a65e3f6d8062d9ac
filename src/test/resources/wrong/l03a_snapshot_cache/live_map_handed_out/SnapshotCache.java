package l03a_snapshot_cache;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Wrong: a read-only view is still the live map; the caller walks it outside the lock while the writer changes it. */
public class SnapshotCache<K, V> {

    private final Map<K, V> entries = new HashMap<>();

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized Map<K, V> snapshot() {
        return Collections.unmodifiableMap(entries);
    }
}
