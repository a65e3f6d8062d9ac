package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Wrong: addAll() holds only the read lock, and add() then asks for the write lock, which waits for every reader, its own thread too. */
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
        lock.readLock().lock();
        try {
            delivery.forEach(this::add);
        } finally {
            lock.readLock().unlock();
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
