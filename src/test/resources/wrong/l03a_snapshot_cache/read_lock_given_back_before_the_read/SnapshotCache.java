package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Wrong: get() takes the read lock only to see the latest puts, and reads the HashMap after giving
 * it back. Taking the lock does make every earlier put visible, but a put that grows the map while
 * get() is hashing its key empties the table that get() has already read.
 */
public class SnapshotCache<K, V> {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<K, V> entries = new HashMap<>(); // written under the write lock

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
        lock.readLock().unlock();
        return entries.get(key);
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
