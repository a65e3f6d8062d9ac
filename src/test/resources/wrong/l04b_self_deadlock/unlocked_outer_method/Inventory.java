package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** Wrong: addAll() no longer locks, so other threads can run between its add() calls and see half a delivery. */
public class Inventory {

    private final Semaphore mutex = new Semaphore(1);
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
        delivery.forEach(this::add);
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
            if (stock.getOrDefault(item, 0) < quantity) {
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
