package l14b_running_maximum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Comparator;

/** Right: a volatile field changed through a VarHandle; compareAndExchange hands back the value it found, so a failed attempt needs no second read. */
public class RunningMaximum<T> {

    private static final VarHandle MAXIMUM;

    static {
        try {
            MAXIMUM = MethodHandles.lookup().findVarHandle(RunningMaximum.class, "maximum", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Comparator<? super T> order;
    private volatile T maximum; // changed only through MAXIMUM

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = initial;
        this.order = order;
    }

    @SuppressWarnings("unchecked")
    public void offer(T value) {
        T current = maximum;
        while (order.compare(value, current) > 0) {
            T found = (T) MAXIMUM.compareAndExchange(this, current, value);
            if (found == current) {
                return;
            }
            current = found;
        }
    }

    public T get() {
        return maximum;
    }
}
