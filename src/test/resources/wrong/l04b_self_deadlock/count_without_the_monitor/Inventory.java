package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;

/**
 * Wrong: synchronized methods, which are reentrant, so addAll() and take() no longer deadlock; but
 * count() was left without the monitor ("a read changes nothing"). A read of a HashMap changes
 * nothing, yet it is not safe while an add() grows the map: the grown map takes every entry out of
 * the table that count() has already read, and count() finds nothing.
 */
public class Inventory {

    private final Map<String, Integer> stock = new HashMap<>(); // written under the monitor

    public synchronized void add(String item, int quantity) {
        stock.put(item, stock.getOrDefault(item, 0) + quantity);
    }

    public synchronized void addAll(Map<String, Integer> delivery) {
        delivery.forEach(this::add);
    }

    public int count(String item) {
        return stock.getOrDefault(item, 0);
    }

    public synchronized boolean take(String item, int quantity) {
        int inStock = count(item);
        if (inStock < quantity) {
            return false;
        }
        stock.put(item, inStock - quantity);
        return true;
    }

    public synchronized int total() {
        return stock.values().stream().mapToInt(Integer::intValue).sum();
    }
}
