package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;

/**
 * Right, with {@code synchronized} methods: a monitor is reentrant, so addAll's call to add and
 * take's call to count enter at once on the thread that already holds it, and other threads wait
 * until the outer method returns. This locks on {@code this}, which outside code can also lock;
 * a private lock object would keep it to ourselves.
 */
public class Inventory {

    private final Map<String, Integer> stock = new HashMap<>(); // guarded by this

    public synchronized void add(String item, int quantity) {
        stock.merge(item, quantity, Integer::sum);
    }

    public synchronized void addAll(Map<String, Integer> delivery) {
        delivery.forEach(this::add);
    }

    public synchronized int count(String item) {
        return stock.getOrDefault(item, 0);
    }

    public synchronized boolean take(String item, int quantity) {
        if (count(item) < quantity) {
            return false;
        }
        stock.merge(item, -quantity, Integer::sum);
        return true;
    }

    public synchronized int total() {
        return stock.values().stream().mapToInt(Integer::intValue).sum();
    }
}
