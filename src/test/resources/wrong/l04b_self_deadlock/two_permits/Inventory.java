package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** Wrong: two permits let a nested call through, and also a second thread in the middle of a delivery. */
public class Inventory {

    private final Semaphore mutex = new Semaphore(2);
    private final Map<String, Integer> stock = new HashMap<>();

    public void add(String item, int quantity) {
        mutex.acquireUninterruptibly();
        try {
            stock.merge(item, quantity, Integer::sum);
        } finally {
            mutex.release();
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
        mutex.acquireUninterruptibly();
        try {
            return stock.getOrDefault(item, 0);
        } finally {
            mutex.release();
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
