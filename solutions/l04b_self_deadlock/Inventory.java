package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A warehouse's stock, shared by threads that receive deliveries and threads that ship orders.
 *
 * <p>A {@code ReentrantLock} replaces the semaphore. It knows its owner, so when {@code addAll}
 * calls {@code add}, or {@code take} calls {@code count}, the inner call takes the lock again at
 * once (hold count 2) instead of waiting for its own thread. The lock is free for other threads only
 * after the outer method's {@code unlock()}, so nobody sees half a delivery, and a check and the
 * take that follows it stay one step.
 *
 * <p>The other right answer keeps a non-reentrant lock and never takes it twice: the public methods
 * lock, then call private helpers ({@code addLocked}, {@code countLocked}) that assume the lock is
 * held. {@code synchronized} methods work too, as monitors are reentrant.
 */
public class Inventory {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> stock = new HashMap<>(); // guarded by lock

    public void add(String item, int quantity) {
        lock.lock();
        try {
            stock.merge(item, quantity, Integer::sum);
        } finally {
            lock.unlock();
        }
    }

    public void addAll(Map<String, Integer> delivery) {
        lock.lock();
        try {
            delivery.forEach(this::add);
        } finally {
            lock.unlock();
        }
    }

    public int count(String item) {
        lock.lock();
        try {
            return stock.getOrDefault(item, 0);
        } finally {
            lock.unlock();
        }
    }

    public boolean take(String item, int quantity) {
        lock.lock();
        try {
            if (count(item) < quantity) {
                return false;
            }
            stock.merge(item, -quantity, Integer::sum);
            return true;
        } finally {
            lock.unlock();
        }
    }

    public int total() {
        lock.lock();
        try {
            return stock.values().stream().mapToInt(Integer::intValue).sum();
        } finally {
            lock.unlock();
        }
    }
}
