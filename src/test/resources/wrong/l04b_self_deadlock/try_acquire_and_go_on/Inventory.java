package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** Wrong: add() and count() carry on without the mutex when it is taken, "by my own thread", though often it is not. */
public class Inventory {

    private final Semaphore mutex = new Semaphore(1);
    private final Map<String, Integer> stock = new HashMap<>();

    public void add(String item, int quantity) {
        boolean acquired = mutex.tryAcquire();
        try {
            stock.merge(item, quantity, Integer::sum);
        } finally {
            if (acquired) {
                mutex.release();
            }
        }
    }

    public void addAll(Map<String, Integer> delivery) {
        mutex.acquireUninterruptibly();
        try {
            delivery.forEach(this::add);
        } finally {
            mutex.release();
        }
    }

    public int count(String item) {
        boolean acquired = mutex.tryAcquire();
        try {
            return stock.getOrDefault(item, 0);
        } finally {
            if (acquired) {
                mutex.release();
            }
        }
    }

    public boolean take(String item, int quantity) {
        mutex.acquireUninterruptibly();
        try {
            if (count(item) < quantity) {
                return false;
            }
            stock.merge(item, -quantity, Integer::sum);
            return true;
        } finally {
            mutex.release();
        }
    }

    public int total() {
        mutex.acquireUninterruptibly();
        try {
            return stock.values().stream().mapToInt(Integer::intValue).sum();
        } finally {
            mutex.release();
        }
    }
}
