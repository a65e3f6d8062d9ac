package l11b_task_counter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wrong: taskDone() takes the task out of "in progress" in one hold of the lock and counts it done
 * in a second. counts() between the two holds reads one task fewer than were put in.
 */
public final class TaskQueue<T> {

    /** The four counts as they all were at one instant. */
    public record Counts(int waiting, int inProgress, int done, int failed) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Deque<T> waiting = new ArrayDeque<>(); // guarded by lock
    private int inProgress; // guarded by lock
    private int done; // guarded by lock
    private int failed; // guarded by lock

    public void put(T task) {
        lock.lock();
        try {
            waiting.addLast(Objects.requireNonNull(task, "task"));
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    public T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (waiting.isEmpty()) {
                notEmpty.await();
            }
            inProgress++;
            return waiting.removeFirst();
        } finally {
            lock.unlock();
        }
    }

    public void taskDone() {
        lock.lock();
        try {
            finishOne();
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            done++;
        } finally {
            lock.unlock();
        }
    }

    public void taskFailed() {
        lock.lock();
        try {
            finishOne();
            failed++;
        } finally {
            lock.unlock();
        }
    }

    public boolean join(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (!waiting.isEmpty() || inProgress > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public Counts counts() {
        lock.lock();
        try {
            return new Counts(waiting.size(), inProgress, done, failed);
        } finally {
            lock.unlock();
        }
    }

    private void finishOne() {
        if (inProgress == 0) {
            throw new IllegalStateException("no task is in progress");
        }
        inProgress--;
        if (inProgress == 0 && waiting.isEmpty()) {
            idle.signalAll();
        }
    }
}
