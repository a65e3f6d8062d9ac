package l14b_running_maximum;

import java.util.Comparator;

/**
 * The largest value offered so far, by a given order, shared by many threads.
 *
 * <p>As shipped, two threads that offer at the same time can both compare with the same old
 * maximum, and the smaller of their values can end up stored over the larger one; and a thread
 * that calls {@link #get()} may never see a value another thread offered.
 */
public class RunningMaximum<T> {

    private final Comparator<? super T> order;
    // TODO: hold the maximum where a compare-and-set can replace it, and every thread sees it.
    private T maximum;

    /** Starts with {@code initial} as the maximum; values are compared with {@code order}. */
    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = initial;
        this.order = order;
    }

    /** Makes {@code value} the maximum if it is larger than the maximum; never waits for another thread. */
    public void offer(T value) {
        // TODO: a compare-and-set loop: no offer lost, the maximum never goes down, and no lock.
        if (order.compare(value, maximum) > 0) {
            maximum = value;
        }
    }

    /** The largest value offered so far (or the initial value); never waits. */
    public T get() {
        return maximum;
    }
}
