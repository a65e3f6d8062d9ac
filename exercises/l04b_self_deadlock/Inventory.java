package l04b_self_deadlock;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * A warehouse's stock, shared by threads that receive deliveries and threads that ship orders.
 *
 * <p>As shipped it guards the stock with a {@code Semaphore(1)} used as a mutex: like Python's
 * {@code threading.Lock}, it does not know which thread holds it. {@code addAll} and {@code take}
 * call other public methods while they hold it, and those wait for the mutex that their own thread
 * holds: forever. Make every method return, and keep every method one step that no other thread
 * can see half done.
 */
public class Inventory {

    // TODO: this mutex is not reentrant; a thread that holds it and acquires it again waits for itself.
    private final Semaphore mutex = new Semaphore(1);
    private final Map<String, Integer> stock = new HashMap<>(); // guarded by mutex

    /** Adds {@code quantity} of {@code item} to the stock. */
    public void add(String item, int quantity) {
        mutex.acquireUninterruptibly();
        try {
            stock.merge(item, quantity, Integer::sum);
        } finally {
            mutex.release();
        }
    }

    /** Adds a whole delivery as one step: no other thread ever sees part of it in stock. */
    public void addAll(Map<String, Integer> delivery) {
        mutex.acquireUninterruptibly();
        try {
            // TODO: add() acquires the mutex this thread already holds.
            delivery.forEach(this::add);
        } finally {
            mutex.release();
        }
    }

    /** How many of {@code item} are in stock. */
    public int count(String item) {
        mutex.acquireUninterruptibly();
        try {
            return stock.getOrDefault(item, 0);
        } finally {
            mutex.release();
        }
    }

    /**
     * Takes {@code quantity} of {@code item} if that many are in stock, as one step.
     *
     * @return true when they were taken, false (taking nothing) when there are fewer in stock
     */
    public boolean take(String item, int quantity) {
        mutex.acquireUninterruptibly();
        try {
            // TODO: count() acquires the mutex this thread already holds.
            if (count(item) < quantity) {
                return false;
            }
            stock.merge(item, -quantity, Integer::sum);
            return true;
        } finally {
            mutex.release();
        }
    }

    /** How many items of all kinds are in stock. */
    public int total() {
        mutex.acquireUninterruptibly();
        try {
            return stock.values().stream().mapToInt(Integer::intValue).sum();
        } finally {
            mutex.release();
        }
    }
}
