package l14b_running_maximum;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The largest value offered so far, kept with a compare-and-set loop: no lock, no lost offer, and
 * a maximum that never goes down.
 *
 * <p>{@code offer} reads the maximum, compares, and asks the {@link AtomicReference} to replace
 * exactly the value it compared with. If another thread changed the maximum in between, the
 * compare-and-set fails, nothing is written, and the loop compares again with the value that
 * is there now: a smaller value gives up, a larger one tries again. So a value is only ever
 * stored over the value it was found larger than, which is why the maximum never decreases, and
 * an offer only gives up once the maximum is at least as large as its value, which is why none is
 * lost. No thread ever waits for another: a thread stopped anywhere in {@code offer} holds
 * nothing, and the others go on (the one that is stopped simply finds its compare-and-set failed
 * when it comes back).
 *
 * <p>Memory consistency effects: {@code get()} is a volatile read, so it sees every value stored
 * by a finished {@code offer}, in any thread.
 */
public class RunningMaximum<T> {

    private final Comparator<? super T> order;
    private final AtomicReference<T> maximum;

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = new AtomicReference<>(initial);
        this.order = order;
    }

    public void offer(T value) {
        T current = maximum.get();
        while (order.compare(value, current) > 0) {
            if (maximum.compareAndSet(current, value)) {
                return;
            }
            current = maximum.get();
        }
    }

    public T get() {
        return maximum.get();
    }
}
