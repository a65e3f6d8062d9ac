package l03a_snapshot_cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Right, with a ConcurrentHashMap and one lock: a get() needs no lock, because a
 * ConcurrentHashMap read is safe during a put and sees every put that has returned. A copy of it
 * is not one moment, though (puts can land in the middle of the copy), so put() and snapshot()
 * hold one lock, and no put happens while a snapshot is being copied.
 */
public class SnapshotCache<K, V> {

    private final Object lock = new Object();
    private final Map<K, V> entries = new ConcurrentHashMap<>(); // changed and copied only while holding lock

    public void put(K key, V value) {
        synchronized (lock) {
            entries.put(key, value);
        }
    }

    public V get(K key) {
        return entries.get(key);
    }

    public Map<K, V> snapshot() {
        synchronized (lock) {
            return Map.copyOf(entries);
        }
    }
}
