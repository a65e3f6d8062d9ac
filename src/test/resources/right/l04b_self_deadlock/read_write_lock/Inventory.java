package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Right, with a ReentrantReadWriteLock: readers (count, total) share the read lock, changes take
 * the write lock. Both are reentrant, and the write lock's holder may also take the read lock, so
 * take's call to count and addAll's calls to add go straight in. The other way round would not
 * work: a thread holding only the read lock that asks for the write lock waits for ever.
 */
public class Inventory {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> stock = new HashMap<>(); // guarded by lock

    public void add(String item, int quantity) {
        lock.writeLock().lock();
        try {
            stock.merge(item, quantity, Integer::sum);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void addAll(Map<String, Integer> delivery) {
        lock.writeLock().lock();
        try {
            delivery.forEach(this::add);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int count(String item) {
        lock.readLock().lock();
        try {
            return stock.getOrDefault(item, 0);
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean take(String item, int quantity) {
        lock.writeLock().lock();
        try {
            if (count(item) < quantity) {
                return false;
            }
            stock.merge(item, -quantity, Integer::sum);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int total() {
        lock.readLock().lock();
        try {
            return stock.values().stream().mapToInt(Integer::intValue).sum();
        } finally {
            lock.readLock().unlock();
        }
    }
}
