package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: the stock is static, one map shared by every Inventory, so stock added to one shows up in all of them. */
public class Inventory {

    private static final ReentrantLock lock = new ReentrantLock();
    private static final Map<String, Integer> stock = new HashMap<>();

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
