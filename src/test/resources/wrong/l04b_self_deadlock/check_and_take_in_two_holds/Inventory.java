package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** Wrong: take() checks under one hold of the mutex and takes under another, so another buyer can take the last item in between. */
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
        int inStock;
        mutex.acquireUninterruptibly();
        try {
            inStock = countLocked(item);
        } finally {
            mutex.release();
        }
        if (inStock < quantity) {
            return false;
        }
        mutex.acquireUninterruptibly();
        try {
            addLocked(item, -quantity);
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

    /** Only with the mutex held. */
    private void addLocked(String item, int quantity) {
        stock.merge(item, quantity, Integer::sum);
    }

    /** Only with the mutex held. */
    private int countLocked(String item) {
        return stock.getOrDefault(item, 0);
    }
}
