package l14b_running_maximum;

import java.util.Comparator;

/** Wrong: a quick check without the lock, then compare again and set under a lock: right answers, but a thread stopped inside the lock holds up the others. */
public class RunningMaximum<T> {

    private final Object lock = new Object();
    private final Comparator<? super T> order;
    private volatile T maximum; // written under lock

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = initial;
        this.order = order;
    }

    public void offer(T value) {
        if (order.compare(value, maximum) <= 0) {
            return;
        }
        synchronized (lock) {
            if (order.compare(value, maximum) > 0) {
                maximum = value;
            }
        }
    }

    public T get() {
        return maximum;
    }
}
