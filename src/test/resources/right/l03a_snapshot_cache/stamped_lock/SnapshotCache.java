package l03a_snapshot_cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * Right, with a StampedLock: put() holds its write lock, get() and snapshot() its read lock. Not
 * an optimistic read: copying a HashMap that a writer is changing can throw before validate() is
 * reached, so the readers take the real read lock.
 */
public class SnapshotCache<K, V> {

    private final StampedLock lock = new StampedLock();
    private final Map<K, V> entries = new HashMap<>(); // guarded by lock

    public void put(K key, V value) {
        long stamp = lock.writeLock();
        try {
            entries.put(key, value);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public V get(K key) {
        long stamp = lock.readLock();
        try {
            return entries.get(key);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public Map<K, V> snapshot() {
        long stamp = lock.readLock();
        try {
            return new HashMap<>(entries);
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
