package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A pool that lends a fixed set of objects (connections, say), each to one borrower at a time.
 *
 * <p>As shipped it hands the first object to every borrower at once and never makes anyone wait.
 * Make it lend each object to one borrower at a time, make borrowers wait while every object is
 * out, and make them give up when their timeout passes.
 */
public class ObjectPool<T> {

    private final List<T> objects;

    public ObjectPool(Collection<? extends T> objects) {
        this.objects = List.copyOf(objects);
    }

    /**
     * Lends an idle object to {@code work} and takes it back when {@code work} ends, also when it
     * throws (the exception then reaches the caller). Waits at most {@code timeout} for an object.
     *
     * @return true when {@code work} ran, false when no object came free in time (then it did not run)
     * @throws InterruptedException when interrupted while waiting (then {@code work} did not run)
     */
    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        // TODO: wait (at most timeout) for an idle object, lend it to one borrower only, and take it
        //  back however work ends. A Semaphore with one permit per object does the counting.
        work.accept(objects.getFirst());
        return true;
    }
}
