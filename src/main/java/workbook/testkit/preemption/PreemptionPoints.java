package workbook.testkit.preemption;

import java.util.concurrent.CountDownLatch;

/**
 * The call that {@link PreemptionPointInserter} puts into exercise code at every point where
 * another thread could usefully come in: before a {@code monitorenter}, after a
 * {@code monitorexit}, and around every call into {@code java.util.concurrent}, into
 * {@code Object.wait} and into the exercise's own classes.
 *
 * <p>A check and its change split into two holds of a non-fair lock cannot be caught by hoping:
 * the thread that lets go takes the lock straight back, and no code of the test runs between the
 * holds. Stopping one chosen thread at its k-th point, while another runs whole, makes that
 * interleaving happen on purpose, whatever lock the answer uses. Only one thread is stopped at a
 * time, and only the thread a {@link Preemption} armed; every other thread passes through with
 * one volatile read.
 */
public final class PreemptionPoints {

    private static volatile Stop armed;

    private PreemptionPoints() {
    }

    /** Called by instrumented exercise code; stops the armed thread at its chosen point. */
    public static void reached() {
        var stop = armed;
        if (stop != null && stop.thread == Thread.currentThread()) {
            stop.reached();
        }
    }

    static Stop arm(int point) {
        var stop = new Stop(Thread.currentThread(), point);
        armed = stop;
        return stop;
    }

    static void disarm(Stop stop) {
        if (armed == stop) {
            armed = null;
        }
    }

    /** One thread's stop at its {@code point}-th preemption point, counted from 1. */
    static final class Stop {
        final Thread thread;
        private final int point;
        private int seen;
        final CountDownLatch parked = new CountDownLatch(1);
        private final CountDownLatch resumed = new CountDownLatch(1);
        /**
         * Counted down once the thread is on its way again: until then it still shows as waiting,
         * and a test that looked at its state right after {@link #resume} would take the stop
         * for a wait of the answer's own.
         */
        final CountDownLatch left = new CountDownLatch(1);

        Stop(Thread thread, int point) {
            this.thread = thread;
            this.point = point;
        }

        private void reached() {
            if (++seen != point) {
                return;
            }
            parked.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    resumed.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            left.countDown();
            if (interrupted) {
                thread.interrupt();
            }
        }

        void resume() {
            resumed.countDown();
        }
    }
}
