package workbook.testkit.preemption;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.ByteBuddyAgent;
import workbook.testkit.BlockingCall;

/**
 * Forces the interleavings that a non-fair lock hides: one thread stopped at a chosen point of the
 * answer's code while another runs its whole operation, for every point in turn.
 *
 * <p>A check and its change in two holds of a lock ({@code if (room) …; unlock; lock; add}) is
 * wrong only when another thread comes in between the holds, and on a non-fair lock it almost
 * never does: the thread that let go takes the lock straight back. Hoping for the gap made such
 * mutants pass CI. While a {@code Preemption} is open, the exercise packages' classes carry
 * {@linkplain PreemptionPointInserter preemption points}; {@link #start} runs a call that stops at
 * its k-th point, and {@link #atEveryPoint} tries k = 1, 2, … until the call no longer reaches
 * it. That covers every interleaving with one preemption of the first thread, with
 * {@code synchronized}, any {@code Lock}, a {@code Semaphore} or a queue alike.
 *
 * <pre>{@code
 * try (var preemption = Preemption.instrument()) {
 *     preemption.atEveryPoint(200, point -> {
 *         var first = preemption.start("first producer", point, () -> buffer.put("a"));
 *         if (!first.awaitStopped(Duration.ofSeconds(2))) return false;   // past its last point
 *         …   // run the other operation whole, then first.resume() and judge
 *         return true;
 *     });
 * }
 * }</pre>
 *
 * <p>The agent is attached once per JVM (the JVM options allow it); closing takes the points out
 * again, so other tests and {@code ./workbook explain} see the classes as compiled.
 */
public final class Preemption implements AutoCloseable {

    private static Instrumentation instrumentation;

    private final PreemptionPointInserter inserter = new PreemptionPointInserter();

    private Preemption() {
    }

    /** Puts preemption points into every exercise class, loaded now or later, until closed. */
    public static synchronized Preemption instrument() {
        if (instrumentation == null) {
            instrumentation = ByteBuddyAgent.install();
        }
        var preemption = new Preemption();
        instrumentation.addTransformer(preemption.inserter, true);
        retransformExerciseClasses();
        preemption.inserter.assertEveryClassInstrumented();
        return preemption;
    }

    @Override
    public void close() {
        synchronized (Preemption.class) {
            instrumentation.removeTransformer(inserter);
            retransformExerciseClasses();
        }
    }

    private static void retransformExerciseClasses() {
        var exerciseClasses = Arrays.stream(instrumentation.getAllLoadedClasses())
                .filter(type -> PreemptionPointInserter.isExerciseClass(type.getName().replace('.', '/')))
                .filter(instrumentation::isModifiableClass)
                .toArray(Class<?>[]::new);
        if (exerciseClasses.length == 0) {
            return;
        }
        try {
            instrumentation.retransformClasses(exerciseClasses);
        } catch (UnmodifiableClassException e) {
            throw new IllegalStateException("cannot put preemption points into " + e.getMessage(), e);
        }
    }

    /** One try of an interleaving: true when the first call was stopped at {@code point}. */
    @FunctionalInterface
    public interface Trial {
        boolean at(int point) throws Exception;
    }

    /**
     * Runs {@code trial} with points 1, 2, … until it answers false (its call ran past its last
     * point); fails when {@code limit} points were not enough, which means a loop inside the call.
     */
    public void atEveryPoint(int limit, Trial trial) throws Exception {
        for (int point = 1; point <= limit; point++) {
            boolean stopped = trial.at(point);
            inserter.assertEveryClassInstrumented();
            if (!stopped) {
                return;
            }
        }
        throw new AssertionError("the call still reached a preemption point after " + limit
                + " of them: does it loop, or wait in a loop that never ends?");
    }

    /** Starts {@code action} on a thread of its own that stops at its {@code point}-th point. */
    public StoppedCall start(String name, int point, BlockingCall.Action action) {
        var armed = new CompletableFuture<PreemptionPoints.Stop>();
        var call = BlockingCall.run(name, () -> {
            var stop = PreemptionPoints.arm(point);
            armed.complete(stop);
            try {
                action.run();
            } finally {
                PreemptionPoints.disarm(stop);
            }
        });
        try {
            return new StoppedCall(call, armed.get(2, TimeUnit.SECONDS));
        } catch (Exception e) {
            call.interrupt();
            throw new AssertionError("the thread \"" + name + "\" did not start within 2 s", e);
        }
    }

    /** A call that stops at a preemption point; {@link #resume} lets it go on. */
    public static final class StoppedCall {
        private final BlockingCall<Void> call;
        private final PreemptionPoints.Stop stop;

        private StoppedCall(BlockingCall<Void> call, PreemptionPoints.Stop stop) {
            this.call = call;
            this.stop = stop;
        }

        /** The call itself, to await its result or see where it waits. */
        public BlockingCall<Void> call() {
            return call;
        }

        /**
         * True once the call stands at its point; false when it ended, or waits of its own accord,
         * before reaching it (so the point lies past its last one).
         */
        public boolean awaitStopped(Duration deadline) throws InterruptedException {
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() - end < 0) {
                if (stop.parked.await(1, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (call.isDone()) {
                    return false;
                }
            }
            throw new AssertionError("\"" + call.thread().getName() + "\" neither reached its preemption point"
                    + " nor ended within " + deadline.toMillis() + " ms: " + call.describe());
        }

        /**
         * Lets the stopped call go on, and returns once it has left its point, so that what the
         * test sees next is the answer's doing. A call that never reached its point just goes on.
         */
        public void resume() throws InterruptedException {
            stop.resume();
            if (stop.parked.getCount() == 0 && !stop.left.await(2, TimeUnit.SECONDS)) {
                throw new AssertionError("\"" + call.thread().getName() + "\" was let go at its preemption point"
                        + " but did not go on within 2 s: " + call.describe());
            }
        }
    }
}
