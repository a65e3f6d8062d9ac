package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** Wrong: a refused take() returns before its release(), so the mutex stays taken and every later call waits for ever. */
public class Inventory {

    private final Semaphore mutex = new Semaphore(1);
    private final Map<String, Integer> stock = new HashMap<>(); // guarded by mutex

    public void add(String item, int quantity) {
        mutex.acquireUninterruptibly();
        try {
            addLocked(item, quantity);
        } finally {
            mutex.release();
        }
    }

    public void addAll(Map<String, Integer> delivery) {
        mutex.acquireUninterruptibly();
        try {
            delivery.forEach(this::addLocked);
        } finally {
            mutex.release();
        }
    }

    public int count(String item) {
        mutex.acquireUninterruptibly();
        try {
            return countLocked(item);
        } finally {
            mutex.release();
        }
    }

    public boolean take(String item, int quantity) {
        mutex.acquireUninterruptibly();
        if (countLocked(item) < quantity) {
            return false;
        }
        addLocked(item, -quantity);
        mutex.release();
        return true;
    }

    public int total() {
        mutex.acquireUninterruptibly();
        try {
            return stock.values().stream().mapToInt(Integer::intValue).sum();
        } finally {
            mutex.release();
        }
    }

    /** Only with the mutex held. */
    private void addLocked(String item, int quantity) {
        stock.merge(item, quantity, Integer::sum);
    }

    /** Only with the mutex held. */
    private int countLocked(String item) {
        return stock.getOrDefault(item, 0);
    }
}
