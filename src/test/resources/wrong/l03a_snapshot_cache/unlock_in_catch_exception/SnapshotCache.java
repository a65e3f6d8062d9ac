package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: the lock is released on an Exception but not on an Error, which then leaves it held for ever. */
public class SnapshotCache<K, V> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<K, V> entries = new HashMap<>();

    public void put(K key, V value) {
        lock.lock();
        try {
            entries.put(key, value);
        } catch (Exception e) {
            lock.unlock();
            throw e;
        }
        lock.unlock();
    }

    public V get(K key) {
        lock.lock();
        try {
            return entries.get(key);
        } finally {
            lock.unlock();
        }
    }

    public Map<K, V> snapshot() {
        lock.lock();
        try {
            return new HashMap<>(entries);
        } finally {
            lock.unlock();
        }
    }
}
