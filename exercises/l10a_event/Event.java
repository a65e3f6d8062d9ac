package l10a_event;

import java.time.Duration;

/**
 * A flag that threads can wait for, set and cleared again: Python's {@code threading.Event}.
 *
 * <p>Any thread may call any method at any time. As shipped it remembers nothing and never waits.
 */
public class Event {

    // TODO: the state, and what keeps it consistent and visible between threads.

    /** Sets the flag and releases every thread waiting in {@link #await}; does nothing if it is already set. */
    public void set() {
        // TODO
    }

    /** Clears the flag: later calls of {@link #await} wait again until the next {@link #set}. */
    public void clear() {
        // TODO
    }

    /** Whether the flag is set now; from any thread. */
    public boolean isSet() {
        return false; // TODO
    }

    /**
     * Waits until the flag is set, at most {@code timeout}. Returns {@code true} at once if it is set,
     * {@code true} as soon as a {@link #set} happens while this thread waits (even if a {@link #clear}
     * follows at once), and {@code false} when the whole timeout passes with no {@code set}. A zero or
     * negative timeout only looks.
     *
     * @throws InterruptedException if the thread is interrupted before or while it waits
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return false; // TODO
    }
}
