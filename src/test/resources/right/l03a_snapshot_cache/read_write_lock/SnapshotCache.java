package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Right, with a read-write lock: put() holds the write lock, which keeps out everyone; get() and
 * snapshot() hold the read lock, which keeps out only writers, so readers do not wait for each
 * other. The snapshot is a copy made under the read lock: the cache at one moment.
 */
public class SnapshotCache<K, V> {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<K, V> entries = new HashMap<>(); // guarded by lock

    public void put(K key, V value) {
        lock.writeLock().lock();
        try {
            entries.put(key, value);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public V get(K key) {
        lock.readLock().lock();
        try {
            return entries.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    public Map<K, V> snapshot() {
        lock.readLock().lock();
        try {
            return new HashMap<>(entries);
        } finally {
            lock.readLock().unlock();
        }
    }
}
