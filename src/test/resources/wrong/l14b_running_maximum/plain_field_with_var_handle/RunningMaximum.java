package l14b_running_maximum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Comparator;

/** Wrong: the compare-and-set is atomic, but get() reads a plain field: compiled, a reading thread may never see a new maximum. */
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
    private T maximum;

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = initial;
        this.order = order;
    }

    @SuppressWarnings("unchecked")
    public void offer(T value) {
        T current = (T) MAXIMUM.getVolatile(this);
        while (order.compare(value, current) > 0) {
            if (MAXIMUM.compareAndSet(this, current, value)) {
                return;
            }
            current = (T) MAXIMUM.getVolatile(this);
        }
    }

    public T get() {
        return maximum;
    }
}
