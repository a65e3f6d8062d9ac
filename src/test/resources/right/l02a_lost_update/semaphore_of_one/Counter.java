package l02a_lost_update;

import java.util.concurrent.Semaphore;

/**
 * Right, with a Semaphore of one permit as the mutex: at most one thread is between acquire and
 * release, and a release happens-before the next acquire, so the increment is one step and get()
 * sees it.
 */
public class Counter {

    private final Semaphore mutex = new Semaphore(1);
    private int count; // guarded by mutex

    public void increment() {
        mutex.acquireUninterruptibly();
        try {
            count++;
        } finally {
            mutex.release();
        }
    }

    public int get() {
        mutex.acquireUninterruptibly();
        try {
            return count;
        } finally {
            mutex.release();
        }
    }
}
