package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Right, keeping the non-reentrant Semaphore(1): only the public methods acquire it, once each, and
 * they do their work through private helpers that expect it to be held. No thread ever asks for
 * the permit it holds, and each public method is one hold from its check to its last change.
 */
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
        try {
            if (countLocked(item) < quantity) {
                return false;
            }
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
